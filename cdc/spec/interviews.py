"""The interviews behind the answers, for the internal edition: who was interviewed, who gave
which answer, and where the people disagreed (:mod:`cdc.provenance`, written by ``cdc merge``).

The vendor edition never carries any of it: people and their disagreements are the project's
business, not the vendors'.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cdc.provenance import Disagreement, answered_by, disagreements
from cdc.questionnaire import Questionnaire
from cdc.spec.values import Formatter, Missing, clean_text, format_date, join_words


@dataclass(frozen=True)
class Interviewee:
    """One person interviewed, and how many of the file's answers they gave."""

    name: str
    position: str
    interview: str  # the role of their interview ("Commercial"), or "" for a whole one
    date: str
    answers: int  # 0 when no answer is known to be theirs (typed in the project file)


@dataclass(frozen=True)
class Quote:
    """One version of a disputed answer: who gave it, and what it says."""

    by: str
    answer: str


@dataclass(frozen=True)
class Dispute:
    """Answers that differ between the people interviewed."""

    part: str
    question: str
    versions: tuple[Quote, ...]
    settled: str  # the answer the project lead kept, "" while the point is open

    @property
    def open(self) -> bool:
        return not self.settled


@dataclass(frozen=True)
class Interviews:
    """What the internal edition says about the interviews (empty in the vendor edition)."""

    people: tuple[Interviewee, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    answered: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (answer path, who gave it)
    by_part: tuple[tuple[str, str], ...] = ()  # (part, "Paul Lefèvre (8), Thérèse Garnier (6)")

    def __bool__(self) -> bool:
        return bool(self.people or self.disputes)

    @property
    def counted(self) -> bool:
        """Whether the answers say who gave them (a file merged by ``cdc merge``): without
        that, the interviewees table has no "answers given" column to fill."""
        return any(p.answers for p in self.people)

    def by(self, path: str) -> str:
        """Who gave the answer at ``path`` (``company.employees``), "" if not known."""
        for where, names in self.answered:
            if where == path:
                return ", ".join(names)
        return ""

    @property
    def open_disputes(self) -> tuple[Dispute, ...]:
        return tuple(d for d in self.disputes if d.open)


def _text(fmt: Formatter, found: Disagreement, answer: Any) -> str:
    place = found.place
    if place is None:
        return clean_text(str(answer))
    shown = fmt.value(place.question, answer, place.record)
    if isinstance(shown, Missing):
        return clean_text(str(answer)) if answer not in (None, "") else ""
    return str(shown)


def _where(found: Disagreement, bank: Questionnaire, lang: str) -> tuple[str, str]:
    entry = found.entry
    part_key, _, qid = entry.at.partition(".")
    part = bank.part_by_key(part_key)
    question = bank.by_id.get(qid)
    if part is None or question is None:
        return "", entry.at
    title = f"{part.number}. {part.title.get(lang)}" if part.number else part.title.get(lang)
    label = question.prompt.get(lang)
    if entry.record:
        item = question.item.get(lang) if question.item else ""
        named = f"« {entry.record} »" if lang == "fr" else f"“{entry.record}”"
        label += f" ({item} {named})" if item else f" ({named})"
        field = question.field(entry.field) if entry.field else None
        if field is not None:
            label += (" : " if lang == "fr" else ": ") + field.prompt.get(lang)
    return title, label


def interviews(data: Mapping[str, Any], bank: Questionnaire, fmt: Formatter) -> Interviews:
    """The interviews of an answers file, formatted in ``fmt``'s language."""
    lang = fmt.lang
    given = answered_by(data, bank)
    meta = data.get("meta")
    raw = meta.get("respondents") if isinstance(meta, Mapping) else None
    group = bank.by_id.get("respondents")
    interview_field = group.field("interview") if group is not None else None
    people = []
    for record in raw if isinstance(raw, list) else []:
        if not isinstance(record, Mapping) or not str(record.get("name") or "").strip():
            continue
        name = clean_text(str(record["name"])).strip()
        role = record.get("interview")
        choice = interview_field.choice(role) if interview_field is not None else None
        date = record.get("date")
        count = sum(1 for path, names in given.items() if name in names
                    and not path.endswith("]") and not path.startswith("meta.respondents"))
        people.append(Interviewee(
            name, clean_text(str(record.get("role") or "")).strip(),
            choice.label.get(lang) if choice is not None else "",
            format_date(date, lang) if isinstance(date, dt.date) else "", count))
    disputes = []
    for found in disagreements(data, bank):
        part, question = _where(found, bank, lang)
        versions = tuple(Quote(join_words(list(v.by), lang), _text(fmt, found, v.answer))
                         for v in found.entry.versions)
        settled = "" if found.open or found.place is None else _text(fmt, found,
                                                                        found.place.value)
        if not found.open and not settled:
            settled = "—"  # the lead removed the answer
        disputes.append(Dispute(part, question, versions, settled))
    answered = tuple(sorted((path, names) for path, names in given.items()))
    return Interviews(tuple(people), tuple(disputes), answered, _by_part(given, bank, lang))


def _by_part(given: Mapping[str, tuple[str, ...]], bank: Questionnaire,
             lang: str) -> tuple[tuple[str, str], ...]:
    """Who answered each part, and how many answers each gave there."""
    rows = []
    for part in bank.parts:
        if part.key == "meta":
            continue
        counts: dict[str, int] = {}
        for path, names in given.items():
            if path.partition(".")[0] == part.key and not path.endswith("]"):
                for name in names:
                    counts[name] = counts.get(name, 0) + 1
        if counts:
            title = f"{part.number}. {part.title.get(lang)}"
            rows.append((title, ", ".join(f"{clean_text(n)} ({c})" for n, c in counts.items())))
    return tuple(rows)
