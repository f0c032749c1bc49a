"""The interview's answers file: read and written with round-trip YAML, saved after every answer.

ruamel.yaml keeps what a consultant wrote by hand (comments, key order, quoting) when the
interview saves the file again; PyYAML would drop the comments. Every save goes through
:func:`cdc.files.write_atomic`, so an interrupted interview leaves either the previous file or
the new one, never half of each.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString, ScalarString, SingleQuotedScalarString

from cdc import yamlsource
from cdc.answers import SCHEMA_VERSION, Month, is_open_point
from cdc.errors import CdcError, Location, UsageError
from cdc.files import WriteError, is_read_only, write_atomic
from cdc.interview import engine
from cdc.questionnaire import Questionnaire


def _yaml() -> YAML:
    yaml = YAML()  # round-trip
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # long answers stay on one line instead of being folded
    yaml.allow_unicode = True
    yaml.preserve_quotes = True
    return yaml


def load(path: Path, bank: Questionnaire) -> CommentedMap:
    """The answers in ``path`` (a new layout if the file does not exist yet).

    A file that is not YAML, or not a mapping, is refused rather than overwritten.
    """
    if not path.exists():
        data = CommentedMap()
        engine.ensure_layout(data, bank)
        return data
    if path.is_dir():
        raise UsageError(f"{path} is a folder, not an answers file",
                         "Give the path of a .yaml file.")
    if is_read_only(path):
        raise CdcError(f"{path} is read-only: the interview could not save your answers",
                       f"Make it writable (chmod u+w {path}) or copy it, then run the interview "
                       "on the copy; nothing was changed.", Location(str(path)))
    # The same safe reader as every command first (size, encoding, tags, alias bombs, lone
    # surrogates), then ruamel.yaml for the round trip that keeps comments.
    checked = yamlsource.load(path)
    refused = [p for p in checked.problems if p.is_error]
    if refused:
        first = refused[0]
        what = "is not valid YAML" if first.message.startswith("YAML") else \
            "cannot be read as answers"
        raise CdcError(f"the file {what}: {first.message}",
                       f"Fix it first (cdc validate {path} shows every problem), then run the "
                       "interview again; nothing was changed.", first.location,
                       problems=refused[1:])
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CdcError(f"{path}: cannot read the file ({exc})",
                       "Check the file is a UTF-8 text file you can read.") from None
    try:
        data = _yaml().load(text)
    except RecursionError:  # the safe reader bounds depth; this is the last line of defence
        raise CdcError(f"{path}: the values are nested too deeply",
                       "An answers file needs only a few levels: part, question, record, field.",
                       Location(str(path), 1, 1)) from None
    except (ValueError, TypeError, OverflowError) as exc:  # ruamel's constructors, likewise
        raise CdcError(f"the file cannot be read as answers: {exc}",
                       f"Fix it first (cdc validate {path} shows every problem), then run the "
                       "interview again; nothing was changed.", Location(str(path))) from None
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        location = Location(str(path), mark.line + 1, mark.column + 1) if mark else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CdcError(f"the file is not valid YAML: {problem}",
                       f"Fix it first (cdc validate {path} shows where), then run the "
                       "interview again; nothing was changed.", location) from None
    if data is None:
        data = CommentedMap()
    if not isinstance(data, CommentedMap):
        raise CdcError(f"{path} does not hold answers (its top level is not a mapping)",
                       "An answers file starts with 'schema_version: 1' then 'meta:'. "
                       "Start a new one with: cdc new FILE", Location(str(path), 1, 1))
    for part in bank.parts:
        block = data.get(part.key)
        if block is not None and not isinstance(block, CommentedMap):
            raise CdcError(f"{path}: '{part.key}' should hold the part's answers",
                           f"Fix it first (cdc validate {path}); nothing was changed.")
    if "schema_version" not in data:
        data.insert(0, "schema_version", SCHEMA_VERSION)
    return data


def _styled(value: Any, kind: str) -> Any:
    """Readable YAML for what the interview wrote: block lists of records, flow lists of
    choices, ``|`` blocks for text on several lines. What was already styled stays as it is."""
    if is_open_point(value) and not isinstance(value, CommentedMap):
        point = CommentedMap(value)
        point.fa.set_flow_style()
        return point
    if kind == "long_text" and isinstance(value, str) and "\n" in value \
            and not isinstance(value, LiteralScalarString):
        return LiteralScalarString(value)
    if kind == "multi_choice" and isinstance(value, list) and not isinstance(value, CommentedSeq):
        seq = CommentedSeq(value)
        seq.fa.set_flow_style()
        return seq
    if kind == "group" and isinstance(value, list):
        if isinstance(value, CommentedSeq):
            if value:
                value.fa.set_block_style()
            return value
        seq = CommentedSeq(value)
        seq.fa.set_block_style()
        return seq
    return value


def _tidy(data: MutableMapping[str, Any], bank: Questionnaire) -> None:
    for part in bank.parts:
        block = data.get(part.key)
        if not isinstance(block, MutableMapping):
            continue
        for q in part.questions:
            if q.id not in block:
                continue
            block[q.id] = _styled(block[q.id], q.type)
            records = block[q.id]
            if not q.is_group or not isinstance(records, list):
                continue
            for i, record in enumerate(records):
                if isinstance(record, Mapping) and not isinstance(record, CommentedMap):
                    record = records[i] = CommentedMap(record)
                if isinstance(record, CommentedMap):
                    record.fa.set_block_style()
                    for f in q.fields:
                        if f.id in record:
                            record[f.id] = _styled(record[f.id], f.type)


def _read_as_text(text: str) -> bool:
    """Whether ``cdc validate`` (PyYAML, YAML 1.1) reads ``text`` written plain as text.
    ruamel.yaml writes YAML 1.2, where ``no``, ``on`` or ``9:30`` are text; YAML 1.1 reads a
    yes/no and a number there."""
    import yaml

    resolver = yaml.resolver.Resolver()
    tag = resolver.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == "tag:yaml.org,2002:str")


def _quote_ambiguous(node: Any) -> None:
    """Quotes every text value that would not read back as text (the choice ``no``, an
    answer "Yes" or "9:30"), in the answers and in the provenance block alike."""
    items = node.items() if isinstance(node, MutableMapping) else \
        enumerate(node) if isinstance(node, list) else ()
    for key, value in list(items):
        if isinstance(value, Month):  # a date known to the month is written 2027-06
            node[key] = str(value)
        elif isinstance(value, str) and not isinstance(value, ScalarString) \
                and not _read_as_text(value):
            node[key] = SingleQuotedScalarString(value)
        elif isinstance(value, MutableMapping | list):
            _quote_ambiguous(value)


def dumps(data: MutableMapping[str, Any], bank: Questionnaire) -> str:
    """The text of the answers file."""
    _tidy(data, bank)
    _quote_ambiguous(data)
    for part in bank.parts:
        block = data.get(part.key)
        if isinstance(block, CommentedMap) and block:
            block.fa.set_block_style()
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()


def save(path: Path, data: MutableMapping[str, Any], bank: Questionnaire) -> None:
    """Writes the answers atomically (temporary file, then rename).

    When the file cannot be written (full disk, folder made read-only meanwhile), the answers,
    the one just typed included, are written to a rescue copy elsewhere, and the CdcError raised
    says where; if no copy can be written either, the error carries the answers' text so that
    the terminal shows them. Nothing typed is lost silently.
    """
    text = dumps(data, bank)
    try:
        write_atomic(path, text)
    except WriteError as exc:
        rescue = _rescue(path, text)
        if rescue is not None:
            raise CdcError(f"{exc.message}; your answers, the last one included, are saved in "
                           f"{rescue}", f"{exc.hint} Then copy {rescue} over {path} and resume "
                           f"the interview.", exc.location) from None
        raise CdcError(f"{exc.message}; no rescue copy could be written either",
                       f"{exc.hint} Your answers are printed below: copy them into {path}.\n"
                       + text, exc.location) from None


def _rescue(path: Path, text: str) -> Path | None:
    """A copy of the answers in the first folder that accepts it: temporary folder, home."""
    import tempfile
    import time

    name = f"cdc-rescue-{path.stem}-{time.strftime('%Y%m%d-%H%M%S')}{path.suffix or '.yaml'}"
    for folder in (Path(tempfile.gettempdir()), Path.home()):
        target = folder / name
        try:
            if folder.resolve() == path.parent.resolve():
                continue
            write_atomic(target, text)
        except (CdcError, OSError):
            continue
        return target
    return None


def _same(a: Any, b: Any) -> bool:
    return str(a or "").strip().casefold() == str(b or "").strip().casefold()


def add_respondent(
    data: MutableMapping[str, Any],
    bank: Questionnaire,
    name: str,
    role: str,
    today: dt.date | None = None,
    *,
    interview: str | None = None,
) -> bool:
    """Records who answers in ``meta.respondents``: their name, position (``role``), the role
    of their interview if it is a role's, and the date. False if that person is already listed
    for that interview."""
    question = bank.by_id.get("respondents")
    if question is None or not question.is_group:
        return False
    current = engine.value_of(data, bank, question)
    records = list(current) if isinstance(current, list) else []
    fields = {f.id for f in question.fields}
    for record in records:
        if isinstance(record, Mapping) and _same(record.get("name"), name) and (
                _same(record.get("interview"), interview) if "interview" in fields
                else _same(record.get("role"), role)):
            return False
    record = CommentedMap()
    for key, value in (("name", name.strip()), ("role", role.strip()),
                       ("interview", interview), ("date", today or dt.date.today())):
        if key in fields and value:
            record[key] = value
    if isinstance(current, CommentedSeq):
        current.append(record)
        engine.set_answer(data, bank, question, current)
    else:
        engine.set_answer(data, bank, question, [*records, record])
    return True


def find_respondent(
    data: Mapping[str, Any], bank: Questionnaire, name: str = "", interview: str | None = None
) -> tuple[str, str] | None:
    """The name and position of who answers, from ``meta.respondents``: the person called
    ``name`` if given, else the last one recorded for ``interview``, else the last one."""
    question = bank.by_id.get("respondents")
    records = engine.value_of(data, bank, question) if question is not None else None
    if not isinstance(records, list):
        return None
    known = [r for r in records if isinstance(r, Mapping) and str(r.get("name") or "").strip()]
    if name:
        known = [r for r in known if _same(r.get("name"), name)]
    mine = [r for r in known if _same(r.get("interview"), interview)]
    found = (mine or known)[-1:]
    if not found:
        return None
    return str(found[0]["name"]).strip(), str(found[0].get("role") or "").strip()
