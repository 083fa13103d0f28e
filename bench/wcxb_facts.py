"""Title, author and publication date against wcxb's ground truth, for both systems.

Title and author agree as in bench.metadata_agreement (the readability corpus's rules);
a date agrees when its first ten characters (YYYY-MM-DD) equal the truth's. Counted over
the pages whose truth states the field: "right/stated"; `date_unstated` counts the pages
given a date although their truth states none (a copyright year, a product page's date).
"""

from __future__ import annotations

from typing import Any

import trafilatura

from bench.metadata_agreement import authors_agree, title_agrees

FACTS = ("title", "author", "date")


def our_facts(record: Any) -> dict[str, Any]:
    return {"title": record.title, "author": list(record.authors), "date": record.published}


def trafilatura_facts(html: str) -> dict[str, Any]:
    meta = trafilatura.extract_metadata(html)
    if meta is None:
        return {}
    return {"title": meta.title, "author": (meta.author or "").split(";") if meta.author else [], "date": meta.date}


def agrees(fact: str, found: Any, expected: str) -> bool:
    if fact == "title":
        return title_agrees(found, expected)
    if fact == "author":
        return authors_agree(found or [], expected)
    return bool(found) and str(found)[:10] == expected[:10]


def fact_agreement(pages: list, results: dict, system: str) -> dict[str, str]:
    right = dict.fromkeys(FACTS, 0)
    stated = dict.fromkeys(FACTS, 0)
    for page in pages:
        facts = results[page.id][system].facts
        for fact, key in zip(FACTS, ("title", "author", "publish_date")):
            expected = page.truth.get(key)
            if expected:
                stated[fact] += 1
                right[fact] += agrees(fact, facts.get(fact), str(expected))
    unstated = [p for p in pages if not p.truth.get("publish_date")]
    given = sum(bool(results[p.id][system].facts.get("date")) for p in unstated)
    return {**{fact: f"{right[fact]}/{stated[fact]}" for fact in FACTS}, "date_unstated": f"{given}/{len(unstated)}"}
