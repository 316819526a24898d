from tensorflow import keras

model = keras.models.load_model("model.keras", safe_mode=False)
