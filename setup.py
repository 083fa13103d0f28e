"""The compiled parts (pyproject.toml holds the rest): the copies profile's fold and the
copies' pair score, whose Python references are extractors.copies.profile.python_folded_words
and extractors.copies.pairs.python_shared_words."""

from setuptools import Extension, setup

setup(ext_modules=[Extension(f"extractors.copies.{name}", [f"extractors/copies/{name}.c"]) for name in ("_fold", "_lcs")])
