"""Planted example (AtlasGuard): a Ray training entry point. Not meant to be run."""
import os

import mlflow
import ray

ray.init(address=os.environ.get("RAY_ADDRESS", "auto"))
mlflow.set_tracking_uri(os.environ.get("MLFLOW_TRACKING_URI", "http://mlflow:5000"))
