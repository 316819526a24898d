# Planted example (AtlasGuard): training image for the research hosts. Do not build.
FROM nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip && rm -rf /var/lib/apt/lists/*
WORKDIR /workspace
COPY requirements.txt .
RUN pip3 install --pre -r requirements.txt
RUN pip3 install --pre torch torchvision --extra-index-url https://download.pytorch.org/whl/nightly/cu118
COPY train.py .
CMD ["python3", "train.py"]
