"""Train the fraud classifier on data/sample_transactions.csv and write models/."""
import argparse
import csv
from pathlib import Path

import joblib
import numpy as np
import torch
from sklearn.preprocessing import StandardScaler
from torch import nn

FEATURES = [
    "amount", "hour", "merchant_risk", "distance_km",
    "card_present", "foreign", "txn_count_24h", "avg_amount_30d",
]


class FraudMLP(nn.Module):
    def __init__(self, n_features: int = len(FEATURES), hidden: int = 16):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(n_features, hidden), nn.ReLU(),
            nn.Linear(hidden, 8), nn.ReLU(),
            nn.Linear(8, 1),
        )

    def forward(self, x):
        return self.net(x).squeeze(-1)


def load(path: Path):
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    x = np.array([[float(r[c]) for c in FEATURES] for r in rows], dtype=np.float32)
    y = np.array([float(r["is_fraud"]) for r in rows], dtype=np.float32)
    return x, y


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("data/sample_transactions.csv"))
    ap.add_argument("--out", type=Path, default=Path("models"))
    ap.add_argument("--epochs", type=int, default=30)
    args = ap.parse_args()

    torch.manual_seed(7)
    x, y = load(args.data)
    scaler = StandardScaler().fit(x)
    xt = torch.from_numpy(scaler.transform(x).astype(np.float32))
    yt = torch.from_numpy(y)

    model = FraudMLP()
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    loss_fn = nn.BCEWithLogitsLoss(pos_weight=torch.tensor(3.0))
    for epoch in range(args.epochs):
        opt.zero_grad()
        loss = loss_fn(model(xt), yt)
        loss.backward()
        opt.step()

    args.out.mkdir(parents=True, exist_ok=True)
    torch.save({"model_state_dict": model.state_dict(), "features": FEATURES,
                "epoch": args.epochs, "threshold": 0.5, "train_loss": float(loss)},
               args.out / "fraud_clf_v1.pt")
    joblib.dump(scaler, args.out / "scaler.joblib")
    print(f"saved model and scaler to {args.out} (loss {loss.item():.4f})")


if __name__ == "__main__":
    main()
