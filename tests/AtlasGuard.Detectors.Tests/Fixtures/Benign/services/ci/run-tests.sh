#!/usr/bin/env bash
set -euo pipefail
docker compose -f docker-compose.yml up -d mlflow
trap 'docker compose down -v' EXIT
for i in $(seq 1 30); do curl -fsS http://127.0.0.1:5000/health && break; sleep 1; done
pytest -q tests/integration
