"""A real HTTP site on 127.0.0.1 for the scrape tests: real sample pages and every answer a
polite scraper must handle (robots.txt, redirects, a loop, 404, a 500 then 200, a 429 with
Retry-After, a slow answer, ETag and Last-Modified, a wrong charset header) and every one it
must survive (bodies over a cap, a gzip bomb, a trickle of bytes)."""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.conftest import RAW

WEBMD = (RAW / "webmd_peanut_allergy.html").read_bytes()
SWEDISH = (
    "<!DOCTYPE html><html lang=sv><head><title>Muskelkramper</title></head><body><article><h1>Muskelkramper</h1>"
    "<p>Muskelkramper är plötsliga och smärtsamma sammandragningar i en muskel, ofta i vaden på natten.</p>"
    "<p>Att stretcha muskeln försiktigt och dricka tillräckligt med vatten hjälper de flesta inom några minuter.</p>"
    "<p>Sök läkare om krampen kommer ofta, varar länge eller följer på ett nytt läkemedel.</p>"
    "</article></body></html>"
).encode("utf-8")
ETAG, LAST_MODIFIED = '"v1"', "Mon, 02 Nov 2026 10:00:00 GMT"
SMALL_CAP = 100_000  # the max_bytes the size tests set; the answers below sit just around it
BOMB = gzip.compress(bytes(5_000_000), compresslevel=9)  # ~5 KB on the wire, 5 MB inflated
TRICKLE_GAP_S = 0.1  # between two bytes of a trickling answer: far below any read timeout


class Site(BaseHTTPRequestHandler):
    hits: Counter = Counter()  # path -> requests, shared by the server's threads
    user_agents: list[str] = []

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        Site.hits[self.path] += 1
        Site.user_agents.append(self.headers.get("User-Agent", ""))
        route = self.server.routes.get(self.path)
        if route is None:
            return self.answer(404, b"not found")
        route(self, Site.hits[self.path])

    def answer(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in {"Content-Type": "text/html; charset=utf-8", **(headers or {})}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, to: str, status: int = 301) -> None:
        self.answer(status, headers={"Location": to})

    def unsized(self, body: bytes) -> None:
        """A 200 without Content-Length: the body ends when the connection closes (HTTP/1.0)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)

    def trickle(self, head: bytes, body: bytes) -> None:
        """Write `head` whole, then `body` a byte at a time, until done or the client leaves."""
        try:
            self.wfile.write(head)
            for byte in body:
                time.sleep(TRICKLE_GAP_S)
                self.wfile.write(bytes([byte]))
        except OSError:  # the client gave up: that is the point
            pass


ROUTES = {
    "/robots.txt": lambda h, n: h.answer(200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"}),
    "/health/peanut-allergy": lambda h, n: h.answer(200, WEBMD),
    "/sv/muskelkramper": lambda h, n: h.answer(200, SWEDISH),
    "/private/page": lambda h, n: h.answer(200, SWEDISH),
    "/old": lambda h, n: h.redirect("/older", 301),
    "/older": lambda h, n: h.redirect("/sv/muskelkramper", 302),
    "/to-private": lambda h, n: h.redirect("/private/page", 302),
    "/loop/a": lambda h, n: h.redirect("/loop/b"),
    "/loop/b": lambda h, n: h.redirect("/loop/a"),
    "/flaky": lambda h, n: h.answer(500, b"oops") if n == 1 else h.answer(200, SWEDISH),
    "/busy": lambda h, n: h.answer(429, b"slow down", {"Retry-After": "1"}) if n == 1 else h.answer(200, WEBMD),
    "/slow": lambda h, n: (time.sleep(3), h.answer(200, SWEDISH)),
    "/etag": lambda h, n: h.answer(304) if h.headers.get("If-None-Match") == ETAG else h.answer(200, WEBMD + b"<!-- v1 -->", {"ETag": ETAG}),
    "/dated": lambda h, n: (h.answer(304) if h.headers.get("If-Modified-Since") == LAST_MODIFIED
                            else h.answer(200, SWEDISH, {"Last-Modified": LAST_MODIFIED})),
    # The header says Windows-1252; the bytes are UTF-8 (and the page declares nothing).
    "/wrong-charset": lambda h, n: h.answer(200, SWEDISH, {"Content-Type": "text/html; charset=windows-1252"}),
    "/just-fits": lambda h, n: h.answer(200, b"x" * SMALL_CAP),
    "/too-big-declared": lambda h, n: h.answer(200, b"x" * (SMALL_CAP + 1)),
    "/too-big-unsized": lambda h, n: h.unsized(b"x" * (SMALL_CAP + 1)),
    "/gzip-bomb": lambda h, n: h.answer(200, BOMB, {"Content-Encoding": "gzip"}),
    # 100 bytes, one every 0.1 s: each read is quick, the whole answer takes 10 s.
    "/trickle-body": lambda h, n: h.trickle(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", b"x" * 100),
    "/trickle-headers": lambda h, n: h.trickle(b"HTTP/1.1 200 OK\r\n", b"X-Slow: " + b"x" * 100 + b"\r\n\r\n"),
}


class running_site:
    """Serve Site on a free port of 127.0.0.1 in a thread; the base URL inside the block.
    `routes` replace or add to ROUTES for this server (another robots.txt, say)."""

    def __init__(self, routes: dict | None = None) -> None:
        self.routes = {**ROUTES, **(routes or {})}

    def __enter__(self) -> str:
        Site.hits.clear()
        Site.user_agents.clear()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
        self.server.routes = self.routes
        # A short poll interval: shutdown() waits for one, at the end of every test.
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
