from setuptools import find_packages, setup

setup(
    name="fraud",
    version="0.4.0",
    packages=find_packages(exclude=["tests"]),
    python_requires=">=3.10",
    install_requires=["torch>=2.6", "safetensors>=0.4", "pandas>=2.1", "pyyaml>=6.0"],
)
