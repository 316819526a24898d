import pytest
import torch

from fraud.model import FraudNet


@pytest.fixture
def model():
    torch.manual_seed(0)
    return FraudNet(in_features=4, hidden=8)


def test_output_shape(model):
    assert model(torch.zeros(3, 4)).shape == (3, 1)


def test_probabilities_are_bounded(model):
    probs = model.predict_proba(torch.randn(16, 4))
    assert ((probs >= 0) & (probs <= 1)).all()
