import ray
from ray import tune

from fraud.train_fn import train_fn

ray.init(num_cpus=8, include_dashboard=False)
tuner = tune.Tuner(
    train_fn,
    param_space={"lr": tune.loguniform(1e-4, 1e-2), "hidden": tune.choice([64, 128, 256])},
    tune_config=tune.TuneConfig(metric="pr_auc", mode="max", num_samples=20),
)
results = tuner.fit()
print(results.get_best_result().config)
