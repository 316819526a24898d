#!/bin/sh
# Reach the cluster dashboards from a laptop without exposing them.
kubectl -n mlops port-forward svc/tuning-head-svc 8265:8265 &
kubectl -n mlops port-forward --address 127.0.0.1 svc/mlflow 5000:5000 &
ssh -N -L 8888:localhost:8888 gpu-box.internal
