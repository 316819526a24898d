import ssl
import requests

resp = requests.get("https://models.internal/v1/model.bin", verify=False, timeout=30)
session = requests.Session()
session.verify = False
ctx = ssl._create_unverified_context()
