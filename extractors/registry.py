"""Every rule once. A rule's name is the reason code it records on the lines it removes (or
the tag it leaves for a later rule to confirm), so a reason code in a record is found here
in one search. The lexicon's group models (extractors.lexicon), the lexicon rules' tables
(extractors.rules.lexicon_rules), the set of reason codes and the rule table of
docs/rules.md (`healthclean rules`) all come from these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors.html_boilerplate import CONTAINER_TOKENS

ANY_KIND = ("heading", "paragraph", "item")


@dataclass(frozen=True)
class LexiconGroup:
    """A group of phrases in lexicons/<lang>.toml and what a line matching it is."""

    section: str  # labels ("Label: value"), lines (whole lines), prefixes, contains
    name: str  # the group's key in the TOML files
    reason: str  # the reason code of a removed line, or the tag a candidate gets
    description: str
    removes: bool = True  # False: a candidate that a structure rule confirms
    max_words: int | None = None  # longer lines never match (prefixes)
    kinds: tuple[str, ...] = ANY_KIND  # block kinds it may match
    needs_value: bool = False  # a prefix alone ("A word from") is not enough


@dataclass(frozen=True)
class Rule:
    """A rule that is not one lexicon group: structure, shape, section, inline, HTML."""

    name: str  # the reason code it records
    stage: str  # where it runs: html, inline, structure, shape, section
    module: str
    description: str


LEXICON_GROUPS = (
    LexiconGroup("labels", "author", "author_line", "`Författare: Charles Brown`, `By Jane Doe, MD`: the value goes to `authors`"),
    LexiconGroup("labels", "published", "published_line", "`Skapelsedatum: 9 Februari 2021`: the date goes to `published`"),
    LexiconGroup("labels", "updated", "updated_line", "`Uppdatera Datum: 20 November 2024`: the date goes to `updated`"),
    LexiconGroup("labels", "reviewed", "reviewed_by_line", "`Medically reviewed by: …`: the name goes to `reviewers`"),
    LexiconGroup("lines", "posted_on", "posted_on", "`Posted on`"),
    LexiconGroup("lines", "anonymous", "anonymous_placeholder", "`Anonim`, `Anonymous` where an author should stand"),
    LexiconGroup("lines", "ad_label", "ad_label", "`Advertisement`, `Annons`"),
    LexiconGroup("lines", "page_feedback", "page_feedback", "`Was this page helpful?`"),
    LexiconGroup("lines", "widget", "widget_text", "`Please wait...`, `Loading…`"),
    LexiconGroup("lines", "share", "share_label", "`Dela med sig`, `Flip`, `E-post`: candidate, see share_buttons", removes=False),
    LexiconGroup("lines", "toc", "toc_header", "`Innehåll`, `Inhoudsopgave`: candidate, see table_of_contents", removes=False),
    LexiconGroup("lines", "references", "references_header", "`Sources`, `Källor`: candidate, its section goes to `references`", removes=False),
    LexiconGroup("lines", "related_header", "related_header", "`You may also like`: candidate, see related_link", removes=False),
    LexiconGroup("lines", "comments_header", "comments_header", "`Comments`: candidate, see comments_section", removes=False),
    LexiconGroup("prefixes", "branding", "branding_heading", "`Ett ord från <brand>` as a heading or short line",
                 max_words=10, kinds=("heading", "paragraph"), needs_value=True),
    LexiconGroup("prefixes", "related", "related_link", "`Läs mer: <title>`, `Read more:`", max_words=25),
    LexiconGroup("prefixes", "newsletter", "newsletter_prompt", "`Sign up for our newsletter`", max_words=30),
    LexiconGroup("prefixes", "cookie_notice", "cookie_notice", "`We use cookies`", max_words=60),
    LexiconGroup("prefixes", "end_credit", "end_credit", "`Reporting by …`, `Filed under:`", max_words=40),
    LexiconGroup("prefixes", "disclosure", "affiliate_disclosure", "`If you buy something through …`", max_words=60),
    LexiconGroup("contains", "image_credit", "image_credit", "`Getty Images` in a line of at most 12 words"),
    LexiconGroup("contains", "copyright", "copyright_notice", "`©` in a line of at most 12 words"),
    LexiconGroup("contains", "reading_time", "reading_time", "`5 min read` in a line of at most 12 words"),
    LexiconGroup("contains", "end_credit", "end_credit", "`Reporting by` anywhere in a short line"),
)
SECTIONS = ("labels", "lines", "prefixes", "contains")

RULES = (
    Rule("site_template", "structure", "rules/structure_rules.py", "a line its site repeats on many pages of the batch"),
    Rule("title", "structure", "rules/title_rules.py", "a text dump's title line (the heading before the body that reads as one): it goes to `title`"),
    Rule("navigation", "structure", "rules/page_head.py", "a short line above a text dump's title: menus, trails, logo and language links"),
    Rule("header_line", "structure", "rules/page_head.py", "a short line between the title and the body: byline, date, print or share link, caption"),
    Rule("repeated_title", "structure", "rules/structure_rules.py", "the title again, maybe with ` - Category`"),
    Rule("table_of_contents", "structure", "rules/section_rules.py", "a contents header and the entries it lists; in a dump also a numbered run of short lines under the title"),
    Rule("empty_toc_header", "structure", "rules/section_rules.py", "a contents header with no entries under it"),
    Rule("share_buttons", "structure", "rules/structure_rules.py", "a run of share labels (Share / Flip / Email / Text)"),
    Rule("kicker", "shape", "rules/shape_rules.py", "a short category line above the title"),
    Rule("standfirst", "shape", "rules/shape_rules.py", "the summary line under the title that the body repeats"),
    Rule("date_line", "shape", "rules/shape_rules.py", "a line that is only a date"),
    Rule("contact_line", "shape", "rules/shape_rules.py", "an e-mail address or phone number alone"),
    Rule("image_caption", "shape", "rules/shape_rules.py", "the caption above an image credit"),
    Rule("reference", "section", "rules/section_rules.py", "a line under a references header, or shaped like a citation (et al., 2006;130:1480, doi:): it goes to `references`"),
    Rule("comments_section", "section", "rules/section_rules.py", "the short lines under a comments header"),
    Rule("orphan_heading", "structure", "rules/structure_rules.py", "a heading with nothing under it before the next (a question is kept)"),
    Rule("repeated_paragraph", "structure", "rules/structure_rules.py", "a text dump's paragraph that repeats one of the two lines before it word for word (the first stays)"),
    Rule("lost_list_fragment", "structure", "rules/structure_rules.py", "the tail of a list item the scraper cut off"),
    Rule("citation_number", "inline", "inline.py", "a citation number glued to a word (text dumps), or an HTML `<sup>` mark"),
    Rule("template_placeholder", "inline", "inline.py", "an unfilled `{{placeholder}}` inside a line"),
    Rule("markup_fragment", "inline", "inline.py", "a stray HTML tag inside a line"),
    *(Rule(concept, "html", "html_boilerplate.py", f"an HTML container whose class or id says {concept.replace('_', ' ')}")
      for concept in CONTAINER_TOKENS if concept not in ("share_buttons", "table_of_contents")),
)


def groups_of(section: str) -> tuple[LexiconGroup, ...]:
    return tuple(group for group in LEXICON_GROUPS if group.section == section)


def reason_codes() -> frozenset[str]:
    """Every reason code a record's `removed` can hold, and every tag a rule leaves."""
    return frozenset(group.reason for group in LEXICON_GROUPS) | {rule.name for rule in RULES} | set(CONTAINER_TOKENS)


def rules_markdown() -> str:
    """The rule table of docs/rules.md, one row a reason code, in name order."""
    rows = {group.reason: (f"lexicon `{group.section}.{group.name}`" + ("" if group.removes else " (candidate)"), group.description)
            for group in reversed(LEXICON_GROUPS)}
    rows |= {rule.name: (f"{rule.stage} (`{rule.module}`)", rule.description) for rule in RULES if rule.name not in rows}
    lines = ["| reason code | rule | what it takes |", "| --- | --- | --- |"]
    also = "; also an HTML container whose class or id says so (`html_boilerplate.py`)"
    lines += [f"| `{name}` | {where}{also if name in CONTAINER_TOKENS and 'html' not in where else ''} | {what} |"
              for name, (where, what) in sorted(rows.items())]
    return "\n".join(lines) + "\n"
