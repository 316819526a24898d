import os

import gradio as gr
import mlflow

mlflow.set_tracking_uri(os.environ.get("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000"))
model = mlflow.pyfunc.load_model("models:/fraud-scorer@champion")


def score(amount: float, merchant: str) -> float:
    return float(model.predict([[amount, hash(merchant) % 1000]])[0])


if __name__ == "__main__":
    gr.Interface(fn=score, inputs=["number", "text"], outputs="number").launch(server_name="127.0.0.1")
