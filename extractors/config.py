"""One setting for a clean: everything the flow, `preview`, the golden tests and the
benchmarks may choose, each with its documented default. Pass your own to
`extractors.pipeline.clean_batch` (or `clean_page`) to change one, e.g.
`CleanConfig(thresholds=Thresholds(short_body_words=150))`."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.limits import DEFAULT_LIMITS, Limits


@dataclass(frozen=True)
class Thresholds:
    """The numbers the rules decide by. A line "of at most N words" means split on spaces."""

    # Reading a text dump (extractors.segment): a heading is a short line without a full stop.
    heading_max_words: int = 12
    heading_max_chars: int = 100
    heading_short_line_chars: int = 80  # up to 20 words within this: Vietnamese spaces every syllable
    # Reading HTML (extractors.html_tree, html_blocks, html_meta).
    furniture_max_chars: int = 1500  # a share/ad box longer than this holds the article: kept
    layout_cell_words: int = 60  # a table cell this long holds prose: the table only lays out the page
    byline_max_chars: int = 60  # a visible byline element longer than this is not a byline
    thin_pass_share: float = 0.15  # a fast pass keeping less of the page's words is thin: full extraction runs
    # Lexicon rules (extractors.rules.lexicon_rules); prefix groups carry their own (registry).
    label_max_words: int = 25  # "Author: …" lines; a longer line is prose that starts like a label
    contains_max_words: int = 12  # "© Agency", "5 min read" only in a short line
    # Structure, shape and section rules (extractors.rules).
    related_max_words: int = 25  # a related link title; a longer paragraph is the article again
    reference_max_words: int = 80  # a citation; a longer paragraph is prose again
    standfirst_min_words: int = 8  # a heading this long before the first paragraph is a dek
    date_line_max_words: int = 12
    fragment_max_words: int = 20  # the tail of a list item cut by the scraper is short
    unbulleted_item_max_words: int = 8  # after a list intro, short lines like this are its items
    caption_max_words: int = 40  # a photo caption ending in its credit
    kicker_window: int = 6  # a kicker stands among the first lines, above the title ...
    kicker_max_words: int = 5  # ... and is this short
    tail_run_min_lines: int = 3  # share buttons closing a dump: this many very short lines ...
    tail_item_max_chars: int = 15  # ... of at most this many characters (and two words)
    # The head of a text dump (extractors.rules.page_head).
    prose_min_words: int = 8  # a line this long (or a sentence of 4+ words) is the article's prose
    entry_max_words: int = 11  # a contents entry or menu link under the title
    toc_entry_max_words: int = 15  # an entry under a contents header
    title_repeat_min_chars: int = 20  # a title this long, found inside a later line, is repeated there
    # Language (extractors.language): below either minimum the code is null (not sure).
    language_min_chars: int = 70
    language_min_confidence: float = 0.8
    hint_wins_below: float = 0.8  # the page's declared language breaks ties below this probability
    hint_min_prob: float = 0.15  # ... if langdetect gives it at least this
    # Page type (extractors.page_types): an article shows this many of four signals ...
    article_min_signals: int = 2
    prose_paragraphs: int = 5  # ... one being this many paragraphs ending like sentences ...
    prose_paragraph_words: int = 20  # ... of at least this many words ...
    prose_share: float = 0.6  # ... holding this share of the body's words
    prose_strong_share: float = 0.8  # twice as many holding this share: two signals
    # Quality warnings (extractors.quality).
    short_body_words: int = 80  # a health article is longer; a shorter body is a stub or a teaser
    duplicate_min_chars: int = 30  # short repeats ("Magnesium") are ordinary
    foreign_min_chars: int = 40  # shorter lines fool langdetect (13 % false alarms on Dutch)


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class CleanConfig:
    limits: Limits = DEFAULT_LIMITS  # what one page may cost (sizes, depth, CPU time)
    thresholds: Thresholds = field(default_factory=Thresholds)  # what the rules decide by
    fast_extraction: bool = True  # trafilatura's fast pass first, its full extraction only when thin (html_page)
    language_sample_chars: int = 1000  # how much of the body langdetect reads
    site_templates: bool = True  # remove lines a site repeats on many pages of a batch
    template_min_pages: int = 3  # a template line stands on at least this many of the site's pages
    template_min_share: float = 0.5  # ... and on at least this share of them


DEFAULT_CONFIG = CleanConfig()
