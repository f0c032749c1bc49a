"""Answers as the document prints them: text cleaning, numbers, dates, and the value types.

An answer that is missing becomes :class:`Missing`, which the templating layer prints as the "to
be completed" mark (or a dash for an optional cell), so nothing vanishes silently. An answer the
edition does not carry (an internal answer in the vendor edition) becomes :class:`Withheld`: it is
not in the Spec at all, and a template that prints it gets nothing and a warning.

Answers are untrusted text: :func:`clean_text` strips what XML forbids and terminal escapes here;
escaping for Markdown happens in :mod:`cdc.templating`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from cdc.answers import Month, applies, is_answered, is_open_point
from cdc.audience import VENDOR, internal_record, is_internal
from cdc.language import agree, join
from cdc.questionnaire import Question, Questionnaire

# --------------------------------------------------------------------------- text and formats

_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

NNBSP = "\u202f"  # narrow no-break space: French thousands, before ; ! ?
NBSP = "\u00a0"

MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}


MAX_ANSWER = 30_000  # characters of one answer printed in the document


def clean_text(value: str) -> str:
    """An answer as plain text: terminal escapes removed, characters XML forbids stripped."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _ANSI.sub("", text)
    text = text.replace("\t", " ").replace("\x0b", "\n").replace("\x0c", "\n")
    return _FORBIDDEN.sub("", text)


def format_number(value: float, lang: str, year: bool = False) -> str:
    """12 000 / 12,000; 3,5 / 3.5; years without a separator."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if year and isinstance(value, int):
        return str(value)
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")
    if lang == "fr":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", NNBSP)
    return text


def with_unit(number: str, unit: str, lang: str) -> str:
    if not unit:
        return number
    if lang == "en":
        if unit == "%":
            return number + "%"
        prefix = {"€": ("€", ""), "k€": ("€", "k"), "M€": ("€", "M")}.get(unit)
        if prefix:
            return f"{prefix[0]}{number}{prefix[1]}"
    return f"{number}{NBSP}{unit}"


def format_date(value: dt.date, lang: str) -> str:
    """29 novembre 2026, 1er décembre 2026 / 29 November 2026; juin 2027 for a Month."""
    month = MONTHS["en" if lang == "en" else "fr"][value.month - 1]
    if isinstance(value, Month):
        return f"{month} {value.year}"
    if lang == "en":
        return f"{value.day} {month} {value.year}"
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day}{NBSP}{month} {value.year}"


def _shorten(text: str, lang: str) -> str:
    """A runaway answer (a pasted file, 1 MB of text) is cut, visibly, at MAX_ANSWER."""
    if len(text) <= MAX_ANSWER:
        return text
    total = format_number(len(text), lang)
    note = (f" […] (réponse tronquée : {total} caractères au total)" if lang == "fr" else
            f" […] (answer truncated: {total} characters in all)")
    return text[:MAX_ANSWER] + note


def join_words(items: list[str], lang: str) -> str:
    """a, b et c / a, b and c."""
    return join(items, lang)


# --------------------------------------------------------------------------- values

# The answers a template tried to print although the edition withholds them, while a document is
# being written (cdc.templating sets it); None outside of rendering.
withheld_printed: ContextVar[list[str] | None] = ContextVar("withheld_printed", default=None)


def note_withheld(key: str) -> None:
    """Remembers that a template printed (or looped over) the withheld answer ``key``."""
    seen = withheld_printed.get()
    if seen is not None and key not in seen:
        seen.append(key)


@contextmanager
def collect_withheld() -> Iterator[list[str]]:
    """Within the block, the keys of withheld answers that templates printed are collected in
    the list it gives."""
    seen: list[str] = []
    token = withheld_printed.set(seen)
    try:
        yield seen
    finally:
        withheld_printed.reset(token)


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class Missing:
    """No answer. Printed as the "to be completed" mark when ``required`` or an open point,
    else as a dash. Falsy and empty, so templates can test and loop over it."""

    question: str = ""
    required: bool = False
    open_point: bool = False

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return ""

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __len__(self) -> int:
        return 0

    @property
    def todo(self) -> bool:
        return self.required or self.open_point

    @property
    def answered(self) -> bool:
        return False

    @property
    def value(self) -> None:
        return None


@dataclass(frozen=True)
class Withheld(Missing):
    """An answer this edition does not carry (internal, in the vendor edition): empty, falsy,
    never "to be completed". Printing it or looping over it is noted (:func:`note_withheld`)."""

    def __iter__(self) -> Iterator[Any]:
        note_withheld(self.question)
        return iter(())

    @property
    def todo(self) -> bool:
        return False


@dataclass(frozen=True)
class Value:
    """One answer, formatted for the document. ``raw`` is the validated answer.

    Truthy for any answer except a "no" (so ``{% if q.sso_required %}`` reads naturally);
    ``items`` holds the labels of a multiple choice; ``x in value`` tests raw choice values.
    ``prose_items`` are the forms a sentence uses (a choice's ``text``: "les entreprises
    (B2B)"), which the templates' ``prose`` filter joins; other answers are their own prose.
    """

    text: str
    raw: Any
    items: tuple[str, ...] = ()
    prose_items: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.raw if isinstance(self.raw, bool) else True

    def __str__(self) -> str:
        return self.text

    def __iter__(self) -> Iterator[str]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, raw_value: object) -> bool:
        if isinstance(self.raw, list):
            return raw_value in self.raw
        return bool(raw_value == self.raw)

    @property
    def value(self) -> Any:
        return self.raw

    @property
    def answered(self) -> bool:
        return True


Field = Value | Missing


class Record:
    """One record of a repeating group (or all top-level answers): attribute access by id.

    An unknown name raises, so a typo in a template fails loudly (StrictUndefined).
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_values", dict(values))

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self._values.get(name, default)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Record is immutable")

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def __repr__(self) -> str:
        return f"Record({self._values!r})"


class Formatter:
    """Formats raw answers of one bank for one language and one edition."""

    def __init__(self, bank: Questionnaire, data: Mapping[str, Any], lang: str,
                 edition: str = VENDOR) -> None:
        self.bank = bank
        self.data = data
        self.lang = lang
        self.edition = edition

    def withholds(self, q: Question) -> bool:
        """True when this edition leaves ``q``'s answer out."""
        return self.edition == VENDOR and is_internal(q, self.data, self.bank)

    def value(self, q: Question, raw: Any, record: Mapping[str, Any] | None = None) -> Field:
        if self.withholds(q):
            return Withheld(q.key)
        if record is not None:
            applicable = applies(q, self.data, self.bank, record)
        else:
            applicable = applies(q, self.data, self.bank)
        if not applicable:
            return Missing(q.key)
        if is_open_point(raw):
            return Missing(q.key, q.required, open_point=True)
        if not is_answered(raw):
            return Missing(q.key, q.required)
        lang = self.lang
        kind = q.type
        if kind in ("integer", "number"):
            year = q.minimum is not None and q.minimum >= 1000
            unit = agree(raw, q.unit.get(lang), lang) if q.unit else ""
            text = with_unit(format_number(raw, lang, year), unit, lang)
            if q.per:  # "4 000 devis par an": the volume as given, with its own period
                period = self.bank.by_id.get(q.per)
                per = period.choice(self.answer(period) or period.default) if period else None
                if per is not None:
                    text += " " + per.text.get(lang)
            return Value(text, raw)
        if kind == "date":
            return Value(format_date(raw, lang), raw)
        if kind == "choice":
            choice = q.choice(raw)
            if choice is None:
                return Value(clean_text(str(raw)), raw)
            return Value(choice.label.get(lang), raw, prose_items=(choice.text.get(lang),))
        if kind == "multi_choice":
            chosen = [c for v in raw if (c := q.choice(v)) is not None]
            labels = [c.label.get(lang) for c in chosen]
            return Value(join_words(labels, lang), list(raw), tuple(labels),
                         tuple(c.text.get(lang) for c in chosen))
        if kind == "yes_no":
            return Value(("Oui" if raw else "Non") if lang == "fr" else ("Yes" if raw else "No"),
                         bool(raw))
        if kind == "group":
            return Value("", raw)  # groups are read through Spec.groups
        text = clean_text(str(raw)).strip()
        return Value(_shorten(text, lang), text)

    def record(self, group: Question, raw: Any) -> Record:
        raw = raw if isinstance(raw, Mapping) else {}
        return Record({f.id: self.value(f, raw.get(f.id), raw) for f in group.fields})

    def records(self, group: Question) -> tuple[Record, ...]:
        """The group's records this edition carries (none of an internal group; no record
        holding an internal choice in the vendor edition)."""
        raw = self.answer(group)
        if not isinstance(raw, list) or not applies(group, self.data, self.bank):
            return ()
        return tuple(self.record(group, r) for r in self.raw_records(group, raw))

    def raw_records(self, group: Question, raw: list[Any]) -> list[Mapping[str, Any]]:
        if self.withholds(group):
            return []
        return [r for r in raw if isinstance(r, Mapping)
                and not (self.edition == VENDOR and internal_record(group, r))]

    def answer(self, q: Question) -> Any:
        part = self.bank.part_of.get(q.id)
        block = self.data.get(part.key) if part else None
        return block.get(q.id) if isinstance(block, Mapping) else None

