"""Part 1 (company presentation): the risk register built from the blockers, the user count."""

from __future__ import annotations

from cdc.audience import INTERNAL, Person, depersonalise
from cdc.language import agree
from cdc.questionnaire import Questionnaire
from cdc.spec.model import Risk
from cdc.spec.values import Field, Missing, Record, Value, format_number, with_unit

_LEVELS = {"low": 1, "medium": 2, "high": 3}
_RISK_LEVELS = {
    "fr": ("Faible", "Modérée", "Élevée", "Critique"),
    "en": ("Low", "Moderate", "High", "Critical"),
}


def _anonymous(field: Field, people: tuple[Person, ...], lang: str) -> Field:
    if not isinstance(field, Value) or not people:
        return field
    text = depersonalise(field.text, people, lang)
    return field if text == field.text else Value(text, text)


def risk(index: int, rec: Record, lang: str, people: tuple[Person, ...] = (),
         internal_categories: frozenset[str] = frozenset()) -> Risk:
    """The blocker ``rec`` as risk R``index``; names of ``people`` replaced in its texts."""
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
    return Risk(f"R{index}", rec.category, _anonymous(rec.description, people, lang),
                rec.impact, rec.likelihood, _anonymous(mitigation, people, lang),
                rec.owner if "owner" in rec else Missing(), score, level,
                getattr(rec.category, "raw", None) not in internal_categories)


def risks(blockers: tuple[Record, ...], bank: Questionnaire, lang: str,
          people: tuple[Person, ...] = ()) -> tuple[Risk, ...]:
    """The risk register, most critical first. A risk whose category is internal (human,
    financial…) is not ``shared`` with vendors; the vendor edition does not even get it."""
    group = bank.by_id.get("blockers")
    category = group.field("category") if group else None
    internal = frozenset(c.value for c in (category.choices if category else ())
                         if c.audience == INTERNAL)
    found = (risk(i, rec, lang, people, internal) for i, rec in enumerate(blockers, 1))
    return tuple(sorted(found, key=lambda r: -r.score))


def sites_total(records: tuple[Record, ...], lang: str) -> Field:
    """The number of sites: a record stands for ``count`` sites of one kind (1 by default)."""
    if not records:
        return Missing()
    total = sum(c if isinstance(c := getattr(r.count, "raw", None), int) else 1
                for r in records) if records and "count" in records[0] else len(records)
    return Value(with_unit(format_number(total, lang), agree(total, "sites", lang), lang), total)


def total_users(profiles: tuple[Record, ...], answered: Field, lang: str) -> Field:
    """The sum of the user profiles' counts, else the answer to total_users."""
    total = sum(c for r in profiles if isinstance(c := getattr(r.count, "raw", None), int))
    unit = "users" if lang == "en" else "utilisateurs"
    return Value(with_unit(format_number(total, lang), unit, lang), total) if total else answered
