c = get_config()  # noqa
c.ServerApp.token = ''
c.ServerApp.open_browser = False
