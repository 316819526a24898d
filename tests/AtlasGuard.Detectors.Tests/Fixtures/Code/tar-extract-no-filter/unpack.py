import tarfile

with tarfile.open("dataset.tar.gz") as tar:
    tar.extractall("data/")

archive = tarfile.open("model.tgz", "r:gz")
archive.extractall(path="models/")
