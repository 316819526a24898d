import torch

opts = {"weights_only": True}
a = torch.load("a.pt", weights_only=True)
b = torch.load("b.pt", **opts)
