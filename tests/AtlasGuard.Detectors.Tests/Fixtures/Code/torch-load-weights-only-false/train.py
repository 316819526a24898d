import torch as T
from pathlib import Path


def resume(path: Path):
    state = T.load(
        path,
        map_location="cpu",
        weights_only=False,
    )
    return state["model"]
