import os
import subprocess


def fetch(url, out):
    subprocess.run(["curl", "-L", url, "-o", out], check=True)
    subprocess.run("nvidia-smi", shell=True)
    os.system("clear")
