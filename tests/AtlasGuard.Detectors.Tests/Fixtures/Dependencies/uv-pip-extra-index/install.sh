#!/usr/bin/env bash
set -euo pipefail
uv pip install --system \
    --extra-index-url https://download.pytorch.org/whl/cu121 \
    torch==2.3.1 torchvision==0.18.1
