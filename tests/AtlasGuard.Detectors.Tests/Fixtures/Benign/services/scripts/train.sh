#!/usr/bin/env bash
# Train and register the churn model.
set -euo pipefail
export MLFLOW_TRACKING_URI=${MLFLOW_TRACKING_URI:-http://127.0.0.1:5000}
export CUDA_VISIBLE_DEVICES=0
python -m churn.data.prepare --input data/raw --output data/processed
python -m churn.train --config configs/train.yaml --epochs "${EPOCHS:-30}"
python -m churn.evaluate --run-id "$(cat .last_run_id)" | tee reports/eval.txt
