import tarfile
import zipfile

with tarfile.open("dataset.tar.gz") as tar:
    tar.extractall("data/", filter="data")

with zipfile.ZipFile("x.zip") as z:
    z.extractall("x/")
