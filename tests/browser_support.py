"""Real-browser testing: find Chromium, serve the built site locally, keep pages offline."""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from llmcatalog.sphinxext.assets import Package, _download, _extract, cache_root

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

AXE = Package(
    "axe-core",
    "4.14.1",
    "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
    ("package/axe.min.js",),
)

VNU = Package(
    "vnu-jar",
    "26.9.27",
    "sha512-TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+RPUiZhgli0SghgBX6RJRNea0KA==",
    ("package/build/dist/vnu.jar",),
)

HOW_TO_GET_CHROMIUM = (
    "No Chromium found for the browser tests. Install one: `apt-get install chromium` "
    "(Debian/Ubuntu), or `python -m playwright install chromium`; or point the CHROMIUM "
    "environment variable at a Chromium or Chrome executable."
)


def find_chromium() -> str | None:
    """CHROMIUM, then the system's Chromium; None means Playwright's own download (if any)."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            # Debian's wrapper script prints noise; the real binary sits beside it.
            real = Path("/usr/lib/chromium/chromium")
            return str(real) if name == "chromium" and real.is_file() else found
    return None


def _cached(package: Package, filename: str) -> Path:
    """One file of an npm package, pinned and integrity-checked, cached like Mermaid."""
    folder = cache_root() / f"{package.name}-{package.version}"
    path = folder / filename
    if not path.is_file():
        staging = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")
        _extract(_download(package), package, staging)
        found = next(staging.rglob(filename))
        folder.mkdir(parents=True, exist_ok=True)
        found.replace(path)
        shutil.rmtree(staging, ignore_errors=True)
    return path


def axe_script() -> Path:
    return _cached(AXE, "axe.min.js")


def vnu_jar() -> Path:
    """The Nu HTML Checker (the W3C validator), run with the machine's Java."""
    return _cached(VNU, "vnu.jar")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # A missing URL gets the site's own 404.html, at whatever depth, as GitHub Pages and
        # Read the Docs serve it.
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


_QuietHandler.extensions_map = {**_QuietHandler.extensions_map, ".mjs": "text/javascript"}


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on a free loopback port for as long as the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Weight:
    """What a page load transferred: every response body, as served and gzip-compressed
    (what a host that compresses sends; fonts and images barely shrink)."""

    requests: int
    raw_bytes: int
    gzip_bytes: int
    urls: tuple[str, ...]


def weigh(responses: list[object]) -> Weight:
    """The weight of Playwright responses collected with `page.on("response", ...)`."""
    raw = packed = 0
    urls = []
    for response in responses:
        urls.append(response.url)  # type: ignore[attr-defined]
        try:
            body: bytes = response.body()  # type: ignore[attr-defined]
        except Exception:  # redirects and aborted requests have no body
            continue
        raw += len(body)
        packed += len(gzip.compress(body, compresslevel=6))  # what servers commonly use
    return Weight(len(urls), raw, packed, tuple(urls))
