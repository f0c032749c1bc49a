"""What several people said, question by question: agreement, one voice, or a disagreement.

Pure functions of the respondent files' answers (validated, plain values). For each answer:

* the same answer from everyone who gave one (text compared without case or extra spaces,
  numbers by value, multiple choices as sets) → that answer, given by all of them;
* an answer from one person only → that answer;
* different answers → a ``{todo}`` open point quoting each version with its authors
  ("Paul Lefèvre : dans le fichier de Thérèse ; Thérèse Garnier : dans Sage X3"), the versions
  kept as they were given; except where the bank says answers add up (``merge: join``: who
  needs the tool, the current process, the sales channels...), which are joined;
* "I don't know yet" from some and an answer from others → the answer; from everyone → one
  open point, with each person's note when they differ.

Repeating groups are united: records that name the same thing (the group's identity fields,
compared without case, accents or extra spaces) are merged field by field with the same rule,
never duplicated. Respondents are taken in a canonical order (by name), so the result does not
depend on the order the files were given in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cdc.answers import TODO_KEY, is_answered, is_open_point
from cdc.interview.values import display
from cdc.provenance import Version, fingerprint, normal_text, record_key, record_label
from cdc.questionnaire import Question, Questionnaire

Votes = Sequence[tuple[str, Any]]  # (who, what they answered), in canonical order

_DEFAULT_NOTES = {"", "à préciser", "to be confirmed"}


@dataclass(frozen=True)
class Said:
    """What the merge writes at one place, who gave it, and the versions of a disagreement."""

    value: Any
    by: tuple[str, ...]
    versions: tuple[Version, ...] = ()


@dataclass
class RecordSaid:
    """One record of a repeating group, as the people described it."""

    label: str
    by: list[str] = field(default_factory=list)
    votes: dict[str, list[tuple[str, Any]]] = field(default_factory=dict)
    fields: dict[str, Said] = field(default_factory=dict)

    def written(self, group: Question) -> dict[str, Any]:
        """The record as the merge writes it, fields in the bank's order."""
        return {f.id: self.fields[f.id].value for f in group.fields if f.id in self.fields}


@dataclass
class GroupSaid:
    """A repeating group: its records (by identity key, in order of first mention), or what
    was said instead of records ([] "none", or an open point)."""

    records: dict[str, RecordSaid] = field(default_factory=dict)
    instead: Said | None = None


Combined = dict[str, "Said | GroupSaid"]  # by ``part.question``


def _same_key(value: Any) -> Any:
    """What two answers must share to be the same answer."""
    if isinstance(value, str):
        return ("text", normal_text(value))
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int | float):
        return ("number", float(value))
    if isinstance(value, dt.date):
        return ("date", value.isoformat())
    if isinstance(value, list):
        return ("list", tuple(sorted(str(_same_key(v)) for v in value)))
    return ("other", fingerprint(value))


def same(a: Any, b: Any) -> bool:
    """Whether two answers say the same thing."""
    return bool(_same_key(a) == _same_key(b))


def names(people: Sequence[str], lang: str) -> str:
    """"Paul Lefèvre", "Paul Lefèvre et Jean Roux", "A, B and C"."""
    items = list(people)
    if len(items) <= 1:
        return "".join(items)
    last = " et " if lang == "fr" else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def quote(question: Question, versions: Sequence[Version], lang: str) -> str:
    """The open point's note: each version with its authors, in the document's language."""
    colon = " : " if lang == "fr" else ": "
    sep = " ; " if lang == "fr" else "; "
    return sep.join(f"{names(v.by, lang)}{colon}{display(question, v.answer, lang, 10**6)}"
                    for v in versions)


def todo(note: str) -> dict[str, str]:
    return {TODO_KEY: note}


def disagreement(question: Question, versions: Sequence[Version], lang: str) -> Said:
    """The open point that quotes each version, given by everyone who answered."""
    by = tuple(dict.fromkeys(name for v in versions for name in v.by))
    return Said(todo(quote(question, versions, lang)), by, tuple(versions))


def join(question: Question, values: Sequence[Any]) -> Any:
    """Answers that add up (``merge: join``): paragraphs one after the other, or the union of
    the choices in the bank's order. Who gave which stays in the provenance, not in the text,
    which the vendor edition prints."""
    if question.type == "multi_choice":
        chosen = {item for value in values for item in value}
        return [c for c in question.choice_values() if c in chosen]
    return "\n\n".join(str(v).strip() for v in values)


def combine_values(question: Question, votes: Votes, lang: str) -> Said | None:
    """What the people said about one question (or one field of one record)."""
    answers = [(who, v) for who, v in votes if is_answered(v)]
    if answers:
        classes: list[tuple[list[str], Any]] = []
        for who, value in answers:
            for authors, first in classes:
                if same(first, value):
                    authors.append(who)
                    break
            else:
                classes.append(([who], value))
        if len(classes) == 1:
            authors, value = classes[0]
            return Said(value, tuple(dict.fromkeys(authors)))
        if question.merge == "join":
            return Said(join(question, [v for _, v in classes]),
                        tuple(dict.fromkeys(who for who, _ in answers)))
        versions = [Version(tuple(dict.fromkeys(a)), v) for a, v in classes]
        return disagreement(question, versions, lang)
    declined = [who for who, v in votes if isinstance(v, list) and not v]
    if declined:
        return Said([], tuple(dict.fromkeys(declined)))
    points = [(who, str(v.get(TODO_KEY) or "").strip()) for who, v in votes if is_open_point(v)]
    if not points:
        return None
    by = tuple(dict.fromkeys(who for who, _ in points))
    notes: dict[str, list[str]] = {}
    for who, note in points:
        if normal_text(note) not in _DEFAULT_NOTES:
            notes.setdefault(normal_text(note), []).append(who)
    texts: dict[str, str] = {}
    for _, note in points:
        texts.setdefault(normal_text(note), note)
    if not notes:
        return Said(todo("à préciser" if lang == "fr" else "to be confirmed"), by)
    if len(notes) == 1:
        return Said(todo(texts[next(iter(notes))]), by)
    colon = " : " if lang == "fr" else ": "
    sep = " ; " if lang == "fr" else "; "
    return Said(todo(sep.join(f"{names(list(dict.fromkeys(w)), lang)}{colon}{texts[k]}"
                              for k, w in notes.items())), by)


def combine_group(group: Question, votes: Votes, lang: str) -> GroupSaid:
    """A repeating group: records united by identity, each field combined."""
    said = GroupSaid()
    for who, value in votes:
        if not isinstance(value, list):
            continue
        for record in value:
            if not isinstance(record, Mapping):
                continue
            label = record_label(group, record)
            key = record_key(label)
            merged = said.records.setdefault(key, RecordSaid(label))
            if who not in merged.by:
                merged.by.append(who)
            for f in group.fields:
                if f.id in record and record[f.id] not in (None, ""):
                    merged.votes.setdefault(f.id, []).append((who, record[f.id]))
    for merged in said.records.values():
        for f in group.fields:
            votes = merged.votes.get(f.id, [])
            if f.id in group.identity_fields and votes:
                # the same name, written differently: the record matched on it, keep one form
                merged.fields[f.id] = Said(votes[0][1], tuple(dict.fromkeys(w for w, _ in votes)))
                continue
            result = combine_values(f, votes, lang)
            if result is not None:
                merged.fields[f.id] = result
    if not said.records:
        said.instead = combine_values(group, [(w, v) for w, v in votes
                                              if not isinstance(v, list) or not v], lang)
    return said


def combine(bank: Questionnaire, sources: Sequence[tuple[str, Mapping[str, Any]]],
            lang: str) -> Combined:
    """Everything the sources (who, their answers), in canonical order, said, by question."""
    combined: Combined = {}
    for part in bank.parts:
        for q in part.questions:
            votes = []
            for who, data in sources:
                block = data.get(part.key)
                value = block.get(q.id) if isinstance(block, Mapping) else None
                if value is not None and value != "":
                    votes.append((who, value))
            if not votes:
                continue
            at = f"{part.key}.{q.id}"
            if q.is_group:
                group = combine_group(q, votes, lang)
                if group.records or group.instead is not None:
                    combined[at] = group
            else:
                result = combine_values(q, votes, lang)
                if result is not None:
                    combined[at] = result
    return combined
