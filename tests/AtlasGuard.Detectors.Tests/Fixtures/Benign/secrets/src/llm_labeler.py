import os

from anthropic import Anthropic
from openai import OpenAI

openai_client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
anthropic_client = Anthropic(api_key=os.getenv("ANTHROPIC_API_KEY"))
groq_key = os.environ.get("GROQ_API_KEY", "")
cohere_key = os.environ["COHERE_API_KEY"]


def label(text: str) -> str:
    reply = openai_client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": f"Is this transaction fraudulent? {text}"}]
    )
    return reply.choices[0].message.content or ""
