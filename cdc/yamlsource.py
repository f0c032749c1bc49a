"""Reads YAML safely, keeping where every key and value came from.

PyYAML's safe loader gives values but forgets lines; its composer gives a node tree with marks.
We compose, then build plain values ourselves so that we can record a location per path, report
duplicate keys (PyYAML silently keeps the last one), and refuse hostile input (alias bombs,
recursive aliases, huge files, bytes that are not UTF-8) with a clear message instead of a
traceback or a hang.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cdc.errors import Location, Problem

MAX_BYTES = 5 * 1024 * 1024
"""Largest file we read: a complete answers file is a few tens of kilobytes."""

MAX_NODES = 200_000
"""Most values we build, aliases expanded: stops "billion laughs" long before memory runs out."""

MAX_DEPTH = 64

PathKey = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """Plain Python values read from YAML, with the location of every key and value."""

    file: str
    data: Any
    locations: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_locations: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: PathKey, *, key: bool = False) -> Location:
        """The location of the value at ``path`` (or of its key), else of its nearest parent."""
        table = self.key_locations if key else self.locations
        probe = path
        while True:
            if probe in table:
                line, col = table[probe]
                return Location(self.file, line, col)
            if probe in self.locations:
                line, col = self.locations[probe]
                return Location(self.file, line, col)
            if not probe:
                return Location(self.file, 1, 1)
            probe = probe[:-1]


class _Builder:
    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.count = 0
        self.constructor = yaml.SafeLoader("")  # only its scalar constructors are used

    def build(self, node: yaml.Node, path: PathKey, stack: tuple[int, ...]) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig("the file expands to too many values (aliases repeated many times?)")
        if id(node) in stack:
            raise _TooBig("an alias refers to itself (recursive anchor)")
        if len(stack) > MAX_DEPTH:
            raise _TooBig(f"the values are nested more than {MAX_DEPTH} levels deep")
        mark = node.start_mark
        self.doc.locations.setdefault(path, (mark.line + 1, mark.column + 1))
        inner = (*stack, id(node))
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            self.constructor.flatten_mapping(node)
            for key_node, value_node in node.value:
                key = self._key(key_node)
                if key is None:
                    continue
                child = (*path, key)
                kmark = key_node.start_mark
                if key in result:
                    first = self.doc.key_locations.get(child, (0, 0))[0]
                    self.doc.problems.append(
                        Problem(
                            "error",
                            Location(self.doc.file, kmark.line + 1, kmark.column + 1),
                            f"duplicate key '{key}' (first given on line {first})",
                            "Keep one of the two entries: YAML would silently keep only the last.",
                            path=_dotted(child),
                        )
                    )
                    continue
                self.doc.key_locations[child] = (kmark.line + 1, kmark.column + 1)
                result[key] = self.build(value_node, child, inner)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), inner) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError):
            # Looks like a timestamp but is no real date (2026-02-30): keep the text, and let
            # validation say what is wrong with it where a date is expected.
            return node.value

    def _key(self, node: yaml.Node) -> str | None:
        if isinstance(node, yaml.ScalarNode):
            value = self.constructor.construct_object(node)
            if isinstance(value, bool | int | float | dt.date) or value is None:
                return str(node.value)
            return str(value)
        mark = node.start_mark
        self.doc.problems.append(
            Problem(
                "error",
                Location(self.doc.file, mark.line + 1, mark.column + 1),
                "a key must be a plain word, not a list or a mapping",
                "Write keys as `name: value`.",
            )
        )
        return None


class _TooBig(Exception):
    pass


def _dotted(path: PathKey) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


dotted = _dotted


def read_text(path: Path, display: str | None = None) -> tuple[str | None, list[Problem]]:
    """Reads a file as UTF-8 text, refusing what we cannot or should not parse."""
    name = display or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, [Problem("error", Location(name), f"cannot read the file: {exc.strerror}")]
    if size > MAX_BYTES:
        return None, [
            Problem(
                "error",
                Location(name),
                f"the file is {size / 1024 / 1024:.1f} MB; answers files are limited to "
                f"{MAX_BYTES // 1024 // 1024} MB",
                "Check that this is the right file: a complete answers file is a few dozen KB.",
            )
        ]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem("error", Location(name), f"cannot read the file: {exc.strerror}")]
    return decode(raw, name)


def decode(raw: bytes, name: str) -> tuple[str | None, list[Problem]]:
    """Decodes UTF-8 (a UTF-8 byte-order mark is accepted and dropped)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            Problem(
                "error",
                Location(name, 1, 1),
                "the file is encoded in UTF-16; cdc reads UTF-8",
                "Save the file as UTF-8 (in most editors: Save as… > Encoding > UTF-8).",
            )
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [
            Problem(
                "error",
                Location(name, line, column),
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                "Save the file as UTF-8; it was probably written as Latin-1 or Windows-1252.",
            )
        ]


def _compose(text: str) -> yaml.Node | None:
    """libyaml's composer when PyYAML has it (about 20 times faster: the bank and an answers file
    load in milliseconds), else the pure-Python one. Text that libyaml refuses is composed again
    by the pure-Python parser so that syntax errors read the same on every installation."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def parse(text: str, name: str) -> YamlDocument:
    """Parses YAML text into a YamlDocument; syntax errors become problems, never exceptions."""
    doc = YamlDocument(name, None)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        doc.problems.append(
            Problem("error", Location(name, line, 1), "the file contains a NUL byte",
                    "This is a binary file, not a YAML text file.")
        )
        return doc
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # an unclosed quote: point where it opens, not at the end
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{exc.context}, {what}"
        doc.problems.append(
            Problem(
                "error",
                Location(name, line, col),
                f"YAML syntax error: {what}",
                "Check the indentation (spaces, not tabs) and quote values that contain ': ' "
                "or start with a special character such as * & ! % @ `.",
            )
        )
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append(Problem("error", Location(name), f"YAML error: {exc}"))
        return doc
    except RecursionError:
        doc.problems.append(
            Problem("error", Location(name, 1, 1), "refused: the values are nested too deeply",
                    "An answers file needs only a few levels: part, question, record, field.")
        )
        return doc
    if node is None:
        return doc
    builder = _Builder(doc)
    try:
        doc.data = builder.build(node, (), ())
    except _TooBig as exc:
        doc.data = None
        doc.locations.clear()
        doc.problems.append(
            Problem("error", Location(name, node.start_mark.line + 1, 1), f"refused: {exc}",
                    "Answers files do not need YAML anchors and aliases; write values out.")
        )
    except RecursionError:
        doc.data = None
        doc.problems.append(
            Problem("error", Location(name), "refused: the values are nested too deeply")
        )
    return doc


def load(path: Path, display: str | None = None) -> YamlDocument:
    """Reads and parses a YAML file."""
    name = display or str(path)
    text, problems = read_text(path, name)
    if text is None:
        return YamlDocument(name, None, problems=problems)
    return parse(text, name)
