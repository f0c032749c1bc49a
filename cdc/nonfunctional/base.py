"""What every non-functional rule shares: the requirement it returns, the language switch and
the formatting of numbers, durations and lists."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cdc.typography import french
from cdc.wording import Answers

NBSP = "\u00a0"


def _fr_number(value: float) -> str:
    text = f"{value:g}"
    return text.replace(".", ",")


def fmt_number(value: Any, lang: str) -> str:
    number = float(value)
    return _fr_number(number) if lang == "fr" else f"{number:g}"


def percent(value: Any, lang: str) -> str:
    return f"{fmt_number(value, lang)}{NBSP}%" if lang == "fr" else f"{fmt_number(value, lang)}%"


def fmt_count(value: Any, lang: str, fr: str, en: str) -> str:
    """``24 heures``, ``1 hour``: the number in the language's format and the noun agreed."""
    number = float(value)
    plural = number >= 2 if lang == "fr" else number != 1
    noun = (fr if lang == "fr" else en) + ("s" if plural else "")
    return f"{fmt_number(value, lang)} {noun}"


def fmt_hours(value: Any, lang: str) -> str:
    return fmt_count(value, lang, "heure", "hour")


def fmt_years(value: Any, lang: str) -> str:
    return fmt_count(value, lang, "année", "year")


def lower_first(text: str) -> str:
    """``Durée du contrat`` → ``durée du contrat`` after a colon; ``RGPD`` and names stay."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def join_and(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    last = " et " if lang == "fr" else " and "
    return ", ".join(items[:-1]) + last + items[-1]


@dataclass(frozen=True)
class Nfr:
    statement: str
    acceptance: str
    source: str
    priority: str = "must"
    eliminatory: bool = False
    verification: str = "inspection"
    reasons: tuple[str, ...] = ()


Rule = Callable[["Answers", str], "Nfr | None"]


def tr(lang: str, fr: str, en: str) -> str:
    return french(fr) if lang == "fr" else en


def choice_text(a: Answers, qid: str, value: Any, lang: str) -> str:
    """The bank's prose form of a choice ("dans l'UE/EEE"), the words the templates print."""
    question = a.bank.by_id.get(qid)
    choice = question.choice(value) if question else None
    return choice.text.get(lang) if choice else ""
