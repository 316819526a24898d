c = get_config()  # noqa
c.NotebookApp.ip = '0.0.0.0'
c.NotebookApp.port = 8888
