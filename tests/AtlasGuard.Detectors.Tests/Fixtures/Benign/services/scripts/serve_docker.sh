#!/usr/bin/env bash
set -euo pipefail
IMAGE=registry.example.com/churn/api:${TAG:-latest}
docker build -t "$IMAGE" -f docker/Dockerfile.api .
docker run --rm -d --name churn-api -p 127.0.0.1:8080:8080 "$IMAGE"
docker run --rm -d --name ollama -p 127.0.0.1:11434:11434 -v ollama:/root/.ollama ollama/ollama:0.6.8
docker run --rm -it -p 127.0.0.1:8888:8888 -e JUPYTER_TOKEN="$(openssl rand -hex 24)" quay.io/jupyter/base-notebook:2024-10-07
