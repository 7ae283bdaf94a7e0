"""Read YAML into plain data, remembering where every value stands.

PyYAML's loaders lose positions, keep the last of two duplicate keys silently, and expand
aliases (a "billion laughs" document is a few hundred bytes). Here libyaml only parses and
composes the node tree; this module builds the data itself and refuses what a card never
needs: anchors and aliases, merge keys, tags beyond the core schema, duplicate keys and
non-text keys. Work and memory stay linear in the size of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import FieldPath

try:  # libyaml makes parsing about seven times faster; fall back to pure Python without it.
    _Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 32
MAX_NODES = 50_000

_TAG = "tag:yaml.org,2002:"
_constructor = yaml.constructor.SafeConstructor()
_BOOL_TRUE = {"yes", "true", "on"}
# Spotted before parsing: libyaml composes recursively, so pathological nesting must not reach it.
_OPENERS = re.compile(rb"[\[{]")
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


def _depth_problem(raw: bytes) -> YamlProblem | None:
    # Block nesting is bounded by indentation cost, flow nesting is not: bound the openers.
    if len(_OPENERS.findall(raw)) <= MAX_DEPTH:
        return None
    depth = 0
    line = 1
    for char in raw:
        if char == 0x0A:
            line += 1
        elif char in b"[{":
            depth += 1
            if depth > MAX_DEPTH:
                return YamlProblem(
                    line, 1, f"nested more than {MAX_DEPTH} levels deep", (), "depth"
                )
        elif char in b"]}":
            depth = max(0, depth - 1)
    return None


def parse(raw: bytes) -> YamlDocument:
    """Parse one card file. Never raises for any input; problems are returned instead."""
    text, problem = decode(raw)
    if problem is None:
        problem = _depth_problem(raw)
    if problem is not None or text is None:
        return YamlDocument(None, problems=[problem] if problem else [])
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = exc.problem or exc.context or "invalid YAML"
        if "another document" in message:
            message = "a card file holds a single YAML document; remove the second '---'"
        if ("\t" in text and "tab" in str(exc).lower()) or _tab_at(text, line):
            message = f"{message} (YAML does not allow tabs for indentation; use spaces)"
        return YamlDocument(None, problems=[YamlProblem(line, column, message)])
    except yaml.YAMLError as exc:  # reader errors carry no mark in some versions
        return YamlDocument(None, problems=[YamlProblem(1, 1, str(exc).splitlines()[0])])
    except RecursionError:
        return YamlDocument(None, problems=[YamlProblem(1, 1, "nested too deeply", (), "depth")])
    finally:
        loader.dispose()
    if root is None:
        return YamlDocument(
            None, problems=[YamlProblem(1, 1, "the file is empty; a card is a mapping of fields")]
        )
    return _Builder().build(root)


def _tab_at(text: str, line: int) -> bool:
    lines = text.splitlines()
    return 0 < line <= len(lines) and "\t" in lines[line - 1]


class _Builder:
    def __init__(self) -> None:
        self.positions: dict[FieldPath, tuple[int, int]] = {}
        self.key_positions: dict[FieldPath, tuple[int, int]] = {}
        self.problems: list[YamlProblem] = []
        self.seen: set[int] = set()
        self.aliased = False
        self.count = 0

    def build(self, root: Node) -> YamlDocument:
        self.positions[()] = _pos(root)
        data = self.value(root, ())
        return YamlDocument(data, self.positions, self.key_positions, self.problems)

    def fail(self, node: Node, path: FieldPath, message: str, code: str) -> None:
        line, column = _pos(node)
        self.problems.append(YamlProblem(line, column, message, path, code))

    def value(self, node: Node, path: FieldPath) -> Any:
        # An alias is the same node object met twice: refuse it before it can multiply work.
        if id(node) in self.seen:
            if (
                not self.aliased
            ):  # one message is enough; a bomb repeats the alias thousands of times
                self.fail(
                    node, path, "anchors and aliases (&, *) are not allowed in cards", "alias"
                )
            self.aliased = True
            return None
        self.seen.add(id(node))
        self.count += 1
        if self.count > MAX_NODES:
            if self.count == MAX_NODES + 1:
                self.fail(node, path, f"more than {MAX_NODES:,} values in one card", "size")
            return None
        tag = node.tag
        if isinstance(node, ScalarNode):
            return self.scalar(node, path, tag)
        if isinstance(node, SequenceNode):
            if tag != _TAG + "seq":
                self.fail(node, path, f"the tag '{tag}' is not allowed", "tag")
                return None
            items = []
            for index, child in enumerate(node.value):
                child_path = (*path, index)
                self.positions[child_path] = _pos(child)
                items.append(self.value(child, child_path))
            return items
        if isinstance(node, MappingNode):
            if tag != _TAG + "map":
                self.fail(node, path, f"the tag '{tag}' is not allowed", "tag")
                return None
            return self.mapping(node, path)
        return None  # pragma: no cover - libyaml produces only the three node kinds

    def mapping(self, node: MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != _TAG + "str":
                if key_node.tag == _TAG + "merge":
                    self.fail(key_node, path, "merge keys (<<) are not allowed in cards", "merge")
                else:
                    self.fail(key_node, path, "keys must be plain text field names", "key")
                continue
            key = key_node.value
            key_path = (*path, key)
            line, column = _pos(key_node)
            if key in first_line:
                self.fail(
                    key_node,
                    key_path,
                    f"duplicate key '{key}' (first at line {first_line[key]}); "
                    "YAML would silently keep only the last one",
                    "duplicate-key",
                )
                continue
            first_line[key] = line
            self.key_positions[key_path] = (line, column)
            self.positions[key_path] = _pos(value_node)
            result[key] = self.value(value_node, key_path)
        return result

    def scalar(self, node: ScalarNode, path: FieldPath, tag: str) -> Any:
        value: str = node.value
        if tag == _TAG + "str":
            return value
        if tag == _TAG + "int":
            return _constructor.construct_yaml_int(node)
        if tag == _TAG + "float":
            return _constructor.construct_yaml_float(node)
        if tag == _TAG + "bool":
            return value.lower() in _BOOL_TRUE
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "timestamp":
            # Keep dates as written: the schema parses them with their precision.
            return value
        self.fail(node, path, f"the tag '{tag}' is not allowed", "tag")
        return None


def _pos(node: Node) -> tuple[int, int]:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)
