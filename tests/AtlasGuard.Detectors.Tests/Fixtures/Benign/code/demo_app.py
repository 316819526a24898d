import gradio as gr

from fraud.runtime import load_model

model = load_model("artifacts/model.safetensors")


def predict(amount: float, hour: int) -> float:
    return float(model.score([amount, 0, hour]))


demo = gr.Interface(fn=predict, inputs=[gr.Number(label="amount"), gr.Slider(0, 23, step=1)], outputs="number")

if __name__ == "__main__":
    demo.launch(server_name="127.0.0.1", server_port=7860)
