import torch
import torch.nn as nn


class FraudNet(nn.Module):
    def __init__(self, in_features: int = 32, hidden: int = 128, dropout: float = 0.2) -> None:
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(in_features, hidden),
            nn.ReLU(),
            nn.Dropout(dropout),
            nn.Linear(hidden, 1),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)

    @torch.no_grad()
    def predict_proba(self, x) -> torch.Tensor:
        self.eval()
        return torch.sigmoid(self(torch.as_tensor(x))).squeeze(-1).numpy()
