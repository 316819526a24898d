"""Fraud detection package."""
from .model import FraudNet

__all__ = ["FraudNet"]
