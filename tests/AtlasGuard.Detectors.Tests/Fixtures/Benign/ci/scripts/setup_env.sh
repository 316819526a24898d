#!/usr/bin/env bash
set -euo pipefail
python -m venv .venv
source .venv/bin/activate
pip install --upgrade pip
pip install --require-hashes -r requirements/dev.txt
pip install --no-deps -e .
echo "Environment ready"
