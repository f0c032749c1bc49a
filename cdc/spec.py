"""Answers + question bank → the Spec model: everything the templates print, computed once.

The templates loop and print; every decision happens here: labels of choices in the document's
language, numbers and dates formatted, table rows sorted, requirement ids, risks from blockers,
the rights and RACI matrices, the team's balance, and every open point. An answer that is missing
becomes :class:`Missing`, which the templating layer prints as the "to be completed" mark (or a
dash for an optional cell), so nothing vanishes silently.

Answers are untrusted text: :func:`clean_text` strips what XML forbids and terminal escapes here;
escaping for Markdown happens in :mod:`cdc.templating`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from cdc.answers import applies, is_answered, is_open_point
from cdc.figures import DataFlow, Gantt, GanttBar, build_dataflow
from cdc.questionnaire import Question, Questionnaire
from cdc.requirements import NFR_MODULE, build_requirements, by_module, summary

# --------------------------------------------------------------------------- text and formats

_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

NNBSP = "\u202f"  # narrow no-break space: French thousands, before ; ! ?
NBSP = "\u00a0"

MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}


MAX_ANSWER = 30_000  # characters of one answer printed in the document


def clean_text(value: str) -> str:
    """An answer as plain text: terminal escapes removed, characters XML forbids stripped."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _ANSI.sub("", text)
    text = text.replace("\t", " ").replace("\x0b", "\n").replace("\x0c", "\n")
    return _FORBIDDEN.sub("", text)


def format_number(value: float, lang: str, year: bool = False) -> str:
    """12 000 / 12,000; 3,5 / 3.5; years without a separator."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if year and isinstance(value, int):
        return str(value)
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")
    if lang == "fr":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", NNBSP)
    return text


def with_unit(number: str, unit: str, lang: str) -> str:
    if not unit:
        return number
    if lang == "en":
        if unit == "%":
            return number + "%"
        prefix = {"€": ("€", ""), "k€": ("€", "k"), "M€": ("€", "M")}.get(unit)
        if prefix:
            return f"{prefix[0]}{number}{prefix[1]}"
    return f"{number}{NBSP}{unit}"


def format_date(value: dt.date, lang: str) -> str:
    """29 novembre 2026, 1er décembre 2026 / 29 November 2026."""
    month = MONTHS["en" if lang == "en" else "fr"][value.month - 1]
    if lang == "en":
        return f"{value.day} {month} {value.year}"
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day}{NBSP}{month} {value.year}"


def _shorten(text: str, lang: str) -> str:
    """A runaway answer (a pasted file, 1 MB of text) is cut, visibly, at MAX_ANSWER."""
    if len(text) <= MAX_ANSWER:
        return text
    total = format_number(len(text), lang)
    note = (f" […] (réponse tronquée : {total} caractères au total)" if lang == "fr" else
            f" […] (answer truncated: {total} characters in all)")
    return text[:MAX_ANSWER] + note


def join_words(items: list[str], lang: str) -> str:
    """a, b et c / a, b and c."""
    if len(items) <= 1:
        return "".join(items)
    last = " et " if lang == "fr" else " and "
    return ", ".join(items[:-1]) + last + items[-1]


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class Missing:
    """No answer. Printed as the "to be completed" mark when ``required`` or an open point,
    else as a dash. Falsy and empty, so templates can test and loop over it."""

    question: str = ""
    required: bool = False
    open_point: bool = False

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return ""

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __len__(self) -> int:
        return 0

    @property
    def todo(self) -> bool:
        return self.required or self.open_point

    @property
    def answered(self) -> bool:
        return False

    @property
    def value(self) -> None:
        return None


@dataclass(frozen=True)
class Value:
    """One answer, formatted for the document. ``raw`` is the validated answer.

    Truthy for any answer except a "no" (so ``{% if q.sso_required %}`` reads naturally);
    ``items`` holds the labels of a multiple choice; ``x in value`` tests raw choice values.
    """

    text: str
    raw: Any
    items: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.raw if isinstance(self.raw, bool) else True

    def __str__(self) -> str:
        return self.text

    def __iter__(self) -> Iterator[str]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, raw_value: object) -> bool:
        if isinstance(self.raw, list):
            return raw_value in self.raw
        return bool(raw_value == self.raw)

    @property
    def value(self) -> Any:
        return self.raw

    @property
    def answered(self) -> bool:
        return True


Field = Value | Missing


class Record:
    """One record of a repeating group (or all top-level answers): attribute access by id.

    An unknown name raises, so a typo in a template fails loudly (StrictUndefined).
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_values", dict(values))

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Record is immutable")

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def __repr__(self) -> str:
        return f"Record({self._values!r})"


class Formatter:
    """Formats raw answers of one bank for one language."""

    def __init__(self, bank: Questionnaire, data: Mapping[str, Any], lang: str) -> None:
        self.bank = bank
        self.data = data
        self.lang = lang

    def value(self, q: Question, raw: Any, record: Mapping[str, Any] | None = None) -> Field:
        if record is not None:
            applicable = applies(q, self.data, self.bank, record)
        else:
            applicable = applies(q, self.data, self.bank)
        if not applicable:
            return Missing(q.key)
        if is_open_point(raw):
            return Missing(q.key, q.required, open_point=True)
        if not is_answered(raw):
            return Missing(q.key, q.required)
        lang = self.lang
        kind = q.type
        if kind in ("integer", "number"):
            year = q.minimum is not None and q.minimum >= 1000
            unit = q.unit.get(lang) if q.unit else ""
            return Value(with_unit(format_number(raw, lang, year), unit, lang), raw)
        if kind == "date":
            return Value(format_date(raw, lang), raw)
        if kind == "choice":
            choice = q.choice(raw)
            return Value(choice.label.get(lang) if choice else clean_text(str(raw)), raw)
        if kind == "multi_choice":
            labels = [c.label.get(lang) for v in raw if (c := q.choice(v)) is not None]
            return Value(join_words(labels, lang), list(raw), tuple(labels))
        if kind == "yes_no":
            return Value(("Oui" if raw else "Non") if lang == "fr" else ("Yes" if raw else "No"),
                         bool(raw))
        if kind == "group":
            return Value("", raw)  # groups are read through Spec.groups
        text = clean_text(str(raw)).strip()
        return Value(_shorten(text, lang), text)

    def record(self, group: Question, raw: Any) -> Record:
        raw = raw if isinstance(raw, Mapping) else {}
        return Record({f.id: self.value(f, raw.get(f.id), raw) for f in group.fields})

    def records(self, group: Question) -> tuple[Record, ...]:
        raw = self.answer(group)
        if not isinstance(raw, list) or not applies(group, self.data, self.bank):
            return ()
        return tuple(self.record(group, r) for r in raw if isinstance(r, Mapping))

    def answer(self, q: Question) -> Any:
        part = self.bank.part_of.get(q.id)
        block = self.data.get(part.key) if part else None
        return block.get(q.id) if isinstance(block, Mapping) else None


# --------------------------------------------------------------------------- derived rows


@dataclass(frozen=True)
class Risk:
    """A blocker turned into a risk. ``level`` 1-4 from impact × likelihood."""

    id: str
    category: Field
    description: Field
    impact: Field
    likelihood: Field
    mitigation: Field
    owner: Field
    score: int  # impact × likelihood, 1-9; 0 when not assessed
    level: Field  # Faible / Modérée / Élevée / Critique


@dataclass(frozen=True)
class Requirement:
    """One requirement as the document prints it: ids and texts from
    :func:`cdc.requirements.build_requirements`, the same as in the vendor grid."""

    id: str
    module: str
    module_label: str
    statement: str
    priority: str  # must / should / could / wont
    priority_label: str  # "Obligatoire"
    eliminatory: bool
    priority_text: str  # "Obligatoire, éliminatoire": the table cell
    acceptance_criterion: Field  # Missing (to be completed) when the catalogue gives none
    verification: str  # "Démonstration"


@dataclass(frozen=True)
class RequirementModule:
    """One module's requirements: one table of the document."""

    module: str
    label: str
    requirements: tuple[Requirement, ...]


@dataclass(frozen=True)
class SummaryLine:
    """One row of the requirements summary annex: counts by priority."""

    module: str
    label: str
    must: int
    should: int
    could: int
    wont: int
    eliminatory: int
    total: int


@dataclass(frozen=True)
class Vigilance:
    """A quality finding (``cdc check``, error or warning) shown in the open-points annex."""

    part: str  # "1. Présentation de l'entreprise"
    answer: str  # the question's prompt, "(ligne N)" for a group record, then the field's
    message: str
    hint: str
    severity: str  # error / warning


@dataclass(frozen=True)
class RightsRow:
    role: Field
    description: Field
    cells: tuple[bool, ...]
    scope: Field


@dataclass(frozen=True)
class RightsMatrix:
    columns: tuple[str, ...]
    rows: tuple[RightsRow, ...]


@dataclass(frozen=True)
class RaciMatrix:
    """Activities × people, cells R, A, C, I (several letters joined when needed)."""

    people: tuple[str, ...]
    rows: tuple[tuple[Field, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Phase:
    name: Field
    start: Field
    end: Field
    weeks: Field
    deliverable: Field
    owner: Field


@dataclass(frozen=True)
class OpenPoint:
    number: int
    part: str  # "1. Présentation de l'entreprise"
    section: str
    question: str
    note: str
    kind: str  # "missing" or "todo"


@dataclass(frozen=True)
class Term:
    term: str
    definition: str


@dataclass(frozen=True)
class TeamBalance:
    """The article's advice on the project team, checked: every level, producers, sceptics."""

    size: int
    champions: int
    reluctant: int
    levels: tuple[str, ...]  # labels of the hierarchy levels represented
    all_levels: bool
    data_producers: int
    regular_users: int
    key_users: int


@dataclass(frozen=True)
class DocumentMeta:
    title: Field
    company: Field
    version: Field
    author: Field
    date: Field
    confidentiality: Field
    title_text: str  # plain, for file names and document properties
    company_text: str
    version_text: str
    author_text: str


@dataclass(frozen=True)
class Spec:
    """Everything the document says, typed, immutable, formatted for ``lang``."""

    lang: str
    meta: DocumentMeta
    q: Record  # every top-level answer by question id
    groups: Record  # every repeating group by id: tuple of Records
    parts: Record  # part titles by key, in the document's language
    risks: tuple[Risk, ...]
    requirements: tuple[Requirement, ...]  # all, in the grid's order
    requirement_modules: tuple[RequirementModule, ...]  # functional, one per module (part 3)
    nfr_requirements: tuple[Requirement, ...]  # non-functional (part 4)
    requirement_summary: tuple[SummaryLine, ...]  # the summary annex, one row per module
    requirement_totals: SummaryLine
    findings: tuple[Vigilance, ...]  # quality findings for the open-points annex
    rights: RightsMatrix
    raci: RaciMatrix
    phases: tuple[Phase, ...]
    milestones: tuple[Record, ...]
    team: TeamBalance
    total_users: Field
    total_records: Field
    poor_sources: tuple[str, ...]
    glossary: tuple[Term, ...]
    open_points: tuple[OpenPoint, ...]
    dataflow: DataFlow
    gantt: Gantt
    duration_weeks: Field


# --------------------------------------------------------------------------- building

_LEVELS = {"low": 1, "medium": 2, "high": 3}
_RISK_LEVELS = {
    "fr": ("Faible", "Modérée", "Élevée", "Critique"),
    "en": ("Low", "Moderate", "High", "Critical"),
}


def _risk(index: int, rec: Record, lang: str) -> Risk:
    impact = _LEVELS.get(str(getattr(rec.impact, "raw", "")), 0)
    likelihood = _LEVELS.get(str(getattr(rec.likelihood, "raw", "")), 0)
    score = impact * likelihood
    level: Field = Missing("blockers.impact", required=True)
    if score:
        names = _RISK_LEVELS["en" if lang == "en" else "fr"]
        step = 0 if score <= 2 else 1 if score <= 4 else 2 if score <= 6 else 3
        level = Value(names[step], step + 1)
    mitigation = rec.mitigation
    if not mitigation:
        mitigation = Missing("blockers.mitigation", required=True,
                             open_point=getattr(mitigation, "open_point", False))
    return Risk(f"R{index}", rec.category, rec.description, rec.impact, rec.likelihood,
                mitigation, rec.owner if "owner" in rec else Missing(), score, level)


def _people(text: Field) -> list[str]:
    if not text:
        return []
    parts = re.split(r"\s*(?:[,;/+]|\bet\b|\band\b)\s*", str(text))
    return [p.strip() for p in parts if p.strip()]


def _raci(records: tuple[Record, ...]) -> RaciMatrix:
    people: list[str] = []
    cells: list[dict[str, str]] = []
    for rec in records:
        row: dict[str, str] = {}
        for letter, name in (("R", "responsible"), ("A", "accountable"), ("C", "consulted"),
                             ("I", "informed")):
            for person in _people(rec[name] if name in rec else Missing()):
                if person not in people:
                    people.append(person)
                row[person] = row.get(person, "") + letter
        cells.append(row)
    rows = tuple((rec.activity, tuple(c.get(p, "") for p in people))
                 for rec, c in zip(records, cells, strict=True))
    return RaciMatrix(tuple(people), rows)


def _open_points(fmt: Formatter, risks: tuple[Risk, ...]) -> tuple[OpenPoint, ...]:
    bank, data, lang = fmt.bank, fmt.data, fmt.lang
    points: list[OpenPoint] = []

    def add(part_title: str, section: str, question: str, raw: Any) -> None:
        note = ""
        if is_open_point(raw):
            note = clean_text(str(raw.get("todo") or "")).strip()
        points.append(OpenPoint(len(points) + 1, part_title, section, question, note,
                                "todo" if is_open_point(raw) else "missing"))

    def risk_points(part_title: str, section: str) -> None:
        """Risks the document marks "to be completed" are open points too."""
        for risk in risks:
            gaps = []
            if not risk.level:
                gaps.append("impact et probabilité" if lang == "fr" else "impact and likelihood")
            if not risk.mitigation and not getattr(risk.mitigation, "open_point", False):
                gaps.append("mesure de maîtrise" if lang == "fr" else "mitigation")
            if gaps:
                what = join_words(gaps, lang)
                question = (f"Risque {risk.id} « {risk.description} » : {what} à évaluer"
                            if lang == "fr" else
                            f"Risk {risk.id} “{risk.description}”: {what} to be assessed")
                points.append(OpenPoint(len(points) + 1, part_title, section, question, "",
                                        "missing"))

    for part in bank.parts:
        block = data.get(part.key)
        block = block if isinstance(block, Mapping) else {}
        part_title = f"{part.number}. {part.title.get(lang)}" if part.number else \
            part.title.get(lang)
        for section in part.sections:
            title = section.title.get(lang)
            for q in section.questions:
                if not applies(q, data, bank):
                    continue
                raw = block.get(q.id)
                prompt = q.prompt.get(lang)
                if q.id == "blockers":
                    risk_points(part_title, title)
                if is_open_point(raw) or (q.required and not is_answered(raw)):
                    add(part_title, title, prompt, raw)
                    continue
                if q.type != "group" or not isinstance(raw, list):
                    continue
                item = q.item.get(lang) if q.item else ("record" if lang == "en" else "ligne")
                for index, rec in enumerate(raw, start=1):
                    if not isinstance(rec, Mapping):
                        continue
                    first = fmt.value(q.fields[0], rec.get(q.fields[0].id), rec) \
                        if q.fields else Missing()
                    named = f" « {first} »" if lang == "fr" else f" “{first}”"
                    label = f"{prompt} ({item} {index}{named if first else ''})"
                    for f in q.fields:
                        if not applies(f, data, bank, rec):
                            continue
                        fraw = rec.get(f.id)
                        if is_open_point(fraw) or (f.required and not is_answered(fraw)):
                            add(part_title, title, f"{label} : {f.prompt.get(lang)}"
                                if lang == "fr" else f"{label}: {f.prompt.get(lang)}", fraw)
    return tuple(points)


_ELIMINATORY = {"fr": "éliminatoire", "en": "eliminatory"}


def _requirement(req: Any, lang: str) -> Requirement:
    """A :class:`cdc.requirements.Requirement` as plain text for the templates."""
    priority = req.priority_label
    if req.eliminatory:
        priority = f"{priority}, {_ELIMINATORY['en' if lang == 'en' else 'fr']}"
    criterion = clean_text(req.acceptance_criterion).strip()
    return Requirement(
        req.id, req.module, clean_text(req.module_label), clean_text(req.statement).strip(),
        req.priority, req.priority_label, bool(req.eliminatory), priority,
        Value(criterion, criterion) if criterion else Missing(req.id, required=True),
        req.verification_label or req.verification,
    )


_PATH_STEP = re.compile(r"([^.\[\]]+)(?:\[(\d+)\])?")
_NOT_IN_TABLE = ("missing", "open_point")  # already listed in the open-points table


def _answer_label(path: str, bank: Questionnaire, lang: str) -> str:
    """company.blockers[2].mitigation → "Freins identifiés (ligne 3) : Parade"."""
    steps = [(m.group(1), m.group(2)) for m in _PATH_STEP.finditer(path)]
    if len(steps) < 2:
        return path
    part = next((p for p in bank.parts if p.key == steps[0][0]), None)
    qid, index = steps[1]
    question = bank.by_id.get(qid)
    if part is None or question is None:
        return path
    label = question.prompt.get(lang)
    if index is not None:
        item = question.item.get(lang) if question.item else ("record" if lang == "en" else
                                                               "ligne")
        label += f" ({item} {int(index) + 1})"
    if len(steps) > 2 and question.type == "group":
        field = next((f for f in question.fields if f.id == steps[2][0]), None)
        if field is not None:
            label += (": " if lang == "en" else " : ") + field.prompt.get(lang)
    return label


def _vigilance(data: Mapping[str, Any], bank: Questionnaire, lang: str) -> tuple[Vigilance, ...]:
    """The errors and warnings of ``cdc check`` (one implementation, two presentations), except
    missing answers and open points, which the open-points table already lists."""
    from cdc.checks import check_answers

    meta = data.get("meta")
    written = meta.get("language") if isinstance(meta, Mapping) else None
    report = check_answers(data, bank, None if written == lang else lang)
    titles = {p.number: f"{p.number}. {p.title.get(lang)}" if p.number else p.title.get(lang)
              for p in bank.parts}
    return tuple(
        Vigilance(titles.get(f.part, "") if f.part is not None else "",
                  _answer_label(f.path, bank, lang), clean_text(f.message),
                  clean_text(f.hint), f.severity)
        for f in report.findings
        if f.severity in ("error", "warning") and f.category not in _NOT_IN_TABLE
    )


def build_spec(
    data: Mapping[str, Any],
    bank: Questionnaire,
    lang: str | None = None,
    standard_terms: Mapping[str, str] | None = None,
) -> Spec:
    """Builds the Spec from validated answers. ``lang`` defaults to the answers' meta.language.

    ``standard_terms`` (term → definition) joins the glossary; the project's own terms win.
    """
    meta_block = data.get("meta") if isinstance(data.get("meta"), Mapping) else {}
    assert isinstance(meta_block, Mapping)
    if lang is None:
        lang = meta_block.get("language") if meta_block.get("language") in ("fr", "en") else "fr"
    assert lang is not None
    fmt = Formatter(bank, data, lang)
    answers: dict[str, Any] = {}
    groups: dict[str, tuple[Record, ...]] = {}
    for q in bank.questions():
        if q.type == "group":
            groups[q.id] = fmt.records(q)
            raw = fmt.answer(q)
            answers[q.id] = (fmt.value(q, raw) if not groups[q.id] else
                             Value(str(len(groups[q.id])), raw))
        else:
            answers[q.id] = fmt.value(q, fmt.answer(q))
    view = Record(answers)
    g = Record(groups)

    def plain(name: str) -> str:
        return str(answers.get(name, "")) if name in answers else ""

    meta = DocumentMeta(answers["title"], answers["company"], answers["version"],
                        answers["author"], answers["date"], answers["confidentiality"],
                        plain("title"), plain("company"), plain("version"), plain("author"))

    risks = tuple(_risk(i, rec, lang) for i, rec in enumerate(groups.get("blockers", ()), 1))
    risks = tuple(sorted(risks, key=lambda r: -r.score))

    reqs = build_requirements(data, bank, lang)
    requirements = tuple(_requirement(r, lang) for r in reqs)
    by_id = {r.id: r for r in requirements}
    requirement_modules = tuple(
        RequirementModule(module, label, tuple(by_id[r.id] for r in rows))
        for module, label, rows in by_module(reqs) if module != NFR_MODULE
    )
    nfr_requirements = tuple(r for r in requirements if r.module == NFR_MODULE)
    requirement_summary = tuple(
        SummaryLine(row.module, row.module_label, must=row.counts.get("must", 0),
                    should=row.counts.get("should", 0), could=row.counts.get("could", 0),
                    wont=row.counts.get("wont", 0), eliminatory=row.eliminatory,
                    total=row.total)
        for row in summary(reqs)
    )
    requirement_totals = SummaryLine(
        "", "Total", must=sum(r.must for r in requirement_summary),
        should=sum(r.should for r in requirement_summary),
        could=sum(r.could for r in requirement_summary),
        wont=sum(r.wont for r in requirement_summary),
        eliminatory=sum(r.eliminatory for r in requirement_summary),
        total=sum(r.total for r in requirement_summary),
    )

    roles_q = bank.by_id.get("roles")
    perm_field = roles_q.field("permissions") if roles_q else None
    columns = tuple(c.label.get(lang) for c in perm_field.choices) if perm_field else ()
    values = tuple(c.value for c in perm_field.choices) if perm_field else ()
    rights = RightsMatrix(columns, tuple(
        RightsRow(rec.role, rec.description, tuple(v in rec.permissions for v in values),
                  rec.scope)
        for rec in groups.get("roles", ())
    ))

    phases_sorted = sorted(
        groups.get("phases", ()),
        key=lambda r: (getattr(r.start, "raw", dt.date.max), getattr(r.end, "raw", dt.date.max)),
    )
    phases = []
    for rec in phases_sorted:
        weeks: Field = Missing()
        start, end = getattr(rec.start, "raw", None), getattr(rec.end, "raw", None)
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end >= start:
            n = max(1, round(((end - start).days + 1) / 7))
            weeks = Value(format_number(n, lang), n)
        phases.append(Phase(rec.name, rec.start, rec.end, weeks, rec.deliverable, rec.owner))
    milestones = tuple(sorted(groups.get("milestones", ()),
                              key=lambda r: getattr(r.date, "raw", dt.date.max)))

    members = groups.get("members", ())

    def count(name: str, value: str) -> int:
        return sum(1 for m in members if value in m[name])

    level_q = bank.by_id["members"].field("level") if "members" in bank.by_id else None
    levels = tuple(c.label.get(lang) for c in (level_q.choices if level_q else ())
                   if any(c.value in m.level for m in members))
    team = TeamBalance(
        size=len(members), champions=count("stance", "champion"),
        reluctant=count("stance", "reluctant"), levels=levels,
        all_levels=bool(level_q) and len(levels) == len(level_q.choices if level_q else ()),
        data_producers=count("profile", "data_producer"),
        regular_users=count("profile", "regular_user"),
        key_users=sum(1 for m in members if "key_user" in m and m.key_user),
    )

    profile_counts = [getattr(r.count, "raw", None) for r in groups.get("user_profiles", ())]
    total = sum(c for c in profile_counts if isinstance(c, int))
    users_unit = "users" if lang == "en" else "utilisateurs"
    total_users: Field = (Value(with_unit(format_number(total, lang), users_unit, lang), total)
                          if total else answers.get("total_users", Missing()))
    sources = groups.get("sources", ())
    records = sum(r for s in sources if isinstance(r := getattr(s.records, "raw", None), int))
    records_unit = "records" if lang == "en" else "fiches"
    total_records: Field = (Value(with_unit(format_number(records, lang), records_unit, lang),
                                  records) if records else Missing())
    poor = tuple(str(s.name) for s in sources if "poor" in s.quality)

    terms: dict[str, Term] = {}
    for term, definition in (standard_terms or {}).items():
        terms[term.casefold()] = Term(term, definition)
    for rec in groups.get("glossary", ()):
        if rec.term:
            terms[str(rec.term).casefold()] = Term(str(rec.term), str(rec.definition))
    glossary = tuple(sorted(terms.values(), key=lambda t: _sort_key(t.term)))

    start = getattr(answers.get("project_start"), "raw", None)
    end = getattr(answers.get("go_live_target"), "raw", None)
    duration: Field = Missing()
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end > start:
        n = round((end - start).days / 7)
        duration = Value(format_number(n, lang), n)

    gantt = Gantt(
        tuple(GanttBar(str(p.name), p.start.raw, p.end.raw) for p in phases
              if isinstance(p.start, Value) and isinstance(p.end, Value)
              and p.end.raw >= p.start.raw),
        tuple((str(m.name), m.date.raw) for m in milestones if isinstance(m.date, Value)),
        lang,
    )
    parts = Record({p.key: p.title.get(lang) for p in bank.parts})
    return Spec(
        lang=lang, meta=meta, q=view, groups=g, parts=parts, risks=risks,
        requirements=requirements, requirement_modules=requirement_modules,
        nfr_requirements=nfr_requirements, requirement_summary=requirement_summary,
        requirement_totals=requirement_totals, findings=_vigilance(data, bank, lang),
        rights=rights, raci=_raci(groups.get("raci", ())),
        phases=tuple(phases), milestones=milestones, team=team, total_users=total_users,
        total_records=total_records, poor_sources=poor, glossary=glossary,
        open_points=_open_points(fmt, risks),
        dataflow=build_dataflow(sources, groups.get("interfaces", ())), gantt=gantt,
        duration_weeks=duration,
    )


def _sort_key(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
