import json
import sys

import numpy as np
import pandas as pd
from safetensors.torch import load_file
from sklearn.metrics import average_precision_score, roc_auc_score

from fraud.model import FraudNet


def evaluate(weights: str, features: str) -> dict:
    frame = pd.read_parquet(features)
    model = FraudNet(in_features=frame.shape[1] - 1)
    model.load_state_dict(load_file(weights))
    model.eval()
    scores = model.predict_proba(frame.drop(columns=["label"]).to_numpy(np.float32))
    return {
        "roc_auc": float(roc_auc_score(frame["label"], scores)),
        "pr_auc": float(average_precision_score(frame["label"], scores)),
    }


if __name__ == "__main__":
    json.dump(evaluate(sys.argv[1], sys.argv[2]), sys.stdout, indent=2)
