# Configuration for the team's Jupyter server (token authentication stays on).
c = get_config()  # noqa: F821
c.ServerApp.ip = "127.0.0.1"
c.ServerApp.port = 8888
c.ServerApp.open_browser = False
c.ServerApp.allow_origin = "https://notebooks.example.internal"
c.ServerApp.terminals_enabled = False
