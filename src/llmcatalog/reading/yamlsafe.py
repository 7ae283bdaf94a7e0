"""Read YAML into plain data, remembering where every value stands.

PyYAML's loaders lose positions, keep the last of two duplicate keys silently, and expand
aliases (a "billion laughs" document is a few hundred bytes). Here libyaml only emits parse
events; this module builds the data from them in one pass and refuses what a card never
needs: anchors and aliases, merge keys, tags beyond the core schema, duplicate keys, non-text
keys and deep nesting. Work and memory stay linear in the size of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

from ..diagnostics import FieldPath

try:  # libyaml makes parsing several times faster; fall back to pure Python without it.
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = yaml.SafeLoader  # type: ignore[misc,assignment]

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 32
MAX_NODES = 50_000

_TAG = "tag:yaml.org,2002:"
_constructor = yaml.constructor.SafeConstructor()
_BOOL_TRUE = {"yes", "true", "on"}
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class YamlProblem:
    """A problem found while reading, located in the file (1-based line and column)."""

    line: int
    column: int
    message: str
    field: FieldPath = ()
    code: str = "yaml"


@dataclass
class YamlDocument:
    """Plain data plus the position of each value (for a mapping entry: its key's position)."""

    data: Any
    positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    """Where each value starts."""
    key_positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    """Where each mapping key starts (for messages about the key itself)."""
    problems: list[YamlProblem] = field(default_factory=list)
    placeholders: list[FieldPath] = field(default_factory=list)
    """Fields whose text starts with the placeholder marker (e.g. TODO)."""


def decode(raw: bytes) -> tuple[str | None, YamlProblem | None]:
    """Decode UTF-8 strictly; a bad byte is reported at its line and column."""
    if len(raw) > MAX_FILE_BYTES:
        return None, YamlProblem(
            1,
            1,
            f"file is {len(raw):,} bytes; a card may be at most {MAX_FILE_BYTES:,}",
            (),
            "size",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, YamlProblem(
            line,
            column,
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8",
            (),
            "encoding",
        )
    control = _CONTROL.search(text)
    if control:
        prefix = text[: control.start()]
        line = prefix.count("\n") + 1
        column = control.start() - (prefix.rfind("\n") + 1) + 1
        return None, YamlProblem(
            line,
            column,
            f"control character U+{ord(control.group()):04X} is not allowed; remove it",
            (),
            "encoding",
        )
    return text.removeprefix("\ufeff"), None


def parse(raw: bytes, placeholder: str | None = None, *, positions: bool = True) -> YamlDocument:
    """Parse one card file. Never raises for any input; problems are returned instead.

    Strings that start with ``placeholder`` are listed in ``YamlDocument.placeholders``.
    Without ``positions`` a quick reader without positions tries first: the fast path for
    valid cards, whose positions nobody asks for. A file it gives up on is read carefully,
    with positions, so no file is ever read a third time to locate its problems.
    """
    text, problem = decode(raw)
    if problem is not None or text is None:
        return YamlDocument(None, problems=[problem] if problem else [])
    if not positions:
        data = _read_plain_card(text, placeholder)
        if data is not _UNUSUAL:
            return YamlDocument(data)
    return _read_carefully(text, placeholder)


def quick_read(raw: bytes, placeholder: str | None = None) -> dict[str, Any] | None:
    """The data of a plain, valid-looking card by the quick reader alone; None when the file
    needs the careful reader (anything unusual, or any problem)."""
    text, problem = decode(raw)
    if problem is not None or text is None:
        return None
    data = _read_plain_card(text, placeholder)
    return data if isinstance(data, dict) else None


def _read_carefully(text: str, placeholder: str | None) -> YamlDocument:
    parser = _Parser(text)
    builder = _Builder(parser.get_event, placeholder)
    try:
        return builder.build()
    except _Stop:
        return YamlDocument(None, builder.positions, builder.key_positions, builder.problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = exc.problem or exc.context or "invalid YAML"
        code = "yaml"
        if "nesting depth" in message:
            message, code = f"nested more than {MAX_DEPTH} levels deep", "depth"
        elif _tab_at(text, line):
            message = f"{message} (YAML does not allow tabs for indentation; use spaces)"
        return YamlDocument(None, problems=[YamlProblem(line, column, message, (), code)])
    except yaml.YAMLError as exc:  # reader errors carry no mark in some versions
        return YamlDocument(None, problems=[YamlProblem(1, 1, str(exc).splitlines()[0])])
    finally:
        parser.dispose()


def _tab_at(text: str, line: int) -> bool:
    lines = text.splitlines()
    return 0 < line <= len(lines) and "\t" in lines[line - 1]


class _Stop(Exception):
    """Reading ends here: what follows cannot be trusted or would cost too much."""


class _Unusual(Exception):
    """The quick reader met something a plain card never has; the careful reader takes over."""


_UNUSUAL: Any = _Unusual  # returned (not raised) by _read_plain_card when it gives up


_STR = _TAG + "str"
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_DROP = object()  # the key of a mapping entry whose value is read but not kept


# In YAML 1.1 a plain scalar that starts with a letter is text unless it is one of these words.
_WORDS = {
    word: _TAG + tag
    for tag, words in {
        "bool": "yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF",
        "null": "null Null NULL",
    }.items()
    for word in words.split()
}
_WORDS[""] = _TAG + "null"
_WORDS["~"] = _TAG + "null"
# Other first characters go through PyYAML's own resolvers (numbers, dates, merge keys).
_OTHER_FIRST = frozenset(str(k) for k in _IMPLICIT if k and not str(k).isalpha())


def _resolve_plain(value: str) -> str:
    """The tag YAML 1.1 gives an untagged plain scalar (PyYAML's implicit resolvers)."""
    first = value[:1]
    if first in _OTHER_FIRST:
        for tag, pattern in _IMPLICIT.get(first, ()):
            if pattern.match(value):
                return str(tag)
        return _STR
    return _WORDS.get(value, _STR)


_NOT_CORE: Any = object()  # a tag other than int, float, bool or null


def _core_value(tag: str, value: str) -> Any:
    """The value of an int, float, bool or null scalar, as YAML 1.1 reads it."""
    if tag == _TAG + "int":
        return _constructor.construct_yaml_int(ScalarNode(tag, value))
    if tag == _TAG + "float":
        return _constructor.construct_yaml_float(ScalarNode(tag, value))
    if tag == _TAG + "bool":
        return value.lower() in _BOOL_TRUE
    if tag == _TAG + "null":
        return None
    return _NOT_CORE


class _Builder:
    """Builds plain data straight from parser events, recording positions on the way."""

    def __init__(self, next_event: Any, placeholder: str | None) -> None:
        self.next = next_event
        self.placeholder = placeholder
        self.positions: dict[FieldPath, tuple[int, int]] = {}
        self.key_positions: dict[FieldPath, tuple[int, int]] = {}
        self.problems: list[YamlProblem] = []
        self.placeholders: list[FieldPath] = []
        self.count = 0

    def build(self) -> YamlDocument:
        get = self.next
        get()  # stream start
        if isinstance(get(), StreamEndEvent):
            message = "the file is empty; a card is a mapping of fields"
            return YamlDocument(None, problems=[YamlProblem(1, 1, message)])
        data = self.tree(get())
        get()  # document end
        event = get()
        if not isinstance(event, StreamEndEvent):
            message = "a card file holds a single YAML document; remove the second '---'"
            self.fail(event, (), message, "yaml")
            raise _Stop
        return YamlDocument(
            data, self.positions, self.key_positions, self.problems, self.placeholders
        )

    def fail(self, event: Any, path: FieldPath, message: str, code: str) -> None:
        mark = event.start_mark
        self.problems.append(YamlProblem(mark.line + 1, mark.column + 1, message, path, code))

    def tree(self, first: Any) -> Any:
        """Build one value from its events with an explicit stack.

        This loop runs for every value of every card, so it avoids a call per event: the
        common cases (plain text keys, plain scalars, nested lists and mappings) stay inline.
        """
        get = self.next
        positions = self.positions
        # A frame: [container, path, key or index, first lines of keys (mappings), event].
        stack: list[list[Any]] = []
        event = first
        path: FieldPath = ()
        while True:
            cls = event.__class__
            if cls is ScalarEvent or cls is SequenceStartEvent or cls is MappingStartEvent:
                mark = event.start_mark
                positions[path] = (mark.line + 1, mark.column + 1)
                if event.anchor is not None:
                    self.value_refused(event, path)
                self.count += 1
                if self.count > MAX_NODES:
                    self.fail(event, path, f"more than {MAX_NODES:,} values in one card", "size")
                    raise _Stop
            if cls is ScalarEvent:
                if event.tag is None and event.implicit[0]:
                    value = event.value
                    if value[:1] in _OTHER_FIRST or value in _WORDS:
                        value = self.scalar(event, path)
                    elif self.placeholder and value.startswith(self.placeholder):
                        self.placeholders.append(path)
                else:
                    value = self.scalar(event, path)
            elif cls is SequenceStartEvent or cls is MappingStartEvent:
                if len(stack) >= MAX_DEPTH:
                    message = f"nested more than {MAX_DEPTH} levels deep"
                    self.fail(event, path[:1], message, "depth")
                    raise _Stop
                is_map = cls is MappingStartEvent
                stack.append([{} if is_map else [], path, None if is_map else 0, {}, event])
                if is_map:
                    event = self.next_key(stack[-1])
                    if event is None:  # an empty mapping: it ends at once
                        value = self.close(stack.pop())
                    else:
                        path = (*path, stack[-1][2])
                        continue
                else:
                    event = get()
                    if event.__class__ is SequenceEndEvent:
                        value = self.close(stack.pop())
                    else:
                        path = (*path, 0)
                        continue
            else:  # an alias
                self.value_refused(event, path)
            # A value is complete: attach it to its parent, then move on.
            while True:
                if not stack:
                    return value
                frame = stack[-1]
                container = frame[0]
                if container.__class__ is dict:
                    key = frame[2]
                    if key is not _DROP:
                        container[key] = value
                    event = self.next_key(frame)
                    if event is None:
                        value = self.close(stack.pop())
                        continue
                    path = (*frame[1], frame[2])
                else:
                    container.append(value)
                    frame[2] += 1
                    event = get()
                    if event.__class__ is SequenceEndEvent:
                        value = self.close(stack.pop())
                        continue
                    path = (*frame[1], frame[2])
                break

    def value_refused(self, event: Any, path: FieldPath) -> None:
        # Refused at first sight: an alias bomb never gets to expand.
        self.fail(event, path, "anchors and aliases (&, *) are not allowed in cards", "alias")
        raise _Stop

    def close(self, frame: list[Any]) -> Any:
        """The value of a finished list or mapping (None if its tag is refused)."""
        event = frame[4]
        allowed = (None, "!", _TAG + ("map" if frame[0].__class__ is dict else "seq"))
        if event.tag not in allowed:
            self.fail(event, frame[1], f"the tag '{event.tag}' is not allowed", "tag")
            return None
        return frame[0]

    def next_key(self, frame: list[Any]) -> Any:
        """Read the next key of a mapping frame; return the event of its value, or None at
        the mapping's end. Keys that cannot be kept make the value be read and dropped."""
        get = self.next
        event = get()
        if event.__class__ is MappingEndEvent:
            return None
        path = frame[1]
        if (
            event.__class__ is ScalarEvent
            and event.tag is None
            and event.anchor is None
            and (not event.implicit[0] or _resolve_plain(event.value) == _STR)
        ):
            key: str | None = event.value
        else:
            key = self.key(event, path)
        if key is None:
            frame[2] = _DROP
            return get()
        first_line = frame[3]
        if key in first_line:
            self.fail(
                event,
                (*path, key),
                f"duplicate key '{key}' (first at line {first_line[key]}); "
                "YAML would silently keep only the last one",
                "duplicate-key",
            )
            frame[2] = _DROP
            return get()
        mark = event.start_mark
        first_line[key] = mark.line + 1
        self.key_positions[(*path, key)] = (mark.line + 1, mark.column + 1)
        frame[2] = key
        return get()

    def key(self, event: Any, path: FieldPath) -> str | None:
        if event.__class__ is ScalarEvent and event.anchor is None:
            tag = event.tag
            if tag is None and event.implicit[0]:
                tag = _resolve_plain(event.value)
            if tag in (None, "!", _STR):
                return str(event.value)
            if tag == _TAG + "merge":
                self.fail(event, path, "merge keys (<<) are not allowed in cards", "merge")
                self.skip(event)
                return None
        if event.__class__ is AliasEvent or getattr(event, "anchor", None) is not None:
            self.value_refused(event, path)
        self.fail(event, path, "keys must be plain text field names", "key")
        self.skip(event)
        return None

    def skip(self, event: Any) -> None:
        """Read past the rest of a value that is already refused (e.g. a complex key)."""
        depth = 1 if event.__class__ in (MappingStartEvent, SequenceStartEvent) else 0
        while depth:
            cls = self.next().__class__
            if cls is MappingStartEvent or cls is SequenceStartEvent:
                depth += 1
                if depth > MAX_DEPTH:
                    raise _Stop
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                depth -= 1

    def scalar(self, event: Any, path: FieldPath) -> Any:
        value: str = event.value
        tag = event.tag
        if tag is None:
            tag = _resolve_plain(value) if event.implicit[0] else _STR
        if tag in ("!", _STR):
            if self.placeholder and value.startswith(self.placeholder):
                self.placeholders.append(path)
            return value
        core = _core_value(tag, value)
        if core is not _NOT_CORE:
            return core
        if tag == _TAG + "timestamp":
            # Keep dates as written: the schema parses them with their precision.
            return value
        self.fail(event, path, f"the tag '{tag}' is not allowed", "tag")
        return None


# --- the quick reader ---------------------------------------------------------------------------
#
# Nearly every card is a plain mapping of text keys to plain values. This reader builds exactly
# such files, with no positions, in tight recursive loops, and gives up on anything else: tags,
# anchors, aliases, duplicate or non-text keys, deep nesting, too many values, placeholders and
# YAML errors. Giving up costs one more reading by the careful builder, which then reports the
# problem with its position. Both readers build the same data for every file the quick one
# accepts (tests/test_yamlsafe.py checks this on the catalog, the bad corpus and fuzzed input).

_TEXT_KEYS: set[str] = set()  # plain keys already known to be text (field names repeat)


def _read_plain_card(text: str, placeholder: str | None) -> Any:
    parser = _Parser(text)
    get = parser.get_event
    nodes = 0  # mapping entries and list items so far

    def value(event: Any, depth: int) -> Any:
        """A value from its first event; plain scalars inside containers never come here."""
        nonlocal nodes
        if event.anchor is not None or event.tag is not None:
            raise _Unusual
        cls = event.__class__
        if cls is ScalarEvent:
            return _plain_value(event, placeholder)
        if depth >= MAX_DEPTH:
            raise _Unusual
        if cls is MappingStartEvent:
            container: Any = {}
            while True:
                event = get()
                if event.__class__ is not ScalarEvent:
                    if event.__class__ is MappingEndEvent:
                        break
                    raise _Unusual
                if event.tag is not None or event.anchor is not None:
                    raise _Unusual
                key = event.value
                if event.implicit[0] and key not in _TEXT_KEYS:
                    if _resolve_plain(key) != _STR:
                        raise _Unusual
                    if len(_TEXT_KEYS) < 4096:
                        _TEXT_KEYS.add(key)
                if key in container:
                    raise _Unusual
                event = get()
                if event.__class__ is ScalarEvent and event.tag is None and event.anchor is None:
                    container[key] = _plain_value(event, placeholder)
                else:
                    container[key] = value(event, depth + 1)
                nodes += 1
        elif cls is SequenceStartEvent:
            container = []
            while True:
                event = get()
                if event.__class__ is SequenceEndEvent:
                    break
                if event.__class__ is ScalarEvent and event.tag is None and event.anchor is None:
                    container.append(_plain_value(event, placeholder))
                else:
                    container.append(value(event, depth + 1))
                nodes += 1
        else:
            raise _Unusual  # an alias
        if nodes >= MAX_NODES:  # the careful reader counts the outermost value too
            raise _Unusual
        return container

    try:
        get()  # stream start
        if get().__class__ is StreamEndEvent:
            return _UNUSUAL  # an empty file
        data = value(get(), 0)
        get()  # document end
        if get().__class__ is not StreamEndEvent:
            return _UNUSUAL
        return data
    except (_Unusual, yaml.YAMLError):
        return _UNUSUAL
    finally:
        parser.dispose()


def _plain_value(event: Any, placeholder: str | None) -> Any:
    value: str = event.value
    if event.implicit[0] and (value[:1] in _OTHER_FIRST or value in _WORDS):
        known = _RESOLVED.get(value, _NOT_CORE)
        if known is _NOT_CORE:
            tag = _resolve_plain(value)
            core = _core_value(tag, value)
            if core is _NOT_CORE and tag not in (_STR, _TAG + "timestamp"):
                raise _Unusual  # dates stay as written, like text; other tags go the careful way
            known = _AS_WRITTEN if core is _NOT_CORE else core
            if len(_RESOLVED) < 65536:
                _RESOLVED[value] = known
        if known is not _AS_WRITTEN:
            return known
    if placeholder and value.startswith(placeholder):
        raise _Unusual
    return value


# Numbers, booleans and dates repeat across cards (shots: 5, cot: false): resolve each text
# once. Values are immutable, so sharing them is safe.
_AS_WRITTEN: Any = object()
_RESOLVED: dict[str, Any] = {}
