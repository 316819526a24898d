"""Convert a trusted, locally produced PyTorch state dict to safetensors."""
import sys

import torch
from safetensors.torch import load_file, save_file

state = torch.load(sys.argv[1], map_location="cpu", weights_only=True)
save_file({k: v.contiguous() for k, v in state.items()}, sys.argv[2])
roundtrip = load_file(sys.argv[2])
assert roundtrip.keys() == state.keys()
