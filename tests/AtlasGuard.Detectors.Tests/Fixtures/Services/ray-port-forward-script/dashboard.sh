#!/usr/bin/env bash
# Give the team access to the dashboard from the bastion.
set -euo pipefail
NAMESPACE=${NAMESPACE:-ml}
kubectl -n "$NAMESPACE" port-forward --address 0.0.0.0 svc/raycluster-train-head-svc 8265:8265 &
echo "dashboard on http://$(hostname -f):8265"
wait
