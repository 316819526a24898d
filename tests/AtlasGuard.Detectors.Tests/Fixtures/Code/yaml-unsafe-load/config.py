import yaml

with open("pipeline.yaml") as fh:
    cfg = yaml.load(fh, yaml.Loader)
extra = yaml.unsafe_load(open("extra.yaml"))
