"""Download and unpack the public transactions archive, then split it."""
import hashlib
import subprocess
import tarfile
from pathlib import Path

import requests

ARCHIVE_URL = "https://data.example.org/transactions-2024.tar.gz"
ARCHIVE_SHA256 = "3f1c0a9e3d8b7f6e5d4c3b2a19081726354433221100ffeeddccbbaa99887766"


def fetch(target: Path) -> Path:
    response = requests.get(ARCHIVE_URL, timeout=60)
    response.raise_for_status()
    digest = hashlib.sha256(response.content).hexdigest()
    if digest != ARCHIVE_SHA256:
        raise ValueError(f"checksum mismatch: {digest}")
    target.write_bytes(response.content)
    return target


def unpack(archive: Path, into: Path) -> None:
    with tarfile.open(archive, "r:gz") as tar:
        tar.extractall(into, filter="data")


def git_revision() -> str:
    result = subprocess.run(["git", "rev-parse", "HEAD"], check=True, capture_output=True, text=True)
    return result.stdout.strip()


if __name__ == "__main__":
    path = fetch(Path("data/raw/transactions.tar.gz"))
    unpack(path, Path("data/raw"))
    print("prepared at", git_revision())
