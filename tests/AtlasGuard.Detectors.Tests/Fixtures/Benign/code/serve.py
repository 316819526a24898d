import os

import uvicorn
from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import HTTPBearer
from pydantic import BaseModel

from fraud.runtime import load_model

app = FastAPI(title="fraud-scoring")
bearer = HTTPBearer()
model = load_model(os.environ.get("MODEL_PATH", "artifacts/model.safetensors"))


class Transaction(BaseModel):
    amount: float
    merchant_category: int
    hour: int


@app.post("/score")
def score(tx: Transaction, token=Depends(bearer)) -> dict:
    if token.credentials != os.environ["SCORING_TOKEN"]:
        raise HTTPException(status_code=401)
    return {"score": float(model.score([tx.amount, tx.merchant_category, tx.hour]))}


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=8080, log_level="info")
