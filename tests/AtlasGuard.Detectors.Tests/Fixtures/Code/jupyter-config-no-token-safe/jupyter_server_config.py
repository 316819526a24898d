c = get_config()  # noqa
c.ServerApp.token = ''
c.PasswordIdentityProvider.hashed_password = 'argon2:$argon2id$v=19$m=10240,t=10,p=8$abc$def'
c.ServerApp.ip = '127.0.0.1'
