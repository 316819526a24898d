import os
import wandb
from huggingface_hub import login

login(token=os.environ["HF_TOKEN"])
wandb.login(key=os.environ["WANDB_API_KEY"])

for epoch in range(10):
    loss = 1.0 / (epoch + 1)
    wandb.log({"loss": loss, "task-specific": True})
