import gradio as gr

demo = gr.Interface(fn=str.upper, inputs="text", outputs="text")
demo.launch(server_name="0.0.0.0", server_port=7860)
