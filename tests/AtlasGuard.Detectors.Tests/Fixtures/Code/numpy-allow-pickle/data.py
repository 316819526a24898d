import numpy as np

arrays = np.load("embeddings.npz", allow_pickle=True)
