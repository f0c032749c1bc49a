"""The interview's logic, without a terminal: what to ask next, and where an answer goes.

Everything here is a function of the question bank and the answers (a mapping of part blocks,
as in the answers file). Nothing prints, prompts or touches a file, so every rule is tested
without a terminal:

* plan order: parts, sections, questions as the bank lists them, those of one part or of one
  role's interview (``--role``); ``when`` conditions skip what does not apply, but a condition
  on an open point asks its questions rather than skipping them (whether they apply is not
  known yet), and :func:`prune` removes the answers of questions that stopped applying;
* the resume point is the first applicable question without an answer (an open point counts
  as an answer: it was given, as "I don't know yet"; so does an optional list declined, stored
  as ``[]``), or whose answer ``cdc validate`` refuses;
* progress: the part, "question k of n" within the part, and how far through the whole bank;
* storing an answer in plan order, then emptying what a changed condition no longer asks;
* the review: one row per applicable question with its answer as the reader will see it.

What typed text becomes, and how a value reads, is in :mod:`cdc.interview.values`.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any

from cdc.answer_values import check_value
from cdc.answers import (
    SCHEMA_VERSION,
    applies,
    condition_unknown,
    is_answered,
    is_open_point,
)
from cdc.interview.texts import word
from cdc.interview.values import display
from cdc.questionnaire import Part, Question, Questionnaire

# --------------------------------------------------------------------------- plan order


def selected_parts(
    bank: Questionnaire, part: int | None = None, role: str | None = None
) -> tuple[Part, ...]:
    """The parts an interview covers: all of them, or the one ``--part N`` names; for a role,
    those holding at least one of its questions."""
    return tuple(p for p in bank.parts if (part is None or p.number == part)
                 and any(q.concerns(role) for q in p.questions))


def plan(
    bank: Questionnaire, part: int | None = None, role: str | None = None, flow: bool = False
) -> list[Question]:
    """The top-level questions an interview covers, in plan order. ``flow``: only those it
    asks in its run, not those the bank leaves to the review (``interview: false``)."""
    return [q for p in selected_parts(bank, part, role) for q in p.questions
            if q.concerns(role) and (q.interview or not flow)]


def asks(
    question: Question,
    data: Mapping[str, Any],
    bank: Questionnaire,
    record: Mapping[str, Any] | None = None,
) -> bool:
    """Whether the interview asks ``question``: its condition holds, or tests an open point
    (unknown yet: "?" on a question others depend on does not silently skip them)."""
    return applies(question, data, bank, record) or condition_unknown(question, data, bank,
                                                                      record)


def block_of(data: Mapping[str, Any], part: Part) -> Mapping[str, Any]:
    """The answers of one part (an empty mapping if the file has none yet)."""
    block = data.get(part.key)
    return block if isinstance(block, Mapping) else {}


def value_of(data: Mapping[str, Any], bank: Questionnaire, question: Question) -> Any:
    """The stored answer to a top-level question, or None."""
    return block_of(data, bank.part_of[question.id]).get(question.id)


def is_done(value: Any) -> bool:
    """An answer, or an open point: the question need not be asked again."""
    return is_answered(value) or is_open_point(value)


def fields_to_fix(
    bank: Questionnaire, data: Mapping[str, Any], group: Question, record: Any
) -> list[Question]:
    """The applicable fields of a record still to ask: required and without an answer (an
    interrupted record), or holding an answer ``cdc validate`` refuses (a hand-edited one)."""
    if not isinstance(record, Mapping):
        return []
    return [
        f for f in group.fields
        if asks(f, data, bank, record)
        and ((f.required and not is_done(record.get(f.id))) or check_value(f, record.get(f.id)))
    ]


def incomplete_records(
    bank: Questionnaire, data: Mapping[str, Any], group: Question
) -> list[int]:
    """Indexes of the group's records with a field to fix."""
    records = value_of(data, bank, group)
    if not isinstance(records, list):
        return []
    return [i for i, r in enumerate(records) if fields_to_fix(bank, data, group, r)]


def _question_done(bank: Questionnaire, data: Mapping[str, Any], question: Question) -> bool:
    """Answered (or an open point) with a value ``cdc validate`` accepts, records complete."""
    value = value_of(data, bank, question)
    if declined(question, value):
        return True
    if not is_done(value) or check_value(question, value):
        return False
    return not (question.is_group and incomplete_records(bank, data, question))


def declined(question: Question, value: Any) -> bool:
    """An optional list the user said no to ("add a data source?" → no): ``[]`` in the file,
    seen and declined, not asked again on resume."""
    return question.is_group and not question.required and isinstance(value, list) \
        and not value


def applicable(
    bank: Questionnaire,
    data: Mapping[str, Any],
    part: int | None = None,
    role: str | None = None,
    flow: bool = False,
) -> list[Question]:
    """Top-level questions the interview asks given the answers, in plan order."""
    return [q for q in plan(bank, part, role, flow) if asks(q, data, bank)]


def resume_point(
    bank: Questionnaire,
    data: Mapping[str, Any],
    part: int | None = None,
    role: str | None = None,
) -> Question | None:
    """The first applicable question without an answer, or None when everything is answered."""
    for q in applicable(bank, data, part, role, flow=True):
        if not _question_done(bank, data, q):
            return q
    return None


def next_question(
    bank: Questionnaire,
    data: Mapping[str, Any],
    after: Question | None,
    part: int | None = None,
    revisit: bool = False,
    role: str | None = None,
) -> Question | None:
    """The question to ask after ``after`` (None: from the start).

    Normally the next applicable question still without an answer; with ``revisit`` (going
    through a part again) the next applicable question whatever its answer.
    """
    order = plan(bank, part, role, flow=True)
    start = 0
    if after is not None:
        start = next((i + 1 for i, q in enumerate(order) if q.id == after.id), len(order))
    for q in order[start:]:
        if not asks(q, data, bank):
            continue
        if revisit or not _question_done(bank, data, q):
            return q
    return None


@dataclass(frozen=True)
class Progress:
    """Where a question sits: its part, its rank there, and how far through the whole bank."""

    part: Part
    index: int  # 1-based rank among the part's applicable questions
    count: int  # applicable questions in the part
    percent: int  # share of the whole bank's applicable questions before this one

    def line(self, lang: str) -> str:
        return word(lang, "progress", number=self.part.number, title=self.part.title.get(lang),
                    k=self.index, n=self.count, percent=self.percent)


def progress(
    bank: Questionnaire, data: Mapping[str, Any], question: Question, role: str | None = None
) -> Progress:
    """Progress of the interview (the whole one, or a role's) when ``question`` is on screen."""
    part = bank.part_of[question.id]
    everything = applicable(bank, data, role=role, flow=True)
    in_part = [q for q in everything if q.part == part.number]
    ids = [q.id for q in in_part]
    index = ids.index(question.id) + 1 if question.id in ids else len(ids)
    before = next((i for i, q in enumerate(everything) if q.id == question.id), len(everything))
    percent = round(100 * before / len(everything)) if everything else 100
    return Progress(part, index, max(len(in_part), index), percent)


def minutes_left(
    bank: Questionnaire, data: Mapping[str, Any], part: int | None = None,
    role: str | None = None,
) -> int:
    """The bank's estimate of the time the questions still to answer take."""
    from cdc.roles import question_minutes

    left = [q for q in applicable(bank, data, part, role, flow=True)
            if not _question_done(bank, data, q)]
    return question_minutes(bank, left)


def answered_count(
    bank: Questionnaire, data: Mapping[str, Any], role: str | None = None
) -> int:
    """How many applicable questions (of a role's interview) have an answer or an open point."""
    return sum(_question_done(bank, data, q) for q in applicable(bank, data, role=role))


# --------------------------------------------------------------------------- changing answers


def _new_mapping(like: Mapping[str, Any]) -> MutableMapping[str, Any]:
    """An empty mapping of the same kind as ``like`` (round-trip YAML keeps its own type)."""
    try:
        made = type(like)()
    except TypeError:
        made = {}
    return made if isinstance(made, MutableMapping) else {}


def put(block: MutableMapping[str, Any], key: str, value: Any, order: Sequence[str]) -> None:
    """Sets ``block[key]``; a new key goes where plan order puts it, not at the end."""
    if key in block:
        block[key] = value
        return
    rank = {k: i for i, k in enumerate(order)}
    mine = rank.get(key, len(order))
    position = 0
    for i, existing in enumerate(block):
        if existing in rank and rank[existing] < mine:
            position = i + 1
    insert = getattr(block, "insert", None)
    if callable(insert):
        insert(position, key, value)
        return
    items = list(block.items())
    items.insert(position, (key, value))
    block.clear()
    block.update(items)


def part_block(
    data: MutableMapping[str, Any], bank: Questionnaire, part: Part
) -> MutableMapping[str, Any]:
    """The part's block in ``data``, created in plan order if missing."""
    block = data.get(part.key)
    if isinstance(block, MutableMapping):
        return block
    fresh = _new_mapping(data)
    put(data, part.key, fresh, ["schema_version", *(p.key for p in bank.parts)])
    return fresh


def ensure_layout(data: MutableMapping[str, Any], bank: Questionnaire) -> None:
    """``schema_version`` first, then one block per part in plan order (for a new file)."""
    if "schema_version" not in data:
        put(data, "schema_version", SCHEMA_VERSION, ["schema_version"])
    for part in bank.parts:
        part_block(data, bank, part)


def set_answer(
    data: MutableMapping[str, Any], bank: Questionnaire, question: Question, value: Any
) -> list[str]:
    """Stores the answer to a top-level question, then prunes; returns the paths pruned.

    ``None`` clears an answer: the key stays if it was there (a hand-written file keeps its
    line), and is not added otherwise.
    """
    part = bank.part_of[question.id]
    block = part_block(data, bank, part)
    if value is None and question.id not in block:
        return prune(data, bank)
    put(block, question.id, value, [q.id for q in part.questions])
    return prune(data, bank)


def set_field(
    data: MutableMapping[str, Any],
    bank: Questionnaire,
    field: Question,
    record: MutableMapping[str, Any],
    value: Any,
) -> list[str]:
    """Stores one field of a group's record (already in the group's list), then prunes."""
    group = bank.by_id[field.group]
    if value is None and field.id not in record:
        return prune(data, bank)
    put(record, field.id, value, [f.id for f in group.fields])
    return prune(data, bank)


def new_record(data: Mapping[str, Any]) -> MutableMapping[str, Any]:
    """An empty record for a group, of the answers' mapping type."""
    return _new_mapping(data)


def prune(data: MutableMapping[str, Any], bank: Questionnaire) -> list[str]:
    """Removes the answers of questions (and record fields) whose condition no longer holds.

    A question's key stays, emptied: in a file made by ``cdc new`` or by hand, the comments
    about the next question hang on that line. An empty value is no answer, for
    ``cdc validate`` as for the document. Conditions only look at earlier questions, so one
    pass in plan order settles every chain. Returns the dotted paths emptied, e.g.
    ``data_flows.monthly_visitors``.
    """
    removed: list[str] = []
    for part in bank.parts:
        block = data.get(part.key)
        if not isinstance(block, MutableMapping):
            continue
        for q in part.questions:
            if not _empty(block.get(q.id)) and not asks(q, data, bank):
                block[q.id] = None
                removed.append(f"{part.key}.{q.id}")
                continue
            records = block.get(q.id)
            if not q.is_group or not isinstance(records, list):
                continue
            for index, record in enumerate(records):
                if not isinstance(record, MutableMapping):
                    continue
                for f in q.fields:
                    if f.id in record and not asks(f, data, bank, record):
                        del record[f.id]
                        removed.append(f"{part.key}.{q.id}[{index}].{f.id}")
    return removed


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


@dataclass(frozen=True)
class Row:
    """One line of the review table."""

    question: Question
    answer: str
    status: str  # "answered", "open", "missing" (required, no answer) or "empty"


@dataclass(frozen=True)
class PartSummary:
    part: Part
    rows: tuple[Row, ...]

    def count(self, status: str) -> int:
        return sum(row.status == status for row in self.rows)


def status_of(question: Question, value: Any) -> str:
    if is_open_point(value):
        return "open"
    if is_answered(value):
        return "answered"
    return "missing" if question.required else "empty"


def summary(
    bank: Questionnaire,
    data: Mapping[str, Any],
    lang: str,
    part: int | None = None,
    role: str | None = None,
) -> list[PartSummary]:
    """The review: per part, every applicable question (of a role's interview) with its answer
    and its status."""
    result = []
    for p in selected_parts(bank, part, role):
        rows = []
        for q in p.questions:
            if not q.concerns(role) or not asks(q, data, bank):
                continue
            value = value_of(data, bank, q)
            rows.append(Row(q, display(q, value, lang), status_of(q, value)))
        result.append(PartSummary(p, tuple(rows)))
    return result
