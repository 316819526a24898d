#!/bin/bash
# Launch JupyterLab on the GPU box so the team can connect from their laptops.
source /opt/conda/bin/activate research
cd /workspace
exec jupyter lab \
  --ip=0.0.0.0 --port=8888 --no-browser --allow-root \
  --ServerApp.token='' \
  --ServerApp.allow_origin='*'
