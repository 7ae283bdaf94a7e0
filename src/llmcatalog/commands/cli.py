"""The `llmcatalog` command: validate, new, schema, export, stats, diff."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from .. import __version__
from ..diagnostics import Problem, has_errors, to_json
from ..schema import KIND_FOLDERS, KINDS, Model

DEFAULT_ROOT = "catalog"


def find_root(start: Path | None = None) -> Path:
    """The catalog folder: $LLMCATALOG_ROOT, else the nearest catalog upwards from `start`
    (default: here), else `./catalog` (which may not exist: callers say so)."""
    env = os.environ.get("LLMCATALOG_ROOT")
    if env:
        return Path(env).resolve()
    if start is not None:
        found = _catalog_above(start)
        if found is not None:
            return found
    return _catalog_above(Path.cwd()) or Path.cwd().resolve() / DEFAULT_ROOT


def _catalog_above(start: Path) -> Path | None:
    """The nearest folder from `start` upwards that holds kind folders (`models/`...), or
    whose `catalog/` does."""
    here = start.resolve()
    for folder in (here, *here.parents):
        # A checkout's catalog/ wins over the checkout itself, whose other folders (such as
        # benchmarks/, the speed tests) may share a kind folder's name.
        nested = folder / DEFAULT_ROOT
        if any((nested / f).is_dir() for f in KIND_FOLDERS.values()):
            return nested
        if any(any((folder / f).glob("*.yaml")) for f in KIND_FOLDERS.values()):
            return folder
    return None


def _root(args: argparse.Namespace) -> Path:
    return Path(args.catalog).resolve() if args.catalog else find_root()


def _missing_root(root: Path) -> bool:
    if root.is_dir():
        return False
    print(
        f"llmcatalog: catalog folder not found: {root} (run inside a checkout, pass "
        "--catalog DIR or set LLMCATALOG_ROOT)",
        file=sys.stderr,
    )
    return True


# --- validate ----------------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    from ..catalog.store import load_catalog

    root = _root(args)
    if not args.catalog and args.paths:
        # Paths name the catalog: `validate /abs/catalog` works from any folder.
        first = Path(args.paths[0]).resolve()
        root = find_root(first if first.is_dir() else first.parent)
    if _missing_root(root):
        return 2
    if args.pre_commit:
        removed = _removed_cards(root)
        if removed is None:
            return 2
        if removed:
            print(
                f"llmcatalog: {', '.join(removed)} removed or renamed: checking every card",
                file=sys.stderr,
            )
            args.paths = []
        elif not args.paths:
            return 0  # the commit touches no card
    wanted: set[Path] | None = None
    extra: list[Path] = []
    for raw in args.paths:
        path = Path(raw).resolve()
        if not path.exists():
            print(f"llmcatalog: no such file or folder: {raw}", file=sys.stderr)
            return 2
        if path.is_dir() and path == root.resolve():
            continue  # the catalog itself: every card, counted as without paths
        wanted = wanted if wanted is not None else set()
        files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
        for file in files:
            if file.suffix not in {".yaml", ".yml"}:
                continue
            wanted.add(file)
            if not _inside(file, root):
                extra.append(file)
    catalog = load_catalog(root, extra_files=extra)
    problems = catalog.problems
    if wanted is not None:
        shown = {os.path.relpath(p) for p in wanted} | {str(p) for p in wanted}
        problems = [p for p in problems if p.path in shown or str(Path(p.path).resolve()) in shown]
    _print_problems(problems, args.format)
    checked = len(wanted) if wanted is not None else len(catalog) + _failed(catalog.problems)
    if args.format == "text":
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        verdict = "ok" if not errors else "FAILED"
        print(
            f"{verdict}: checked {checked} card file(s): {errors} error(s), {warnings} warning(s)",
            file=sys.stderr,
        )
    return 1 if has_errors(problems) else 0


def _removed_cards(root: Path) -> list[str] | None:
    """Cards the commit being checked deletes or renames away (None: git failed).

    pre-commit passes only files that still exist, so a removed card that others still
    reference would go unchecked. It sets PRE_COMMIT_FROM_REF/TO_REF for `--from-ref`
    runs; otherwise the commit is what is staged."""
    from .gitdiff import DiffError, _git

    span = [os.environ.get("PRE_COMMIT_FROM_REF"), os.environ.get("PRE_COMMIT_TO_REF")]
    revisions = [f"{span[0]}...{span[1]}"] if all(span) else ["--cached"]
    try:
        out = _git(root, "diff", *revisions, "--name-status", "-M", "-z", "--relative", "--")
    except DiffError as exc:
        print(f"llmcatalog: {exc}", file=sys.stderr)
        return None
    fields = out.decode("utf-8", "replace").split("\0")
    removed: list[str] = []
    i = 0
    while i < len(fields) - 1:
        status = fields[i]
        old = fields[i + 1]
        i += 3 if status[:1] in {"R", "C"} else 2
        card = Path(old)
        if status[:1] in {"D", "R"} and card.parent.name in KIND_FOLDERS.values():
            removed.append(card.as_posix())
    return removed


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _failed(problems: list[Problem]) -> int:
    """Files that did not load at all (they are not in the catalog but were checked)."""
    return len({p.path for p in problems if p.code not in _CROSS_CODES})


_CROSS_CODES = {
    "unknown-reference",
    "duplicate-entry",
    "future",
    "unknown-source",
    "estimate-source",
    "self",
    "date-order",
    "objective-category",
    "cycle",
    "duplicate-id",
}


def _print_problems(problems: list[Problem], fmt: str, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    if fmt == "json":
        print(to_json(problems), file=stream)
    else:
        for problem in problems:
            print(problem.format(), file=stream)


# --- new ---------------------------------------------------------------------------------------


def cmd_new(args: argparse.Namespace) -> int:
    from ..catalog.store import load_catalog
    from ..schema.types import _SLUG_RE
    from .templates import render_template

    kind, card_id = args.kind, args.id
    if not _SLUG_RE.match(card_id):
        print(
            f"llmcatalog: '{card_id}' is not a valid id: use lower-case letters, digits and "
            "single hyphens",
            file=sys.stderr,
        )
        return 2
    root = _root(args)
    if _missing_root(root):
        return 2
    target = root / KIND_FOLDERS[kind] / f"{card_id}.yaml"
    if target.exists():
        print(f"llmcatalog: {target} already exists; edit it instead", file=sys.stderr)
        return 1
    org, family = args.org, None
    if root.is_dir():
        catalog = load_catalog(root)
        if org and org not in catalog.organizations:
            close = difflib.get_close_matches(org, list(catalog.organizations), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            print(f"llmcatalog: unknown organization '{org}'{hint}", file=sys.stderr)
            return 2
        if kind == "model":
            family, inferred_org = _guess_family(catalog.models, card_id)
            org = org or inferred_org
    target.parent.mkdir(parents=True, exist_ok=True)
    text = render_template(kind, card_id, organization=org, family=family)
    try:
        with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(text)
    except FileExistsError:
        print(f"llmcatalog: {target} already exists; edit it instead", file=sys.stderr)
        return 1
    print(target)
    return 0


def _guess_family(models: Mapping[str, Model], card_id: str) -> tuple[str | None, str | None]:
    """A new `llama-5` card inherits family and lead lab from the newest `llama...` card."""
    prefix = card_id.split("-")[0]
    related = [m for m in models.values() if m.family == prefix or m.id.split("-")[0] == prefix]
    if not related:
        return None, None
    newest = max(related, key=lambda m: (m.released.sort_key(), m.id))
    return newest.family, newest.organizations[0]


# --- schema ------------------------------------------------------------------------------------


def cmd_schema(args: argparse.Namespace) -> int:
    from .jsonschema import schema_files

    out = Path(args.output) if args.output else _root(args) / "schema"
    files = schema_files()
    if args.check:
        stale = [
            name
            for name, text in files.items()
            if not (out / name).is_file() or (out / name).read_text(encoding="utf-8") != text
        ]
        for name in stale:
            print(f"{out / name}: stale; run `llmcatalog schema` and commit it", file=sys.stderr)
        return 1 if stale else 0
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = out / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(path)
    return 0


# --- export ------------------------------------------------------------------------------------


def _valid_catalog(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from ..catalog.store import load_catalog

    catalog = load_catalog(_root(args))
    if has_errors(catalog.problems):
        errors = [p for p in catalog.problems if p.severity == "error"]
        _print_problems(errors, "text", sys.stderr)
        print("llmcatalog: fix these problems first (llmcatalog validate)", file=sys.stderr)
        return None
    return catalog


DEFAULT_EXPORT_DIR = "catalog-export"


def cmd_export(args: argparse.Namespace) -> int:
    from .export import to_csv, to_json, write_csv_export

    if args.format == "csv" and not args.kind and (args.output or "").endswith(".csv"):
        print("llmcatalog: one CSV file needs --kind; -o DIR writes every table", file=sys.stderr)
        return 2
    if _missing_root(_root(args)):
        return 2
    catalog = _valid_catalog(args)
    if catalog is None:
        return 1
    if args.format == "csv" and not args.kind:
        folder = Path(args.output or DEFAULT_EXPORT_DIR)
        if folder.exists() and not folder.is_dir():
            print(f"llmcatalog: {folder} is a file, not a folder", file=sys.stderr)
            return 2
        for path in write_csv_export(catalog, folder):
            print(path)
        return 0
    text = to_json(catalog) if args.format == "json" else to_csv(catalog, args.kind)
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8", newline="")
    return 0


# --- stats -------------------------------------------------------------------------------------


def cmd_stats(args: argparse.Namespace) -> int:
    from .quality import compute_quality, compute_stats, format_quality, format_stats

    if _missing_root(_root(args)):
        return 2
    catalog = _valid_catalog(args)
    if catalog is None:
        return 1
    print(format_stats(compute_stats(catalog)))
    if args.quality:
        print()
        print(format_quality(compute_quality(catalog)))
    return 0


# --- diff --------------------------------------------------------------------------------------


def cmd_diff(args: argparse.Namespace) -> int:
    from .gitdiff import DiffError, diff_revisions, format_diff

    try:
        changes = diff_revisions(_root(args), args.base, args.head)
    except DiffError as exc:
        print(f"llmcatalog: {exc}", file=sys.stderr)
        return 2
    print(format_diff(changes, args.format))
    return 0


# --- import-config -----------------------------------------------------------------------------


def cmd_import_config(args: argparse.Namespace) -> int:
    from .config_import import ConfigError, read_config, to_yaml

    try:
        spec = read_config(Path(args.config))
    except ConfigError as exc:
        print(f"llmcatalog: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(to_yaml(spec, source_key=args.source))
    return 0


# --- entry point -------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="llmcatalog",
        description="Validate, create, export and summarize llmcatalog cards.",
    )
    parser.add_argument("--version", action="version", version=f"llmcatalog {__version__}")
    parser.add_argument(
        "--catalog", metavar="DIR", help="the catalog folder (default: the nearest ./catalog)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "validate",
        help="check cards and report every problem with file, line and field",
        description="Check cards. With no PATH, the whole catalog; with PATHs, only problems "
        "in those files are shown (references are still checked against the whole catalog). "
        "Exit status: 0 clean, 1 errors found, 2 usage error.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="card files or folders")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument(
        "--pre-commit",
        action="store_true",
        help="as a pre-commit hook: check the PATHs, or every card when the commit removes "
        "or renames one (others may still reference it); nothing when it touches no card",
    )
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser(
        "new",
        help="start a new card from a commented template",
        description="Write catalog/<kind>s/<ID>.yaml from a template. Every TODO must be "
        "replaced before the card validates. Never overwrites an existing card.",
    )
    p.add_argument("kind", choices=KINDS, metavar="KIND", help=f"one of: {', '.join(KINDS)}")
    p.add_argument("id", metavar="ID", help="the new card's id, e.g. llama-5")
    p.add_argument("--org", help="organization id to pre-fill (models)")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser(
        "schema",
        help="write the JSON Schema of each card kind (for editors)",
        description="Write <kind>.schema.json into catalog/schema/ (or -o DIR). "
        "--check exits 1 when the written files are stale.",
    )
    p.add_argument("-o", "--output", metavar="DIR")
    p.add_argument("--check", action="store_true", help="only check that files are current")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser(
        "export",
        help="export the catalog as JSON or CSV",
        description="Deterministic exports. JSON holds every card of every kind. CSV writes "
        f"every table and datapackage.json into a folder (-o DIR, default {DEFAULT_EXPORT_DIR}/, "
        "created if missing), or with --kind one kind's main table to -o FILE or stdout.",
    )
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument("--kind", choices=KINDS, help="CSV: only this kind's main table")
    p.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="JSON or --kind: output file (default: stdout); CSV: output folder",
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "stats",
        help="counts by kind, year, architecture and access",
        description="Summarize the catalog. --quality adds the data-quality report.",
    )
    p.add_argument("--quality", action="store_true", help="add the data-quality report")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser(
        "diff",
        help="what changed in the data between two git revisions",
        description="Compare the catalog at BASE with HEAD (default: the working tree): cards "
        "added and removed, fields changed old -> new, new lineage edges.",
    )
    p.add_argument("base", metavar="BASE")
    p.add_argument("head", nargs="?", metavar="HEAD")
    p.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser(
        "import-config",
        help="print a card's spec block from a Hugging Face config.json",
        description="Read a local config.json (nothing is downloaded or run) and print the "
        "`spec:` block it implies, to paste into a model card. Check every figure, and add "
        "the config's link (pinned to a commit) to the card's sources under --source's key.",
    )
    p.add_argument("config", metavar="PATH", help="path to a config.json")
    p.add_argument("--source", default="config", help="the source key to write (default: config)")
    p.set_defaults(func=cmd_import_config)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.func(args)
    except BrokenPipeError:  # e.g. `llmcatalog export | head`
        return 0
    return result


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
