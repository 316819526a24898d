import gradio as gr


def predict(text):
    return text[::-1]


gr.Interface(fn=predict, inputs="text", outputs="text").launch(share=True)
