import ray

ray.init(include_dashboard=True, dashboard_host="0.0.0.0", dashboard_port=8265)
