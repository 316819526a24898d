from dataclasses import dataclass

import pandas as pd
import torch
from torch.utils.data import Dataset


@dataclass(frozen=True)
class Columns:
    label: str = "is_fraud"
    drop: tuple = ("transaction_id", "customer_id")


class FraudDataset(Dataset):
    def __init__(self, path: str, columns: Columns = Columns()) -> None:
        frame = pd.read_parquet(path).drop(columns=list(columns.drop))
        self.labels = torch.tensor(frame.pop(columns.label).to_numpy())
        self.features = torch.tensor(frame.to_numpy(dtype="float32"))

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, index: int):
        return self.features[index], self.labels[index]
