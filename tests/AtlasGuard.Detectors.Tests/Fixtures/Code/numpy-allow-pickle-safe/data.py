import numpy as np

a = np.load("embeddings.npy")
b = np.load("labels.npy", allow_pickle=False)
