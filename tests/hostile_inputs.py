"""The bad-input corpus, generated: bytes that hurt parsers, and raw folders that hurt walkers.

CONTENT kinds are bytes under a file name (the library sees them); build_raw_folder also
lays out the filesystem kinds (symlinks, a loop, a pipe, a folder named like a page ...).
Each kind names the outcome it must end in: "written" for an article, else a reason code.
"""

from __future__ import annotations

import codecs
import gzip
import os
from pathlib import Path

ARTICLE = (
    "Muscle cramps are sudden, painful contractions of a muscle. They often strike the calf at night.\n"
    "Stretching the muscle gently and drinking enough water helps most people within minutes.\n"
    "See a doctor when cramps come often, last long or follow a new medicine.\n"
)


def page(body: str = ARTICLE, *, head: str = "", doctype: str = "<!DOCTYPE html>") -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines())
    return f"{doctype}<html><head><title>Muscle cramps</title>{head}</head><body><article><h1>Muscle cramps</h1>{paragraphs}</article></body></html>"


def gzip_bomb(gigabytes: int = 2) -> bytes:
    """A few MB of gzip members, each 1 MB of zeros inflated: gigabytes in all."""
    member = gzip.compress(b"\0" * 1_000_000, compresslevel=9)
    return member * (gigabytes * 1000)


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + ']><html xmlns="http://www.w3.org/1999/xhtml"><body><article><h1>Laughs</h1><p>&lol9;</p>'
    + "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines())
    + "</article></body></html>"
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY secret SYSTEM "file:///etc/passwd">'
    '<!ENTITY remote SYSTEM "http://203.0.113.9/x">]><html><body><article><p>&secret;&remote;</p>'
    + "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines())
    + "</article></body></html>"
)
REMOTE_RESOURCES = page(head=(
    '<link rel="stylesheet" href="http://203.0.113.9/a.css"><script src="https://203.0.113.9/a.js"></script>'
    '<meta http-equiv="refresh" content="0; url=http://203.0.113.9/">'
), doctype='<!DOCTYPE html SYSTEM "http://203.0.113.9/html.dtd">').replace(
    "<h1>", '<img src="http://203.0.113.9/i.png"><iframe src="http://203.0.113.9/f"></iframe><h1>'
)
UTF8_PAGE = page(ARTICLE + "Æbleskiver och smörgås är inte medicin, säger läkaren.\n")
DEEP_JSON_LD = page(head='<script type="application/ld+json">' + '{"a":' * 5000 + "1" + "}" * 5000 + "</script>")
HOSTILE_URLS = page(head='<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="data:text/html,x">')

# kind -> (file name, bytes, expected outcome: "written" or a rejection reason)
CONTENT: dict[str, tuple[str, bytes, str]] = {
    "empty file": ("empty.html", b"", "empty_input"),
    "whitespace only": ("blank.txt", b" \n\t\r\n   \n", "empty_input"),
    "only a byte order mark": ("bom.txt", codecs.BOM_UTF8, "empty_input"),
    "only boilerplate": ("boilerplate.txt", "Posted on 12 May 2021\nBy Anonim\nShare\nFlip\nEmail\nText\n".encode(), "no_content"),
    "PNG named .html": ("image.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary_input"),
    "PDF named .html": ("document.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" + bytes(range(256)), "binary_input"),
    "ZIP named .html": ("archive.html", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)), "binary_input"),
    "random bytes": ("noise.html", bytes((i * 7919 + 13) % 256 for i in range(4096)), "undecodable"),
    "truncated gzip": ("cut.html.gz", gzip.compress(page().encode())[:-40], "bad_gzip"),
    "gzip bomb": ("bomb.html.gz", gzip_bomb(), "too_large"),
    "invalid UTF-8 mid-page": ("bad-utf8.html", UTF8_PAGE.encode().replace("smörgås".encode(), b"sm\xf6rg\xe5s"), "written"),
    "declares latin-1, written in UTF-8": (
        "wrong-charset.html", page(ARTICLE + "Läkaren säger: drick vatten före träningen.\n",
                                   head='<meta charset="iso-8859-1">').encode(), "written"),
    "UTF-16 with BOM": ("utf16-bom.html", codecs.BOM_UTF16_LE + UTF8_PAGE.encode("utf-16-le"), "written"),
    "UTF-16 without BOM": ("utf16.html", UTF8_PAGE.encode("utf-16-le"), "written"),
    "UTF-16LE text without BOM": ("utf16le.txt", ("Muscle cramps\n\n" + ARTICLE).encode("utf-16-le"), "written"),
    "UTF-16BE text without BOM": ("utf16be.txt", ("Muscle cramps\n\n" + ARTICLE).encode("utf-16-be"), "written"),
    "NUL bytes in a page": ("nul.html", page().encode().replace(b"<p>", b"<p>\0", 2), "written"),
    "50 MB of text": ("huge.txt", (ARTICLE * 200_000).encode()[:50_000_000], "too_large"),
    "100,000 nested divs": ("deep.html", ("<html><body>" + "<div>" * 100_000 + ARTICLE + "</div>" * 100_000 + "</body></html>").encode(), "too_deep"),
    "a single 10 MB line": ("one-line.txt", ("Muscle cramps hurt and stretching helps. " * 250_000).encode()[:10_000_000], "written"),
    "only script and style": ("code.html", b"<html><head><style>p{color:red}</style></head><body><script>" + b"x();" * 500 + b"</script></body></html>", "no_content"),
    "comment that never closes": ("comment.html", (page().replace("<article>", "<article><!-- ", 1)).encode(), "no_content"),
    "billion laughs in XHTML": ("laughs.xhtml", BILLION_LAUGHS.encode(), "written"),
    "external entities": ("entities.xhtml", EXTERNAL_ENTITY.encode(), "written"),
    "remote resources": ("remote.html", REMOTE_RESOURCES.encode(), "written"),
    "article in an unsupported script": ("tibetan.txt", ("བོད་ཀྱི་སྨན་པས་ཤ་རྩ་འཁུམས་པའི་ནད་ལ་བཅོས་ཐབས་བྱེད། " * 40 + "\n").encode() * 5, "no_language"),
    "emoji only": ("emoji.txt", ("💪😖🦵💧🩺 " * 50 + "\n").encode() * 4, "no_language"),
    "markdown file": ("notes.md", ("# Muscle cramps\n\n" + ARTICLE.replace("\n", "\n\n") + "- stretch\n- drink water\n").encode(), "written"),
    "JSON-LD nested 5,000 deep": ("deep-json-ld.html", DEEP_JSON_LD.encode(), "written"),
    "javascript: and data: page URLs": ("hostile-urls.html", HOSTILE_URLS.encode(), "written"),
    "JSON nested 5,000 deep": ("nested.json", b"[" * 5000 + b"]" * 5000, "structured_data"),
    "JSON file": ("data.json", b'{"title": "Muscle cramps", "views": 1234, "tags": ["health", "sport"]}', "structured_data"),
    "HTML cut mid-tag": ("cut.html", page().encode()[: page().encode().index(b"</article>") - 3], "written"),
    "name with spaces, quotes, newline, non-ASCII": ("we\"ird 'name'\n späm ✓.txt", ARTICLE.encode(), "written"),
    "copy of another page": ("copy of remote.html", REMOTE_RESOURCES.encode(), "written"),
}

# kind -> (path in raw/, expected outcome); laid out by build_raw_folder
FILESYSTEM: dict[str, tuple[str, str]] = {
    "symlink out of raw/": ("escape.html", "outside_raw"),
    "symlinked folder out of raw/": ("elsewhere", "outside_raw"),
    "symlink loop": ("loop.html", "unreadable"),
    "dangling symlink": ("gone.html", "unreadable"),
    "symlink inside raw/": ("alias.txt", "written"),
    "named pipe": ("pipe.html", "not_a_file"),
    "folder named x.html": ("x.html/inside.txt", "written"),
    "file over the size limit, never read": ("sparse.html", "too_large"),
}


def build_raw_folder(root: Path, outside: Path) -> dict[str, str]:
    """Write every kind below `root` (and a secret in `outside`); path -> expected outcome."""
    root.mkdir(parents=True)
    outside.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, data, outcome in CONTENT.values():
        (root / name).write_bytes(data)
        expected[name] = outcome
    (outside / "secret.html").write_text(page("The secret text must never be read by a run over raw.\n"))
    os.symlink(outside / "secret.html", root / "escape.html")
    os.symlink(outside, root / "elsewhere")
    os.symlink(root / "loop.html", root / "loop.html")
    os.symlink(root / "nothing-here.html", root / "gone.html")
    os.symlink("notes.md", root / "alias.txt")
    os.mkfifo(root / "pipe.html")
    (root / "x.html").mkdir()
    (root / "x.html" / "inside.txt").write_text(ARTICLE)
    with open(root / "sparse.html", "wb") as sparse:
        sparse.truncate(25_000_000)  # 25 MB of holes: no disk used, and over the 20 MB limit
    expected.update(dict(FILESYSTEM.values()))
    return expected

