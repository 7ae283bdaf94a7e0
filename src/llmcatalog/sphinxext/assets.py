"""Scripts the site serves itself (Mermaid, its ELK layout, ELK itself for the tree of the
field, MathJax): pinned npm packages.

The site must work without any CDN (and its tests run where none is reachable), so these
scripts are downloaded at build time into a cache outside the repository, checked against the
registry's published sha512 integrity, and copied into the site's static files. Hosting may
opt in to CDNs instead (`llmcatalog_mermaid = "cdn"`).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import os
import shutil
import tarfile
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from sphinx.errors import ExtensionError

REGISTRY = "https://registry.npmjs.org"


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    integrity: str
    files: tuple[str, ...]
    """Paths inside the tarball (prefix match) to keep, without source maps."""

    @property
    def tarball(self) -> str:
        short = self.name.rsplit("/", 1)[-1]
        return f"{REGISTRY}/{self.name}/-/{short}-{self.version}.tgz"


MERMAID = Package(
    "mermaid",
    "11.12.1",
    "sha512-UlIZrRariB11TY1RtTgUWp65tphtBv4CSq7vyS2ZZ2TgoMjs2nloq+wFqxiwcxlhHUvs7DPGgMjs2aeQxz5h9g==",
    ("package/dist/mermaid.esm.min.mjs", "package/dist/chunks/mermaid.esm.min/"),
)
ELK = Package(
    "@mermaid-js/layout-elk",
    "0.2.0",
    "sha512-vjjYGnCCjYlIA/rR7M//eFi0rHM6dsMyN1JQKfckpt30DTC/esrw36hcrvA2FNPHaqh3Q/SyBWzddyaky8EtUQ==",
    (
        "package/dist/mermaid-layout-elk.esm.min.mjs",
        "package/dist/chunks/mermaid-layout-elk.esm.min/",
    ),
)
# The layout engine of the tree of the field (`llmcatalog-fieldtree.js`), as one script.
ELKJS = Package(
    "elkjs",
    "0.12.1",
    "sha512-IhMYKHE4S2vtx0QrhBP3lYOIKDeIiJXBrdq9MGYkuB8ZHqhrBnHNfSUndjXFewrX1CPK8chwq+2NA0K0hliYuw==",
    ("package/lib/elk.bundled.js",),
)
ELKJS_CDN = f"https://cdn.jsdelivr.net/npm/elkjs@{ELKJS.version}/lib/elk.bundled.js"

# Live charts (llmcatalog-charts.js): Vega, Vega-Lite and vega-embed, as browser scripts.
VEGA = Package(
    "vega",
    "6.4.0",
    "sha512-rHXCq2LpEWCLMjXBEj7hocY9G0/i5TGYRayGGSj06VTF4+l2IG2Z7oeZKCjWbUh/7hTE/mVhbaOPB72wCElh6g==",
    ("package/build/vega.min.js",),
)
VEGA_LITE = Package(
    "vega-lite",
    "6.5.0",
    "sha512-fMXF6s0MrIg0UTWnLIfeFtgSLzVhyzSKobzGrh5rhS+mL6FOYFG3m7ouJ4U23gj65EK+gl9FIIT5w7wLNaAzkA==",
    ("package/build/vega-lite.min.js",),
)
VEGA_EMBED = Package(
    "vega-embed",
    "7.3.0",
    "sha512-wQ8s5GaSzqoKgmRfbRolgBrjE2CP7ZKHXqH7NijxMqPjpdWxSs4Dn8tvp9g0giQvh2cK+3p56sxjWWM0wNngGw==",
    ("package/build/vega-embed.min.js",),
)
VEGA_PACKAGES = (VEGA, VEGA_LITE, VEGA_EMBED)

MATHJAX = Package(
    "mathjax",
    "3.2.2",
    "sha512-Bt+SSVU8eBG27zChVewOicYs7Xsdt40qm4+UpHyX7k0/O9NliPc+x77k1/FEsPsjKPZGJvtRZM1vO+geW0OhGw==",
    ("package/es5/tex-mml-chtml.js", "package/es5/output/chtml/fonts/woff-v2/"),
)


def cache_root() -> Path:
    configured = os.environ.get("LLMCATALOG_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "llmcatalog"


def static_dir() -> Path:
    """A folder holding `mermaid/` (Mermaid and its ELK layout), `elk/`, `vega/` and
    `mathjax/`, ready to be a static path. Fetched on first use; later builds reuse the
    cache."""
    packages = (MERMAID, ELK, ELKJS, *VEGA_PACKAGES, MATHJAX)
    tag = "-".join(f"{p.name.rsplit('/', 1)[-1]}-{p.version}" for p in packages)
    root = cache_root() / f"static-{tag}"
    wanted = (
        "mermaid/mermaid.esm.min.mjs",
        "mermaid/mermaid-layout-elk.esm.min.mjs",
        "elk/elk.bundled.js",
        "vega/vega.min.js",
        "vega/vega-lite.min.js",
        "vega/vega-embed.min.js",
        "mathjax/tex-mml-chtml.js",
    )
    if all((root / name).is_file() for name in wanted):
        return root
    root.parent.mkdir(parents=True, exist_ok=True)
    # Build in a temporary folder and rename: a concurrent build never sees half a copy.
    staging = Path(tempfile.mkdtemp(prefix=".static-", dir=root.parent))
    try:
        for package in (MERMAID, ELK):
            _extract(_download(package), package, staging / "mermaid")
        _extract(_download(ELKJS), ELKJS, staging / "elk")
        for package in VEGA_PACKAGES:
            _extract(_download(package), package, staging / "vega")
        _extract(_download(MATHJAX), MATHJAX, staging / "mathjax")
        with contextlib.suppress(OSError):  # another build finished first: its copy will do
            staging.rename(root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return root


def vega_lite_schema() -> Path:
    """The JSON Schema of the pinned Vega-Lite, for checking the specs the site writes (it
    stays out of the site's static files)."""
    path = cache_root() / f"vega-lite-schema-{VEGA_LITE.version}.json"
    if not path.is_file():
        member = "package/build/vega-lite-schema.json"
        with tarfile.open(fileobj=io.BytesIO(_download(VEGA_LITE)), mode="r:gz") as archive:
            source = archive.extractfile(member)
            if source is None:
                raise ExtensionError(f"llmcatalog: {member} missing from {VEGA_LITE.tarball}")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(source.read())
    return path


def _download(package: Package) -> bytes:
    try:
        with urllib.request.urlopen(package.tarball, timeout=120) as response:
            data: bytes = response.read()
    except (urllib.error.URLError, OSError) as exc:
        raise ExtensionError(
            f"llmcatalog: could not fetch {package.name} {package.version} from the npm "
            f"registry ({package.tarball}): {exc}. The site serves Mermaid itself; connect to "
            "the registry once (the copy is cached in "
            f"{cache_root()}), or set llmcatalog_mermaid = 'cdn' in conf.py to load it from "
            "a CDN instead."
        ) from exc
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != package.integrity:
        raise ExtensionError(
            f"llmcatalog: {package.tarball} does not match its pinned integrity "
            f"({digest} != {package.integrity}); refusing to serve it."
        )
    return data


def _extract(data: bytes, package: Package, target: Path) -> None:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            name = member.name
            keep = any(name == f or (f.endswith("/") and name.startswith(f)) for f in package.files)
            if not keep or not member.isfile() or name.endswith(".map"):
                continue
            relative = (
                name.removeprefix("package/dist/")
                .removeprefix("package/es5/")
                .removeprefix("package/lib/")
                .removeprefix("package/build/")
            )
            if ".." in Path(relative).parts:
                continue
            out = target / relative
            out.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            if source is not None:
                out.write_bytes(source.read())
