"""The `llmcatalog` command: validate, new, schema, export, stats, diff."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .diagnostics import Problem, has_errors, to_json
from .schema import KIND_FOLDERS, KINDS, Model

DEFAULT_ROOT = "catalog"


def find_root(start: Path | None = None) -> Path:
    """The catalog folder: $LLMCATALOG_ROOT, else the nearest `catalog/` upwards from here."""
    env = os.environ.get("LLMCATALOG_ROOT")
    if env:
        return Path(env)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / DEFAULT_ROOT
        if candidate.is_dir() and any((candidate / f).is_dir() for f in KIND_FOLDERS.values()):
            return candidate
        if folder.name == DEFAULT_ROOT and (folder / "models").is_dir():
            return folder
    return Path(DEFAULT_ROOT)


def _root(args: argparse.Namespace) -> Path:
    return Path(args.catalog) if args.catalog else find_root()


# --- validate ----------------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    from .catalog import load_catalog

    root = _root(args)
    wanted: set[Path] | None = None
    extra: list[Path] = []
    if args.paths:
        wanted = set()
        for raw in args.paths:
            path = Path(raw).resolve()
            if not path.exists():
                print(f"llmcatalog: no such file or folder: {raw}", file=sys.stderr)
                return 2
            files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
            for file in files:
                if file.suffix not in {".yaml", ".yml"}:
                    continue
                wanted.add(file)
                if not _inside(file, root):
                    extra.append(file)
        if not args.catalog and args.paths:
            first = Path(args.paths[0]).resolve()
            guess = first if first.is_dir() else first.parent
            for folder in (guess, *guess.parents):
                if folder.name in KIND_FOLDERS.values() and folder.parent.is_dir():
                    root = folder.parent
                    extra = [f for f in extra if not _inside(f, root)]
                    break
    if not root.is_dir():
        print(f"llmcatalog: catalog folder not found: {root}", file=sys.stderr)
        return 2
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
    from .catalog import load_catalog
    from .schema.types import _SLUG_RE
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
    from .catalog import load_catalog

    catalog = load_catalog(_root(args))
    if has_errors(catalog.problems):
        errors = [p for p in catalog.problems if p.severity == "error"]
        _print_problems(errors, "text", sys.stderr)
        print("llmcatalog: fix these problems first (llmcatalog validate)", file=sys.stderr)
        return None
    return catalog


def cmd_export(args: argparse.Namespace) -> int:
    from .export import to_csv, to_json

    catalog = _valid_catalog(args)
    if catalog is None:
        return 1
    if args.format == "json":
        outputs = {args.output: to_json(catalog)}
    elif args.kind:
        outputs = {args.output: to_csv(catalog, args.kind)}
    elif args.output and Path(args.output).is_dir():
        outputs = {
            str(Path(args.output) / f"{KIND_FOLDERS[k]}.csv"): to_csv(catalog, k) for k in KINDS
        }
    else:
        print("llmcatalog: CSV needs --kind, or -o naming an existing folder", file=sys.stderr)
        return 2
    for target, text in outputs.items():
        if target in (None, "-"):
            sys.stdout.write(text)
        else:
            Path(target).write_text(text, encoding="utf-8", newline="")
    return 0


# --- stats -------------------------------------------------------------------------------------


def cmd_stats(args: argparse.Namespace) -> int:
    from .quality import compute_quality, compute_stats, format_quality, format_stats

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
        description="Deterministic exports. JSON holds every card of every kind; CSV holds "
        "one kind (--kind) or, with -o DIR, one file per kind.",
    )
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument("--kind", choices=KINDS)
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
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
