#!/usr/bin/env bash
# uv takes each package from the first index that has it, so the PyTorch index cannot be overridden from PyPI.
set -euo pipefail
uv pip install \
    --extra-index-url https://download.pytorch.org/whl/cu121 \
    torch==2.3.1 torchvision==0.18.1
