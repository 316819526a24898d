import json
import pickle


def load(path):
    with open(path) as fh:
        return json.load(fh)


pickle.dumps({"a": 1})
cfg = load("config.json")
