"""Fine-tune a small transformer on transaction descriptions."""
import os

import numpy as np
import torch
import wandb
from datasets import load_dataset
from huggingface_hub import login
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

MODEL_ID = "distilbert-base-uncased"
MODEL_REVISION = "356a192b7913b04c54574d18c28d46e6395428ab"


def main() -> None:
    login(token=os.environ["HF_TOKEN"])
    wandb.login(key=os.environ.get("WANDB_API_KEY"))
    tokenizer = AutoTokenizer.from_pretrained(MODEL_ID, revision=MODEL_REVISION)
    model = AutoModelForSequenceClassification.from_pretrained(MODEL_ID, revision=MODEL_REVISION, num_labels=2)
    data = load_dataset("csv", data_files={"train": "data/train.csv", "test": "data/test.csv"})
    data = data.map(lambda b: tokenizer(b["text"], truncation=True, padding="max_length"), batched=True)
    args = TrainingArguments(output_dir="out", num_train_epochs=3, per_device_train_batch_size=32, report_to=["wandb"])
    Trainer(model=model, args=args, train_dataset=data["train"], eval_dataset=data["test"]).train()
    state = torch.load("out/extra_state.pt", weights_only=True)
    print("best metric", state.get("best_metric"), np.round(state.get("history", []), 4))


if __name__ == "__main__":
    main()
