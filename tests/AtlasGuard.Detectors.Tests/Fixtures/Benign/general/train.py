"""Train a gradient-boosted fraud model on the prepared feature table."""
import argparse
import json
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--features", type=Path, default=Path("data/features.parquet"))
    parser.add_argument("--out", type=Path, default=Path("artifacts"))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    frame = pd.read_parquet(args.features)
    labels = frame.pop("is_fraud").to_numpy()
    x_train, x_test, y_train, y_test = train_test_split(frame, labels, test_size=0.2, random_state=args.seed, stratify=labels)

    model = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05, random_state=args.seed)
    model.fit(x_train, y_train)
    scores = model.predict_proba(x_test)[:, 1]
    metrics = {"average_precision": float(average_precision_score(y_test, scores)), "positives": int(np.sum(y_test))}

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2), encoding="utf-8")
    print(json.dumps(metrics))


if __name__ == "__main__":
    main()
