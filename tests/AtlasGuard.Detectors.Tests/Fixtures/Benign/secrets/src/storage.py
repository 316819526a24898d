import os

from azure.identity import DefaultAzureCredential
from azure.storage.blob import BlobServiceClient

ACCOUNT_URL = "https://acmefraud.blob.core.windows.net"


def client() -> BlobServiceClient:
    # Managed identity in production; the emulator locally.
    if os.environ.get("USE_AZURITE"):
        return BlobServiceClient.from_connection_string(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"
        )
    return BlobServiceClient(ACCOUNT_URL, credential=DefaultAzureCredential())
