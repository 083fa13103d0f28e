"""What the `healthclean` commands print: a run's table, counts, failures.

Paths and page text come from scraped names and pages, so nothing printed is ever read as
rich markup (`name[/]x` is a file name), no message carrying a path is wrapped (people copy
it, log parsers grep it), and no control character reaches the terminal raw: C0 and C1
controls, bidi overrides and undecodable name bytes are shown as escapes.
"""

from __future__ import annotations

import re

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

console = Console(stderr=True)

# C0 but tab and newline, DEL and C1, bidi embeddings/overrides/isolates, line and paragraph
# separators, and lone surrogates (the bytes of a file name that is not UTF-8).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def terminal_safe(text: str) -> str:
    """`text` with every character that could move the cursor, recolour or reorder a
    terminal's line shown as a Python escape (`\\x1b`, `\\u202e`)."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def json_terminal_safe(text: str) -> str:
    """JSON text with those characters written as JSON escapes: the same JSON value, safe to
    print. (JSON escapes C0 itself; a lone surrogate cannot be in text `json.dumps` wrote.)"""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def say(message: str, *, style: str | None = None) -> None:
    """Print one message to stderr as plain text: never markup, never wrapped."""
    console.print(Text(terminal_safe(message), style=style or ""), soft_wrap=True, highlight=False)


def fail(message: str) -> None:
    say(message, style="red")
    raise typer.Exit(2)


def run_table(manifest) -> Table:
    totals, table = manifest.totals, Table(title="healthclean run", show_header=False)
    rows = [("inputs", totals.inputs), ("articles written", totals.outcomes.get("written", 0)),
            ("rejections written", totals.outcomes.get("rejected", 0)),
            ("unchanged (already current)", totals.outcomes.get("unchanged", 0))]
    if totals.outcomes.get("interrupted"):
        rows.append(("not done (interrupted)", totals.outcomes["interrupted"]))
    rows.append(("languages", counts(totals.languages)))
    for name, found in (("skipped files", totals.skipped), ("rejection reasons (new and unchanged)", totals.rejections),
                        ("warnings", totals.warnings)):
        if found:
            rows.append((name, counts(found)))
    for name, value in rows:  # Text: a cell is never read as markup
        table.add_row(name, Text(str(value)))
    return table


def counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{terminal_safe(name)} {n}" for name, n in counts.items()) or "-"


def explanation_text(notes: dict) -> str:
    """`preview --explain`: per rule the lines tagged and removed, per stage the CPU time,
    summed over the pages (extractors.explain)."""
    from extractors.explain import STAGES, Explanation

    total = Explanation()
    for note in notes.values():
        total.add(note)
    rules = sorted(set(total.tagged) | set(total.removed))
    lines = [f"{len(notes)} pages", "", f"{'rule (reason code)':32} {'tagged':>7} {'removed':>8}"]
    lines += [f"{terminal_safe(rule):32} {total.tagged[rule]:7d} {total.removed[rule]:8d}" for rule in rules]
    lines += ["", f"{'stage':32} {'CPU ms':>7}"]
    lines += [f"{name:32} {total.stages_ms[name]:7.1f}" for name in STAGES]
    return "\n".join(lines)
