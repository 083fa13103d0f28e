"""Property tests (issue 7): arbitrary bytes, text and generated HTML never raise out of the
library, always give an article or a rejection that validates against the JSON Schema, and
give the same record twice. CI runs a short, derandomized profile; `make fuzz` the campaign."""

from __future__ import annotations

import json

import jsonschema
from hypothesis import given
from hypothesis import strategies as st

from extractors.contract import Article, Rejection, json_schemas, to_json
from extractors.pipeline import clean_page

SCHEMAS = json_schemas()
TAGS = ("div", "p", "h1", "h2", "h3", "ul", "ol", "li", "a", "span", "b", "table", "tr", "td", "article",
        "section", "script", "style", "nav", "footer", "aside", "br", "img", "sup", "button")
WORDS = st.sampled_from([
    "Muscle", "cramps", "hurt.", "Stretch", "gently", "and", "drink", "water.", "Share", "Flip", "Email",
    "Posted on", "Anonim", "By Dr. Ann Berg", "Updated 2021-05-12", "Kramp", "i", "vaden", "är", "vanligt.",
    "&amp;", "&lt;", "&#x1F4AA;", "&bogus;", "<", ">", "\u200b", "1.", "•", "-", "\n",
])
TEXT = st.lists(WORDS, max_size=40).map(" ".join) | st.text(max_size=200)


def element(children):
    return st.builds(
        lambda tag, attrs, parts: f"<{tag}{attrs}>{''.join(parts)}</{tag}>",
        st.sampled_from(TAGS),
        st.sampled_from(["", ' class="share-bar"', ' id="toc"', ' class="content"', ' lang="sv"', ' style="x"']),
        st.lists(children, max_size=5),
    )


HTML = st.recursive(TEXT, element, max_leaves=40).map(
    lambda body: f"<!DOCTYPE html><html><head><title>Muscle cramps</title></head><body>{body}</body></html>"
)


def check(record: Article | Rejection, data: bytes, name: str) -> None:
    assert isinstance(record, (Article, Rejection))
    if isinstance(record, Rejection):
        assert record.reason not in ("internal_error", "timeout"), record.message  # a bug, not bad input
    text = to_json(record)
    jsonschema.validate(json.loads(text), SCHEMAS["article.schema.json" if isinstance(record, Article) else "rejection.schema.json"])
    assert to_json(clean_page(data, name)) == text


@given(data=st.binary(max_size=4096), name=st.sampled_from(["page.html", "page.txt", "page.html.gz", "page"]))
def test_arbitrary_bytes(data, name):
    check(clean_page(data, name), data, name)


@given(text=st.text(max_size=3000), encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]))
def test_arbitrary_text(text, encoding):
    data = text.encode(encoding, errors="replace")
    check(clean_page(data, "page.txt"), data, "page.txt")


@given(html=HTML)
def test_generated_html(html):
    data = html.encode("utf-8")
    check(clean_page(data, "page.html"), data, "page.html")
