import torch

cache = torch.hub.get_dir()
