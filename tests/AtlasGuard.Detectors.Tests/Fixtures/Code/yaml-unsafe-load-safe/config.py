import yaml
from yaml import CSafeLoader

cfg = yaml.safe_load(open("pipeline.yaml"))
other = yaml.load(open("x.yaml"), Loader=yaml.SafeLoader)
fast = yaml.load(open("y.yaml"), Loader=CSafeLoader)
