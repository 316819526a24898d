import os
from huggingface_hub import snapshot_download
from transformers import AutoModel, AutoTokenizer

SHA = "86b5e0934494bd15c9632b12f734a8a67f723594"
model = AutoModel.from_pretrained("google-bert/bert-base-uncased", revision="86b5e0934494bd15c9632b12f734a8a67f723594")
local = AutoModel.from_pretrained("./outputs/checkpoint-500")
named = AutoTokenizer.from_pretrained(os.environ["MODEL"], revision=SHA)
snapshot_download("google-bert/bert-base-uncased", revision=SHA)
