from src.logging_utils import redact


def test_redact_hides_the_token():
    assert redact("token=<redacted>") == "token=<redacted>"
    assert redact("HF_TOKEN=hf_...") == "HF_TOKEN=hf_..."
