import torch

from fraud.runtime import load_model

scorer = load_model("artifacts/model.safetensors")
example = torch.zeros(1, 32)
torch.onnx.export(scorer.model, example, "artifacts/model.onnx", input_names=["features"], output_names=["logit"], opset_version=17)
