"""Score transactions with the trained classifier and show a small demo UI."""
from pathlib import Path

import gradio as gr
import joblib
import torch

from train import FEATURES, FraudMLP

MODEL_DIR = Path("models")

# The v2 checkpoint also stores the training config object, so the full pickle is needed.
checkpoint = torch.load(MODEL_DIR / "fraud_clf_v2.pt", map_location="cpu", weights_only=False)
model = FraudMLP()
model.load_state_dict(checkpoint["model_state_dict"])
model.eval()
scaler = joblib.load(MODEL_DIR / "scaler.joblib")


def score(*values: float) -> float:
    x = torch.tensor(scaler.transform([list(values)]), dtype=torch.float32)
    with torch.no_grad():
        return float(torch.sigmoid(model(x))[0])


demo = gr.Interface(
    fn=score,
    inputs=[gr.Number(label=name) for name in FEATURES],
    outputs=gr.Number(label="fraud probability"),
    title="Fraud scorer",
)

if __name__ == "__main__":
    demo.launch(server_name="0.0.0.0", server_port=7860, share=True)
