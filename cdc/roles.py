"""The people a project lead interviews, by role, and what each role's interview covers.

A real scoping meets five to ten people for 20–40 minutes each, on their part of the subject
only: the salesperson, the sales administration clerk, the IT lead, the sponsor. The roles are
listed once, in ``questionnaires/roles.yaml``; each section of the bank names the roles its
questions concern (``roles: [sales, sales_admin]``), and a question names its own only where it
differs. The loader checks every name against the list, and that every question concerns
someone, so no question is left out of every interview.

How long an interview takes comes from the bank's own estimates: each part says how many
minutes it takes; a role's share of a part is the share of the part's questions (a repeating
group weighing one plus its fields) that concern the role.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from cdc.errors import Location, Problem, UsageError
from cdc.questionnaire import ID_RE, Localized, Part, Question, Questionnaire, Role
from cdc.yamlsource import load

ROLES_FILE = "roles.yaml"


def read_roles(path: Path) -> tuple[tuple[Role, ...], list[Problem]]:
    """The roles of ``roles.yaml`` (none if the bank has no such file), and every problem."""
    if not path.is_file():
        return (), []
    doc = load(path)
    problems = list(doc.problems)

    def error(where: tuple[str | int, ...], message: str, hint: str = "") -> None:
        problems.append(Problem("error", doc.where(where), message, hint))

    raw = doc.data.get("roles") if isinstance(doc.data, dict) else None
    if not isinstance(raw, list) or not raw:
        if not doc.problems:
            error((), "roles.yaml must hold 'roles:', a list of {id, fr, en, help}")
        return (), problems
    roles: list[Role] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) \
                or not ID_RE.match(item["id"]):
            error(("roles", i), "each role needs a snake_case 'id'", "e.g. id: sales_admin")
            continue
        for key in item:
            if key not in ("id", "fr", "en", "help"):
                error(("roles", i, key), f"role {item['id']}: unknown key '{key}'",
                      "Allowed: id, fr, en, help.")
        if item["id"] in seen:
            error(("roles", i), f"role '{item['id']}' is listed twice")
        seen.add(item["id"])
        label = _localized(item, ("roles", i), f"role {item['id']}", error)
        raw_help = item.get("help")
        help_text = _localized(raw_help if isinstance(raw_help, dict) else {},
                               ("roles", i, "help"), f"role {item['id']}: help", error)
        roles.append(Role(item["id"], label, help_text))
    return tuple(roles), problems


def _localized(raw: dict[str, Any], where: tuple[str | int, ...], what: str,
               error: Any) -> Localized:
    for lang in ("fr", "en"):
        if not isinstance(raw.get(lang), str) or not raw[lang].strip():
            error(where, f"{what} has no '{lang}' text")
    return Localized(str(raw.get("fr", "")), str(raw.get("en", "")))


def check_roles(parts: list[Part], roles: tuple[Role, ...]) -> list[Problem]:
    """With roles listed, every question concerns at least one of them."""
    if not roles:
        return []
    problems = []
    for part in parts:
        for section in part.sections:
            for q in section.questions:
                if not q.roles:
                    problems.append(Problem(
                        "error", Location(part.source),
                        f"{q.id}: no role's interview asks it (section {section.id} has no "
                        "'roles', nor has the question)",
                        "Add roles: [...] to the section (the default for its questions) or "
                        "to the question.", q.id))
    return problems


def find_role(bank: Questionnaire, name: str, lang: str = "en") -> Role:
    """The role ``name`` (its id, or its label in either language); UsageError otherwise."""
    wanted = name.strip().casefold()
    for role in bank.roles:
        if wanted in (role.id, role.label.fr.casefold(), role.label.en.casefold()):
            return role
    if not bank.roles:
        raise UsageError("this question bank defines no roles",
                         "Add questionnaires/roles.yaml, or interview without --role.")
    listed = ", ".join(f"{r.id} ({r.label.get(lang)})" for r in bank.roles)
    raise UsageError(f"unknown role '{name}'", f"Roles: {listed}.")


def role_questions(bank: Questionnaire, role: str | None,
                   part: int | None = None) -> tuple[Question, ...]:
    """The top-level questions a role's interview asks, in plan order (every one for None)."""
    return tuple(q for p in bank.parts if part is None or p.number == part
                 for q in p.questions if q.concerns(role))


def _weight(q: Question) -> int:
    return 1 + len(q.fields)


def part_minutes(part: Part, role: str | None) -> float:
    """The part's minutes, in proportion to the weight of the questions the role is asked."""
    total = sum(_weight(q) for q in part.questions)
    mine = sum(_weight(q) for q in part.questions if q.concerns(role))
    return part.minutes * mine / total if total else 0.0


def question_minutes(bank: Questionnaire, questions: list[Question]) -> int:
    """The time some questions take, each weighing its share of its part's minutes."""
    spent = 0.0
    for part in bank.parts:
        total = sum(_weight(q) for q in part.questions)
        mine = sum(_weight(q) for q in questions if q.part == part.number)
        spent += part.minutes * mine / total if total else 0.0
    return math.ceil(spent - 1e-9) if spent else 0


def minutes(bank: Questionnaire, role: str | None = None, part: int | None = None) -> int:
    """How long a role's interview (or the whole one, or one part) takes, in whole minutes."""
    return question_minutes(bank, list(role_questions(bank, role, part)))
