import json

import jsonschema
import pytest

from extractors.contract import Article, json_schemas, to_json, top_level_fields
from extractors.pipeline import clean_page
from tests.conftest import GOLDEN, REPO

SCHEMA_DIR = REPO / "docs" / "schema"
ARTICLE_KEYS = [
    "schema_version", "id", "article_key", "source", "language", "page_type", "title", "category", "authors", "reviewers",
    "published", "updated", "site_name", "canonical_url", "sections", "references", "removed",
    "warnings", "pipeline",
]


@pytest.mark.parametrize("name, schema", json_schemas().items())
def test_shipped_schema_is_the_generated_one(name, schema):
    shipped = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    assert shipped == schema, "docs/schema is stale: run `make schema`"


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.name)
def test_golden_articles_validate_and_keep_key_order(golden):
    document = json.loads(golden.read_text(encoding="utf-8"))
    jsonschema.validate(document, json_schemas()["article.schema.json"])
    assert list(document) == ARTICLE_KEYS
    assert document["id"] == document["source"]["sha256"][:32]


def test_rejections_validate():
    rejection = json.loads(to_json(clean_page(b"", "empty.txt")))
    jsonschema.validate(rejection, json_schemas()["rejection.schema.json"])
    assert list(rejection) == ["schema_version", "id", "source", "reason", "message", "pipeline"]


def test_output_is_utf8_text_not_escapes():
    text = to_json(clean_page("Rubrik\nEn mening om smärta och värme i musklerna.\n".encode(), "a.txt"))
    assert "smärta" in text and "\\u00e4" not in text and text.endswith("}\n")


def test_old_readers_round_trip():
    golden = (GOLDEN / "sv_muskelspasmer.json").read_text(encoding="utf-8")
    assert to_json(Article.model_validate_json(golden)) == golden


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.name)
def test_top_level_fields_read_without_a_full_parse_agree_with_it(golden):
    text = golden.read_text(encoding="utf-8")
    whole = json.loads(text)
    fields = top_level_fields(text, ("id", "reason", "language", "removed", "warnings", "pipeline"))
    # "reason" is a key of every removed line too, one level down: never taken for the record's
    assert fields == {k: whole[k] for k in ("id", "language", "removed", "warnings", "pipeline")}


def test_top_level_fields_of_a_rejection_and_of_text_not_written_by_to_json():
    rejection = to_json(clean_page(b"", "empty.txt"))
    assert top_level_fields(rejection, ("id", "reason", "language")) == {
        "id": json.loads(rejection)["id"], "reason": "empty_input"}
    with pytest.raises(ValueError):
        top_level_fields('{"id": "x"}', ("id",))
    with pytest.raises(ValueError):  # cut short inside a field
        top_level_fields(rejection[: rejection.index('"reason": ') + 14], ("reason",))
