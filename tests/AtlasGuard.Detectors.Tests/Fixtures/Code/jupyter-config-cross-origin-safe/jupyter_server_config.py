c = get_config()  # noqa
c.ServerApp.allow_origin = 'https://hub.example.internal'
