import ray

ray.init(num_cpus=4, dashboard_host="127.0.0.1")
