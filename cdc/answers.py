"""Answers files: one YAML file per project, read with line numbers and checked against the bank.

Layout::

    schema_version: 1
    meta:        # part 0, the document sheet
      title: ...
    company:     # part 1 ... team: part 6
      employees: 85
      objectives:
        - objective: ...

Any answer may instead be an open point, ``{todo: "what is missing"}``: it is not an error, it is
listed in the document's open-points annex. An empty value means "not answered yet".

Every problem is reported at once with file:line:column, the question id and a hint. Missing
required answers are warnings (a file in progress is normal); questions whose ``when`` is false
are neither required nor validated.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cdc import provenance
from cdc.errors import Location, Problem
from cdc.questionnaire import Condition, Part, Question, Questionnaire, mentions
from cdc.yamlsource import PathKey, YamlDocument, dotted, load

SCHEMA_VERSION = 1
TODO_KEY = "todo"

Answers = dict[str, Any]


def is_open_point(value: Any) -> bool:
    """True for ``{todo: ...}``, the marker of an answer still to be given."""
    return isinstance(value, Mapping) and TODO_KEY in value


def is_answered(value: Any) -> bool:
    """True when a value is a real answer (not empty, not an open point)."""
    if value is None or is_open_point(value):
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | dict):
        return bool(value)
    return True


def answer_of(data: Any, questionnaire: Questionnaire, question_id: str) -> Any:
    """The raw answer to a top-level question, or None."""
    part = questionnaire.part_of.get(question_id)
    if part is None or not isinstance(data, Mapping):
        return None
    block = data.get(part.key)
    if not isinstance(block, Mapping):
        return None
    return block.get(question_id)


def applies(
    question: Question,
    data: Any,
    questionnaire: Questionnaire,
    record: Mapping[str, Any] | None = None,
) -> bool:
    """Whether ``question`` applies given the answers (and, for a group field, its record)."""
    if question.when is None:
        return True
    name = question.when.question
    if record is not None and question.group:
        group = questionnaire.by_id.get(question.group)
        if group is not None and group.field(name) is not None:
            return question.when.holds(record.get(name))
    return condition_holds(question.when, data, questionnaire)


def condition_holds(when: Condition, data: Any, questionnaire: Questionnaire) -> bool:
    """Whether a condition of the bank's language holds on the answers (top-level questions, or
    ``group.field``: one record's value satisfies it)."""
    return when.holds(condition_answer(when, data, questionnaire))


def condition_answer(when: Condition, data: Any, questionnaire: Questionnaire) -> Any:
    """The answer a condition tests: a question's answer, or for ``group.field`` the list of
    that field's values over the records where it applies (multiple choices flattened)."""
    pair = when.group_field
    if pair is None:
        return answer_of(data, questionnaire, when.question)
    return [value for _, value in _field_values(pair, data, questionnaire)]


def _field_values(pair: tuple[str, str], data: Any,
                  questionnaire: Questionnaire) -> list[tuple[int, Any]]:
    group = questionnaire.by_id.get(pair[0])
    field_q = group.field(pair[1]) if group is not None else None
    raw = answer_of(data, questionnaire, pair[0])
    if field_q is None or not isinstance(raw, list):
        return []
    values: list[tuple[int, Any]] = []
    for index, record in enumerate(raw):
        if not isinstance(record, Mapping) or not applies(field_q, data, questionnaire, record):
            continue
        value = record.get(pair[1])
        if is_answered(value):
            values.extend((index, v) for v in (value if isinstance(value, list) else [value]))
    return values


@dataclass(frozen=True)
class Evidence:
    """The answer that made a condition hold: where it is, and its text when it was quoted."""

    part: str
    question: str
    index: int | None = None  # the record of a group, from 0
    field: str = ""
    text: str = ""

    @property
    def path(self) -> str:
        """``company.blockers[5].description``: the dotted path, records counted from 0."""
        record = f"[{self.index}]" if self.index is not None else ""
        tail = f".{self.field}" if self.field else ""
        return f"{self.part}.{self.question}{record}{tail}"

    @property
    def label(self) -> str:
        """``company.blockers[6]``: the path people read, records counted from 1."""
        record = f"[{self.index + 1}]" if self.index is not None else ""
        return f"{self.part}.{self.question}{record}"


def condition_evidence(when: Condition, data: Any,
                       questionnaire: Questionnaire) -> list[Evidence]:
    """The answers that make ``when`` hold (empty when it does not hold): the question itself,
    the records of a group field that satisfy it, or the texts a ``mentions`` found."""
    if not condition_holds(when, data, questionnaire):
        return []
    pair = when.group_field
    qid = pair[0] if pair else when.question
    part = questionnaire.part_of.get(qid)
    key = part.key if part else ""
    if pair is not None:
        found: list[Evidence] = []
        for index, value in _field_values(pair, data, questionnaire):
            texts = mentions(value, when.value) if when.op == "mentions" else []
            ok = {"contains": value == when.value, "mentions": bool(texts)}.get(when.op, True)
            if ok and all(e.index != index for e in found):
                found.append(Evidence(key, qid, index, pair[1], texts[0] if texts else ""))
        return found
    if when.op != "mentions":
        return [Evidence(key, qid)]
    answer = answer_of(data, questionnaire, qid)
    if isinstance(answer, list):
        found = []
        for index, item in enumerate(answer):
            fields = item.items() if isinstance(item, Mapping) else [("", item)]
            for name, value in fields:
                texts = mentions(value, when.value)
                if texts:
                    found.append(Evidence(key, qid, index, str(name), texts[0]))
                    break
        return found
    texts = mentions(answer, when.value)
    return [Evidence(key, qid, None, "", texts[0])] if texts else []


def condition_unknown(
    question: Question,
    data: Any,
    questionnaire: Questionnaire,
    record: Mapping[str, Any] | None = None,
) -> bool:
    """True when ``question``'s condition tests an answer that is an open point: whether it
    applies is not known yet, so the interview asks it and its answer is kept."""
    if question.when is None:
        return False
    name = question.when.question
    if record is not None and question.group:
        group = questionnaire.by_id.get(question.group)
        if group is not None and group.field(name) is not None:
            return is_open_point(record.get(name))
    return is_open_point(answer_of(data, questionnaire, name))


# --------------------------------------------------------------------------- value checks


def _label_hint(question: Question, value: Any) -> str:
    values = question.choice_values()
    text = _describe_short(value).strip().lower()
    for choice in question.choices:
        if text in (choice.label.fr.lower(), choice.label.en.lower()):
            return f"Write the value '{choice.value}' (the label is shown in the document)."
    close = difflib.get_close_matches(_describe_short(value), values, n=1)
    suffix = f" Did you mean '{close[0]}'?" if close else ""
    return f"Valid values: {', '.join(values)}.{suffix}"


_DATE_LIKE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")

# --------------------------------------------------------------------------- bounds
# The bank may give ``min``/``max``; where it does not, the unit (else the type) bounds the value,
# so that nothing downstream of validation (requirement rules, checks, Spec, diagrams, writers)
# ever sees a number it cannot print or a date it cannot compute with.

FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2200, 12, 31)
MONTH_RE = re.compile(r"^(\d{4})-(0?[1-9]|1[0-2])$")


class Month(dt.date):
    """A date known to the month ("2027-06"), for the date questions of ``precision: month``:
    the first day of the month for computations, printed "juin 2027" / "June 2027"."""

    @classmethod
    def parse(cls, text: str) -> Month | None:
        match = MONTH_RE.match(text.strip())
        return cls(int(match.group(1)), int(match.group(2)), 1) if match else None

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def isoformat(self) -> str:
        return str(self)
LARGEST = 10**12
"""Any count or amount: a trillion is beyond every real CRM figure and still prints exactly."""

_UNIT_MAXIMUM: dict[str, float] = {
    "%": 100,
    "hours": 100_000,  # about eleven years
    "days": 36_500,
    "weeks": 5_200,
    "years": 200,
}


def value_bounds(question: Question) -> tuple[float, float]:
    """The smallest and largest number ``question`` accepts (bank first, then unit, then type).

    A number whose bank minimum is a year (``min: 1800``) is a calendar year: at most 2200.
    """
    unit = question.unit.en if question.unit else ""
    minimum = question.minimum
    if minimum is None:
        minimum = 0 if unit == "%" else -LARGEST
    maximum = question.maximum
    if maximum is None:
        if unit in _UNIT_MAXIMUM:
            maximum = _UNIT_MAXIMUM[unit]
        elif minimum >= 1000 and not unit:
            maximum = LAST_DATE.year
        else:
            maximum = LARGEST
    return minimum, maximum


def _short_number(value: int | float) -> str:
    text = str(value)
    return text if len(text) <= 24 else f"{text[:12]}… ({len(text)} digits)"


def check_value(question: Question, value: Any, lang: str = "en") -> list[tuple[str, str]]:
    """Checks one answer against its question: a list of (message, hint), empty when fine.

    ``lang`` only chooses the unit named in a hint (the messages are translated afterwards,
    by :mod:`cdc.messages`).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return []
    if is_open_point(value):
        note = value.get(TODO_KEY)
        if len(value) != 1 or not (note is None or isinstance(note, str)):
            return [("an open point is written {todo: \"what is missing\"}",
                     "Keep only the todo key, with a short note or nothing.")]
        return []
    kind = question.type
    if kind in ("text", "long_text"):
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            return [(f"expected text, got {_describe(value)}",
                     "Write the answer as text; quote it if YAML reads it as something else.")]
        return []
    if kind in ("integer", "number"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            hint = "Write digits only, without spaces or units, e.g. 12000."
            if isinstance(value, str) and re.fullmatch(r"[\d\s.,  ]+", value):
                hint = f"Write {re.sub(r'[^0-9.,]', '', value).replace(',', '.')} (no spaces)."
            noun = "a whole number" if kind == "integer" else "a number"
            return [(f"expected {noun}, got {_describe(value)}", hint)]
        if isinstance(value, float) and not math.isfinite(value):
            return [(f"expected {'a whole number' if kind == 'integer' else 'a number'}, got "
                     f"{value}", "Write a real figure, e.g. 12000 (.nan and .inf are not "
                     "numbers a document can print).")]
        if kind == "integer" and isinstance(value, float):
            return [(f"expected a whole number, got {value}", "Round it: this counts things.")]
        low, high = value_bounds(question)
        if value < low:
            return [(f"{_short_number(value)} is below the minimum {low:g}",
                     "Check the figure and its unit.")]
        if value > high:
            return [(f"{_short_number(value)} is above the maximum {high:g}",
                     "Check the figure and its unit"
                     + (f" ({question.unit.get(lang)})." if question.unit else "."))]
        return []
    if kind == "date":
        if question.precision == "month" and isinstance(value, str):
            known_month = Month.parse(value)
            if known_month is not None:
                value = known_month
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            hint = "Write the date as YYYY-MM-DD, e.g. 2026-11-29."
            if question.precision == "month":
                hint = "Write the date as YYYY-MM-DD, or the month as YYYY-MM (e.g. 2027-06)."
            if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value.strip()):
                return [(f"'{value}' is not a real date (no such day in the calendar)", hint)]
            match = _DATE_LIKE.match(str(value).strip())
            if match:
                day, month, year = match.groups()
                hint = f"Write {year}-{int(month):02d}-{int(day):02d} (YYYY-MM-DD)."
            return [(f"'{_describe_short(value)}' is not a date", hint)]
        if not FIRST_DATE <= value <= LAST_DATE:
            return [(f"{value.isoformat()} is outside the years {FIRST_DATE.year} to "
                     f"{LAST_DATE.year}", "Check the year: it is probably mistyped.")]
        return []
    if kind == "choice":
        if not isinstance(value, str) or question.choice(value) is None:
            return [(f"'{_describe_short(value)}' is not one of the choices",
                     _label_hint(question, value))]
        return []
    if kind == "multi_choice":
        if not isinstance(value, list):
            return [(f"expected a list of choices, got {_describe(value)}",
                     f"Write a list, e.g. [{', '.join(question.choice_values()[:2])}].")]
        problems = []
        for item in value:
            if not isinstance(item, str) or question.choice(item) is None:
                problems.append((f"'{_describe_short(item)}' is not one of the choices",
                                 _label_hint(question, item)))
        if len(set(map(str, value))) != len(value):
            problems.append(("a choice is listed twice", "List each choice once."))
        return problems
    if kind == "yes_no":
        if not isinstance(value, bool):
            return [(f"expected yes or no, got {_describe(value)}",
                     "Write true or false (yes/no also work).")]
        return []
    if kind == "group":
        if not isinstance(value, list):
            return [(f"'{question.id}' is a list of records, got {_describe(value)}",
                     "Write each record as an item starting with '- ', e.g.\n"
                     f"  {question.id}:\n    - {question.fields[0].id}: ...")]
        return []
    return []


def _describe_short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"yes/no ({str(value).lower()})"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, int | float):
        return f"a number ({_short_number(value)})"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"text ('{short}')"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


# --------------------------------------------------------------------------- validation


@dataclass
class PartCompleteness:
    number: int
    key: str
    applicable: int = 0
    answered: int = 0
    open_points: int = 0
    missing_required: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.applicable) if self.applicable else 100


@dataclass
class OpenPoint:
    """An answer marked {todo: ...}: the document lists it in its open-points annex."""

    path: str
    question_id: str
    note: str
    location: Location


@dataclass
class Validation:
    """Everything ``cdc validate`` found in one answers file."""

    file: str
    data: Answers
    problems: list[Problem]
    parts: list[PartCompleteness]
    open_points: list[OpenPoint]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def percent(self) -> int:
        applicable = sum(p.applicable for p in self.parts)
        answered = sum(p.answered for p in self.parts)
        return round(100 * answered / applicable) if applicable else 100

    def language(self) -> str:
        meta = self.data.get("meta") if isinstance(self.data, dict) else None
        lang = meta.get("language") if isinstance(meta, dict) else None
        return lang if lang in ("fr", "en") else "fr"


class _Validator:
    def __init__(self, doc: YamlDocument, questionnaire: Questionnaire,
                 lang: str | None = None) -> None:
        self.doc = doc
        self.forced_lang = lang
        self.bank = questionnaire
        self.problems: list[Problem] = list(doc.problems)
        self.open_points: list[OpenPoint] = []
        self.parts: list[PartCompleteness] = []
        self.lang = "fr"  # the file's language (meta.language): the prompts quoted in hints
        # What the gate keeps out of the data it hands on: a value found invalid becomes
        # ``replaced[path]`` (None, or {} for a record or a part), an unknown key is dropped.
        self.replaced: dict[PathKey, Any] = {}

    def add(self, severity: str, path: PathKey, message: str, hint: str = "",
            question: str = "", key: bool = False) -> None:
        self.problems.append(Problem(severity, self.doc.where(path, key=key), message, hint,
                                     question, dotted(path)))

    def run(self) -> Answers:
        data = self.doc.data
        if self.doc.problems and data is None:
            return {}
        if data is None:
            self.add("error", (), "the file is empty",
                     "Start from a blank answers file: cdc new answers.yaml")
            return {}
        if not isinstance(data, dict):
            self.add("error", (), f"the file must be a mapping of parts, not {_describe(data)}",
                     "The file starts with 'schema_version: 1' then 'meta:', 'company:'...")
            return {}
        parts = {p.key: p for p in self.bank.parts}
        meta = data.get("meta")
        if self.forced_lang in ("fr", "en"):
            self.lang = str(self.forced_lang)
        elif isinstance(meta, dict) and meta.get("language") in ("fr", "en"):
            self.lang = str(meta["language"])
        version = data.get("schema_version")
        if version is None:
            self.add("warning", (), "no schema_version; assuming 1",
                     "Add 'schema_version: 1' at the top of the file.")
        elif version != SCHEMA_VERSION:
            self.add("error", ("schema_version",),
                     f"schema_version {version!r} is not supported by this cdc "
                     f"(it reads version {SCHEMA_VERSION})",
                     "Upgrade cdc, or check the number at the top of the file.")
        for key in data:
            if key == "schema_version" or key in parts:
                continue
            if key == provenance.KEY:  # who gave each answer (cdc merge): bookkeeping
                for path, message in provenance.check(data[key], self.bank):
                    self.add("warning", (key, *path), message,
                             "cdc merge writes this block; merge again to rewrite it.")
                continue
            owner = self.bank.part_of.get(key)
            if owner is not None:
                hint = f"'{key}' is a question of part {owner.number}: move it under " \
                    f"'{owner.key}:'."
            else:
                hint = _did_you_mean(key, [*parts, "schema_version"],
                                     f"Top-level keys: schema_version, {', '.join(parts)}.")
            self.add("error", (key,), f"unknown part '{key}'", hint, key=True)
            self.replaced[(key,)] = _DROP
        for part in self.bank.parts:
            block = data.get(part.key)
            if block is not None and not isinstance(block, dict):
                self.add("error", (part.key,),
                         f"'{part.key}' must hold the part's answers as 'question: answer' "
                         f"lines, not {_describe(block)}")
                self.replaced[(part.key,)] = {}
                block = {}
            self.part(part, block or {}, data)
        return data

    def part(self, part: Part, block: dict[str, Any], data: Answers) -> None:
        stats = PartCompleteness(part.number, part.key)
        open_before = len(self.open_points)
        ids = {q.id for q in part.questions}
        for key in block:
            if key in ids:
                continue
            owner = self.bank.part_of.get(key)
            if owner is not None:
                hint = f"'{key}' belongs to part {owner.number}: move it under '{owner.key}:'."
            else:
                hint = _did_you_mean(key, sorted(ids),
                                     f"See the questions of this part: cdc questions --part "
                                     f"{part.number}")
            self.add("error", (part.key, key), f"unknown question '{key}' in '{part.key}'",
                     hint, key=True)
            self.replaced[(part.key, key)] = _DROP
        for q in part.questions:
            path: PathKey = (part.key, q.id)
            value = block.get(q.id)
            if not applies(q, data, self.bank):
                if condition_unknown(q, data, self.bank):  # kept until it is known
                    self.value(q, value, path, data)
                elif is_answered(value):
                    assert q.when is not None
                    self.add("warning", path,
                             f"answer ignored: it only applies when {q.when.question} "
                             f"{q.when.op.replace('_', ' ')} {q.when.value!r}",
                             "Remove it, or change the answer it depends on.", q.id)
                continue
            stats.applicable += 1
            self.value(q, value, path, data)
            if is_answered(value):
                stats.answered += 1
            elif q.required and not is_open_point(value):
                stats.missing_required.append(q.id)
                self.add("warning", path if q.id in block else (part.key,),
                         f"required question '{q.id}' is not answered yet",
                         f"{q.prompt.get(self.lang)} (cdc interview --part {part.number}, or "
                         "edit the file; {todo: ...} marks it as an open point)", q.id)
        # every open point of the part, those inside a group's records included, so that
        # validate, check and the document's annex count the same
        stats.open_points = len(self.open_points) - open_before
        self.parts.append(stats)

    def normalise(self, q: Question, value: Any, path: PathKey) -> None:
        """What passes the gate in its typed form: a month ("2027-06") becomes a Month; and a
        text answer YAML read as a decimal number may have lost a digit (1.10 → 1.1)."""
        if q.type == "date" and isinstance(value, str):
            month = Month.parse(value)
            if month is not None:
                self.replaced[path] = month
        if q.type in ("text", "long_text") and isinstance(value, float):
            self.add("warning", path, f"{q.key}: YAML reads this answer as the number {value!r}",
                     f"If you meant text such as \"{value}0\" (a version, a code), write it in "
                     "quotes: YAML drops the trailing zeros of a number.", q.key)

    def value(self, q: Question, value: Any, path: PathKey, data: Answers) -> None:
        for message, hint in check_value(q, value, self.lang):
            self.add("error", path, f"{q.key}: {message}", hint, q.key)
            self.replaced[path] = None
        if path in self.replaced:
            return
        self.normalise(q, value, path)
        if isinstance(value, dict) and is_open_point(value):
            note = value.get(TODO_KEY) or ""
            self.open_points.append(OpenPoint(dotted(path), q.key, str(note),
                                              self.doc.where(path)))
            return
        if q.type != "group" or not isinstance(value, list):
            return
        names = [f.id for f in q.fields]
        for index, record in enumerate(value):
            rpath = (*path, index)
            if not isinstance(record, dict):
                self.add("error", rpath,
                         f"{q.id}[{index}]: each {_item(q)} must be a set of 'field: value' "
                         f"lines, not {_describe(record)}",
                         f"Fields: {', '.join(names)}.", q.id)
                self.replaced[rpath] = {}
                continue
            for key in record:
                if key not in names:
                    self.add("error", (*rpath, key), f"{q.id}[{index}]: unknown field '{key}'",
                             _did_you_mean(key, names, f"Fields: {', '.join(names)}."),
                             q.id, key=True)
                    self.replaced[(*rpath, key)] = _DROP
            for f in q.fields:
                fpath = (*rpath, f.id)
                fvalue = record.get(f.id)
                if not applies(f, data, self.bank, record):
                    continue
                for message, hint in check_value(f, fvalue, self.lang):
                    self.add("error", fpath, f"{q.id}[{index}].{f.id}: {message}", hint, f.key)
                    self.replaced[fpath] = None
                if fpath in self.replaced:
                    continue
                self.normalise(f, fvalue, fpath)
                if isinstance(fvalue, dict) and is_open_point(fvalue):
                    note = fvalue.get(TODO_KEY) or ""
                    self.open_points.append(OpenPoint(dotted(fpath), f.key, str(note),
                                                      self.doc.where(fpath)))
                elif f.required and not is_answered(fvalue):
                    self.add("warning", fpath if f.id in record else rpath,
                             f"{q.id}[{index}]: required field '{f.id}' is empty",
                             f"{f.prompt.get(self.lang)}.", f.key)


def _item(q: Question) -> str:
    return q.item.en if q.item else "record"


def _did_you_mean(word: str, candidates: list[str], fallback: str) -> str:
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if close:
        return f"Did you mean '{close[0]}'?"
    return fallback


_DROP = object()


def _gated(value: Any, path: PathKey, replaced: Mapping[PathKey, Any]) -> Any:
    """A copy of ``value`` without what validation refused (list indices are kept, so that
    locations found later by path still point at the right line)."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            child = (*path, key)
            if child in replaced:
                if replaced[child] is not _DROP:
                    out[key] = replaced[child]
                continue
            out[key] = _gated(item, child, replaced)
        return out
    if isinstance(value, list):
        return [replaced[(*path, i)] if (*path, i) in replaced
                else _gated(item, (*path, i), replaced) for i, item in enumerate(value)]
    return value


def validate_document(doc: YamlDocument, questionnaire: Questionnaire,
                      lang: str | None = None) -> Validation:
    """Validates parsed YAML against the bank: the one gate of every command.

    ``Validation.data`` holds only what passed: unknown parts, questions and fields are dropped,
    a value of the wrong type or out of its bounds (:func:`value_bounds`, dates from 1900 to
    2200, finite numbers) becomes None, a record that is not a mapping becomes ``{}``. Requirement
    rules, checks, the Spec and the writers read that data, never the raw file, so they never
    see a value the problems refuse, even when they run on a file with errors (``cdc validate``
    and ``cdc check`` do).
    """
    validator = _Validator(doc, questionnaire, lang)
    data = validator.run()
    if validator.replaced:
        data = _gated(data, (), validator.replaced)
    return Validation(doc.file, data, validator.problems, validator.parts, validator.open_points)


def validate_file(path: Path, questionnaire: Questionnaire) -> Validation:
    """Reads and validates one answers file; never raises for a user's mistake."""
    return validate_document(load(path), questionnaire)
