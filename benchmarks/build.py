"""Site builds against a plain-Sphinx baseline with the same number of pages.

For each size N: a synthetic catalog of N model cards (with proportional labs and techniques,
lineage and technique links) built by the extension, and a plain project of N hand-written
MyST pages of similar size, reached from one index page (the cheapest navigation layout), with
the same theme. Both are built in the same run, on the same machine, so the ratios hold even
where absolute times do not.
"""

from __future__ import annotations

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
    edit_s: float
    figure_s: float
    add_s: float
    validate_per_s: float


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


def plain_project(root: Path, pages: int) -> Path:
    """N MyST pages of about a card page's size, linked from one index (no toctree growth)."""
    src = root / "plain"
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
            plain_src = plain_project(root, pages)
            plain = [_sphinx(plain_src, root / f"plain{r}") for r in range(repeats)]
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
            rows.append(
                Row(
                    size,
                    pages,
                    _median(full),
                    _median(plain),
                    edit,
                    figure,
                    add,
                    _validation_rate(src / "catalog"),
                )
            )
    return rows


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
        "| cards | pages | full build | per page | plain build | x plain | edit a summary | "
        "% of full | edit a figure | % of full | add 1 card | peak MB | x plain | output MB | "
        "validate cards/s |",
        "|" + " ---: |" * 15,
    ]
    for r in rows:
        lines.append(
            f"| {r.size:,} | {r.pages:,} | {r.full.seconds:.1f} s | "
            f"{1000 * r.full.seconds / r.pages:.1f} ms | {r.plain.seconds:.1f} s | "
            f"{r.full.seconds / r.plain.seconds:.2f} | {r.edit_s:.1f} s | "
            f"{100 * r.edit_s / r.full.seconds:.0f} % | {r.figure_s:.1f} s | "
            f"{100 * r.figure_s / r.full.seconds:.0f} % | {r.add_s:.1f} s | "
            f"{r.full.peak_mb:,.0f} | {r.full.peak_mb / r.plain.peak_mb:.2f} | "
            f"{r.full.output_mb:,.1f} | {r.validate_per_s:,.0f} |"
        )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = (last.full.seconds / first.full.seconds) / (last.pages / first.pages)
        lines += [
            "",
            f"Growth: {last.pages / first.pages:.1f}x the pages cost "
            f"{last.full.seconds / first.full.seconds:.1f}x the time "
            f"({growth:.2f}x per page).",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    sizes = tuple(int(s) for s in sys.argv[1:]) or (100, 1_000)
    print(report(run(sizes)))
