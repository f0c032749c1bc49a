"""The pack's sheets around the grid: the pricing form, the vendor questionnaire and the
demonstration scenarios, laid out by :mod:`cdc.pack` (the reader takes its addresses there too).

The vendor's cells are yellow and unlocked; the rest is locked (without a password) and the
totals are formulas. Nothing here is the buyer's evaluation: no weight, no score.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from cdc.consultation import scenarios
from cdc.language import capitalise, elide
from cdc.pack import DEMO_COLUMNS, DEMO_FIRST_ROW, DEMO_HEADER_ROW, terms, text_answer, words
from cdc.pack.pricing import (
    COLUMNS,
    LETTER,
    YEAR_KEYS,
    PriceLayout,
    formula,
    price_layout,
    total_formula,
    year_total_formula,
)
from cdc.pack.questionnaire import HEADER_ROW, questionnaire_layout
from cdc.questionnaire import Questionnaire
from cdc.requirements import Requirement
from cdc.typography import french
from cdc.writers.xlsx_style import (
    BORDER,
    CENTER_TOP,
    GREY,
    NAVY,
    PALE_BLUE,
    PALE_GREY,
    WRAP_TOP,
    bar,
    font,
    header,
    lines_needed,
    open_cell,
    print_setup,
    protect,
    put,
)
from cdc.writers.xlsx_style import formula as put_formula

MONEY = {"fr": '#,##0.00\\ "€"', "en": '"€"#,##0.00'}
PRICE_WIDTHS = {"item": 38, "detail": 30, "quantity": 12, "unit": 16, "total": 15}
YEAR_WIDTH = 13
MIDDLE = Alignment(wrap_text=True, vertical="center")
RIGHT = Alignment(horizontal="right", vertical="center")

_DEMO_HEADERS = {
    "fr": ("Identifiant", "Scénario", "Utilisateur", "Étapes", "Données utilisées",
           "Exigences démontrées", "Résultat attendu"),
    "en": ("ID", "Scenario", "User", "Steps", "Data used", "Requirements shown",
           "Expected result"),
}
_DEMO_WIDTHS = (11, 28, 20, 50, 28, 16, 36, 40)


class PackSheets:
    """Writes the pricing form, the questionnaire and the demonstrations of one pack."""

    def __init__(self, data: Any, bank: Questionnaire, lang: str,
                 requirements: Sequence[Requirement], project: str) -> None:
        self.data = data
        self.bank = bank
        self.lang = lang
        self.key = words(lang)
        self.reqs = requirements
        self.project = project
        self.terms = terms(data, bank, lang)
        self.title = text_answer(data, bank, "title")

    def t(self, fr: str, en: str) -> str:
        return en if self.key == "en" else french(fr)

    def heading(self, ws: Worksheet, text: str, notes: Sequence[str], last_column: str) -> None:
        put(ws, "A1", text + (f" — {self.title}" if self.title else ""),
            style=font(size=14, bold=True, color=NAVY))
        ws.row_dimensions[1].height = 24
        for row, note in enumerate(notes, 2):
            put(ws, f"A{row}", note, style=font(italic=True, color="595959"),
                align=Alignment(wrap_text=True, vertical="top"))
            ws.merge_cells(f"A{row}:{last_column}{row}")

    # ------------------------------------------------------------------ pricing form

    def price(self, ws: Worksheet) -> PriceLayout:
        layout = price_layout(self.data, self.bank, self.lang)
        money = MONEY[self.key]
        ws.sheet_view.showGridLines = False
        for column in COLUMNS:
            ws.column_dimensions[LETTER[column]].width = PRICE_WIDTHS.get(column, YEAR_WIDTH)
        self.heading(ws, self.t("Bordereau de prix", "Pricing form"), layout.notes, "J")
        numbers = DataValidation(
            type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
            showErrorMessage=True, errorStyle="stop",
            errorTitle=self.t("Montant", "Amount"),
            error=self.t("Saisissez un nombre positif ou nul, sans unité.",
                         "Enter a number, zero or more, without a unit."))
        for section in layout.sections:
            bar(ws, section.title_row, section.title, len(COLUMNS))
            lines = [line for line in layout.lines if line.section == section.key]
            inputs = set(lines[0].inputs()) if lines else set()
            header(ws, section.header_row, section.headers,
                   vendor=[c in inputs for c in COLUMNS])
            for line in lines:
                self.price_line(ws, layout, line, money, numbers)
            total = section.total_row
            put(ws, f"A{total}", self.t("Total des options", "Total of optional items")
                if section.key == "options" else self.t("Sous-total", "Subtotal"),
                style=font(bold=True), fill=PALE_BLUE)
            for column in COLUMNS[1:]:
                ref = f"{LETTER[column]}{total}"
                if column in (*YEAR_KEYS, "total"):
                    put_formula(ws, ref, total_formula(layout, section, column),
                                number_format=money, style=font(bold=True), fill=PALE_BLUE)
                else:
                    ws[ref].fill = PatternFill("solid", fgColor=PALE_BLUE)
                ws[ref].border = BORDER
            ws[f"A{total}"].border = BORDER
        row = layout.year_total_row
        put(ws, f"A{row}", self.t("Total par an", "Total per year"), style=font(bold=True),
            fill=PALE_BLUE)
        for column in COLUMNS[1:]:
            ref = f"{LETTER[column]}{row}"
            if column in (*YEAR_KEYS, "total"):
                put_formula(ws, ref, year_total_formula(layout, column), number_format=money,
                            style=font(bold=True), fill=PALE_BLUE)
            else:
                ws[ref].fill = PatternFill("solid", fgColor=PALE_BLUE)
            ws[ref].border = BORDER
        ws[f"A{row}"].border = BORDER
        tco = layout.tco_row
        put(ws, f"A{tco}", self.t("Coût total de possession sur cinq ans (hors options)",
                                  "Five-year total cost of ownership (optional items "
                                  "excluded)"),
            style=font(size=11, bold=True, color="FFFFFF"), fill=NAVY,
            align=Alignment(horizontal="right", vertical="center"))
        ws.merge_cells(f"A{tco}:I{tco}")
        put_formula(ws, layout.tco_cell, f"=J{layout.year_total_row}", number_format=money,
                    style=font(size=11, bold=True, color="FFFFFF"), fill=NAVY)
        ws.row_dimensions[tco].height = 20
        ws.add_data_validation(numbers)
        protect(ws)
        print_setup(ws, self.project, landscape=True)
        return layout

    def price_line(self, ws: Worksheet, layout: PriceLayout, line: Any, money: str,
                   numbers: DataValidation) -> None:
        r = line.row
        put(ws, f"A{r}", line.label, style=font(bold=not line.named), fill=PALE_GREY,
            align=MIDDLE)
        ws[f"A{r}"].border = BORDER
        inputs = line.inputs()
        for column in COLUMNS[1:]:
            ref = f"{LETTER[column]}{r}"
            computed = formula(layout, line, column)
            if column in inputs:
                amount = column not in ("detail", "quantity")
                open_cell(ws, ref, align=MIDDLE if column == "detail" else RIGHT,
                          number_format=money if amount else "")
                if column != "detail":
                    numbers.add(ref)
            elif column == "quantity" and line.quantity is not None:
                put(ws, ref, line.quantity, align=RIGHT)
                ws[ref].number_format = "#,##0.##" if line.quantity % 1 else "#,##0"
            elif computed is not None:
                put_formula(ws, ref, computed, number_format=money, align=RIGHT)
            else:
                ws[ref].fill = PatternFill("solid", fgColor=GREY)
            ws[ref].border = BORDER
        ws.row_dimensions[r].height = 12.75 * lines_needed(line.label, PRICE_WIDTHS["item"]) + 4

    # ------------------------------------------------------------------ questionnaire

    def questionnaire(self, ws: Worksheet) -> None:
        layout = questionnaire_layout(self.data, self.bank, self.lang)
        ws.sheet_view.showGridLines = False
        for column, width in zip("ABC", (8, 62, 62), strict=True):
            ws.column_dimensions[column].width = width
        title = self.t(f"Questionnaire {elide('de', self.terms.bidder)}",
                       f"{capitalise(self.terms.bidder_noun)} questionnaire")
        put(ws, "A1", title, style=font(size=14, bold=True, color=NAVY))
        ws.row_dimensions[1].height = 24
        put(ws, "A2", layout.intro, style=font(italic=True, color="595959"), align=WRAP_TOP)
        ws.merge_cells("A2:C2")
        ws.row_dimensions[2].height = 12.75 * lines_needed(layout.intro, 130) + 4
        header(ws, HEADER_ROW, (self.t("N°", "No."), "Question",
                                self.t("Réponse", "Answer")), vendor=(False, False, True),
               height=20)
        for title_text, row in layout.sections:
            bar(ws, row, title_text, 3, size=11)
        numbers = DataValidation(
            type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
            showErrorMessage=True, errorStyle="stop",
            error=self.t("Saisissez un nombre, sans unité.", "Enter a number, without a unit."))
        for q in layout.questions:
            put(ws, f"A{q.row}", q.number, align=CENTER_TOP, fill=PALE_GREY)
            put(ws, f"B{q.row}", q.text, align=WRAP_TOP, fill=PALE_GREY)
            ws[f"A{q.row}"].border = ws[f"B{q.row}"].border = BORDER
            open_cell(ws, q.cell)
            if q.kind in ("choice", "yes_no"):
                choice = DataValidation(
                    type="list", formula1='"' + ",".join(q.choices) + '"', allow_blank=True,
                    showErrorMessage=True, errorStyle="stop",
                    error=self.t("Choisissez une valeur de la liste.",
                                 "Choose a value from the list."))
                choice.add(q.cell)
                ws.add_data_validation(choice)
            elif q.kind == "number":
                numbers.add(q.cell)
            # A text answer gets room for three lines; a number or a choice, one.
            lines = max(lines_needed(q.text, 62), 3 if q.kind == "text" else 1)
            ws.row_dimensions[q.row].height = 12.75 * lines + 5
        ws.add_data_validation(numbers)
        ws.freeze_panes = f"A{HEADER_ROW + 1}"
        protect(ws)
        print_setup(ws, self.project, landscape=False)
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"

    # ------------------------------------------------------------------ demonstrations

    def demonstrations(self, ws: Worksheet) -> None:
        found = scenarios(self.data, self.bank, self.lang, self.reqs)
        ws.sheet_view.showGridLines = False
        columns = [chr(ord("A") + i) for i in range(len(DEMO_COLUMNS))]
        last = columns[-1]
        self.heading(ws, self.t("Scénarios de démonstration", "Demonstration scenarios"), (
            self.t("Chaque scénario retenu est déroulé en démonstration, sur les données "
                   "indiquées. Notez vos remarques dans la dernière colonne : données à "
                   "préparer, durée, étapes que la solution traite autrement.",
                   "Each scenario is run at the demonstration, on the data given. Add your "
                   "remarks in the last column: data to prepare, duration, steps the solution "
                   "handles differently."),), last)
        ws.row_dimensions[2].height = 30
        labels = [*_DEMO_HEADERS[self.key],
                  self.t(f"Remarques {elide('de', self.terms.bidder)}",
                         f"{capitalise(self.terms.bidder_noun)}'s remarks")]
        header(ws, DEMO_HEADER_ROW, labels, vendor=[c == "remarks" for c in DEMO_COLUMNS])
        for column, width in zip(columns, _DEMO_WIDTHS, strict=True):
            ws.column_dimensions[column].width = width
        if not found:
            put(ws, f"A{DEMO_FIRST_ROW}", self.t(
                "Aucun scénario de démonstration n'est prévu.",
                "No demonstration scenario is planned."), style=font(italic=True))
            ws.merge_cells(f"A{DEMO_FIRST_ROW}:{last}{DEMO_FIRST_ROW}")
        for i, scenario in enumerate(found):
            row = DEMO_FIRST_ROW + i
            values = {
                "id": scenario.id, "title": scenario.title, "actor": scenario.actor,
                "steps": "\n".join(f"{n}. {s}" for n, s in enumerate(scenario.steps, 1)),
                "data": scenario.data, "requirements": ", ".join(scenario.requirements),
                "expected": scenario.expected,
            }
            height = 1
            for column, key, width in zip(columns, DEMO_COLUMNS, _DEMO_WIDTHS, strict=True):
                ref = f"{column}{row}"
                if key == "remarks":
                    open_cell(ws, ref)
                    continue
                put(ws, ref, values[key], style=font(bold=key in ("id", "title")),
                    align=CENTER_TOP if key == "id" else WRAP_TOP,
                    fill=PALE_BLUE if i % 2 else None)
                ws[ref].border = BORDER
                height = max(height, lines_needed(values[key], width))
            ws.row_dimensions[row].height = 12.75 * height + 6
        ws.freeze_panes = f"C{DEMO_FIRST_ROW}"
        protect(ws)
        print_setup(ws, self.project, landscape=True)
        ws.print_title_rows = f"{DEMO_HEADER_ROW}:{DEMO_HEADER_ROW}"
