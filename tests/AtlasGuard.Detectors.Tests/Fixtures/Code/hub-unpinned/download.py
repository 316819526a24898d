from huggingface_hub import hf_hub_download
from transformers import AutoModel

model = AutoModel.from_pretrained("acme-research/fraud-encoder")
weights = hf_hub_download(repo_id="acme-research/fraud-encoder", filename="model.safetensors", revision="main")
