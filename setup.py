"""Packages of the site; `site/` is installed under the import name `netsite`.

The standard library owns the module name `site`, so the folder is mapped to
`netsite` here. setuptools' automatic discovery does not follow a
`package_dir` mapping, hence this file next to pyproject.toml. The site runs
from its checkout (templates, locale and static files are read from there),
so it is installed in editable mode.
"""

from setuptools import find_packages, setup

APPS = ["home", "directory", "blog", "events", "network", "contact", "accessibility", "search"]

setup(
    packages=["netsite"] + find_packages(include=[f"{app}*" for app in APPS]),
    package_dir={"netsite": "site"},
)
