import hashlib
import uuid

FEATURE_SET_VERSION = "7902699be42c8a8e46fbbb4501726517e86b22c56a189f7625a6da49081b2451"
SCHEMA_ID = uuid.UUID("bdd640fb-0667-1ad1-1c80-317fa3b1799d")
CACHE_KEYS = {
    "merchant_embeddings": "c4ca4238a0b923820dcc509a6f75849b",
    "card_velocity": "c81e728d9d4c2f636f067f89cc14862c",
    "geo_risk": "eccbc87e4b5ce2fe28308fd9f2a7baf3",
}


def row_key(card_id: str, ts: int) -> str:
    return hashlib.sha256(f"{card_id}:{ts}".encode()).hexdigest()
