"""Per-site templates on a generated corpus of pages that share a header and a footer."""

from extractors.config import CleanConfig
from extractors.contract import Article
from extractors.pipeline import clean_batch
from extractors.read import read_page
from extractors.records import Origin, RawPage
from extractors.templates import find_template_lines, site_of

HEADER = "Health Life Guide Trusted Advice"
FOOTER = "About us Contact Privacy policy"
TOPICS = ["Magnesium", "Sleep", "Cramps", "Stretching", "Hydration"]


def page(topic: str, *, header: str = HEADER, footer: str = FOOTER) -> bytes:
    body = (
        f"{header}\n{topic} and your muscles\n"
        f"{topic} matters for muscles in many ways, and doctors often talk about it with patients.\n"
        f"Here is what research says about {topic.lower()} and muscle health today.\n"
        f"Why {topic} helps\n"
        f"Studies of {topic.lower()} show a small but steady effect on cramps and spasms in adults.\n"
        f"{footer}\n"
    )
    return body.encode()


def clean_pages(pages: list[tuple[bytes, str]], origins: dict[str, Origin] | None = None, **config) -> list:
    return clean_batch([RawPage(data, path, (origins or {}).get(path, Origin())) for data, path in pages], CleanConfig(**config))


def removed(article: Article) -> list[tuple[str, str]]:
    return [(r.reason, r.text) for r in article.removed]


def test_shared_header_and_footer_are_site_template_on_every_page():
    articles = clean_pages([(page(t), f"site-a/{t.lower()}.txt") for t in TOPICS])
    for article, topic in zip(articles, TOPICS):
        assert ("site_template", HEADER) in removed(article)
        assert ("site_template", FOOTER) in removed(article)
        assert article.title == f"{topic} and your muscles"


def test_a_line_on_one_page_only_is_never_template():
    pages = [(page(t), f"site-a/{t.lower()}.txt") for t in TOPICS]
    pages.append((page("Zinc", footer="Zinc footnote seen on one page only"), "site-a/zinc.txt"))
    last = clean_pages(pages)[-1]
    assert ("site_template", "Zinc footnote seen on one page only") not in removed(last)


def test_sites_are_counted_apart():
    pages = [(page(t), f"site-a/{t.lower()}.txt") for t in TOPICS[:2]]
    pages += [(page(t), f"site-b/{t.lower()}.txt") for t in TOPICS[2:4]]
    assert all(("site_template", HEADER) not in removed(a) for a in clean_pages(pages))  # 2 pages each: too few


def test_copies_of_one_article_count_as_one_page():
    """The same page scraped under several names (or a corpus repeated) keeps its text."""
    copies = [(page("Magnesium") + b"\n\n" * i, f"site-a/copy-{i}.txt") for i in range(4)]
    pages = copies + [(page(t), f"site-a/{t.lower()}.txt") for t in TOPICS[1:3]]
    for article in clean_pages(pages)[:4]:
        assert article.title == "Magnesium and your muscles"
        assert [text for reason, text in removed(article) if reason == "site_template"] == [HEADER, FOOTER]


def test_html_pages_group_by_host():
    def html(topic: str) -> bytes:
        return (
            f'<html><head><link rel="canonical" href="https://example.org/{topic}"></head><body>'
            f"<article><p>{HEADER}</p><h1>{topic} and your muscles</h1>"
            f"<p>{topic} matters for muscles in many ways, and doctors often talk about it with patients. "
            f"Studies show a small but steady effect on cramps and spasms in adults of every age.</p>"
            f"<p>{FOOTER}</p></article></body></html>"
        ).encode()

    contents = [read_page(RawPage(html(t), f"{t}.html")) for t in TOPICS]
    assert {site_of(c) for c in contents} == {"example.org"}
    templates = find_template_lines(contents)["example.org"]
    assert {HEADER, FOOTER} <= templates  # inside the article, so trafilatura keeps them
    assert {f"{t} and your muscles" for t in TOPICS}.isdisjoint(templates)
    for article in clean_pages([(html(t), f"{t}.html") for t in TOPICS]):
        assert {("site_template", HEADER), ("site_template", FOOTER)} <= set(removed(article))


def test_a_bug_in_one_page_costs_that_page_only(monkeypatch):
    import extractors.pipeline

    original = extractors.pipeline.assemble

    def broken(content, **settings):
        if content.source.path == "site-a/sleep.txt":
            raise RuntimeError("rule bug")
        return original(content, **settings)

    monkeypatch.setattr(extractors.pipeline, "assemble", broken)
    records = clean_pages([(page(t), f"site-a/{t.lower()}.txt") for t in TOPICS])
    assert [getattr(r, "reason", "article") for r in records] == [
        "article", "internal_error", "article", "article", "article"]


def test_a_scrapers_origin_names_the_site_whatever_the_folders():
    pages = [(page(t), f"day-{i}/{t.lower()}.txt") for i, t in enumerate(TOPICS)]  # one page a folder
    assert all(("site_template", HEADER) not in removed(a) for a in clean_pages(pages)), "folders alone: no site"
    origins = {path: Origin(url=f"https://example.org/{path}") for _, path in pages}
    for article in clean_pages(pages, origins=origins):
        assert ("site_template", HEADER) in removed(article)
        assert article.source.url.startswith("https://example.org/")


def test_templates_can_be_turned_off():
    pages = [(page(t), f"site-a/{t.lower()}.txt") for t in TOPICS]
    assert all(("site_template", HEADER) not in removed(a) for a in clean_pages(pages, site_templates=False))


def test_a_page_alone_is_a_batch_of_one_whatever_the_entry_point():
    from extractors.contract import to_json
    from extractors.pipeline import clean_page

    data = page("Sleep")
    assert to_json(clean_page(data, "site-a/sleep.txt")) == to_json(clean_pages([(data, "site-a/sleep.txt")])[0])
