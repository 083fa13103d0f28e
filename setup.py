"""The compiled parts (pyproject.toml holds the rest): the copies' candidate ranking, profile
fold and pair score, whose Python references are extractors.copies.candidates.python_top_pairs,
extractors.copies.profile.python_folded_words and extractors.copies.pairs.python_shared_words."""

from setuptools import Extension, setup

COMPILED = ("_candidates", "_fold", "_lcs")

setup(ext_modules=[Extension(f"extractors.copies.{name}", [f"extractors/copies/{name}.c"],
                             depends=["extractors/copies/_threads.h"]) for name in COMPILED])
