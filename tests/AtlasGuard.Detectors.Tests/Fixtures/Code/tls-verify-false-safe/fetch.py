import requests

resp = requests.get("https://models.internal/v1/model.bin", verify="/etc/ssl/internal-ca.pem", timeout=30)
other = requests.get("https://huggingface.co", timeout=30)
