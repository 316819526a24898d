import re

import numpy as np

_PATTERN = re.compile(r"^step\s+(\d+)\s+loss\s+([0-9.]+)$")


def expected_calibration_error(probs: np.ndarray, labels: np.ndarray, bins: int = 15) -> float:
    edges = np.linspace(0.0, 1.0, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        mask = (probs > lo) & (probs <= hi)
        if mask.any():
            total += mask.mean() * abs(probs[mask].mean() - labels[mask].mean())
    return float(total)


def load_baseline(path: str) -> np.ndarray:
    return np.load(path)


def parse_log(lines):
    return [(int(m.group(1)), float(m.group(2))) for m in map(_PATTERN.match, lines) if m]
