#!/usr/bin/env bash
set -euo pipefail
# DATA_SAS_URL is provided by the CI secret store; it is read-only and expires daily.
: "${DATA_SAS_URL:?set DATA_SAS_URL}"
azcopy copy "$DATA_SAS_URL" data/ --recursive
kaggle datasets download -d acme/fraud-sample -p data/ --unzip
