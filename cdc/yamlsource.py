"""Reads YAML safely, keeping where every key and value came from.

PyYAML's safe loader gives values but forgets lines; its composer gives a node tree with marks.
We compose, then build plain values ourselves so that we can record a location per path, report
duplicate keys (PyYAML silently keeps the last one), and refuse hostile input (alias bombs,
recursive aliases, huge files, bytes that are not UTF-8) with a clear message instead of a
traceback or a hang.
"""

from __future__ import annotations

import datetime as dt
import re
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


_CORE = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(_CORE + name for name in (
    "str", "int", "float", "bool", "null", "timestamp", "value", "map", "seq"))
"""Tags of plain data. Any other (``!!python/...``, ``!!binary``, ``!!set``, ``!custom``) is
refused: nothing a user writes in YAML becomes an object, bytes or a set."""

MERGE_TAG = _CORE + "merge"

_FORBIDDEN_CHARS = re.compile("[\ud800-\udfff\ufffe\uffff]")
"""Lone surrogates and the two non-characters: no file format can hold them (XML refuses them,
UTF-8 cannot encode a surrogate), so they are refused where they are read, with their line."""


def forbidden_character(text: str) -> str | None:
    """The first character of ``text`` that cdc refuses to carry, as ``U+XXXX``, or None."""
    found = _FORBIDDEN_CHARS.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


class _Builder:
    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.count = 0
        self.constructor = yaml.SafeLoader("")  # only its scalar constructors are used
        self.resolver = yaml.resolver.Resolver()  # what a value's tag is when none is written

    def problem(self, node: yaml.Node, message: str, hint: str, path: PathKey) -> None:
        mark = node.start_mark
        self.doc.problems.append(Problem("error", Location(self.doc.file, mark.line + 1,
                                                           mark.column + 1),
                                         message, hint, path=_dotted(path)))

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
        if node.tag not in _PLAIN_TAGS:
            self.problem(node, f"YAML tag {_short_tag(node.tag)} is not allowed",
                         "Remove the tag: cdc reads plain text, numbers, dates, lists and "
                         "mappings only.", path)
            return None
        inner = (*stack, id(node))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, inner)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), inner) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except Exception:  # PyYAML's constructors raise many kinds
            implicit = self.resolver.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, node.value, (True, False))
            if node.tag != implicit:
                self.problem(node, f"the value {node.value[:40]!r} does not fit its tag "
                             f"{_short_tag(node.tag)}", "Remove the tag, or correct the value.",
                             path)
                return None
            # Looks like a timestamp but is no real date (2026-02-30): keep the text, and let
            # validation say what is wrong with it where a date is expected.
            value = node.value
        if isinstance(value, str) and (bad := forbidden_character(value)):
            self.problem(node, f"the text contains the character {bad}, which no document "
                         "format can hold", "Remove it (it is usually the result of a bad "
                         "copy and paste or of a \\u escape).", path)
            return None
        return value

    def mapping(self, node: yaml.MappingNode, path: PathKey, inner: tuple[int, ...]) -> Any:
        result: dict[str, Any] = {}
        merges: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                merges.append(value_node)
                continue
            key = self._key(key_node, path)
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
        # Merge keys (<<: *anchor): keys written in the mapping win, then earlier merges.
        for merge in merges:
            sources = merge.value if isinstance(merge, yaml.SequenceNode) else [merge]
            for source in sources:
                if not isinstance(source, yaml.MappingNode):
                    self.problem(merge, "a merge key (<<) must refer to a mapping or a list of "
                                 "mappings", "Write the values out, or merge an anchored "
                                 "mapping: <<: *name.", path)
                    continue
                merged = self.build(source, path, inner)
                if isinstance(merged, dict):
                    for key, value in merged.items():
                        result.setdefault(key, value)
        return result

    def _key(self, node: yaml.Node, path: PathKey) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.tag in _PLAIN_TAGS:
            try:
                value = self.constructor.construct_object(node)
            except Exception:
                value = node.value
            text = str(node.value) if isinstance(value, bool | int | float | dt.date) \
                or value is None else str(value)
            if forbidden_character(text):
                self.problem(node, "the key contains a character no document format can hold",
                             "Retype the key.", path)
                return None
            return text
        self.problem(node, "a key must be a plain word, not a list, a mapping or a tagged "
                     "value", "Write keys as `name: value`.", path)
        return None


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


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


def read_text(path: Path, display: str | None = None,
              what: str = "answers files") -> tuple[str | None, list[Problem]]:
    """Reads a file as UTF-8 text, refusing what we cannot or should not parse."""
    name = display or str(path)
    try:
        if path.is_dir():
            return None, [Problem("error", Location(name), "this is a folder, not a file")]
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [
                Problem(
                    "error",
                    Location(name),
                    f"the file is {size / 1024 / 1024:.1f} MB; {what} are limited to "
                    f"{MAX_BYTES // 1024 // 1024} MB",
                    "Check that this is the right file: a complete answers file is a few "
                    "dozen KB.",
                )
            ]
        with path.open("rb") as handle:  # a file that grows while read stops at the limit
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, [_unreadable(name, exc)]
    if len(raw) > MAX_BYTES:
        return None, [Problem("error", Location(name), f"{what} are limited to "
                              f"{MAX_BYTES // 1024 // 1024} MB")]
    return decode(raw, name)


def _unreadable(name: str, exc: OSError) -> Problem:
    import errno

    reason = exc.strerror or type(exc).__name__
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Problem("error", Location(name), "cannot read the file: permission denied",
                       "Check the file's permissions (ls -l), or run cdc as a user who may "
                       "read it.")
    return Problem("error", Location(name), f"cannot read the file: {reason}")


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


def load(path: Path, display: str | None = None, what: str = "answers files") -> YamlDocument:
    """Reads and parses a YAML file: the one way cdc reads YAML, whoever wrote it.

    Never raises for what the file holds: every problem (size, encoding, syntax, tags, alias
    bombs, characters no format can hold) is in ``problems`` with its line.
    """
    name = display or str(path)
    text, problems = read_text(path, name, what)
    if text is None:
        return YamlDocument(name, None, problems=problems)
    return parse(text, name)


def load_data(path: Path, what: str) -> Any:
    """The plain values of a YAML file that must be free of errors (a glossary, a lexicon).

    Raises CdcError listing every problem, each with its line, instead of returning bad data.
    """
    from cdc.errors import CdcError

    doc = load(path, what=what)
    errors = [p for p in doc.problems if p.is_error]
    if errors:
        raise CdcError(f"{path}: {len(errors)} problem(s) in this {what.rstrip('s')}",
                       "Fix the file, then run the command again.", problems=errors)
    return doc.data
