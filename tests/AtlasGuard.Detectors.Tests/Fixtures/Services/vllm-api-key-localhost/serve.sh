#!/usr/bin/env bash
vllm serve meta-llama/Llama-3.1-8B-Instruct --host 127.0.0.1 --port 8000 --api-key "$VLLM_API_KEY"
