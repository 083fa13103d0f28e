"""The compiled parts (pyproject.toml holds the rest): the copies profile's fold, whose Python
reference is extractors.copies.profile.python_folded_words."""

from setuptools import Extension, setup

setup(ext_modules=[Extension(f"extractors.copies.{name}", [f"extractors/copies/{name}.c"]) for name in ("_fold",)])
