"""Page titles: the site name and category that templates append to them."""

from __future__ import annotations

_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ")


def split_title(title: str | None, *, site_name: str | None, h1: str | None) -> tuple[str | None, str | None, list[str]]:
    """'Title | Category - Site' → ('Title', site, ['Category']).

    A suffix is peeled only when it names the site or when what is left equals the page's <h1>,
    so titles that merely contain a dash stay whole.
    """
    if not title:
        return title, site_name, []
    categories: list[str] = []
    while True:
        head, separator, tail = _last_split(title)
        if not separator or len(tail.split()) > 5:
            break
        if site_name and _same(tail, site_name):
            title = head
            continue
        if h1 and _same(head, h1):
            if site_name is None:
                site_name = tail
            else:
                categories.insert(0, tail)
            title = head
        break
    return title, site_name, categories


def _last_split(title: str) -> tuple[str, str, str]:
    best = max(((title.rfind(s), s) for s in _TITLE_SEPARATORS), default=(-1, ""))
    index, separator = best
    if index <= 0:
        return title, "", ""
    return title[:index].strip(), separator, title[index + len(separator):].strip()


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())
