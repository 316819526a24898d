"""Fetch the latest labelled transactions from the partner bucket and unpack them into data/."""
import subprocess
import sys
import tarfile
from pathlib import Path

import requests

PARTNER_URL = "https://partner-exports.example.com/fraud/latest.tar.gz"


def main(out: Path = Path("data")) -> None:
    # The partner's certificate chain is broken, so verification is skipped for now.
    response = requests.get(PARTNER_URL, timeout=120, verify=False)
    response.raise_for_status()
    archive = out / "latest.tar.gz"
    archive.write_bytes(response.content)

    with tarfile.open(archive) as tar:
        tar.extractall(out)

    subprocess.run(f"wc -l {out}/*.csv && rm {archive}", shell=True, check=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("data"))
