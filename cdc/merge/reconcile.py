"""Writing what the people said into the project file, without undoing the project lead's work.

Each answer of the project file is settled against what the respondent files say now
(:mod:`cdc.merge.combine`) and the provenance entry the last merge left for it:

* an answer the last merge wrote, unchanged since → replaced by what the people say now (or
  removed if nobody says it any more): a merge run again after one person's file changed gives
  exactly what a first merge of the same files gives;
* an answer the project lead changed since the last merge (a disagreement settled, a
  correction, a deletion) → kept, as long as the people say what they said then; if they now
  say something else, the lead's answer and theirs become a disagreement, each quoted;
* an answer the project file had before any merge → kept, and a disagreement with the people
  if they say something else ("I don't know yet" from them never overrides it).

Repeating groups are settled record by record (records matched by identity) and field by
field. Everything here is a function of its inputs; the file is read and written by
:mod:`cdc.merge`.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from cdc.answers import is_open_point
from cdc.interview.engine import part_block, put
from cdc.merge.combine import Combined, GroupSaid, RecordSaid, Said, disagreement, same
from cdc.provenance import Entry, Provenance, Version, fingerprint, record_key, record_label
from cdc.questionnaire import Question, Questionnaire

KEEP = object()  # leave the project's answer as it is
REMOVE = object()  # take the answer out of the project file


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == {}


@dataclass(frozen=True)
class Outcome:
    value: Any  # KEEP, REMOVE or the answer to write
    entry: Entry | None
    kept: bool = False  # the lead's answer stood against what the people say now


@dataclass
class Settled:
    """What one merge did to the project file."""

    entries: list[Entry] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # answers the lead changed, kept as they are


class Reconciler:
    """Settles every answer of one project file (``data``, changed in place)."""

    def __init__(self, bank: Questionnaire, data: MutableMapping[str, Any],
                 previous: Provenance, project: str, lang: str) -> None:
        self.bank = bank
        self.data = data
        self.previous = previous.by_slot()
        self.project = project  # the project file's name, the author of its own answers
        self.lang = lang
        self.result = Settled()
        self._rank = {f"{p.key}.{q.id}": i for i, (p, q) in enumerate(
            (p, q) for p in bank.parts for q in p.questions)}

    # ----------------------------------------------------------------------- one answer

    def entry(self, at: str, said: Said, written: Any, record: str = "",
              field_id: str = "") -> Entry:
        return Entry(at, said.by, fingerprint(written), record, field_id, said.versions)

    def settle(self, question: Question, at: str, current: Any, said: Said | None,
               record: str = "", field_id: str = "") -> Outcome:
        """The answer one place of the project file should hold (see the module's rules)."""
        key = (at, record_key(record) if record else "", field_id)
        before = self.previous.get(key)
        mine = None if _empty(current) else current
        if before is not None and fingerprint(current) == before.sha:
            if said is None:
                return Outcome(REMOVE, None)
            return Outcome(said.value, self.entry(at, said, said.value, record, field_id))
        if before is not None:  # changed by the project lead since the last merge
            if said is not None and fingerprint(said.value) == before.sha:
                return Outcome(KEEP, before, kept=mine is not None)
            if mine is None:
                return Outcome(said.value, self.entry(at, said, said.value, record, field_id)) \
                    if said is not None else Outcome(KEEP, None)
        if said is None or mine is None:
            return Outcome(KEEP, None) if said is None else \
                Outcome(said.value, self.entry(at, said, said.value, record, field_id))
        if same(mine, said.value):
            return Outcome(KEEP, self.entry(at, said, mine, record, field_id))
        if is_open_point(said.value) and not said.versions:
            return Outcome(KEEP, None, kept=True)  # "I don't know yet" settles nothing
        if is_open_point(mine):
            return Outcome(said.value, self.entry(at, said, said.value, record, field_id))
        versions = [Version((self.project,), mine),
                    *(said.versions or (Version(said.by, said.value),))]
        conflict = disagreement(question, versions, self.lang)
        return Outcome(conflict.value, self.entry(at, conflict, conflict.value, record,
                                                  field_id))

    def apply(self, block: MutableMapping[str, Any], key: str, order: list[str],
              outcome: Outcome, where: str) -> None:
        if outcome.entry is not None:
            self.result.entries.append(outcome.entry)
        if outcome.kept:
            self.result.kept.append(where)
        if outcome.value is REMOVE:
            if key in block:
                del block[key]
        elif outcome.value is not KEEP:
            put(block, key, outcome.value, order)

    # ----------------------------------------------------------------------- the file

    def run(self, combined: Combined) -> Settled:
        for part in self.bank.parts:
            for q in part.questions:
                at = f"{part.key}.{q.id}"
                said = combined.get(at)
                block = self.data.get(part.key)
                current = block.get(q.id) if isinstance(block, Mapping) else None
                if said is None and _empty(current) and not self._has_history(at):
                    continue
                block = part_block(self.data, self.bank, part)
                order = [x.id for x in part.questions]
                if q.is_group:
                    group = said if isinstance(said, GroupSaid) else GroupSaid()
                    self.group(q, at, block, order, group)
                else:
                    plain = said if isinstance(said, Said) else None
                    self.apply(block, q.id, order, self.settle(q, at, current, plain), at)
        self.result.entries.sort(key=self._order)
        return self.result

    def _order(self, entry: Entry) -> tuple[int, str, int]:
        """Plan order, records by name, the record before its fields: the block reads the
        same whatever the order of the records in the file."""
        question = self.bank.by_id.get(entry.at.partition(".")[2])
        rank = self._rank.get(entry.at, len(self._rank))
        fields = [f.id for f in question.fields] if question is not None else []
        place = fields.index(entry.field) if entry.field in fields else -1
        return rank, record_key(entry.record) if entry.record else "", place

    def _has_history(self, at: str) -> bool:
        return any(slot[0] == at for slot in self.previous)

    def group(self, q: Question, at: str, block: MutableMapping[str, Any], order: list[str],
              said: GroupSaid) -> None:
        current = block.get(q.id)
        records = [r for r in current if isinstance(r, MutableMapping)] \
            if isinstance(current, list) else []
        if not records and not said.records:
            self.apply(block, q.id, order, self.settle(q, at, current, said.instead), at)
            return
        kept: list[Any] = []
        seen: set[str] = set()
        for record in records:
            label = record_label(q, record)
            key = record_key(label)
            seen.add(key)
            people = said.records.get(key)
            before = self.previous.get((at, key, ""))
            if people is not None:
                self.record(q, at, record, label, people)
                kept.append(record)
            elif before is not None and fingerprint(record) == before.sha:
                continue  # nobody lists it any more
            else:
                if before is not None:
                    self.result.kept.append(f"{at}[{label}] (changed)")
                    self.keep_history(at, key)
                kept.append(record)
        for key, people in said.records.items():
            if key in seen:
                continue
            written = people.written(q)
            before = self.previous.get((at, key, ""))
            if before is not None and fingerprint(written) == before.sha:
                self.keep_history(at, key)  # the lead took it out; the people say the same
                self.result.kept.append(f"{at}[{people.label}] (removed)")
                continue
            fresh: dict[str, Any] = {}
            self.record(q, at, fresh, people.label, people)
            kept.append(fresh)
        if kept:
            put(block, q.id, kept, order)
        elif records:  # every record the project had is gone
            instead = said.instead
            self.apply(block, q.id, order, Outcome(
                instead.value, self.entry(at, instead, instead.value)) if instead is not None
                else Outcome(REMOVE, None), at)
        else:
            self.apply(block, q.id, order, self.settle(q, at, current, said.instead), at)

    def keep_history(self, at: str, key: str) -> None:
        """The entries of a record the lead changed or removed stay, to keep recognising it."""
        self.result.entries.extend(e for slot, e in self.previous.items()
                                   if slot[0] == at and slot[1] == key)

    def record(self, q: Question, at: str, record: MutableMapping[str, Any], label: str,
               people: RecordSaid) -> None:
        order = [f.id for f in q.fields]
        start = len(self.result.entries)
        for f in q.fields:
            outcome = self.settle(f, at, record.get(f.id), people.fields.get(f.id), label, f.id)
            self.apply(record, f.id, order, outcome, f"{at}[{label}].{f.id}")
        entry = Entry(at, tuple(people.by), fingerprint(record), label)
        self.result.entries.insert(start, entry)
