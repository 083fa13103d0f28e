"""One setting for a clean: everything the flow, `preview`, the golden tests and the
benchmarks may choose, each with its documented default. Pass your own to
`extractors.pipeline.clean_batch` (or `clean_page`) to change one."""

from __future__ import annotations

from dataclasses import dataclass

from extractors.limits import DEFAULT_LIMITS, Limits


@dataclass(frozen=True)
class CleanConfig:
    limits: Limits = DEFAULT_LIMITS  # what one page may cost (sizes, depth, CPU time)
    fast_extraction: bool = True  # trafilatura's fast mode for HTML (html_page.read_html)
    language_sample_chars: int = 1000  # how much of the body langdetect reads
    site_templates: bool = True  # remove lines a site repeats on many pages of a batch
    template_min_pages: int = 3  # a template line stands on at least this many of the site's pages
    template_min_share: float = 0.5  # ... and on at least this share of them


DEFAULT_CONFIG = CleanConfig()
