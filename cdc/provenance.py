"""Who gave each answer: the ``provenance`` block that ``cdc merge`` writes in the answers file.

A merged project file keeps, after its answers, one entry per answer the merge wrote::

    provenance:
      answers:
        - {at: company.employees, by: [Paul Lefèvre, Thérèse Garnier], sha: 3c9b0f61a2}
        - {at: data_flows.sources, record: Fichier ADV, by: [Thérèse Garnier], sha: 5e60df815c,
           fields: {name: 0e65d245f7, kind: c0fcf03f62, records: b090147020}}
        - {at: data_flows.sources, record: Fichier ADV, field: owner, by: [...], sha: ...}
        - at: data_flows.data_location
          by: [Paul Lefèvre, Thérèse Garnier]
          sha: 0d1e9a5b77
          versions:
            - {by: [Paul Lefèvre], answer: dans le fichier de Thérèse}
            - {by: [Thérèse Garnier], answer: dans Sage X3}

``at`` names the question (``part.question``); ``record`` the record of a repeating group by its
identity (:attr:`cdc.questionnaire.Question.identity_fields`), ``field`` one of its fields; a
record's ``fields`` holds the fingerprints of the fields given by the same people, so that a
field needs an entry of its own only when its authors differ (or they disagree).
``sha`` fingerprints the value the merge wrote: while the answer still has it, ``by`` says who
gave it; once the project lead edits the answer, the entry no longer speaks for it (and a merge
run again keeps the edit). ``versions`` marks a disagreement: the answer is then a ``{todo}``
open point quoting each version with its author.

The block lives in the answers file rather than beside it, so that it travels with the file,
survives the interview's saves (round-trip YAML) and is not mistaken for an answers file by
``cdc batch``. It is bookkeeping: a malformed block gives warnings, never an error, and readers
skip what they cannot read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from cdc.questionnaire import Question, Questionnaire

KEY = "provenance"
"""The answers file's top-level key of the block."""


# --------------------------------------------------------------------------- values


def _plain(value: Any) -> Any:
    """A value in a canonical JSON-able form: dates as ISO text, whole floats as ints."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return str(value)
    return value


def fingerprint(value: Any) -> str:
    """A short, stable fingerprint of an answer (the same value always gives the same one)."""
    text = json.dumps(_plain(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def normal_text(text: str) -> str:
    """Text compared the way people mean it: spaces collapsed, case ignored."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def identity_text(text: str) -> str:
    """A record's name compared loosely: accents, case, spaces and end punctuation ignored."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(ascii_text.casefold().split()).strip(" .,;:-")


def record_label(group: Question, record: Mapping[str, Any]) -> str:
    """The record's identity as written ("Fichier ADV", "Paul Lefèvre / sales"); a record
    whose identity fields are empty is known by its whole content ("#" and a fingerprint)."""
    parts = [str(record.get(name) or "").strip() for name in group.identity_fields]
    if not any(parts):
        return "#" + fingerprint(dict(record))
    return " / ".join(parts)


def record_key(label: str) -> str:
    return " / ".join(identity_text(part) for part in label.split(" / "))


# --------------------------------------------------------------------------- the block


@dataclass(frozen=True)
class Version:
    """One version of a disputed answer and the people who gave it."""

    by: tuple[str, ...]
    answer: Any


@dataclass(frozen=True)
class Entry:
    """Who gave the answer at one place of the file."""

    at: str  # part.question
    by: tuple[str, ...]
    sha: str
    record: str = ""  # a group's record, by its identity
    field: str = ""  # a field of that record
    versions: tuple[Version, ...] = ()  # a disagreement
    fields: tuple[tuple[str, str], ...] = ()  # a record's fields by the same people: (id, sha)

    @property
    def slot(self) -> tuple[str, str, str]:
        return (self.at, record_key(self.record) if self.record else "", self.field)

    def as_yaml(self) -> dict[str, Any]:
        out: dict[str, Any] = {"at": self.at}
        if self.record:
            out["record"] = self.record
        if self.field:
            out["field"] = self.field
        out["by"] = list(self.by)
        out["sha"] = self.sha
        if self.fields:
            out["fields"] = dict(self.fields)
        if self.versions:
            out["versions"] = [{"by": list(v.by), "answer": v.answer} for v in self.versions]
        return out


def compact(entries: list[Entry]) -> list[Entry]:
    """The entries as written: a field given by its record's people, without a disagreement,
    goes into its record's ``fields``."""
    records = {(e.at, record_key(e.record)): e for e in entries if e.record and not e.field}
    folded: dict[tuple[str, str], list[tuple[str, str]]] = {}
    kept = []
    for e in entries:
        owner = records.get((e.at, record_key(e.record))) if e.field else None
        if owner is not None and e.by == owner.by and not e.versions:
            folded.setdefault((e.at, record_key(e.record)), []).append((e.field, e.sha))
        else:
            kept.append(e)
    return [Entry(e.at, e.by, e.sha, e.record, e.field, e.versions,
                  tuple(folded.get((e.at, record_key(e.record)), ())))
            if e.record and not e.field else e for e in kept]


@dataclass(frozen=True)
class Provenance:
    entries: tuple[Entry, ...] = ()

    def by_slot(self) -> dict[tuple[str, str, str], Entry]:
        return {e.slot: e for e in self.entries}


Issue = tuple[tuple[str | int, ...], str]  # (path inside the block, what is wrong)


def _names(raw: Any) -> tuple[str, ...] | None:
    if isinstance(raw, str) and raw.strip():
        return (raw.strip(),)
    if isinstance(raw, list) and raw and all(isinstance(n, str) and n.strip() for n in raw):
        return tuple(n.strip() for n in raw)
    return None


def read(raw: Any) -> tuple[Provenance, list[Issue]]:
    """The block as written in a file, and what is wrong with it (entries that cannot be read
    are skipped)."""
    if raw is None:
        return Provenance(), []
    if not isinstance(raw, Mapping):
        return Provenance(), [((), "the provenance block must be a mapping with 'answers:'")]
    issues: list[Issue] = []
    for key in raw:
        if key != "answers":
            issues.append(((str(key),), f"unknown key '{key}' in the provenance block"))
    items = raw.get("answers")
    if items is None:
        return Provenance(), issues
    if not isinstance(items, list):
        return Provenance(), [*issues, (("answers",), "'answers' must be a list of entries")]
    entries = []
    for i, item in enumerate(items):
        where: tuple[str | int, ...] = ("answers", i)
        if not isinstance(item, Mapping):
            issues.append((where, "each entry is a mapping: {at, by, sha}"))
            continue
        at, by, sha = item.get("at"), _names(item.get("by")), item.get("sha")
        if not isinstance(at, str) or not re.fullmatch(r"[a-z0-9_]+\.[a-z0-9_]+", at):
            issues.append((where, "an entry needs 'at: part.question'"))
            continue
        if by is None or not isinstance(sha, str):
            issues.append((where, f"the entry for {at} needs 'by' (names) and 'sha'"))
            continue
        unknown = set(item) - {"at", "by", "sha", "record", "field", "versions", "fields"}
        for key in sorted(unknown):
            issues.append(((*where, key), f"unknown key '{key}' in the entry for {at}"))
        versions = []
        raw_versions = item.get("versions") or []
        if not isinstance(raw_versions, list):
            issues.append(((*where, "versions"), f"{at}: 'versions' must be a list"))
            raw_versions = []
        for j, version in enumerate(raw_versions):
            names = _names(version.get("by")) if isinstance(version, Mapping) else None
            if names is None or not isinstance(version, Mapping) or "answer" not in version:
                issues.append(((*where, "versions", j), f"{at}: a version needs by and answer"))
                continue
            versions.append(Version(names, version["answer"]))
        record = str(item.get("record") or "")
        entries.append(Entry(at, by, sha, record, str(item.get("field") or ""),
                             tuple(versions)))
        fields = item.get("fields") or {}
        if not isinstance(fields, Mapping) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in fields.items()):
            issues.append(((*where, "fields"), f"{at}: 'fields' maps field ids to fingerprints"))
            fields = {}
        entries.extend(Entry(at, by, sha, record, field) for field, sha in fields.items())
    return Provenance(tuple(entries)), issues


def check(raw: Any, bank: Questionnaire) -> list[Issue]:
    """What ``cdc validate`` reports about the block (as warnings): its form, and entries
    naming a question or a field the bank does not have."""
    found, issues = read(raw)
    for i, entry in enumerate(found.entries):
        question = _question(bank, entry.at)
        if question is None:
            issues.append((("answers", i, "at"), f"'{entry.at}' is not a question of the bank"))
        elif entry.field and question.field(entry.field) is None:
            issues.append((("answers", i, "field"),
                           f"'{entry.field}' is not a field of '{question.id}'"))
    return issues


def _question(bank: Questionnaire, at: str) -> Question | None:
    part_key, _, qid = at.partition(".")
    question = bank.by_id.get(qid)
    part = bank.part_of.get(qid)
    return question if question is not None and part is not None and part.key == part_key \
        else None


# --------------------------------------------------------------------------- reading answers


def find_record(group: Question, records: Any, label: str) -> tuple[int, Mapping[str, Any]] | None:
    """The record of ``records`` whose identity is ``label`` (index and record)."""
    if not isinstance(records, list):
        return None
    key = record_key(label)
    for index, record in enumerate(records):
        if isinstance(record, Mapping) and record_key(record_label(group, record)) == key:
            return index, record
    return None


@dataclass(frozen=True)
class Place:
    """Where an entry's answer is now: its dotted path, its question and its value."""

    path: str  # data_flows.sources[2].owner
    question: Question
    value: Any
    record: Mapping[str, Any] | None = None


def locate(data: Any, bank: Questionnaire, entry: Entry) -> Place | None:
    """The answer an entry speaks for, as the file holds it now (None if it is gone)."""
    question = _question(bank, entry.at)
    if question is None or not isinstance(data, Mapping):
        return None
    part_key = entry.at.partition(".")[0]
    block = data.get(part_key)
    value = block.get(question.id) if isinstance(block, Mapping) else None
    if not entry.record:
        return Place(entry.at, question, value)
    found = find_record(question, value, entry.record)
    if found is None:
        return None
    index, record = found
    if not entry.field:
        return Place(f"{entry.at}[{index}]", question, record, record)
    field = question.field(entry.field)
    if field is None:
        return None
    return Place(f"{entry.at}[{index}].{entry.field}", field, record.get(entry.field), record)


def current(data: Any, bank: Questionnaire) -> Iterator[tuple[Entry, Place]]:
    """The entries that still speak for their answer (the file holds what the merge wrote)."""
    found, _ = read(data.get(KEY) if isinstance(data, Mapping) else None)
    for entry in found.entries:
        place = locate(data, bank, entry)
        if place is not None and fingerprint(place.value) == entry.sha:
            yield entry, place


@dataclass(frozen=True)
class Disagreement:
    """Answers that differ between the people interviewed, each version with its authors."""

    entry: Entry
    place: Place | None  # None: the answer has gone from the file
    open: bool  # still the {todo} the merge wrote; False once the project lead settled it


def disagreements(data: Any, bank: Questionnaire) -> list[Disagreement]:
    """Every disagreement the merge recorded, open or settled since."""
    found, _ = read(data.get(KEY) if isinstance(data, Mapping) else None)
    result = []
    for entry in found.entries:
        if not entry.versions:
            continue
        place = locate(data, bank, entry)
        still = place is not None and fingerprint(place.value) == entry.sha
        result.append(Disagreement(entry, place, still))
    return result


def answered_by(data: Any, bank: Questionnaire) -> dict[str, tuple[str, ...]]:
    """Who gave each answer the file still holds as merged, by dotted path
    (``company.employees``, ``data_flows.sources[2].owner``)."""
    return {place.path: entry.by for entry, place in current(data, bank)
            if not entry.versions}
