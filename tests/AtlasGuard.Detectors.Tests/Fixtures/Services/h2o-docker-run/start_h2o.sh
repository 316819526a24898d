#!/usr/bin/env bash
set -e
docker pull h2oai/h2o-open-source-k8s:3.46.0.1
docker run -d --name h2o \
  -p 54321:54321 \
  -e JAVA_OPTS="-Xmx16g" \
  h2oai/h2o-open-source-k8s:3.46.0.1
