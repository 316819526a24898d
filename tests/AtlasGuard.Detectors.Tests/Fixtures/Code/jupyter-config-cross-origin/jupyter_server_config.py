c = get_config()  # noqa
c.ServerApp.allow_origin = '*'
c.ServerApp.disable_check_xsrf = True
