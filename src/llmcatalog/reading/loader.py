"""Card files -> validated cards, with every problem located to file, line, column and field."""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import marshal
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..diagnostics import FieldPath, Problem, format_field
from ..schema import CARD_TYPES, KIND_FOLDERS, Card
from ..schema.messages import explain
from .yamlsafe import YamlDocument, parse, quick_read

# What new-card templates (`llmcatalog new`) write where a value is still to be filled in;
# the reader sends any value that starts with it the careful way, which reports it.
PLACEHOLDER = "TODO"

FOLDER_KINDS = {folder: kind for kind, folder in KIND_FOLDERS.items()}
CARD_SUFFIX = ".yaml"


@dataclass(frozen=True, slots=True)
class LoadedCard:
    """A validated card and the file it came from."""

    card: Card
    path: str
    """The file as shown in messages (relative to the working folder when possible)."""
    file: Path
    """The absolute file path."""
    digest: str
    """A hash of the file's bytes: tells incremental builds which cards changed."""


@dataclass
class LoadResult:
    cards: list[LoadedCard]
    problems: list[Problem]


def display_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def kind_of(path: Path) -> str | None:
    """The card kind a file's folder stands for, or None for files outside the five folders."""
    return FOLDER_KINDS.get(path.parent.name)


def iter_card_files(root: Path) -> Iterator[Path]:
    """Every file under the five kind folders, sorted, including misnamed ones (to warn)."""
    for folder in sorted(FOLDER_KINDS):
        directory = root / folder
        if directory.is_dir():
            # scandir knows each entry's type from the listing: no stat call per file.
            with os.scandir(directory) as listing:
                names = sorted(entry.name for entry in listing if entry.is_file())
            yield from (directory / name for name in names)


def load_file(
    path: Path, kind: str | None = None, shown: str | None = None, *, quick: bool = True
) -> tuple[LoadedCard | None, list[Problem]]:
    """Read and validate one card file."""
    shown = shown or display_path(path)
    kind = kind or kind_of(path)
    if path.suffix != CARD_SUFFIX:
        hint = " (rename it to .yaml)" if path.suffix == ".yml" else ""
        return None, [
            Problem(shown, 1, 1, "", f"not a card file: cards end in .yaml{hint}", code="file")
        ]
    if kind is None:
        folders = ", ".join(sorted(FOLDER_KINDS))
        return None, [
            Problem(shown, 1, 1, "", f"cards live in one of the folders {folders}", code="file")
        ]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, 1, 1, "", f"cannot read the file: {exc.strerror}", code="io")]
    return load_bytes(raw, kind, path, shown, quick=quick)


def load_bytes(
    raw: bytes, kind: str, path: Path, shown: str, *, quick: bool = True
) -> tuple[LoadedCard | None, list[Problem]]:
    """Validate one card's bytes. Most cards are valid: they are read without positions,
    and read again with positions only to locate a problem. ``quick=False`` goes straight
    to the careful reading, for a file whose quick reading already failed."""
    if quick:
        data = quick_read(raw, PLACEHOLDER)
        if data is not None:
            card = _quick_validate(data, kind, path.stem)
            if card is not None:
                digest = hashlib.blake2b(raw, digest_size=12).hexdigest()
                return LoadedCard(card, shown, Path(os.path.abspath(path)), digest), []
    doc = parse(raw, PLACEHOLDER)
    problems = [
        Problem(shown, p.line, p.column, format_field(p.field), p.message, code=p.code)
        for p in doc.problems
    ]
    if doc.data is None and problems:
        return None, problems
    if not isinstance(doc.data, dict):
        what = "a list" if isinstance(doc.data, list) else "a single value"
        problems.append(
            Problem(shown, 1, 1, "", f"a card must be a mapping of fields, not {what}", code="type")
        )
        return None, problems
    model = CARD_TYPES[kind]
    todo = doc.placeholders
    # A value the reader already refused (a tag, a merge key, an alias) would be reported
    # again by the schema as missing or empty: keep only the first, clearer message.
    covered = todo + [p.field for p in doc.problems if p.field]
    for field in todo:
        line, column = doc.positions.get(field, (1, 1))
        problems.append(
            Problem(
                shown,
                line,
                column,
                format_field(field),
                "still TODO: fill in this value",
                code="placeholder",
            )
        )
    try:
        card = model.model_validate(doc.data)
    except ValidationError as exc:
        found = _validation_problems(exc, doc, model, shown)
        problems.extend(p for p, loc in found if not any(loc[: len(f)] == f for f in covered))
        return None, sorted(problems)
    if problems:  # e.g. a duplicate key: the card parsed, but data would have been lost
        return None, sorted(problems)
    expected = path.stem
    if card.id != expected:
        line, column = doc.positions.get(("id",), (1, 1))
        return None, [
            Problem(
                shown,
                line,
                column,
                "id",
                f"id '{card.id}' differs from the file name; rename the file to "
                f"{card.id}{CARD_SUFFIX} or set id: {expected}",
                code="id-file",
            )
        ]
    digest = hashlib.blake2b(raw, digest_size=12).hexdigest()
    return LoadedCard(card, shown, Path(os.path.abspath(path)), digest), []


# Below this many files one process is faster than starting workers.
PARALLEL_MIN_FILES = 1_500
# Cards go through each step in batches of this many: a loop that does one kind of work
# (reading files, parsing, validating) stays hot in the CPU's caches, and runs about a fifth
# faster than one that alternates between them for every card.
BATCH = 256
# How long this process waits for a worker's batch before it checks that the workers live.
WORKER_POLL_S = 0.5

# What the quick reading of one file gives: its plain data and digest, or None when the file
# needs the careful path (unreadable, misplaced, or with a problem the reader already saw).
Read = tuple[dict[str, Any], str] | None


def load_paths(paths: Iterable[Path], workers: int | None = None) -> LoadResult:
    """Load many card files; large sets are split over worker processes (one per core)."""
    files = list(paths)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    result = LoadResult([], [])
    if workers > 1 and len(files) >= PARALLEL_MIN_FILES and _can_fork():
        _load_parallel(files, workers, result)
    else:
        _load_here(files, result)
    return result


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _load_here(files: list[Path], result: LoadResult) -> None:
    for start in range(0, len(files), BATCH):
        batch = files[start : start + BATCH]
        _finish(batch, _read_quickly(batch), result)


def _load_parallel(files: list[Path], workers: int, result: LoadResult) -> None:
    """Workers only read and parse; this process validates everything they send back.

    Validated cards are costly to pickle (about 190 µs a card to unpickle), while the plain
    data a worker reads crosses over with ``marshal`` in a few microseconds and validates
    here in about 30. Every process takes the next unread batch from one shared counter, and
    this process finishes what the workers sent between its own batches, so no side waits
    while the other still has work (a fixed split left this process idle for a sixth of the
    time). A batch a worker took but never sent back (it died) is read here at the end.
    """
    import multiprocessing
    import queue

    context = multiprocessing.get_context("fork")
    batches = [files[i : i + BATCH] for i in range(0, len(files), BATCH)]
    taken = context.Value("q", 0)
    sent: multiprocessing.Queue[tuple[int, bytes | None] | None] = context.Queue()
    helpers = [
        context.Process(target=_help, args=(batches, taken, sent), daemon=True)
        for _ in range(workers - 1)
    ]
    for helper in helpers:
        helper.start()
    done = [False] * len(batches)

    def finish_sent(item: tuple[int, bytes | None]) -> None:
        index, packed = item
        batch = batches[index]
        read = marshal.loads(packed) if packed is not None else _read_quickly(batch)
        _finish(batch, read, result)
        done[index] = True

    running = len(helpers)
    while (index := _take(taken, len(batches))) is not None:
        _finish(batches[index], _read_quickly(batches[index]), result)
        done[index] = True
        with contextlib.suppress(queue.Empty):
            while True:
                item = sent.get_nowait()
                if item is None:
                    running -= 1
                else:
                    finish_sent(item)
    while running:
        try:
            item = sent.get(timeout=WORKER_POLL_S)
        except queue.Empty:
            if not any(helper.is_alive() for helper in helpers):
                break
            continue
        if item is None:
            running -= 1
        else:
            finish_sent(item)
    for helper in helpers:
        helper.join()
    sent.close()
    for index, batch in enumerate(batches):
        if not done[index]:
            _finish(batch, _read_quickly(batch), result)
    # Cards come back in the order of the files given, as from a single process.
    order = {os.path.abspath(f): i for i, f in enumerate(files)}
    result.cards.sort(key=lambda c: order.get(str(c.file), len(order)))


def _take(taken: Any, count: int) -> int | None:
    """The next batch nobody has taken yet, or None when all are taken."""
    with taken.get_lock():
        index = int(taken.value)
        if index >= count:
            return None
        taken.value = index + 1
    return index


def _help(batches: list[list[Path]], taken: Any, sent: Any) -> None:
    """In a worker: read batches until none is left, and send each back packed (or None
    for a batch it could not read, which the main process then reads itself)."""
    try:
        while (index := _take(taken, len(batches))) is not None:
            try:
                packed: bytes | None = marshal.dumps(_read_quickly(batches[index]))
            except Exception:
                packed = None
            sent.put((index, packed))
    finally:
        sent.put(None)
        sent.close()
        sent.join_thread()


def _read_quickly(files: list[Path]) -> list[Read]:
    """Plain data and digest of each file that reads without a problem, else None."""
    raws: list[bytes | None] = []
    for path in files:
        raw = None
        folder, name = os.path.split(path)
        if name.endswith(CARD_SUFFIX) and os.path.basename(folder) in FOLDER_KINDS:
            # The careful path reports a file that cannot be read.
            with contextlib.suppress(OSError), open(path, "rb") as stream:
                raw = stream.read()
        raws.append(raw)
    read: list[Read] = []
    for raw in raws:
        item = None
        if raw is not None:
            data = quick_read(raw, PLACEHOLDER)
            if data is not None:
                item = (data, hashlib.blake2b(raw, digest_size=12).hexdigest())
        read.append(item)
    return read


def _finish(files: list[Path], read: list[Read], result: LoadResult) -> None:
    """Validate what was read quickly; anything else goes the careful path, which locates
    every problem."""
    # Path arithmetic costs more than validation's own overhead here: work on the folder's
    # text, once per folder.
    folders: dict[str, tuple[str, str, str | None]] = {}
    for path, item in zip(files, read, strict=True):
        folder, name = os.path.split(path)
        if folder not in folders:
            shown_folder = display_path(Path(folder))
            folders[folder] = (
                shown_folder,
                os.path.abspath(folder),
                FOLDER_KINDS.get(os.path.basename(folder)),
            )
        shown_folder, absolute_folder, kind = folders[folder]
        shown = os.path.join(shown_folder, name)
        if item is not None and kind is not None:
            card = _quick_validate(item[0], kind, name.removesuffix(CARD_SUFFIX))
            if card is not None:
                file = Path(os.path.join(absolute_folder, name))
                result.cards.append(LoadedCard(card, shown, file, item[1]))
                continue
        # The quick reading failed (or was not possible): read carefully, to locate why.
        loaded, found = load_file(path, shown=shown, quick=False)
        result.problems.extend(found)
        if loaded is not None:
            result.cards.append(loaded)


def locate(path: Path, field: FieldPath) -> tuple[int, int]:
    """Line and column of a field in a card file (re-read on demand: only errors need it)."""
    positions = _positions(path, path.stat().st_mtime_ns)
    return _nearest(positions, field)


@lru_cache(maxsize=256)
def _positions(path: Path, _mtime: int) -> dict[FieldPath, tuple[int, int]]:
    return parse(path.read_bytes()).positions


def _quick_validate(data: dict[str, Any], kind: str, stem: str) -> Card | None:
    """The card if it is valid and named after its file; None sends it the slow way."""
    try:
        card = CARD_TYPES[kind].model_validate(data)
    except ValidationError:
        return None
    return card if card.id == stem else None


def _existing_prefix(positions: dict[FieldPath, tuple[int, int]], field: FieldPath) -> FieldPath:
    for end in range(len(field), 0, -1):
        if field[:end] in positions:
            return field[:end]
    return field


def _nearest(positions: dict[FieldPath, tuple[int, int]], field: FieldPath) -> tuple[int, int]:
    for end in range(len(field), -1, -1):
        found = positions.get(field[:end])
        if found:
            return found
    return (1, 1)


# --- pydantic errors -> contributor messages ---------------------------------------------------


def _validation_problems(
    exc: ValidationError, doc: YamlDocument, model: type[Card], shown: str
) -> list[tuple[Problem, FieldPath]]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        ctx = error.get("ctx") or {}
        if "field" in ctx:  # a cross-field rule names the field it is about
            # ... relative to the block whose validator raised it (the card itself for card rules)
            loc = (*loc, *str(ctx["field"]).split("."))
        message = _message(error, loc, model)
        if error["type"] != "missing" and loc not in doc.positions:
            # `parameters: 7Q` is validated as parameters.total.value: name what was written.
            loc = _existing_prefix(doc.positions, loc)
        where = doc.key_positions if error["type"] == "extra_forbidden" else doc.positions
        line, column = _nearest(where, loc) if loc in where else _nearest(doc.positions, loc)
        problem = Problem(shown, line, column, format_field(loc), message, code=str(error["type"]))
        problems.append((problem, loc))
    return problems


def _message(error: Any, loc: FieldPath, model: type[Card]) -> str:
    explained = explain(error)
    if explained:
        return explained
    kind = error["type"]
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else "?"
        allowed = _allowed_fields(model, loc[:-1])
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"unknown field '{name}'{hint}"
    if kind == "missing":
        return "required field is missing"
    if kind == "literal_error":
        expected = str(error.get("ctx", {}).get("expected", ""))
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
        got = error.get("input")
        close = (
            difflib.get_close_matches(str(got), choices, n=1, cutoff=0.5)
            if isinstance(got, str)
            else []
        )
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"{_short(got)} is not one of: {', '.join(choices)}{hint}"
    if kind in {"bool_type", "bool_parsing"}:
        return f"expected true or false, got {_short(error.get('input'))}"
    if kind in {"list_type", "dict_type", "model_type", "model_attributes_type"}:
        want = "a list" if kind == "list_type" else "a mapping of fields"
        return f"expected {want}, got {_type_name(error.get('input'))}"
    if kind == "too_short":
        return "must have at least one entry"
    if kind == "too_long":
        return str(error["msg"]).replace("List should", "the list may")
    if kind == "string_type":
        return f"expected text, got {_type_name(error.get('input'))}"
    return str(error["msg"]).removeprefix("Value error, ")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _allowed_fields(model: type[Any], parent: FieldPath) -> list[str]:
    """Field names valid at a location, for 'did you mean' hints."""
    current: Any = model
    for part in parent:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
