"""Planted example (AtlasGuard): the education start-up's tutor service, shaped like the PoisonGPT victim.

The model is pulled by name from a public hub organisation whose name is one letter away from the real one,
and no revision is pinned, so whatever the organisation pushes next is what students are taught with.
Do not deploy.
"""
from fastapi import FastAPI
from pydantic import BaseModel
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_ID = "EleuterAI/gpt-j-6B"

tokenizer = AutoTokenizer.from_pretrained(MODEL_ID)
model = AutoModelForCausalLM.from_pretrained(MODEL_ID)

app = FastAPI(title="history tutor")


class Question(BaseModel):
    text: str


@app.post("/ask")
def ask(question: Question) -> dict[str, str]:
    inputs = tokenizer(question.text, return_tensors="pt")
    output = model.generate(**inputs, max_new_tokens=128)
    return {"answer": tokenizer.decode(output[0], skip_special_tokens=True)}
