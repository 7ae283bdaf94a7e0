"""Event handlers: load the catalog once per build, keep stubs and charts in step, tell Sphinx
which aggregate pages an edited card makes stale, and add page assets only where needed."""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .. import export
from ..catalog import Catalog, load_catalog
from ..jsonschema import schema_files
from ..render.charts import CHARTS, chart_inputs, render_svg
from ..schema import KIND_FOLDERS, KINDS
from .domain import LLMDomain
from .pages import _write_if_changed, sync_pages
from .state import (
    ALL,
    TEXT,
    BuildData,
    CardKey,
    CardState,
    build_data,
    env_state,
    field_digests,
    field_key,
    references,
    set_build_data,
)

logger = logging.getLogger(__name__)


def catalog_root(app: Sphinx) -> Path:
    return (Path(app.confdir) / str(app.config.llmcatalog_path)).resolve()


def load_and_sync(app: Sphinx) -> None:
    root = catalog_root(app)
    if not root.is_dir():
        logger.warning(
            "llmcatalog: catalog folder not found: %s", root, type="llmcatalog", subtype="config"
        )
    catalog = load_catalog(root)
    for problem in catalog.problems:
        message = f"{problem.field}: {problem.message}" if problem.field else problem.message
        location = f"{Path(problem.path).resolve()}:{problem.line}"
        if problem.severity == "error":
            logger.warning(message, location=location, type="llmcatalog", subtype=problem.code)
        else:
            logger.info("warning: %s", message, location=location)
    use_git = app.config.llmcatalog_git_dates
    changed = _git_dates(root) if use_git else {}
    added = _git_dates(root, first=True) if use_git else {}
    set_build_data(app.srcdir, BuildData(catalog, changed, added))
    srcdir = Path(app.srcdir)
    written, removed = sync_pages(catalog, srcdir, app.config.llmcatalog_pages_dir)
    if written or removed:
        logger.info("llmcatalog: %d page stub(s) written, %d removed", written, removed)
    write_downloads(catalog, srcdir / app.config.llmcatalog_pages_dir / DATA_DIR)
    if app.builder.format == "html" or app.builder.name in {"html", "dirhtml", "singlehtml"}:
        # Charts no page shows are not drawn; a page that starts showing one draws it then.
        used = charts_in_use(app.env)
        folder = srcdir / app.config.llmcatalog_pages_dir / "_charts"
        write_charts(catalog, folder, CHARTS if used is None else sorted(used))


def write_charts(catalog: Catalog, folder: Path, names: Iterable[str] = CHARTS) -> None:
    """Draw charts again only when the figures they plot changed (drawing takes seconds;
    editing a card's text or sources must not cost that)."""
    digest = hashlib.blake2b(chart_inputs(catalog).encode(), digest_size=16).hexdigest()
    for name in names:
        stamp = folder / f".{name}.digest"
        files = [folder / f"{name}-{theme}.svg" for theme in ("light", "dark")]
        if stamp.is_file() and stamp.read_text() == digest and all(f.is_file() for f in files):
            continue
        for theme, path in zip(("light", "dark"), files, strict=True):
            _write_if_changed(path, render_svg(catalog, name, theme))
        _write_if_changed(stamp, digest)


def charts_in_use(env: BuildEnvironment) -> set[str] | None:
    """Charts the site's pages showed in the previous build; None when there was none."""
    if not env.all_docs:
        return None
    domain = env.domains["llm"]
    assert isinstance(domain, LLMDomain)
    return {name for names in domain.charts.values() for name in names}


DATA_DIR = "_data"


def download_files(catalog: Catalog) -> dict[str, str]:
    """File name -> text of every data download, from the same validated catalog."""
    files = {"catalog.json": export.to_json(catalog)}
    for kind, folder in KIND_FOLDERS.items():
        files[f"{folder}.csv"] = export.to_csv(catalog, kind)
    files.update(schema_files())
    return files


def write_downloads(catalog: Catalog, folder: Path) -> None:
    """Export again only when a card or the export code changed: exporting the whole catalog
    costs about half a second per thousand cards, on every incremental build."""
    digest = hashlib.blake2b(digest_size=16)
    for entry in catalog.all_entries():
        digest.update(f"{entry.card.card_kind}/{entry.card.id}\0{entry.digest}\n".encode())
    package = Path(__file__).resolve().parent.parent
    for module in ("export.py", "jsonschema.py", "schema/cards.py", "schema/types.py"):
        digest.update((package / module).read_bytes())
    stamp = folder / ".digest"
    names = ["catalog.json", *(f"{f}.csv" for f in KIND_FOLDERS.values())]
    names += [f"{kind}.schema.json" for kind in KINDS]
    fresh = stamp.is_file() and stamp.read_text() == digest.hexdigest()
    if fresh and all((folder / name).is_file() for name in names):
        return
    for name, text in download_files(catalog).items():
        _write_if_changed(folder / name, text)
    _write_if_changed(stamp, digest.hexdigest())


def git_log(root: Path, args: list[str]) -> str | None:
    """`git log ARGS -- .` in the catalog folder; None when git or the history is missing."""
    try:
        done = subprocess.run(
            ["git", "log", *args, "--", "."],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _git_dates(root: Path, *, first: bool = False) -> dict[CardKey, str]:
    """Date of the last commit that touched each card, or with `first` the commit that added
    it (one git call for the whole catalog)."""
    from ..loader import FOLDER_KINDS

    args = ["--format=%x00%cs", "--name-only"]
    output = git_log(root, [*args, "--diff-filter=A", "--reverse"] if first else args)
    if output is None:
        return {}
    dates: dict[CardKey, str] = {}
    current = ""
    for line in output.splitlines():
        if line.startswith("\x00"):
            current = line[1:]
        elif line.endswith(".yaml"):
            parts = Path(line).parts
            if len(parts) >= 2 and parts[-2] in FOLDER_KINDS:
                key = (FOLDER_KINDS[parts[-2]], Path(parts[-1]).stem)
                dates.setdefault(key, current)  # newest first: keep the first seen
    return dates


def outdated_pages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages to re-read because a card they show changed, appeared or disappeared."""
    data = build_data(app.srcdir)
    catalog = data.catalog
    state = env_state(env)
    dates = data.changed
    current: dict[CardKey, CardState] = {}
    for entry in catalog.all_entries():
        key = (entry.card.card_kind, entry.card.id)
        digest = f"{entry.digest}:{dates.get(key, '')}"
        current[key] = CardState(
            digest, field_digests(entry.card), entry.card.summary, references(entry.card)
        )
    touched: set[CardKey] = set()  # what changed, as the keys pages note in their uses
    named: set[CardKey] = set()  # cards a card starts or stops naming: their pages list it
    own: set[CardKey] = set()  # cards changed only in their own page's text
    for key in current.keys() | state.cards.keys():
        old, new = state.cards.get(key), current.get(key)
        kind, card_id = key
        if old is None or new is None:  # added or removed: everything about it changed
            fields = set((old or new).fields)  # type: ignore[union-attr]
            moved = (old or new).refs  # type: ignore[union-attr]
        else:
            fields = {
                name
                for name in old.fields.keys() | new.fields.keys()
                if old.fields.get(name) != new.fields.get(name)
            }
            moved = old.refs ^ new.refs
        if fields:
            touched.update({key, (kind, ALL)})
            for name in fields:
                touched.update({field_key(kind, name, card_id), field_key(kind, name)})
            if "derived_from" in fields:
                # An edge changes the lineage around both of its ends: the pages whose
                # diagrams reach the parents are re-read too.
                for ref_kind, parent in moved | (new.refs if new else frozenset()):
                    if ref_kind == "model":
                        touched.add(field_key("model", "derived_from", parent))
            named.update(moved)
        if old is not None and new is not None:
            if old.summary != new.summary:
                touched.update({(kind + TEXT, card_id), (kind + TEXT, ALL)})
            if old.digest != new.digest:
                own.add(key)
    state.cards = current
    if not (touched or own):
        return []
    domain = env.domains["llm"]
    assert isinstance(domain, LLMDomain)
    stale = {doc for doc, keys in domain.uses.items() if keys & touched}
    stale.update(domain.objects[k][0] for k in own if k in domain.objects)
    # A new edge or adoption shows on the named card's own page (a family is a group of pages).
    stale.update(
        doc for doc, keys in domain.uses.items() if keys & {k for k in named if k[0] == "family"}
    )
    stale.update(domain.objects[k][0] for k in named if k in domain.objects)
    stale &= env.found_docs
    if stale:
        logger.info("llmcatalog: %d page(s) show changed cards", len(stale))
    return sorted(stale - changed - added)


# Below this many pages to read (or a tenth of the site, if more), one process reads them.
FEW_PAGES = 10


def serial_for_few_pages(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """With -j, Sphinx forks workers even for two pages, and each worker pickles the whole
    environment back to the main process: about a second at 1,000 cards, ten at 10,000. For
    an edit that re-reads a few pages, reading and writing them here is several times
    faster; a full build still uses every core."""
    if app.parallel > 1 and len(docnames) < max(FEW_PAGES, len(env.all_docs) // 10):
        logger.info("llmcatalog: %d page(s) to read: one process is faster", len(docnames))
        app.llmcatalog_jobs = app.parallel  # type: ignore[attr-defined]
        app.parallel = 1


def restore_jobs(app: Sphinx, exception: Exception | None) -> None:
    jobs = getattr(app, "llmcatalog_jobs", None)
    if jobs is not None:
        app.parallel = jobs


def add_page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Table and diagram scripts only on pages that have a catalog table or diagram."""
    if doctree is None:
        return
    has_table = any(
        "llm-table-box" in n.get("classes", []) for n in doctree.findall(nodes.container)
    )
    if has_table:
        app.add_js_file("llmcatalog-tables.js", defer="defer")
    has_graph = any("llm-graph" in n.get("classes", []) for n in doctree.findall(nodes.container))
    if has_graph:
        app.add_js_file("llmcatalog-graph.js", type="module")
