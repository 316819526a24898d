#!/usr/bin/env bash
set -euo pipefail
export MLFLOW_TRACKING_URI=https://mlflow.acme.internal
export MLFLOW_TRACKING_USERNAME=trainer
export MLFLOW_TRACKING_PASSWORD='Qz8-rT41mWv-0pLk'
python train.py --epochs 20
