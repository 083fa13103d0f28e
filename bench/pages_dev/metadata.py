"""The page facts a label states (language, authors, published and updated dates) against
healthclean's record of the page: how often each is right, per group of pages."""

from __future__ import annotations

from collections import Counter

from extractors.contract import Article

FACTS = ("language", "authors", "published", "updated")


def fact_counts(label: dict, record) -> Counter:
    """`<fact>` pages that state it (the language always), `<fact>_right` those right. A
    date labelled `YYYY-MM` (or `YYYY`) is right when the record's date starts with it."""
    counts: Counter = Counter()
    article = record if isinstance(record, Article) else None
    counts["language"] += 1
    counts["language_right"] += article is not None and article.language.code == label["language"]
    if label.get("authors"):
        counts["authors"] += 1
        got = {" ".join(a.casefold().split()) for a in (article.authors if article else [])}
        counts["authors_right"] += got == {" ".join(a.casefold().split()) for a in label["authors"]}
    for field in ("published", "updated"):
        if label.get(field):
            counts[field] += 1
            counts[f"{field}_right"] += bool(article and (getattr(article, field) or "").startswith(label[field]))
    return counts


def fact_figures(counts: Counter) -> dict[str, str]:
    return {fact: f"{counts[f'{fact}_right']}/{counts[fact]}" for fact in FACTS}
