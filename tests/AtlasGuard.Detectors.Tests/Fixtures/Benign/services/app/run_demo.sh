#!/usr/bin/env bash
# Start the demo locally: streamlit prints the local and network URLs.
set -e
pip install -q -r requirements.txt
streamlit run app.py --server.port 8501
