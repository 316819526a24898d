import torch

NOTE = "never call torch.load(p, weights_only=False)"
state = torch.load("ckpt.pt", map_location="cpu", weights_only=True)  # torch.load(x, weights_only=False)
