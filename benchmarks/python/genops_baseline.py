"""Times pickletools.genops over a pickle file: the engine of picklescan-class scanners.

picklescan (not installable here) walks a file with pickletools.genops and looks at GLOBAL / STACK_GLOBAL and the
strings before them. This script measures that walk on the benchmark fixtures so AtlasGuard's figures have a
Python-side reference:

    /usr/bin/python3 benchmarks/python/genops_baseline.py /tmp/atlasguard-bench/large-array-v1.pkl
    /usr/bin/python3 benchmarks/python/genops_baseline.py --repeat 3 /tmp/atlasguard-bench/opcode-dense-v1.pkl

Modes:
  iterate      for opcode, arg, pos in genops(file): count  (the bare minimum any genops-based scanner pays)
  globals      the same walk, also tracking the last strings and recording GLOBAL / STACK_GLOBAL imports,
               roughly what picklescan's _list_globals does (it materialises the opcode list; this does not,
               so it is if anything a little faster than picklescan)

genops reads every argument, so the raw bytes of BINBYTES payloads are read (and copied) too. Nothing is
unpickled. Prints MB/s (10^6 bytes per second), opcodes, and the peak RSS of this process.
"""

import argparse
import os
import pickletools
import resource
import sys
import time


def walk_iterate(f):
    count = 0
    for _ in pickletools.genops(f):
        count += 1
    return count, 0


def walk_globals(f):
    count = 0
    imports = set()
    strings = []  # the most recent string arguments, as picklescan looks back for STACK_GLOBAL's operands
    for opcode, arg, _pos in pickletools.genops(f):
        count += 1
        name = opcode.name
        if name in ("SHORT_BINUNICODE", "BINUNICODE", "BINUNICODE8", "UNICODE", "STRING", "BINSTRING",
                    "SHORT_BINSTRING"):
            strings.append(arg)
            if len(strings) > 2:
                del strings[0]
        elif name in ("GLOBAL", "INST"):
            module, _, attribute = arg.partition(" ")
            imports.add((module, attribute))
        elif name == "STACK_GLOBAL" and len(strings) == 2:
            imports.add((strings[0], strings[1]))
    return count, len(imports)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--mode", choices=("iterate", "globals", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=3, help="runs per file and mode; the best and mean are printed")
    args = parser.parse_args()

    modes = ("iterate", "globals") if args.mode == "both" else (args.mode,)
    walkers = {"iterate": walk_iterate, "globals": walk_globals}
    print(f"Python {sys.version.split()[0]}, pickletools.genops; MB = 10^6 bytes")
    for path in args.files:
        size = os.path.getsize(path)
        for mode in modes:
            times = []
            for _ in range(args.repeat):
                with open(path, "rb", buffering=1 << 20) as f:
                    start = time.perf_counter()
                    count, imports = walkers[mode](f)
                    times.append(time.perf_counter() - start)
            best, mean = min(times), sum(times) / len(times)
            peak_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{os.path.basename(path)} [{mode}]: {size / 1e6:,.1f} MB, {count:,} opcodes, "
                  f"{imports} imports; best {best:.3f} s = {size / 1e6 / best:,.1f} MB/s, "
                  f"mean {mean:.3f} s = {size / 1e6 / mean:,.1f} MB/s; peak RSS so far {peak_rss_mib:,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
