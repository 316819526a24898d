#!/usr/bin/env bash
# Credentials come from the secret store mounted by the job runner.
set -euo pipefail
export MLFLOW_TRACKING_URI=http://127.0.0.1:5000
export MLFLOW_TRACKING_PASSWORD="$(cat /run/secrets/mlflow_password)"
export HF_TOKEN="${HF_TOKEN:?HF_TOKEN must be set}"
export WANDB_API_KEY=$WANDB_API_KEY
export NCCL_DEBUG=INFO
torchrun --nproc_per_node=8 src/train.py "$@"
