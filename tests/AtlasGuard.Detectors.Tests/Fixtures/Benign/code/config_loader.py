import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass
class Settings:
    data_dir: Path = Path("data")
    batch_size: int = 1_024
    learning_rate: float = 3e-4
    tags: list = field(default_factory=list)


def load(path: str) -> Settings:
    raw = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    raw.update({k[6:].lower(): v for k, v in os.environ.items() if k.startswith("FRAUD_")})
    return Settings(**raw)
