"""healthclean's pure library: raw bytes in, Article or Rejection out. No I/O, no Prefect.

`clean_page` is loaded on first use: importing the contract alone (a reader of records,
`healthclean runs`) must not load trafilatura, dateparser and langdetect.
"""

__version__ = "0.1.0"

__all__ = ["__version__", "clean_page"]


def __getattr__(name: str):
    if name == "clean_page":
        from extractors.pipeline import clean_page

        return clean_page
    raise AttributeError(f"module 'extractors' has no attribute {name!r}")
