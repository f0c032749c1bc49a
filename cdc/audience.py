"""Who may read an answer: the two editions of the document, decided from the question bank.

Each question and group field of the bank has an ``audience``: ``vendor`` (the default: it goes in
the specification sent to vendors) or ``internal`` (only in the project's internal scoping note).
An internal question may name a ``disclose_when`` condition that sends it to vendors after all
(the budget, when ``meta.disclose_budget`` is true). A choice may be internal too: a group record
holding it is internal as a whole (a human blocker is never a vendor's business).

The vendor edition's Spec does not carry internal answers at all (they are missing, not hidden),
so no template, packaged or the user's, can print them. The names of the people the answers know
(``person: true`` fields) are taken out of the texts vendors see where the issue is people rather
than needs: the risks shown to vendors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cdc.answers import answer_of
from cdc.errors import UsageError
from cdc.questionnaire import Question, Questionnaire

VENDOR = "vendor"
INTERNAL = "internal"
EDITIONS = (VENDOR, INTERNAL)

EDITION_SUFFIX = {"fr": "interne", "en": "internal"}  # file names of the internal edition


def check_edition(edition: str | None) -> str:
    """The edition asked on the command line, checked (default: vendor)."""
    if edition is None:
        return VENDOR
    if edition not in EDITIONS:
        raise UsageError(f"unknown edition '{edition}'",
                         "Use --edition vendor (the specification sent to vendors) or "
                         "--edition internal (the internal scoping note).")
    return edition


def is_internal(question: Question, data: Any, bank: Questionnaire) -> bool:
    """True when ``question``'s answer stays out of the vendor edition."""
    if question.group:
        group = bank.by_id.get(question.group)
        if group is not None and is_internal(group, data, bank):
            return True
    if question.audience != INTERNAL:
        return False
    cond = question.disclose_when
    return not (cond is not None and cond.holds(answer_of(data, bank, cond.question)))


def internal_record(group: Question, record: Mapping[str, Any]) -> bool:
    """True when a record of ``group`` holds an internal choice (a human blocker)."""
    for f in group.fields:
        if not f.choices:
            continue
        raw = record.get(f.id)
        values = raw if isinstance(raw, list) else [raw]
        for value in values:
            choice = f.choice(value) if isinstance(value, str) else None
            if choice is not None and choice.audience == INTERNAL:
                return True
    return False


# --------------------------------------------------------------------------- people


@dataclass(frozen=True)
class Person:
    """Someone the answers name: ``names`` are the forms to look for in a text."""

    full_name: str
    names: tuple[str, ...]
    team: bool  # on the project team (members, sponsor, project lead)


_NAME_END = re.compile(r"\s*[,;(–—]|\s+-\s+")
_SEPARATORS = re.compile(r"\s*(?:[,;/+]|\bet\b|\band\b)\s*")
_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.-]*$")
_TEAM_FIELDS = {"members.name", "sponsor", "project_lead"}
# Fields that only ever hold a person: a single word there is someone's first name. Elsewhere
# (owners, validators, RACI cells, the distribution list) a team, a tool or a company is as
# likely ("RevOps", "Cegid", "Pôle SIAE"): only a first name and a surname count there.
_PERSON_ONLY = _TEAM_FIELDS | {"author", "respondents.name", "dpo_name"}
_NOT_A_FIRST_NAME = {
    "pôle", "service", "services", "équipe", "direction", "cellule", "agence", "groupe",
    "département", "bureau", "comité", "conseil", "mission", "délégation", "secrétariat",
    "team", "department", "office", "board", "committee", "group", "head", "support",
    "le", "la", "les", "l", "the", "all", "tous", "toutes", "chaque", "each",
}
_ACRONYM = re.compile(r"^[A-ZÀ-ÖØ-Þ0-9&]{2,5}$")


def _name_of(text: str) -> str:
    """"Claire Martin, responsable ADV" → "Claire Martin"."""
    return _NAME_END.split(text.strip(), maxsplit=1)[0].strip()


def _looks_like_a_name(text: str, person_only: bool = True) -> bool:
    words = text.split()
    if not (1 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words)):
        return False
    if person_only:
        return True
    return len(words) >= 2 and words[0].lower().strip("'’") not in _NOT_A_FIRST_NAME \
        and not any(_ACRONYM.match(w) for w in words)


def _person_answers(data: Any, bank: Questionnaire) -> Iterable[tuple[str, str]]:
    """(question key, raw text) for every answer of a ``person: true`` question or field."""
    for q in bank.questions():
        raw = answer_of(data, bank, q.id)
        if q.person and isinstance(raw, str):
            yield q.key, raw
        if q.is_group and isinstance(raw, list):
            for f in q.fields:
                if not f.person:
                    continue
                for rec in raw:
                    value = rec.get(f.id) if isinstance(rec, Mapping) else None
                    if isinstance(value, str):
                        yield f.key, value


def known_people(data: Any, bank: Questionnaire) -> tuple[Person, ...]:
    """Everyone the answers name, with the forms their name takes in a text."""
    found: dict[str, bool] = {}
    for key, raw in _person_answers(data, bank):
        chunks = [raw] if key in ("author",) else _SEPARATORS.split(raw)
        for chunk in chunks:
            name = _name_of(chunk)
            if _looks_like_a_name(name, key in _PERSON_ONLY) and len(name) >= 3:
                found[name] = found.get(name, False) or key in _TEAM_FIELDS
    people = []
    for name, team in found.items():
        words = name.split()
        forms = [name]
        if len(words) >= 2:  # "Jean-Pierre" and "Bonnet" alone are his name too
            forms += [w for w in (words[0], words[-1]) if len(w) >= 3]
        people.append(Person(name, tuple(forms), team))
    return tuple(people)


_DESIGNATION = {
    ("fr", True): "un membre de l'équipe projet",
    ("fr", False): "un collaborateur de l'entreprise",
    ("en", True): "a project team member",
    ("en", False): "a member of staff",
}


def depersonalise(text: str, people: Iterable[Person], lang: str) -> str:
    """``text`` with every known person's name replaced by a neutral designation."""
    lang = "en" if lang == "en" else "fr"
    forms = sorted(((form, p.team) for p in people for form in p.names),
                   key=lambda f: -len(f[0]))
    for form, team in forms:
        pattern = re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])")
        designation = _DESIGNATION[(lang, team)]

        def replace(match: re.Match[str], designation: str = designation) -> str:
            before = match.string[: match.start()].rstrip()
            starts = not before or before[-1] in ".!?:;«\"“(\n"
            return designation[0].upper() + designation[1:] if starts else designation

        text = pattern.sub(replace, text)
    if lang == "fr":  # "de un membre" → "d'un membre"
        text = re.sub(r"\b([dD]e|[qQ]ue) (une?)\b", lambda m: m.group(1)[:-1] + "'" + m.group(2),
                      text)
    return text


def names_a_person(text: str, people: Iterable[Person]) -> bool:
    """True when ``text`` names one of ``people``."""
    return any(re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text)
               for p in people for form in p.names)
