#!/usr/bin/env bash
# Start the local servers for development; everything listens on localhost.
set -e
mlflow server --host 127.0.0.1 --port 5000 --backend-store-uri sqlite:///mlruns.db &
tensorboard --logdir runs --port 6006 &
jupyter lab --no-browser --port 8888 &
OLLAMA_HOST=127.0.0.1:11434 ollama serve &
ray start --head --dashboard-host=127.0.0.1 --include-dashboard=true
wait
