"""Part 6 (project team and roles): the RACI matrix and the team's balance."""

from __future__ import annotations

import re

from cdc.questionnaire import Questionnaire
from cdc.spec.model import RaciMatrix, TeamBalance
from cdc.spec.values import Field, Missing, Record, Value


def _people(text: Field) -> list[str]:
    if not text:
        return []
    parts = re.split(r"\s*(?:[,;/+]|\bet\b|\band\b)\s*", str(text))
    return [p.strip() for p in parts if p.strip()]


def raci(records: tuple[Record, ...]) -> RaciMatrix:
    """Activities × people, with the letters each person holds."""
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


def team_balance(members: tuple[Record, ...], bank: Questionnaire, lang: str) -> TeamBalance:
    """The article's advice on the project team, checked: every level, producers, sceptics.

    Stances are internal: in the vendor edition they are withheld, so the counts are 0.
    """

    def count(name: str, value: str) -> int:
        return sum(1 for m in members if isinstance(m[name], Value) and value in m[name])

    level_q = bank.by_id["members"].field("level") if "members" in bank.by_id else None
    choices = level_q.choices if level_q else ()
    levels = tuple(c.text.get(lang) for c in choices
                   if any(c.value in m.level for m in members if m.level))
    return TeamBalance(
        size=len(members), champions=count("stance", "champion"),
        reluctant=count("stance", "reluctant"), levels=levels,
        all_levels=bool(choices) and len(levels) == len(choices),
        data_producers=count("profile", "data_producer"),
        regular_users=count("profile", "regular_user"),
        key_users=sum(1 for m in members if "key_user" in m and m.key_user),
    )
