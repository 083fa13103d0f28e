"""The rule registry (issue 17): every reason code a rule can record is declared once in
extractors/registry.py, and docs/rules.md's table is generated from it."""

from __future__ import annotations

import json
import re

from extractors.inline import INLINE_RULES, TEXT_ONLY_RULES
from extractors.registry import LEXICON_GROUPS, reason_codes, rules_markdown
from flows.cli.app import RULES_END, RULES_START
from tests.conftest import GOLDEN, REPO

EXTRACTORS = REPO / "extractors"


def test_the_rule_table_in_docs_is_generated_from_the_registry():
    text = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    block = text[text.index(RULES_START) + len(RULES_START) : text.index(RULES_END)]
    assert block == "\n" + rules_markdown(), "stale: run `make schema` (healthclean rules --write docs/rules.md)"


def test_every_code_a_rule_writes_is_declared():
    source = "\n".join(p.read_text(encoding="utf-8") for p in EXTRACTORS.rglob("*.py"))
    written = set(re.findall(r'Tag\("([a-z_]+)"', source)) | set(re.findall(r'Removal\(reason="([a-z_]+)"', source))
    written |= {reason for reason, _ in (*INLINE_RULES, *TEXT_ONLY_RULES)}
    assert written and written <= reason_codes(), written - reason_codes()


def test_every_reason_in_the_golden_records_is_declared():
    found = {removal["reason"] for path in GOLDEN.rglob("*.json")
             for removal in json.loads(path.read_text(encoding="utf-8")).get("removed", [])}
    assert found and found <= reason_codes(), found - reason_codes()


def test_each_lexicon_group_is_declared_once_and_used_by_a_language_file():
    names = [(group.section, group.name) for group in LEXICON_GROUPS]
    assert len(names) == len(set(names))
    files = "\n".join(p.read_text(encoding="utf-8") for p in (EXTRACTORS / "lexicons").glob("*.toml"))
    unused = [name for section, name in names if not re.search(rf"^{name}\s*=", files, re.MULTILINE)]
    assert not unused, f"declared but in no lexicon file: {unused}"
