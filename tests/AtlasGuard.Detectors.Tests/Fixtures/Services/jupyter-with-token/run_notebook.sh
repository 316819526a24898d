#!/bin/sh
set -e
: "${JUPYTER_TOKEN:?set JUPYTER_TOKEN first}"
jupyter lab --ip=127.0.0.1 --port=8888 --no-browser --IdentityProvider.token="$JUPYTER_TOKEN"
