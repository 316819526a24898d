import os
import shlex
import subprocess


def nvidia_smi() -> str:
    return subprocess.check_output(["nvidia-smi", "--query-gpu=name,memory.used", "--format=csv"], text=True)


def disk_usage(path: str) -> str:
    return subprocess.run(["du", "-sh", path], check=True, capture_output=True, text=True).stdout


def clear_screen() -> None:
    os.system("clear")


def quoted(args) -> str:
    return " ".join(shlex.quote(a) for a in args)
