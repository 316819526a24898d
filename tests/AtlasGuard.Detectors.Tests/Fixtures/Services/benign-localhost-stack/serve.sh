#!/usr/bin/env bash
mlflow ui --port 5000 &
tensorboard --logdir runs &
ollama serve &
docker run --rm -p 127.0.0.1:8265:8265 rayproject/ray:2.40.0 ray start --head --dashboard-host=0.0.0.0 --block
