from torch import load

checkpoint = load("checkpoints/best.pt", map_location="cpu")
