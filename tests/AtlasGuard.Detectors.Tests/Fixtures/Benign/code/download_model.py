from huggingface_hub import hf_hub_download, snapshot_download

REVISION = "86b5e0934494bd15c9632b12f734a8a67f723594"

local_dir = snapshot_download("google-bert/bert-base-uncased", revision="86b5e0934494bd15c9632b12f734a8a67f723594", allow_patterns=["*.json", "*.safetensors"])
config = hf_hub_download(repo_id="google-bert/bert-base-uncased", filename="config.json", revision=REVISION)
print(local_dir, config)
