"""Checks the C# fixture generators of AtlasGuard.Benchmarks against CPython's own pickler.

The benchmark program writes small samples with exactly the code that writes the big fixtures:

    dotnet run -c Release --project benchmarks/AtlasGuard.Benchmarks -- --write-sample large-array /tmp/s/large-array.pkl
    dotnet run -c Release --project benchmarks/AtlasGuard.Benchmarks -- --write-sample opcode-dense /tmp/s/opcode-dense.pkl
    dotnet run -c Release --project benchmarks/AtlasGuard.Benchmarks -- \
        --write-sample opcode-dense-optimized /tmp/s/opcode-dense-optimized.pkl
    dotnet run -c Release --project benchmarks/AtlasGuard.Benchmarks -- --write-sample torch-zip /tmp/s/torch.pt
    /usr/bin/python3 benchmarks/python/check_fixtures.py /tmp/s

This script rebuilds the same objects in Python, pickles them with protocol 4 and requires byte-for-byte equality
(so the layout, FRAMEs and memo use are the real thing), then loads each sample back. The optimised variant must
have the opcodes of pickletools.optimize's output (FRAME boundaries aside). The samples are benign data
that the benchmark program generated; torch is only needed for the checkpoint check and is skipped when missing.
"""

import os
import pickle
import pickletools
import sys
import zipfile

import numpy as np

# Keep in step with Samples.cs and the generators in benchmarks/AtlasGuard.Benchmarks/Fixtures.
LARGE_ARRAY_ARRAYS, LARGE_ARRAY_ROWS, LARGE_ARRAY_COLS = 3, 64, 300
OPCODE_DENSE_RECORDS = 5000
TORCH_EMBEDDING_ROWS = 4
FIRST = ["Alexandra", "Benjamin", "Charlotte", "Dominic", "Eleanor", "Frederick", "Gabriella", "Harrison",
         "Isabella", "Jonathan", "Katherine", "Leonardo", "Margaret", "Nathaniel", "Olivia", "Priscilla"]
LAST = ["Abernathy", "Blackwood", "Castellano", "Drummond", "Ellsworth", "Fairbanks", "Galloway", "Hawthorne",
        "Kingsley", "Lockwood", "Montgomery", "Pemberton", "Rutherford", "Sinclair", "Thornbury", "Whitfield", "Yardley"]
REGIONS = ["eu-west-1", "us-east-2", "ap-south-1", "sa-east-1", "ca-central-1"]
VOCABULARY = ["premium", "trial", "enterprise", "free", "beta", "legacy", "partner", "internal"]


def large_array_objects():
    arrays = {}
    for k in range(LARGE_ARRAY_ARRAYS):
        n = LARGE_ARRAY_ROWS * LARGE_ARRAY_COLS
        values = (((np.arange(n, dtype=np.int64) + 7 * k) % 2001) - 1000).astype(np.float32) * np.float32(0.001)
        arrays[f"layers.{k}.weight"] = values.reshape(LARGE_ARRAY_ROWS, LARGE_ARRAY_COLS)
    return arrays


def opcode_dense_objects():
    # Names and labels are new str objects per record (as after json.load); keys and tags are shared objects.
    return [{"id": i,
             "name": f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]} #{i:07d}",
             "score": (i % 10007) / 100.0,
             "tags": [VOCABULARY[i % len(VOCABULARY)], f"{REGIONS[i % len(REGIONS)]}/batch-{i // 1000:05d}"]}
            for i in range(OPCODE_DENSE_RECORDS)]


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def compare(name, path, expected_bytes):
    with open(path, "rb") as f:
        actual = f.read()
    if actual == expected_bytes:
        print(f"{name}: identical to pickle.dumps(protocol=4) ({len(actual):,} bytes)")
        return True
    at = first_difference(actual, expected_bytes)
    print(f"{name}: DIFFERS at byte {at} (C# {len(actual):,} bytes, Python {len(expected_bytes):,} bytes)")
    print("  C#:    ", actual[max(0, at - 16):at + 16])
    print("  Python:", expected_bytes[max(0, at - 16):at + 16])
    return False


def check_large_array(path):
    expected = large_array_objects()
    ok = compare("large-array", path, pickle.dumps(expected, protocol=4))
    with open(path, "rb") as f:
        loaded = pickle.load(f)
    ok &= loaded.keys() == expected.keys() and all(np.array_equal(loaded[k], expected[k]) for k in expected)
    print(f"large-array: pickle.load gives {len(loaded)} arrays, equal: {ok}")
    return ok


def check_opcode_dense(path):
    expected = opcode_dense_objects()
    ok = compare("opcode-dense", path, pickle.dumps(expected, protocol=4))
    with open(path, "rb") as f:
        loaded = pickle.load(f)
    ok &= loaded == expected
    frames = sum(1 for op, _, _ in pickletools.genops(open(path, "rb")) if op.name == "FRAME")
    print(f"opcode-dense: pickle.load gives {len(loaded)} records, equal: {loaded == expected}, {frames} FRAMEs")
    return ok


def check_opcode_dense_optimized(path):
    expected = opcode_dense_objects()
    reference = pickletools.optimize(pickle.dumps(expected, protocol=4))
    with open(path, "rb") as f:
        actual = f.read()

    def opcodes(data):
        return [(op.name, arg) for op, arg, _ in pickletools.genops(data) if op.name != "FRAME"]

    same_opcodes = opcodes(actual) == opcodes(reference)
    equal = pickle.loads(actual) == expected
    print(f"opcode-dense-optimized: opcodes identical to pickletools.optimize's (FRAMEs aside): {same_opcodes}, "
          f"pickle.loads equal: {equal}")
    return same_opcodes and equal


def check_torch_zip(path):
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        names = z.namelist()
    print(f"torch-zip: members {names}, CRC errors: {bad}")
    try:
        import torch
    except ImportError:
        print("torch-zip: torch not installed, load skipped")
        return bad is None
    import io

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.embed = torch.nn.Embedding(TORCH_EMBEDDING_ROWS, 4096)
            self.head = torch.nn.Linear(4096, 16)

    buffer = io.BytesIO()
    torch.save(Model().state_dict(), buffer)
    with zipfile.ZipFile(buffer) as z:
        reference = z.read("archive/data.pkl")
    with zipfile.ZipFile(path) as z:
        ours = z.read("archive/data.pkl")
    same = reference == ours
    print(f"torch-zip: data.pkl identical to torch.save's for the same model: {same}")
    state = torch.load(path)
    shapes = {k: tuple(v.shape) for k, v in state.items()}
    print(f"torch-zip: torch.load gives {type(state).__name__} {shapes}, _metadata {dict(state._metadata)}")
    return bad is None and same and list(shapes) == ["embed.weight", "head.weight", "head.bias"]


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "/tmp/atlasguard-samples"
    checks = [("large-array.pkl", check_large_array), ("opcode-dense.pkl", check_opcode_dense),
              ("opcode-dense-optimized.pkl", check_opcode_dense_optimized), ("torch.pt", check_torch_zip)]
    ok = True
    for name, check in checks:
        path = os.path.join(folder, name)
        if os.path.exists(path):
            ok &= bool(check(path))
        else:
            print(f"{name}: missing in {folder}")
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
