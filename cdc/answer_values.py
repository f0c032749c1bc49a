"""One answer against its question: type, choices, bounds and dates, with a hint for each fault.

:mod:`cdc.answers` walks a whole answers file and calls :func:`check_value` on every answer; the
interview calls it on each answer typed. Bounds come from the bank, else from the unit, so that
nothing downstream of validation ever sees a number it cannot print or a date it cannot compute
with.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Mapping
from typing import Any

from cdc.questionnaire import Question

TODO_KEY = "todo"


def is_open_point(value: Any) -> bool:
    """True for ``{todo: ...}``, the marker of an answer still to be given."""
    return isinstance(value, Mapping) and TODO_KEY in value


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
            return [(f"expected text, got {describe(value)}",
                     "Write the answer as text; quote it if YAML reads it as something else.")]
        return []
    if kind in ("integer", "number"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            hint = "Write digits only, without spaces or units, e.g. 12000."
            if isinstance(value, str) and re.fullmatch(r"[\d\s.,  ]+", value):
                hint = f"Write {re.sub(r'[^0-9.,]', '', value).replace(',', '.')} (no spaces)."
            noun = "a whole number" if kind == "integer" else "a number"
            return [(f"expected {noun}, got {describe(value)}", hint)]
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
            return [(f"expected a list of choices, got {describe(value)}",
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
            return [(f"expected yes or no, got {describe(value)}",
                     "Write true or false (yes/no also work).")]
        return []
    if kind == "group":
        if not isinstance(value, list):
            return [(f"'{question.id}' is a list of records, got {describe(value)}",
                     "Write each record as an item starting with '- ', e.g.\n"
                     f"  {question.id}:\n    - {question.fields[0].id}: ...")]
        return []
    return []


def _describe_short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def describe(value: Any) -> str:
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
