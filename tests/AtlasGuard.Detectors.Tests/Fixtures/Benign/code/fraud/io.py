import json
import os
from pathlib import Path

import requests

API = os.environ.get("FEATURE_STORE_URL", "https://features.internal.example")
CA_BUNDLE = os.environ.get("INTERNAL_CA", "/etc/ssl/certs/internal-ca.pem")


def read_json(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def fetch_features(customer_id: str) -> dict:
    response = requests.get(f"{API}/customers/{customer_id}/features", timeout=10, verify=CA_BUNDLE)
    response.raise_for_status()
    return response.json()


def post_metrics(metrics: dict) -> None:
    session = requests.Session()
    session.verify = CA_BUNDLE
    session.post(f"{API}/metrics", json=metrics, timeout=10).raise_for_status()
