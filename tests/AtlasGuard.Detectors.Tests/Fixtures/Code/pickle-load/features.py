from pickle import loads as l
import joblib
import pandas as pd

with open("cache.bin", "rb") as fh:
    features = l(fh.read())
model = joblib.load("model.joblib")
frame = pd.read_pickle("frame.pkl")
