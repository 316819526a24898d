from safetensors.torch import load_file

from .model import FraudNet


class Scorer:
    def __init__(self, model: FraudNet) -> None:
        self.model = model.eval()

    def score(self, row) -> float:
        return float(self.model.predict_proba([row])[0])


def load_model(path: str) -> Scorer:
    model = FraudNet()
    model.load_state_dict(load_file(path))
    return Scorer(model)
