import keras

model = keras.models.load_model("model.keras")
strict = keras.saving.load_model("other.keras", safe_mode=True)
