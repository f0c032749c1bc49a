"""The pricing form ("Prix" / "Pricing"): its lines, cells and formulas, and what they compute.

Four sections, one row per line, the same ten columns everywhere (item, the vendor's details,
quantity, unit price, years 1 to 5, five-year total):

- licences: one line per user profile of part 1, the buyer's number of users (the vendor's
  number of concurrent licences when concurrent users are asked), a price per user and per year;
  each year is users × price;
- one-off services: one line per phase of the plan (else per service expected), days × daily
  rate, paid in year 1; two lines the vendor may name;
- recurring costs: support and maintenance, hosting, modules and options, another the vendor
  names, an amount per year;
- optional items, apart: named by the vendor, an amount per year, never in the total.

The five-year total cost of ownership is the sum of the first three sections over five years.
:func:`formula` gives the workbook's formula of a cell and :func:`amounts` the same figures
computed by cdc from the vendor's inputs: the score uses the latter, never a cached result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cdc.answers import answer_of
from cdc.pack import number, records, sheet_names, text_answer, words
from cdc.questionnaire import Questionnaire
from cdc.typography import cut_long_words, french

YEARS = 5
COLUMNS = ("item", "detail", "quantity", "unit", "y1", "y2", "y3", "y4", "y5", "total")
LETTER = {key: chr(ord("A") + i) for i, key in enumerate(COLUMNS)}
YEAR_KEYS = COLUMNS[4:9]
FIRST_SECTION_ROW = 5
MAX_AMOUNT = 1e12
"""Largest amount read from a price cell: beyond, it is a typing mistake."""

TOTAL_SECTIONS = ("licences", "services", "recurring")
"""The sections whose amounts make the five-year total cost of ownership."""


@dataclass(frozen=True)
class PriceLine:
    """One line of the form. ``quantity`` is the buyer's (locked), None when the vendor gives it;
    ``required`` lines must be priced (0 is a price); ``named`` lines are named by the vendor
    (column B) and priced only if it wants."""

    key: str
    section: str
    label: str
    row: int
    quantity: float | None = None
    required: bool = True
    named: bool = False

    def inputs(self) -> tuple[str, ...]:
        """The columns the vendor fills on this line."""
        if self.section == "licences":
            return ("detail", "unit") if self.quantity is not None else \
                ("detail", "quantity", "unit")
        if self.section == "services":
            return ("detail", "quantity", "unit")
        return ("detail", *YEAR_KEYS)

    def priced(self) -> tuple[str, ...]:
        """The columns holding amounts or quantities (all but the details)."""
        return tuple(c for c in self.inputs() if c != "detail")


@dataclass(frozen=True)
class PriceSection:
    key: str  # licences, services, recurring, options
    title: str
    title_row: int
    header_row: int
    headers: tuple[str, ...]  # one per column of COLUMNS
    first: int
    last: int
    total_row: int


@dataclass(frozen=True)
class PriceLayout:
    sheet: str
    sections: tuple[PriceSection, ...]
    lines: tuple[PriceLine, ...]
    year_total_row: int  # E:I the yearly totals, J the five-year total (the TCO)
    tco_row: int  # the five-year total again, in large
    notes: tuple[str, ...]  # rows 2 and 3

    @property
    def tco_cell(self) -> str:
        return f"{LETTER['total']}{self.tco_row}"

    @property
    def last_row(self) -> int:
        return max(s.total_row for s in self.sections)

    def section(self, key: str) -> PriceSection:
        return next(s for s in self.sections if s.key == key)


def cell(column: str, row: int) -> str:
    return f"{LETTER[column]}{row}"


# --------------------------------------------------------------------------- words

_W: Mapping[str, Mapping[str, str]] = {
    "fr": {
        "title": "Bordereau de prix", "licences": "1. Licences ou abonnements",
        "services": "2. Prestations de mise en œuvre (forfait, payé la première année)",
        "recurring": "3. Coûts récurrents", "options": "4. Options (hors coût total, pour "
        "information)", "year": "Année {n}", "total": "Total 5 ans",
        "profile": "Profil d'utilisateurs", "licence": "Licence ou édition proposée",
        "users": "Utilisateurs", "concurrent": "Licences simultanées",
        "per_user": "Prix par utilisateur et par an", "phase": "Phase ou prestation",
        "content": "Contenu et profils mobilisés", "days": "Jours", "rate": "Taux journalier",
        "item": "Poste", "precision": "Précisions", "option": "Option",
        "description": "Description", "subtotal": "Sous-total", "year_total": "Total par an",
        "tco": "Coût total de possession sur cinq ans (hors options)",
        "options_total": "Total des options", "all_users": "Utilisateurs du CRM",
        "other_service": "Autre prestation (à nommer)", "support": "Support et maintenance",
        "hosting": "Hébergement et exploitation", "hosting_optional": "Hébergement (si proposé)",
        "modules": "Modules et options compris dans l'offre",
        "other_recurring": "Autre coût récurrent (à nommer)", "option_n": "Option {n}",
        "note": "Montants en euros hors taxes. Remplissez les cellules jaunes, 0 pour un poste "
        "sans coût ; les totaux se calculent seuls.",
        "named": "Licences chiffrées par utilisateur nommé : une licence par personne.",
        "concurrent_note": "Licences chiffrées par utilisateur simultané : indiquez le nombre de "
        "licences proposé pour les utilisateurs de chaque profil.",
        "either": "Licences par utilisateur nommé ou simultané : précisez le modèle dans la "
        "colonne B.",
        "read_only": " Dont {n} utilisateurs en lecture seule.",
        "people": "{label} ({n} personnes)",
    },
    "en": {
        "title": "Pricing form", "licences": "1. Licences or subscriptions",
        "services": "2. Implementation services (fixed price, paid in the first year)",
        "recurring": "3. Recurring costs", "options": "4. Optional items (outside the total, "
        "for information)", "year": "Year {n}", "total": "5-year total",
        "profile": "User profile", "licence": "Licence or edition proposed",
        "users": "Users", "concurrent": "Concurrent licences",
        "per_user": "Price per user per year", "phase": "Phase or service",
        "content": "Content and staff involved", "days": "Days", "rate": "Daily rate",
        "item": "Item", "precision": "Details", "option": "Option",
        "description": "Description", "subtotal": "Subtotal", "year_total": "Total per year",
        "tco": "Five-year total cost of ownership (optional items excluded)",
        "options_total": "Total of optional items", "all_users": "CRM users",
        "other_service": "Other service (name it)", "support": "Support and maintenance",
        "hosting": "Hosting and operations", "hosting_optional": "Hosting (if offered)",
        "modules": "Modules and options included in the offer",
        "other_recurring": "Other recurring cost (name it)", "option_n": "Option {n}",
        "note": "Amounts in euros, excluding VAT. Fill in the yellow cells, 0 for an item that "
        "costs nothing; the totals compute themselves.",
        "named": "Licences priced per named user: one licence per person.",
        "concurrent_note": "Licences priced per concurrent user: give the number of licences "
        "offered for each profile's users.",
        "either": "Licences per named or concurrent user: state the model in column B.",
        "read_only": " Of which {n} read-only users.",
        "people": "{label} ({n} people)",
    },
}


def label(key: str, lang: str, **values: Any) -> str:
    """A text of the form, with French spacing (no-break spaces before : ; and in « »)."""
    key_lang = words(lang)
    text = _W[key_lang][key].format(**values)
    return french(text) if key_lang == "fr" else text


# --------------------------------------------------------------------------- the layout


def _services(data: Any, bank: Questionnaire, lang: str) -> list[str]:
    """The one-off services to price: the phases of the plan, else the services expected."""
    # a pasted block in a name is cut here, once: the sheet shows and cdc score reads the same
    phases = [cut_long_words(str(r.get("name") or "").strip(), lang)
              for r in records(data, bank, "phases")]
    if any(phases):
        return [p for p in phases if p]
    expected = answer_of(data, bank, "expected_services")
    found = []
    if isinstance(expected, list) and "expected_services" in bank.part_of:
        question = bank.question("expected_services")
        for value in expected:
            choice = question.choice(value)
            if choice is not None and value not in ("maintenance", "hosting"):
                found.append(choice.label.get(lang))
    return found or [label("phase", lang)]


def price_layout(data: Any, bank: Questionnaire, lang: str) -> PriceLayout:
    """Where every line and total of the pricing form is, built from the buyer's answers."""
    model = text_answer(data, bank, "licensing_model") or "named"
    concurrent = model == "concurrent"
    lines: list[PriceLine] = []
    sections: list[PriceSection] = []
    row = FIRST_SECTION_ROW
    years = tuple(label("year", lang, n=n) for n in range(1, YEARS + 1))

    def section(key: str, headers: tuple[str, str, str, str],
                items: Sequence[tuple[str, float | None, bool, bool]]) -> None:
        nonlocal row
        title_row, header_row, first = row, row + 1, row + 2
        for i, (name, quantity, required, named) in enumerate(items):
            lines.append(PriceLine(f"{key}-{i + 1}", key, name, first + i, quantity, required,
                                   named))
        last = first + len(items) - 1
        sections.append(PriceSection(key, label(key, lang), title_row, header_row,
                                     (*headers, *years, label("total", lang)), first, last,
                                     last + 1))
        row = last + 3

    profiles: list[tuple[str, float | None, bool, bool]] = []
    for record in records(data, bank, "user_profiles"):
        name = cut_long_words(str(record.get("profile") or "").strip(), lang)
        count = number(record.get("count"))
        if not name:
            continue
        if concurrent:
            shown = label("people", lang, label=name, n=f"{count:g}") if count is not None \
                else name
            profiles.append((shown, None, True, False))
        else:  # a profile whose number the answers do not give: the vendor states it
            profiles.append((name, count, True, False))
    if not profiles:
        total = number(answer_of(data, bank, "total_users"))
        profiles.append((label("all_users", lang),
                         None if concurrent or total is None else total, True, False))
    section("licences", (label("profile", lang), label("licence", lang),
                         label("concurrent" if concurrent else "users", lang),
                         label("per_user", lang)), profiles)
    services = [(name, None, True, False) for name in _services(data, bank, lang)]
    services += [(label("other_service", lang), None, False, True)] * 2
    section("services", (label("phase", lang), label("content", lang), label("days", lang),
                         label("rate", lang)), services)
    on_premise = text_answer(data, bank, "hosting_mode") == "on_premise"
    recurring = [(label("support", lang), None, True, False),
                 (label("hosting_optional" if on_premise else "hosting", lang), None,
                  not on_premise, False),
                 (label("modules", lang), None, False, False),
                 (label("other_recurring", lang), None, False, True)]
    section("recurring", (label("item", lang), label("precision", lang), "", ""), recurring)
    year_total_row = row
    tco_row = year_total_row + 1
    row = tco_row + 2
    options = [(label("option_n", lang, n=n), None, False, True) for n in range(1, 4)]
    section("options", (label("option", lang), label("description", lang), "", ""), options)
    basis = {"concurrent": "concurrent_note", "either": "either"}.get(model, "named")
    note = label(basis, lang)
    read_only = number(answer_of(data, bank, "read_only_users"))
    if read_only and not concurrent:
        note += label("read_only", lang, n=f"{read_only:g}")
    return PriceLayout(sheet_names(lang)["price"], tuple(sections), tuple(lines),
                       year_total_row, tco_row, (label("note", lang), note))


# --------------------------------------------------------------------------- formulas


def formula(layout: PriceLayout, line: PriceLine, column: str) -> str | None:
    """The formula of a computed cell of ``line`` (a year or the total), None for an input."""
    r = line.row
    if column == "total":
        return f"=SUM({cell('y1', r)}:{cell('y5', r)})"
    if column not in YEAR_KEYS:
        return None
    if line.section == "licences":
        return f"=${LETTER['quantity']}{r}*${LETTER['unit']}{r}"
    if line.section == "services":
        return f"={cell('quantity', r)}*{cell('unit', r)}" if column == "y1" else None
    return None


def total_formula(layout: PriceLayout, section: PriceSection, column: str) -> str:
    letter = LETTER[column]
    return f"=SUM({letter}{section.first}:{letter}{section.last})"


def year_total_formula(layout: PriceLayout, column: str) -> str:
    letter = LETTER[column]
    if column == "total":
        return f"=SUM({cell('y1', layout.year_total_row)}:{cell('y5', layout.year_total_row)})"
    return "=" + "+".join(f"{letter}{layout.section(k).total_row}" for k in TOTAL_SECTIONS)


# --------------------------------------------------------------------------- amounts


@dataclass(frozen=True)
class LineInputs:
    """What the vendor entered on one line (None: empty)."""

    detail: str = ""
    quantity: float | None = None
    unit: float | None = None
    years: tuple[float | None, ...] = (None,) * YEARS


def amounts(line: PriceLine, given: LineInputs) -> tuple[float, ...]:
    """The line's amount for each year, as the workbook's formulas compute it."""
    if line.section == "licences":
        quantity = line.quantity if line.quantity is not None else given.quantity
        each = (quantity or 0.0) * (given.unit or 0.0)
        return (each,) * YEARS
    if line.section == "services":
        return ((given.quantity or 0.0) * (given.unit or 0.0),) + (0.0,) * (YEARS - 1)
    return tuple(v or 0.0 for v in given.years)


def yearly_totals(layout: PriceLayout, inputs: Mapping[str, LineInputs],
                  sections: Sequence[str] = TOTAL_SECTIONS) -> tuple[float, ...]:
    """The total of each year over ``sections`` (by default those of the TCO)."""
    totals = [0.0] * YEARS
    for line in layout.lines:
        if line.section in sections:
            for i, amount in enumerate(amounts(line, inputs.get(line.key, LineInputs()))):
                totals[i] += amount
    return tuple(totals)
