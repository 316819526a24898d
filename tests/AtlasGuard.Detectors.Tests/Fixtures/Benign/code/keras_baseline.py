import keras
import numpy as np

inputs = keras.Input(shape=(32,))
hidden = keras.layers.Dense(64, activation="relu")(inputs)
outputs = keras.layers.Dense(1, activation="sigmoid")(hidden)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["auc"])
model.fit(np.random.rand(256, 32), np.random.randint(0, 2, 256), epochs=2, verbose=0)
model.save("artifacts/baseline.keras")
reloaded = keras.models.load_model("artifacts/baseline.keras")
