import os

OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]
ANTHROPIC_API_KEY = os.getenv("ANTHROPIC_API_KEY", "")
client = Mistral(api_key=os.environ["MISTRAL_API_KEY"])
# keys look like sk-proj-... and sk-ant-api03-...
