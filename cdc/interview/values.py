"""Answers as typed and as read: what a typed answer becomes, and how a value is shown.

``"12 000"``, ``"29/11/2026"``, ``"?"``: typed input becomes a value (a number, a date, an open
point), then passes the same :func:`cdc.answers.check_value` rules as ``cdc validate``.
Values are shown the way a person reads them: choice labels rather than values, dates and numbers
written the local way. Pure functions; the interview's widgets and its review use them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cdc.answers import TODO_KEY, check_value, is_open_point
from cdc.interview.texts import word
from cdc.questionnaire import Question

OPEN_POINT_MARK = "?"
"""Typed alone (or followed by a note) instead of an answer: "I don't know yet"."""


def open_point(lang: str, note: str = "") -> dict[str, str]:
    """The ``{todo: ...}`` marker of "I don't know yet", with the default note of ``lang``."""
    return {TODO_KEY: note.strip() or word(lang, "todo_default")}


# --------------------------------------------------------------------------- typed input


def after_prefill(text: str, prefill: str) -> str:
    """"1.0?" when "1.0" was pre-filled means "?": the user typed the open-point mark at the
    end of the current answer instead of clearing it first."""
    if prefill and text.startswith(prefill) and text[len(prefill):].lstrip().startswith(
            OPEN_POINT_MARK):
        return text[len(prefill):].lstrip()
    return text


@dataclass(frozen=True)
class Parsed:
    """What a typed answer became: a value (None = left empty), or the reason it was refused."""

    value: Any = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


_SPACES = re.compile(r"[\s\u00a0\u202f_']")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TODAY = {"today", "aujourd'hui", "aujourd’hui", "auj"}


def _strip_unit(question: Question, text: str) -> str:
    """Drops a unit typed after a number ("15 %", "200 k€")."""
    units = {"%", "€"}
    if question.unit is not None:
        units |= {question.unit.fr, question.unit.en}
    for unit in sorted((u for u in units if u), key=len, reverse=True):
        if text.endswith(unit):
            return text[: -len(unit)].strip()
    return text


def _number(text: str) -> float | int | None:
    compact = _SPACES.sub("", text)
    if compact.count(",") == 1 and "." not in compact:
        compact = compact.replace(",", ".")
    try:
        number = float(compact)
    except ValueError:
        return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return int(number) if number.is_integer() and "." not in compact else number


_MONTH_NAMES = {name: i for names in (
    ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
     "octobre", "novembre", "décembre"),
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december")) for i, name in enumerate(names, 1)}
_MY = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_YM = re.compile(r"^(\d{4})-(\d{1,2})$")


def _month(text: str) -> str | None:
    """A month as typed ("06/2027", "2027-06", "juin 2027") as the file writes it: "2027-06"."""
    text = text.strip().lower()
    match = _YM.match(text) or _MY.match(text)
    if match:
        first, second = match.groups()
        year, month = (int(first), int(second)) if len(first) == 4 else (int(second), int(first))
    else:
        words = text.split()
        if len(words) != 2 or words[0] not in _MONTH_NAMES or not words[1].isdigit():
            return None
        year, month = int(words[1]), _MONTH_NAMES[words[0]]
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None


def _date(text: str) -> dt.date | str:
    """A date from ISO or French day-first writing; a message key when it is not one."""
    if text.strip().lower() in _TODAY:
        return dt.date.today()
    match = _YMD.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _DMY.match(text)
        if not match:
            return "err_date"
        day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return "err_no_such_date"


def format_limit(value: float) -> str:
    return f"{value:g}"


def parse_text(question: Question, text: str, lang: str) -> Parsed:
    """Turns what was typed for a text, number or date question into its value.

    ``?`` (optionally followed by a note) is an open point; an empty answer is refused on a
    required question and means "skip" on an optional one. The value then goes through
    :func:`cdc.answers.check_value`, the rules ``cdc validate`` applies to the file.
    """
    raw = text.strip()
    if raw.startswith(OPEN_POINT_MARK) and question.type in (
        "text", "long_text", "integer", "number", "date",
    ):
        return Parsed(open_point(lang, raw[len(OPEN_POINT_MARK):]))
    if not raw:
        return Parsed(error=word(lang, "err_required")) if question.required else Parsed(None)
    value: Any
    if question.type in ("integer", "number"):
        number = _number(_strip_unit(question, raw))
        if number is None or (question.type == "integer" and not isinstance(number, int)):
            if question.type == "integer" and isinstance(number, float) and number.is_integer():
                number = int(number)
            else:
                return Parsed(error=word(lang, f"err_{question.type}"))
        if question.minimum is not None and number < question.minimum:
            return Parsed(error=word(lang, "err_minimum", limit=format_limit(question.minimum)))
        if question.maximum is not None and number > question.maximum:
            return Parsed(error=word(lang, "err_maximum", limit=format_limit(question.maximum)))
        value = number
    elif question.type == "date":
        month = _month(raw) if question.precision == "month" else None
        parsed = _date(raw) if month is None else None
        if isinstance(parsed, str):
            return Parsed(error=word(lang, parsed))
        value = month if month is not None else parsed
    elif question.type == "long_text":
        value = "\n".join(line.rstrip() for line in text.strip("\n").splitlines()).strip()
    else:
        value = raw
    return check(question, value)


def check(question: Question, value: Any) -> Parsed:
    """The value if ``cdc validate`` would accept it, else its first message."""
    problems = check_value(question, value)
    if problems:
        message, hint = problems[0]
        return Parsed(error=f"{message}. {hint}".strip())
    return Parsed(value)


def parse_choice(question: Question, values: Any, lang: str) -> Parsed:
    """Checks what a select or checkbox returned (values, never labels)."""
    if values is None or values == []:
        if question.required:
            key = "err_none_checked" if question.type == "multi_choice" else "err_required"
            return Parsed(error=word(lang, key))
        return Parsed(None)
    return check(question, values)


def text_default(question: Question, value: Any) -> str:
    """The current answer as the text pre-filled in a text prompt."""
    if value is None:
        value = question.default
    if value is None:
        return ""
    if is_open_point(value):
        note = value.get(TODO_KEY) or ""
        return f"{OPEN_POINT_MARK} {note}".rstrip()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --------------------------------------------------------------------------- showing answers


def _number_text(value: float, lang: str) -> str:
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    elif abs(value) < 10_000:
        text = str(int(value))  # 1987, 8500: four digits are not grouped
    else:
        text = f"{int(value):,}"
    if lang == "fr":
        return text.replace(",", "\u202f").replace(".", ",")
    return text


def display(question: Question, value: Any, lang: str, width: int = 70) -> str:
    """An answer as a person reads it: labels not values, dates and numbers the local way."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    if is_open_point(value):
        note = str(value.get(TODO_KEY) or "").strip()
        if not note or note in (word("fr", "todo_default"), word("en", "todo_default")):
            return word(lang, "open_point")
        return word(lang, "open_point_note", note=note)
    text: str
    if question.type == "yes_no" and isinstance(value, bool):
        text = word(lang, "yes" if value else "no")
    elif question.type == "choice":
        choice = question.choice(value)
        text = choice.label.get(lang) if choice else str(value)
    elif question.type == "multi_choice" and isinstance(value, list):
        labels = []
        for item in value:
            choice = question.choice(item)
            labels.append(choice.label.get(lang) if choice else str(item))
        text = ", ".join(labels)
    elif question.type == "date" and isinstance(value, dt.date):
        text = value.strftime("%d/%m/%Y") if lang == "fr" else value.isoformat()
    elif question.type in ("integer", "number") and isinstance(value, int | float) \
            and not isinstance(value, bool):
        text = _number_text(value, lang)
        if question.unit is not None:
            text += f" {question.unit.get(lang)}" if lang != "fr" or question.unit.fr != "%" \
                else "\u202f%"
    elif question.is_group and isinstance(value, list):
        text = " | ".join(record_label(question, r, lang) for r in value)
        text = f"({len(value)}) {text}" if value else word(lang, "none_given")
    else:
        text = " ".join(str(value).split())
    if len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    return text


def record_label(group: Question, record: Any, lang: str, width: int = 60) -> str:
    """One record in a line: its first answered fields, e.g. ``"CRM · Salesforce"``."""
    if not isinstance(record, Mapping):
        return str(record)
    parts = []
    for f in group.fields:
        shown = display(f, record.get(f.id), lang, width)
        if shown:
            parts.append(shown)
        if len(parts) == 3:
            break
    text = " · ".join(parts) or "…"
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
