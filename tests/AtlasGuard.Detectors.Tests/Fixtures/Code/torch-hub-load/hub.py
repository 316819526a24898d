import torch

model = torch.hub.load("someone/yolo-fork", "custom", trust_repo=True)
