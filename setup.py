"""Which packages are installed: every package under copscompare/, found rather than listed,
and the curated data, kept once in the repository's data/ and shipped as copscompare/data/
(setup.cfg maps the folder and names the files). Everything else is in setup.cfg."""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["copscompare", "copscompare.*"]), "copscompare.data"])
