"""Site builds against a plain-Sphinx baseline with the same number of pages.

For each size N: a synthetic catalog of N model cards (with proportional labs and techniques,
lineage and technique links) built by the extension, and the same catalog written by hand as
plain MyST pages with the same content (benchmarks/handwritten.py), built by plain Sphinx with
the same theme. Both are built in the same run, on the same machine, so the ratios hold even
where absolute times do not.
"""

from __future__ import annotations

import itertools
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import browser, handwritten
from .synthetic import write_catalog

THEME_CONF = """
html_theme = "pydata_sphinx_theme"
html_theme_options = {"navigation_with_keys": False}
html_context = {"default_mode": "auto"}
exclude_patterns = ["_build", "catalog"]
"""


@dataclass
class Measure:
    seconds: float
    peak_mb: float
    output_mb: float


@dataclass
class Row:
    size: int
    pages: int
    full: Measure
    plain: Measure
    light: Measure
    cheapest: Measure
    """The target's baseline: the cheapest layout with a card page's content."""
    edit_s: float
    figure_s: float
    add_s: float
    plain_edit_s: float
    """The by-hand twin, after editing the same figure where it appears (three pages)."""
    plain_add_s: float
    """The by-hand twin, after adding the same card's page and listing it (three pages)."""
    validate_per_s: float
    table: browser.TableTimings | None


# Runs one build in a fresh process and reports its peak memory: the largest resident set of
# the build process itself or of any worker it started (-j forks workers).
_ONE_BUILD = """
import json, resource, sys, time
from sphinx.cmd.build import main
start = time.perf_counter()
code = main(sys.argv[1:])
seconds = time.perf_counter() - start
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
           resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"code": code, "seconds": seconds, "peak_kb": peak}))
"""


def _sphinx(src: Path, out: Path, jobs: str = "auto") -> Measure:
    done = subprocess.run(
        [sys.executable, "-c", _ONE_BUILD, "-b", "html", "-q", "-j", jobs, str(src), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        result = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        raise RuntimeError(done.stderr[-3000:]) from None
    if result["code"] != 0:
        raise RuntimeError(done.stderr[-3000:])
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20
    return Measure(result["seconds"], result["peak_kb"] / 1024, size)


def catalog_project(root: Path, size: int) -> Path:
    src = root / "site"
    write_catalog(src / "catalog", size)
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "llmcatalog.sphinxext"]\n'
        'llmcatalog_path = "catalog"\nllmcatalog_git_dates = False\n'
        'llmcatalog_mermaid = "cdn"\n' + THEME_CONF,
        encoding="utf-8",
    )
    (src / "index.md").write_text(
        "# Catalog benchmark\n\n```{toctree}\ncards/index\n```\n", encoding="utf-8"
    )
    return src


def plain_project(root: Path, catalog_dir: Path) -> Path:
    """The same catalog as hand-written MyST pages, built by plain Sphinx (see handwritten)."""
    conf = (
        'extensions = ["myst_parser"]\n'
        'myst_enable_extensions = ["deflist"]\n'
        "myst_heading_anchors = 2\n" + THEME_CONF
    )
    return handwritten.write_project(root / "plain", catalog_dir, conf)


def light_project(root: Path, pages: int) -> Path:
    """N short MyST pages (about a quarter of a card page), linked from one index page: what
    Sphinx costs per page at the least, shown for context."""
    src = root / "light"
    (src / "pages").mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["myst_parser"]\n' + THEME_CONF, encoding="utf-8")
    rows = []
    for i in range(pages):
        rows.append(f"| [Page {i}](pages/p{i}.md) | 2019-0{1 + i % 9} | Lab {i % 30} |")
        (src / "pages" / f"p{i}.md").write_text(
            f"""---
orphan: true
---
# Page {i}

Synthetic page number {i}, about as long as a card page. It has a summary, a table of
facts, a description with *emphasis*, `code` and a [link](https://example.org/{i}).

| Field | Value |
| --- | --- |
| Organizations | Lab {i % 30} |
| Released | 2019-0{1 + i % 9} |
| Architecture | decoder-only |
| Parameters | 7B |
| Context length | 4,096 |
| Training tokens | 2T |
| Weights | open |

## About

Model {i} is a synthetic page. Its text is about as long as a real card's description,
with two highlights below.

- First synthetic highlight.
- Second synthetic highlight.

## Sources

1. [Paper of model {i}](https://example.org/m/{i})
2. [Model card {i}](https://example.org/card/{i})
""",
            encoding="utf-8",
        )
    (src / "index.md").write_text(
        "# Plain benchmark\n\n| Page | Released | Lab |\n| --- | --- | --- |\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    return src


def cheapest_project(root: Path, pages: int) -> Path:
    """The baseline the extension's target is set against: N orphan MyST pages in the
    cheapest layout with about a card page's content (a 15-row field/value table, a 15-item
    list of links to other pages, two paragraphs with emphasis, literals and links, and a
    4-item source list), linked from one index page, same theme."""
    src = root / "cheapest"
    (src / "pages").mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["myst_parser"]\n' + THEME_CONF, encoding="utf-8")
    links = []
    for i in range(pages):
        links.append(f"- [Page {i}](pages/p{i}.md)")
        rows = "\n".join(f"| Field {k} | value {i}.{k} |" for k in range(15))
        others = "\n".join(
            f"- [Page {(i + k) % pages}](p{(i + k) % pages}.md)" for k in range(1, 16)
        )
        sources = "\n".join(
            f"{k}. [Source {k} of page {i}](https://example.org/{i}/{k})" for k in range(1, 5)
        )
        (src / "pages" / f"p{i}.md").write_text(
            f"""---
orphan: true
---
# Page {i}

Page {i} is one of {pages} synthetic pages. Its first paragraph has *emphasis*, a `literal`
and a [link to an outside page](https://example.org/{i}), as card descriptions do.

A second paragraph, also with **strong text**, `code` and [another link](https://example.org/x{i}),
keeps the amount of prose close to a card's summary and description.

| Field | Value |
| --- | --- |
{rows}

## Related pages

{others}

## Sources

{sources}
""",
            encoding="utf-8",
        )
    (src / "index.md").write_text(
        "# Cheapest layout\n\n" + "\n".join(links) + "\n", encoding="utf-8"
    )
    return src


def _validation_rate(catalog: Path) -> float:
    from llmcatalog.catalog import load_catalog

    files = len(list(catalog.glob("*/*.yaml")))
    start = time.perf_counter()
    result = load_catalog(catalog)
    took = time.perf_counter() - start
    assert not result.problems, result.problems[:3]
    return files / took


def run(sizes: tuple[int, ...] = (100, 1_000), repeats: int = 1) -> list[Row]:
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            src = catalog_project(root, size)
            full = [_sphinx(src, root / f"out{r}") for r in range(repeats)]
            out = root / "out0"
            pages = len(list(out.rglob("*.html")))
            plain_src = plain_project(root, src / "catalog")
            plain = [_sphinx(plain_src, root / f"plain{r}") for r in range(repeats)]
            light_src = light_project(root, pages)
            light = [_sphinx(light_src, root / f"light{r}") for r in range(repeats)]
            cheap_src = cheapest_project(root, pages)
            cheapest = [_sphinx(cheap_src, root / f"cheap{r}") for r in range(repeats)]
            table = None if browser.unavailable() else browser.measure(out)
            # Edit one card's text (its summary), then one of its figures, rebuilding
            # incrementally into the same output folder each time.
            card = src / "catalog" / "models" / f"model-{size // 2}.yaml"
            card.write_text(card.read_text().replace("Synthetic model", "Edited model"))
            edit = _sphinx(src, out).seconds
            text = card.read_text()
            card.write_text(re.sub(r"context_length: \d+", "context_length: 65536", text))
            figure = _sphinx(src, out).seconds
            # Add one card.
            new = src / "catalog" / "models" / f"model-{size}.yaml"
            text = (src / "catalog" / "models" / "model-1.yaml").read_text()
            new.write_text(text.replace("model-1", f"model-{size}").replace("M1]", f"M{size}]"))
            add = _sphinx(src, out).seconds
            plain_edit, plain_add = _edit_by_hand(plain_src, root / "plain0", size)
            rows.append(
                Row(
                    size,
                    pages,
                    _median(full),
                    _median(plain),
                    _median(light),
                    _median(cheapest),
                    edit,
                    figure,
                    add,
                    plain_edit,
                    plain_add,
                    _validation_rate(src / "catalog"),
                    table,
                )
            )
    return rows


def _edit_by_hand(src: Path, out: Path, size: int) -> tuple[float, float]:
    """What the figure edit and the added card cost by hand: the model's page, the models
    index and its lab's page each change (a comment line stands for the edit)."""
    cards = src / "cards"
    page = cards / "models" / f"model-{size // 2}.md"
    lab = re.search(r"\(\.\./organizations/(lab-\d+)\.md\)", page.read_text())
    assert lab is not None
    pages = [page, cards / "models" / "index.md", cards / "organizations" / f"{lab[1]}.md"]
    for path in pages:
        path.write_text(path.read_text() + "\n% edited\n")
    edit = _sphinx(src, out).seconds
    new = cards / "models" / f"model-{size}.md"
    new.write_text(page.read_text().replace(f"model-{size // 2}", f"model-{size}"))
    for path in pages[1:]:
        path.write_text(path.read_text() + "\n% added\n")
    return edit, _sphinx(src, out).seconds


def _median(measures: list[Measure]) -> Measure:
    return Measure(
        statistics.median(m.seconds for m in measures),
        max(m.peak_mb for m in measures),
        statistics.median(m.output_mb for m in measures),
    )


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def report(rows: list[Row]) -> str:
    lines = [
        f"Site builds (-j auto) on {machine()}",
        "",
        "Against the target's baseline (the same number of orphan pages in the cheapest "
        "layout with a card page's content; target: at most 1.3):",
        "",
        "| cards | pages | full build | cheapest layout | x cheapest |",
        "|" + " ---: |" * 5,
    ]
    for r in rows:
        lines.append(
            f"| {r.size:,} | {r.pages:,} | {r.full.seconds:.1f} s | {r.cheapest.seconds:.1f} s "
            f"| {r.full.seconds / r.cheapest.seconds:.2f} |"
        )
    lines += [
        "",
        "Earlier baselines, for context:",
        "",
        "| cards | pages | full build | per page | same content by hand | x by hand | "
        "light pages | x light | peak MB | x by hand | output MB | x by hand |",
        "|" + " ---: |" * 12,
    ]
    for r in rows:
        lines.append(
            f"| {r.size:,} | {r.pages:,} | {r.full.seconds:.1f} s | "
            f"{1000 * r.full.seconds / r.pages:.1f} ms | {r.plain.seconds:.1f} s | "
            f"{r.full.seconds / r.plain.seconds:.2f} | {r.light.seconds:.1f} s | "
            f"{r.full.seconds / r.light.seconds:.2f} | {r.full.peak_mb:,.0f} | "
            f"{r.full.peak_mb / r.plain.peak_mb:.2f} | {r.full.output_mb:,.1f} | "
            f"{r.full.output_mb / r.plain.output_mb:.2f} |"
        )
    lines += [
        "",
        "| cards | edit a summary | % of full | edit a figure | % of full | by hand | x by hand "
        "| add 1 card | % of full | by hand | x by hand | validate cards/s |",
        "|" + " ---: |" * 12,
    ]
    for r in rows:
        lines.append(
            f"| {r.size:,} | {r.edit_s:.1f} s | {100 * r.edit_s / r.full.seconds:.0f} % | "
            f"{r.figure_s:.1f} s | {100 * r.figure_s / r.full.seconds:.1f} % | "
            f"{r.plain_edit_s:.1f} s | {r.figure_s / r.plain_edit_s:.2f} | "
            f"{r.add_s:.1f} s | {100 * r.add_s / r.full.seconds:.0f} % | "
            f"{r.plain_add_s:.1f} s | {r.add_s / r.plain_add_s:.2f} | "
            f"{r.validate_per_s:,.0f} |"
        )
    measured = [r for r in rows if r.table]
    if measured:
        lines += [
            "",
            "| cards | all-models table: rows in the page | usable after | sort | filter |",
            "|" + " ---: |" * 5,
        ]
        for r in measured:
            t = r.table
            assert t is not None
            lines.append(
                f"| {r.size:,} | {t.in_document:,} of {r.size:,} | {t.ready_ms:,.0f} ms | "
                f"{t.sort_ms:,.0f} ms | {t.filter_ms:,.0f} ms |"
            )
    else:
        lines += ["", f"Browser timings not measured: {browser.unavailable()}."]
    if len(rows) > 1:
        lines.append("")
    for small, large in itertools.pairwise(rows):
        growth = (large.full.seconds / small.full.seconds) / (large.pages / small.pages)
        lines.append(
            f"Growth from {small.size:,} to {large.size:,} cards: "
            f"{large.pages / small.pages:.1f}x the pages cost "
            f"{large.full.seconds / small.full.seconds:.1f}x the time "
            f"({growth:.2f}x per page).  "
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sizes = tuple(int(s) for s in sys.argv[1:]) or (100, 1_000)
    print(report(run(sizes)))
