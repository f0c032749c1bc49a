"""``cdc questions``: the question bank as a list, for a part or a role's interview.

One row per question and per field of a repeating group, with its choices (the values an
answers file takes, and their labels), then what an interview of the selection takes. The CLI
prints the rows as a table in a terminal and as plain full-width lines otherwise, so that a
listing piped to a file or ``less`` keeps every id whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from cdc.interview.texts import duration
from cdc.questionnaire import Question, Questionnaire
from cdc.roles import find_role, minutes, role_questions

COLUMNS = ("id", "part", "type", "req", "audience", "roles", "prompt")


@dataclass(frozen=True)
class Row:
    """One question (or group field) as listed; ``choices`` reads "value (label), ..."."""

    id: str
    part: str
    type: str
    required: bool
    audience: str
    roles: str
    prompt: str
    choices: str = ""

    def cells(self) -> tuple[str, ...]:
        return (self.id, self.part, self.type, "*" if self.required else "", self.audience,
                self.roles, self.prompt)


@dataclass(frozen=True)
class Listing:
    rows: tuple[Row, ...]
    summary: tuple[str, ...]  # what the selection is and how long its interview takes


def _audience(q: Question, group: Question | None = None) -> str:
    if q.audience != "internal" and (group is None or group.audience != "internal"):
        return "vendor"
    cond = q.disclose_when
    return "internal" + (f" (vendor if {cond.question})" if cond is not None else "")


def _choices(q: Question, lang: str) -> str:
    return ", ".join(f"{c.value} ({c.label.get(lang)})" for c in q.choices)


def _rows(q: Question, part: int, lang: str) -> list[Row]:
    kind = q.type + (f" ({q.unit.get(lang)})" if q.unit else "")
    rows = [Row(q.id, f"{part}.{q.section}", kind, q.required, _audience(q),
                ",".join(q.roles), q.prompt.get(lang), _choices(q, lang))]
    for f in q.fields:
        kind = f.type + (f" ({f.unit.get(lang)})" if f.unit else "")
        rows.append(Row(f"  {q.id}.{f.id}", "", kind, f.required, _audience(f, q), "",
                        f.prompt.get(lang), _choices(f, lang)))
    return rows


def _count(questions: tuple[Question, ...]) -> str:
    fields = sum(len(q.fields) for q in questions)
    groups = sum(q.is_group for q in questions)
    return (f"{len(questions)} questions ({len(questions) + fields} with the fields of "
            f"{groups} repeating groups)")


def list_questions(bank: Questionnaire, lang: str = "fr", part: int | None = None,
                   role: str | None = None) -> Listing:
    """The rows for ``part`` and ``role`` (all when None), and the summary lines.

    Raises UsageError for a role the bank does not list.
    """
    role_id = find_role(bank, role, lang).id if role is not None else None
    selected = role_questions(bank, role_id, part)
    rows = [row for q in selected for row in _rows(q, q.part, lang)]
    time = duration("en", minutes(bank, role_id, part))
    summary = []
    if role_id is not None:
        found = find_role(bank, role_id)
        summary.append(f"{found.label.get(lang)} ({role_id}): {_count(selected)}; "
                       f"the interview takes about {time} (cdc interview FILE --role {role_id}"
                       + (f" --part {part})" if part is not None else ")"))
    else:
        summary.append(f"{_count(selected)}; about {time} for one person answering all")
        if bank.roles:
            summary.append("Roles (cdc interview FILE --role ROLE, cdc questions --role ROLE):")
            width = max(len(r.id) for r in bank.roles)
            for r in bank.roles:
                mine = role_questions(bank, r.id, part)
                summary.append(f"  {r.id:<{width}}  {r.label.get(lang)}: {len(mine)} "
                               f"questions, about {duration('en', minutes(bank, r.id, part))}")
    return Listing(tuple(rows), tuple(summary))


def plain_lines(listing: Listing) -> list[str]:
    """The listing as full-width lines in aligned columns; choices on the line below."""
    header = COLUMNS
    table = [header, *(row.cells() for row in listing.rows)]
    widths = [max(len(cells[i]) for cells in table) for i in range(len(header) - 1)]
    indent = sum(widths) + 2 * len(widths)

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)) \
            + "  " + cells[-1]

    lines = [line(header)]
    for row in listing.rows:
        lines.append(line(row.cells()))
        if row.choices:
            lines.append(" " * indent + "choices: " + row.choices)
    return [*lines, "", *listing.summary]
