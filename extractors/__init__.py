"""healthclean's pure library: raw bytes in, Article or Rejection out. No I/O, no Prefect."""

__version__ = "0.1.0"

from extractors.pipeline import clean_page  # noqa: E402

__all__ = ["__version__", "clean_page"]
