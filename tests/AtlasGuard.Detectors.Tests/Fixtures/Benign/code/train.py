"""Train the fraud classifier on the prepared parquet features."""
import argparse
import logging
from pathlib import Path

import torch
import torch.nn as nn
import yaml
from safetensors.torch import save_file
from torch.utils.data import DataLoader

from fraud.data import FraudDataset
from fraud.model import FraudNet

log = logging.getLogger(__name__)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", type=Path, default=Path("configs/train.yaml"))
    parser.add_argument("--resume", type=Path, default=None)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    with args.config.open(encoding="utf-8") as fh:
        cfg = yaml.safe_load(fh)
    model = FraudNet(**cfg["model"])
    if args.resume is not None:
        state = torch.load(args.resume, map_location="cpu", weights_only=True)
        model.load_state_dict(state)
    loader = DataLoader(FraudDataset(cfg["data"]["train"]), batch_size=cfg["batch_size"], shuffle=True, num_workers=4)
    optimizer = torch.optim.AdamW(model.parameters(), lr=float(cfg["lr"]), weight_decay=1e-2)
    criterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor(cfg["pos_weight"]))
    for epoch in range(cfg["epochs"]):
        model.train()
        running = 0.0
        for features, labels in loader:
            optimizer.zero_grad()
            loss = criterion(model(features).squeeze(-1), labels.float())
            loss.backward()
            optimizer.step()
            running += loss.item()
        log.info("epoch %d loss %.4f", epoch, running / len(loader))
    model.eval()
    save_file(model.state_dict(), "artifacts/model.safetensors")


if __name__ == "__main__":
    main()
