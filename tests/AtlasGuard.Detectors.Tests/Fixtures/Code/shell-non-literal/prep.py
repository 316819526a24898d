import os
import subprocess as sp


def fetch(url, out):
    sp.run(f"curl -L {url} -o {out}", shell=True, check=True)
    os.system("tar xzf " + out)
