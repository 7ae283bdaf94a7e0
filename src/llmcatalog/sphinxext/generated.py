"""Files the extension generates beside the stubs: charts and the data downloads.

Each is made again only when what it was made from changed: a chart when one of the reads
recorded while drawing it changed, the downloads when any card or the export code changed.
What each was made from is kept in the domain's data, not in files in the source tree.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from ..catalog.reads import Read, RecordingCatalog
from ..catalog.store import Catalog
from ..commands import csvexport, export
from ..commands.jsonschema import schema_files
from ..render.charts import find_chart, render_svg
from ..schema import KINDS
from .pages import _write_if_changed

DATA_DIR = "_data"
CHARTS_DIR = "_charts"


def chart_files(folder: Path, name: str) -> list[Path]:
    return [folder / f"{name}-{theme}.svg" for theme in ("light", "dark")]


def draw_chart(catalog: Catalog, folder: Path, name: str) -> set[Read]:
    """Draw one chart in both themes; returns what drawing it read."""
    view = RecordingCatalog(catalog)
    for theme, path in zip(("light", "dark"), chart_files(folder, name), strict=True):
        _write_if_changed(path, render_svg(view, name, theme))
    return view.reads


def refresh_charts(
    catalog: Catalog,
    folder: Path,
    names: Iterable[str],
    drawn: dict[str, set[Read]],
    touched: set[Read] | None,
) -> None:
    """Draw the named charts whose files are missing or whose reads were `touched` (None:
    everything changed). `drawn` maps each chart to its reads and is updated."""
    for name in names:
        if find_chart(catalog, name) is None:
            continue  # a benchmark whose card is gone: its page is gone too
        fresh = (
            touched is not None
            and name in drawn
            and not (drawn[name] & touched)
            and all(path.is_file() for path in chart_files(folder, name))
        )
        if not fresh:
            drawn[name] = draw_chart(catalog, folder, name)


def download_files(catalog: Catalog) -> dict[str, str]:
    """File name -> text of every data download, from the same validated catalog."""
    files = {"catalog.json": export.to_json(catalog)}
    files.update(csvexport.csv_files(catalog))
    files["datapackage.json"] = csvexport.datapackage_json()
    files.update(schema_files())
    return files


def download_names() -> list[str]:
    names = ["catalog.json", *(t.path for t in csvexport.tables()), "datapackage.json"]
    return names + [f"{kind}.schema.json" for kind in KINDS]


def export_code_digest() -> str:
    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent.parent
    modules = tuple(
        f"commands/{name}.py" for name in ("export", "csvexport", "plaintext", "jsonschema")
    )
    for module in (*modules, *sorted(_schema_modules(package))):
        digest.update((package / module).read_bytes())
    return digest.hexdigest()


def _schema_modules(package: Path) -> list[str]:
    return [p.relative_to(package).as_posix() for p in (package / "schema").glob("*.py")]


def refresh_downloads(
    catalog: Catalog, folder: Path, stamps: dict[str, str], cards_changed: bool
) -> dict[str, int]:
    """Export again only when a card or the export code changed (exporting costs about half
    a second per thousand cards, on every incremental build). Returns each file's size."""
    code = export_code_digest()
    files_present = all((folder / name).is_file() for name in download_names())
    if cards_changed or stamps.get("downloads") != code or not files_present:
        for name, text in download_files(catalog).items():
            _write_if_changed(folder / name, text)
        stamps["downloads"] = code
    return {name: (folder / name).stat().st_size for name in download_names()}
