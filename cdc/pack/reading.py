"""A returned pack's pricing form and questionnaire, read with the buyer's layout.

The layout (:mod:`cdc.pack.pricing`, :mod:`cdc.pack.questionnaire`) is rebuilt from the buyer's
answers file, never taken from the vendor's file. From the pricing form only the vendor's input
cells are read (quantities it gives, prices, days, rates, yearly amounts): cdc computes every
total itself with :func:`cdc.pack.pricing.amounts`, so a formula changed, a cached result forged
or a total typed over a formula changes nothing to the score (the difference is reported). A
formula typed in an input cell is computed when it is plain arithmetic (``=12*450``), refused
otherwise. The buyer's own cells (items, numbers of users, questions) are compared with what was
sent, like the grid's.

Every problem names the file, the sheet and the cell.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from cdc.pack import PACK_FORMAT
from cdc.pack.pricing import (
    LETTER,
    MAX_AMOUNT,
    TOTAL_SECTIONS,
    YEAR_KEYS,
    LineInputs,
    PriceLayout,
    PriceLine,
    amounts,
    yearly_totals,
)
from cdc.pack.questionnaire import FIRST_ROW, QuestionnaireLayout
from cdc.workbook import Formula, TooLong, Workbook

MAX_LISTED = 8


class Reporter(Protocol):
    """Where problems go (:class:`cdc.grid_reading` collects them per grid)."""

    def error(self, message: str, hint: str = "") -> None: ...

    def warning(self, message: str, hint: str = "") -> None: ...

    def change(self, message: str, hint: str) -> None: ...


@dataclass(frozen=True)
class PackKey:
    """The pack as the buyer sent it: built from the answers file."""

    price: PriceLayout
    questionnaire: QuestionnaireLayout
    price_scored: bool = False  # an award criterion is the price: a gap in the form is an error


@dataclass
class PriceOffer:
    """A vendor's prices, and the totals cdc computed from them."""

    inputs: dict[str, LineInputs]
    yearly: tuple[float, ...]  # years 1 to 5, the sections of the total cost
    options: tuple[float, ...]  # years 1 to 5, optional items (outside the total)
    complete: bool
    problems: list[str] = field(default_factory=list)  # cells missing or refused

    @property
    def tco(self) -> float:
        return sum(self.yearly)


@dataclass
class QuestionnaireAnswers:
    answers: dict[str, str]  # question key -> the answer as written
    empty: list[str]  # cells of required questions left empty


_KEEP = "The score uses your answers file, not the vendor's copy."
_TYPE = "Type the amount as a plain number, without a currency sign or spaces (1200.50); 0 " \
    "for an item that costs nothing."


def listed(cells: list[str]) -> str:
    more = f" and {len(cells) - MAX_LISTED} more" if len(cells) > MAX_LISTED else ""
    return ", ".join(cells[:MAX_LISTED]) + more


def _short(value: Any, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _text(value: Any) -> str:
    if value is None or isinstance(value, TooLong):
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


# --------------------------------------------------------------------------- arithmetic

_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d*)?|\.\d+)|(.))")


def arithmetic(text: str) -> float | None:
    """The value of a formula made of numbers, + - * / and brackets only; None for anything
    else (a reference, a function, a division by zero)."""
    if len(text) > 200:
        return None
    tokens: list[str] = []
    for match in _TOKEN.finditer(text.strip().lstrip("=")):
        number, other = match.groups()
        if number is not None:
            tokens.append(number)
        elif other is not None and other.strip():
            if other not in "+-*/()":
                return None
            tokens.append(other)
    position = 0

    def peek() -> str:
        return tokens[position] if position < len(tokens) else ""

    def take() -> str:
        nonlocal position
        position += 1
        return tokens[position - 1]

    def expression(depth: int) -> float:
        value = term(depth)
        while peek() in ("+", "-"):
            value = value + term(depth) if take() == "+" else value - term(depth)
        return value

    def term(depth: int) -> float:
        value = factor(depth)
        while peek() in ("*", "/"):
            if take() == "*":
                value *= factor(depth)
            else:
                value /= factor(depth)
        return value

    def factor(depth: int) -> float:
        if depth > 20:
            raise ValueError("too deep")
        token = take() if peek() else ""
        if token == "-":
            return -factor(depth + 1)
        if token == "+":
            return factor(depth + 1)
        if token == "(":
            value = expression(depth + 1)
            if take() != ")":
                raise ValueError("unbalanced")
            return value
        return float(token)

    try:
        result = expression(0)
    except (ValueError, IndexError, ZeroDivisionError, OverflowError):
        return None
    return result if position == len(tokens) and math.isfinite(result) else None


# --------------------------------------------------------------------------- the pricing form


class _PriceReader:
    def __init__(self, book: Workbook, layout: PriceLayout, out: Reporter,
                 scored: bool) -> None:
        self.layout = layout
        self.flag = out.error if scored else out.warning
        self.sheet = layout.sheet
        self.out = out
        self.cells = book.cells(self.sheet, range(1, layout.last_row + 1),
                                range(1, len(LETTER) + 1), formulas=True)
        self.missing: list[str] = []
        self.refused: list[str] = []

    def at(self, column: str, row: int) -> Any:
        return self.cells.get((row, ord(LETTER[column]) - ord("A") + 1))

    def amount(self, line: PriceLine, column: str, what: str) -> float | None:
        """A number from the vendor's cell, or None (empty, or refused with a message)."""
        ref = f"{LETTER[column]}{line.row}"
        value = self.at(column, line.row)
        where = f"sheet {self.sheet}, cell {ref}"
        subject = f"{what}, {line.label!r}"
        if isinstance(value, Formula):
            computed = arithmetic(str(value))
            if computed is None:
                self.refused.append(ref)
                self.flag(f"{where}: the formula ={_short(value)} is not a plain "
                               f"amount ({subject})", "cdc computes the totals itself from "
                               "amounts typed in the yellow cells; " + _TYPE)
                return None
            value = computed
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.refused.append(ref)
            shown = f"{value.length} characters" if isinstance(value, TooLong) else \
                repr(_short(value))
            self.flag(f"{where}: {shown} is not a number ({subject})", _TYPE)
            return None
        number = float(value)
        if not math.isfinite(number) or number < 0 or number > MAX_AMOUNT:
            self.refused.append(ref)
            self.flag(f"{where}: {_short(value)} is not a possible amount ({subject})",
                           "Amounts are zero or more, and under 10¹².")
            return None
        return number

    def line(self, line: PriceLine) -> LineInputs:
        shown = _text(self.at("item", line.row))
        if shown != " ".join(line.label.split()):
            self.out.change(f"sheet {self.sheet}, cell A{line.row}: the item {line.label!r} was "
                            f"changed to {_short(shown)!r}", _KEEP)
        if line.quantity is not None:
            found = self.at("quantity", line.row)
            if not isinstance(found, int | float) or isinstance(found, bool) or \
                    abs(float(found) - line.quantity) > 1e-9:
                self.out.change(f"sheet {self.sheet}, cell C{line.row}: the number of users "
                                f"of {line.label!r} was changed to {_short(_text(found))!r} "
                                f"(sent: {line.quantity:g})", _KEEP)
        what = {"quantity": "quantity" if line.section == "licences" else "days",
                "unit": "price per user per year" if line.section == "licences"
                else "daily rate"}
        given: dict[str, float | None] = {}
        for column in line.priced():
            given[column] = self.amount(line, column, what.get(column, "amount"))
        refs = {c: f"{LETTER[c]}{line.row}" for c in line.priced()}
        empty = [refs[c] for c in line.priced() if given[c] is None and refs[c] not in
                 self.refused]
        if line.required:
            self.missing += empty
        elif line.section == "services" and len(empty) == 1:
            self.missing += empty  # days without a rate, or a rate without days
        detail = _text(self.at("detail", line.row))
        if line.named and not detail and any(v for v in given.values()):
            self.out.warning(f"sheet {self.sheet}, cell B{line.row}: {line.label!r} is priced "
                             "but not named", "Ask the vendor what this amount pays for.")
        return LineInputs(detail, given.get("quantity"), given.get("unit"),
                          tuple(given.get(y) for y in YEAR_KEYS))

    def read(self) -> PriceOffer:
        inputs = {line.key: self.line(line) for line in self.layout.lines}
        if self.missing:
            self.flag(f"sheet {self.sheet}: the pricing form is incomplete, "
                           f"{len(self.missing)} cell(s) left empty ({listed(self.missing)})",
                           "The price of this offer cannot be compared: ask the vendor for "
                           "the missing amounts (0 for an item that costs nothing).")
        yearly = yearly_totals(self.layout, inputs)
        options = yearly_totals(self.layout, inputs, ("options",))
        offer = PriceOffer(inputs, yearly, options, not self.missing and not self.refused,
                           self.missing + self.refused)
        shown = self.at("total", self.layout.tco_row)
        cached = shown.cached if isinstance(shown, Formula) else shown
        if offer.complete and isinstance(cached, int | float) and not isinstance(cached, bool) \
                and abs(float(cached) - offer.tco) > 0.01:
            self.out.warning(
                f"sheet {self.sheet}, cell {self.layout.tco_cell}: the workbook shows a "
                f"five-year total of {float(cached):,.2f} but its amounts give "
                f"{offer.tco:,.2f}; cdc uses {offer.tco:,.2f}",
                "A formula or a total of the pricing form was changed: the figures the vendor "
                "sees are not those of its amounts.")
        return offer


def read_price(book: Workbook, layout: PriceLayout, out: Reporter,
               scored: bool = True) -> PriceOffer:
    """The vendor's prices and the totals cdc computes from them; gaps and values refused are
    errors when the price is an award criterion (``scored``), warnings otherwise."""
    return _PriceReader(book, layout, out, scored).read()


def line_amounts(layout: PriceLayout, offer: PriceOffer) -> dict[str, tuple[float, ...]]:
    """Each line's amounts for the five years (for reports)."""
    return {line.key: amounts(line, offer.inputs.get(line.key, LineInputs()))
            for line in layout.lines if line.section in (*TOTAL_SECTIONS, "options")}


# --------------------------------------------------------------------------- the questionnaire


def read_questionnaire(book: Workbook, layout: QuestionnaireLayout,
                       out: Reporter) -> QuestionnaireAnswers:
    """The vendor's answers; empty required answers and answers off their list reported."""
    sheet = layout.sheet
    cells = book.cells(sheet, range(FIRST_ROW, layout.last_row + 1), range(1, 4))
    answers: dict[str, str] = {}
    empty: list[str] = []
    for q in layout.questions:
        if _text(cells.get((q.row, 2))) != " ".join(q.text.split()):
            out.change(f"sheet {sheet}, cell B{q.row}: question {q.number} was changed",
                       "The vendor must answer the question as written.")
        value = cells.get((q.row, 3))
        if isinstance(value, TooLong):
            out.warning(f"sheet {sheet}, cell {q.cell}: {value.length} characters, more than a "
                        "cell may hold; the answer is left out")
            continue
        text = _text(value)
        if not text:
            if q.required:
                empty.append(q.cell)
            continue
        answers[q.key] = text
        if q.kind == "number" and not (isinstance(value, int | float)
                                       and not isinstance(value, bool)):
            out.warning(f"sheet {sheet}, cell {q.cell}: {_short(text)!r} is not a number "
                        f"({q.number})", "The question asks for a number.")
        elif q.choices and text.casefold() not in {c.casefold() for c in q.choices}:
            out.warning(f"sheet {sheet}, cell {q.cell}: {_short(text)!r} is not one of the "
                        f"answers offered ({q.number})", f"Answers: {', '.join(q.choices)}.")
    required = [q for q in layout.questions if q.required]
    if required and len(empty) == len(required):
        out.warning(f"sheet {sheet}: the questionnaire was not filled in ({len(empty)} "
                    f"questions, cells {empty[0]} to {empty[-1]})",
                    "Ask the vendor for its answers about the company, references, team, "
                    "hosting, reversibility and support.")
    elif empty:
        out.warning(f"sheet {sheet}: {len(empty)} answer(s) left empty ({listed(empty)})")
    return QuestionnaireAnswers(answers, empty)


# --------------------------------------------------------------------------- the whole pack


@dataclass
class PackAnswers:
    price: PriceOffer | None  # None: no pricing form (a grid made before it, or deleted)
    questionnaire: QuestionnaireAnswers | None


def read_pack(book: Workbook, key: PackKey, meta: Mapping[str, Any],
              out: Reporter) -> PackAnswers:
    """The pricing form and the questionnaire of a returned pack, compared with ``key``.

    A grid made before the pack (no ``pack`` row in its ``_cdc`` sheet, no pricing form) is
    still scored: a warning says that its price cannot be.
    """
    sent = _text(meta.get("pack")) == PACK_FORMAT
    price = None
    if key.price.sheet in book.sheet_names:
        price = read_price(book, key.price, out, key.price_scored)
    elif sent:
        (out.error if key.price_scored else out.warning)(
            f"sheet '{key.price.sheet}' is missing (renamed or deleted): price cannot be "
            "scored for this offer", f"Sheets found: {', '.join(book.sheet_names)}.")
    else:
        out.warning(f"no '{key.price.sheet}' sheet: this grid was made before cdc's pricing "
                    "form, so price cannot be scored for it (the other criteria are)",
                    "Send vendors the pack of this version (cdc render FILE -f xlsx) to "
                    "compare prices.")
    questionnaire = None
    if key.questionnaire.sheet in book.sheet_names:
        questionnaire = read_questionnaire(book, key.questionnaire, out)
    elif sent:
        out.warning(f"sheet '{key.questionnaire.sheet}' is missing (renamed or deleted)")
    return PackAnswers(price, questionnaire)
