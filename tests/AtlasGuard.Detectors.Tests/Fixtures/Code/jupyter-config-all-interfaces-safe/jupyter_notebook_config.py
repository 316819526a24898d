c = get_config()  # noqa
c.NotebookApp.ip = 'localhost'
