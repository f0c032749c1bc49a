"""The tender pack (``cdc render -f xlsx``): the workbook sent to vendors.

Unlike the other writers it ignores the document tree: the pack is built from the answers and
the requirements list (:func:`cdc.requirements.build_requirements`). It is sent to vendors, so it
holds nothing of the buyer's evaluation: no weights, no points, no score, no verdict (those are
computed by ``cdc score --answers``, :mod:`cdc.scoring`). Its sheets, named in the document's
language:

- Instructions: the project, the deadline and the contact of part 7, the cells the vendor fills
  (its name first), how to answer, the project id and the requirements' fingerprint;
- Grille / Grid: one row per requirement, the specification's columns locked, the vendor's open,
  drop-downs on coverage and yes/no columns;
- Prix / Pricing, Questionnaire, Démonstrations / Demonstrations: the pricing form, the vendor
  questionnaire and the demonstration scenarios (:mod:`cdc.writers.xlsx_pack`, laid out by
  :mod:`cdc.pack`);
- ``_cdc`` (hidden): the layout, so that :mod:`cdc.scoring` recognises the grid. Nothing in it is
  trusted: scoring compares every cell with the buyer's answers file.

Sheets are protected without a password, against accidental edits (documented on the
Instructions sheet). Output is byte-for-byte reproducible when SOURCE_DATE_EPOCH is set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from cdc.document import Document
from cdc.errors import CdcError
from cdc.files import write_atomic
from cdc.language import capitalise, elide
from cdc.pack import PACK_FORMAT, PACK_META_ROW, sheet_names, terms, text_answer
from cdc.questionnaire import Questionnaire, load_questionnaire
from cdc.requirements import (
    COVERAGE_LABELS,
    COVERAGES,
    GRID_COLUMNS,
    GRID_FIRST_ROW,
    GRID_FORMAT,
    GRID_HEADER_ROW,
    META_HEADER_ROW,
    META_SHEET,
    SHEET_NAMES,
    VENDOR_COLUMNS,
    YES_NO,
    Requirement,
    build_requirements,
    fingerprint,
    project_id,
)
from cdc.writers import Assets
from cdc.writers.xlsx_instructions import COVERAGE_FILLS, Instructions
from cdc.writers.xlsx_style import (
    BLUE,
    BORDER,
    CENTER_TOP,
    INPUT,
    NAVY,
    PALE_BLUE,
    WHITE,
    WRAP_TOP,
    fixed_time,
    font,
    print_setup,
    protect,
    put,
    workbook_bytes,
)

__all__ = ["WRITER", "XlsxWriter", "grid_bytes", "workbook_bytes"]

WIDTHS = {"id": 11, "module": 18, "statement": 58, "priority": 13, "eliminatory": 12,
          "acceptance": 48, "coverage": 24, "comment": 40, "reference": 22, "effort": 16,
          "upgrade_impact": 14, "demonstrable": 14}

HEADERS = {
    "id": ("Identifiant", "ID"),
    "module": ("Module", "Module"),
    "statement": ("Exigence", "Requirement"),
    "priority": ("Priorité", "Priority"),
    "eliminatory": ("Éliminatoire", "Eliminatory"),
    "acceptance": ("Critère de recette", "Acceptance criterion"),
    "coverage": ("Couverture", "Coverage"),
    "comment": ("Commentaire", "Comment"),
    "reference": ("Référence documentaire", "Documentation reference"),
    "effort": ("Effort ou coût", "Effort or cost"),
    "upgrade_impact": ("Impact montée de version", "Upgrade impact"),
    "demonstrable": ("Démontrable", "Demonstrable"),
}

MAX_ROW_HEIGHT = 409
"""Points: the tallest row Excel and LibreOffice accept (a taller one is clamped, or the file
repaired); a longer cell scrolls."""


def _l(lang: str, pair: tuple[str, str]) -> str:
    return pair[1] if lang == "en" else pair[0]


# --------------------------------------------------------------------------- sheets


class _Grid:
    """Builds the workbook; every cell address the scoring needs comes from one place."""

    def __init__(self, data: Any, bank: Questionnaire, lang: str,
                 requirements: Sequence[Requirement]) -> None:
        self.data = data
        self.bank = bank
        self.lang = lang
        self.reqs = requirements
        self.names = SHEET_NAMES["en" if lang == "en" else "fr"]
        self.pack = sheet_names(lang)
        self.terms = terms(data, bank, lang)
        self.project = project_id(data, bank)
        self.wb = Workbook()
        self.yes, self.no = YES_NO["en" if lang == "en" else "fr"]
        self.last_row = GRID_FIRST_ROW + len(requirements) - 1
        self.col = {key: get_column_letter(i + 1) for i, key in enumerate(GRID_COLUMNS)}
        self.vendor_cell = ""

    def t(self, fr: str, en: str) -> str:
        return en if self.lang == "en" else fr

    def build(self) -> Workbook:
        from cdc.writers.xlsx_pack import PackSheets

        ws = self.wb.active
        assert ws is not None
        ws.title = self.names["instructions"]
        grid = self.wb.create_sheet(self.names["grid"])
        sheets = PackSheets(self.data, self.bank, self.lang, self.reqs, self.project)
        sheets.price(self.wb.create_sheet(self.pack["price"]))
        sheets.questionnaire(self.wb.create_sheet(self.pack["questionnaire"]))
        sheets.demonstrations(self.wb.create_sheet(self.pack["demonstrations"]))
        meta = self.wb.create_sheet(META_SHEET)
        instructions = Instructions(self.data, self.bank, self.lang, self.reqs, self.project,
                                    self.names)
        instructions.write(ws)
        self.vendor_cell = instructions.vendor_cell
        self.grid(grid)
        self.meta(meta)
        self.wb.active = 0
        self.wb.security = WorkbookProtection(lockStructure=True)
        return self.wb

    # ------------------------------------------------------------------ the grid

    def grid(self, ws: Worksheet) -> None:
        last_col = get_column_letter(len(GRID_COLUMNS))
        first_vendor = self.col[VENDOR_COLUMNS[0]]
        spec_last = get_column_letter(GRID_COLUMNS.index(VENDOR_COLUMNS[0]))
        title = text_answer(self.data, self.bank, "title")
        put(ws, "A1", self.t("Grille de réponse", "Response grid") + (f" — {title}" if title
                                                                          else ""),
            style=font(size=14, bold=True, color=NAVY))
        ws.row_dimensions[1].height = 24
        put(ws, "A2", self.t("Cahier des charges (ne pas modifier)",
                             "Specification (do not change)"),
            style=font(bold=True, color=WHITE), fill=NAVY,
            align=Alignment(horizontal="center", vertical="center"))
        ws.merge_cells(f"A2:{spec_last}2")
        put(ws, f"{first_vendor}2",
            self.t(f"Réponse {elide('de', self.terms.bidder)} (à compléter)",
                   f"{capitalise(self.terms.bidder_noun)}'s response (to fill in)"),
            style=font(bold=True, color="7F6000"), fill="FFD966",
            align=Alignment(horizontal="center", vertical="center"))
        ws.merge_cells(f"{first_vendor}2:{last_col}2")
        for key in GRID_COLUMNS:
            ref = f"{self.col[key]}{GRID_HEADER_ROW}"
            vendor = key in VENDOR_COLUMNS
            put(ws, ref, _l(self.lang, HEADERS[key]),
                style=font(bold=True, color="7F6000" if vendor else WHITE),
                fill="FFE699" if vendor else BLUE,
                align=Alignment(horizontal="center", vertical="center", wrap_text=True))
            ws[ref].border = BORDER
            ws.column_dimensions[self.col[key]].width = WIDTHS[key]
        ws.row_dimensions[GRID_HEADER_ROW].height = 32
        previous = ""
        shade = False
        for i, req in enumerate(self.reqs):
            row = GRID_FIRST_ROW + i
            if req.module != previous:
                shade = not shade
                previous = req.module
            values = {
                "id": req.id, "module": req.module_label, "statement": req.statement,
                "priority": req.priority_label,
                "eliminatory": self.yes if req.eliminatory else self.no,
                "acceptance": req.acceptance_criterion,
            }
            for key in GRID_COLUMNS:
                ref = f"{self.col[key]}{row}"
                if key in VENDOR_COLUMNS:
                    cell = ws[ref]
                    cell.fill = PatternFill("solid", fgColor=INPUT)
                    cell.protection = Protection(locked=False)
                    cell.font = font()
                    cell.alignment = (CENTER_TOP if key in ("coverage", "upgrade_impact",
                                                            "demonstrable") else WRAP_TOP)
                else:
                    bold = key == "id" or (key == "eliminatory" and req.eliminatory)
                    put(ws, ref, values[key], fill=PALE_BLUE if shade else WHITE,
                        style=font(bold=bold, color="C00000" if key == "eliminatory"
                                   and req.eliminatory else "000000"),
                        align=CENTER_TOP if key in ("id", "priority", "eliminatory")
                        else WRAP_TOP)
                ws[ref].border = BORDER
            # Arial 10 holds about 1.45 characters per unit of column width.
            lines = max(-(-len(req.statement) // 84), -(-len(req.acceptance_criterion) // 69), 1)
            ws.row_dimensions[row].height = min(12.75 * lines + 6, MAX_ROW_HEIGHT)
        if self.reqs:
            self.validations(ws)
            self.coverage_colours(ws)
        ws.freeze_panes = f"C{GRID_FIRST_ROW}"
        ws.auto_filter.ref = f"A{GRID_HEADER_ROW}:{last_col}{max(self.last_row, GRID_HEADER_ROW)}"
        protect(ws)
        print_setup(ws, self.project, landscape=True)
        ws.print_title_rows = f"{GRID_HEADER_ROW}:{GRID_HEADER_ROW}"

    def validations(self, ws: Worksheet) -> None:
        labels = [COVERAGE_LABELS[k].get(self.lang) for k in COVERAGES]
        coverage = DataValidation(
            type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True,
            showErrorMessage=True, showInputMessage=True, errorStyle="stop",
            errorTitle=self.t("Couverture", "Coverage"),
            error=self.t("Choisissez une valeur de la liste.", "Choose a value from the list."),
            promptTitle=self.t("Couverture", "Coverage"),
            prompt=self.t("Standard, Configuration, Spécifique, Module tiers, Version future ou "
                          "Non couvert", "Standard, Configuration, Specific, Third-party, "
                          "Future release or Not covered"))
        coverage.add(f"{self.col['coverage']}{GRID_FIRST_ROW}:{self.col['coverage']}"
                     f"{self.last_row}")
        yes_no = DataValidation(
            type="list", formula1=f'"{self.yes},{self.no}"', allow_blank=True,
            showErrorMessage=True, errorStyle="stop",
            error=self.t("Répondez Oui ou Non.", "Answer Yes or No."))
        for key in ("upgrade_impact", "demonstrable"):
            yes_no.add(f"{self.col[key]}{GRID_FIRST_ROW}:{self.col[key]}{self.last_row}")
        ws.add_data_validation(coverage)
        ws.add_data_validation(yes_no)

    def coverage_colours(self, ws: Worksheet) -> None:
        rng = f"{self.col['coverage']}{GRID_FIRST_ROW}:{self.col['coverage']}{self.last_row}"
        for key in COVERAGES:
            label = COVERAGE_LABELS[key].get(self.lang)
            ws.conditional_formatting.add(rng, CellIsRule(
                operator="equal", formula=[f'"{label}"'],
                fill=PatternFill("solid", fgColor=COVERAGE_FILLS[key],
                                 bgColor=COVERAGE_FILLS[key])))

    # ------------------------------------------------------------------ metadata

    def meta(self, ws: Worksheet) -> None:
        rows: list[tuple[str, Any]] = [
            ("format", GRID_FORMAT),
            ("project_id", self.project),
            ("lang", self.lang),
            ("fingerprint", fingerprint(self.reqs)),
            ("count", len(self.reqs)),
            ("vendor_cell", self.vendor_cell),
            ("grid_sheet", self.names["grid"]),
            ("first_row", GRID_FIRST_ROW),
            ("pack", PACK_FORMAT),  # row PACK_META_ROW: sent with the pricing form
        ]
        assert rows[PACK_META_ROW - 1][0] == "pack"
        for i, (key, value) in enumerate(rows, 1):
            put(ws, f"A{i}", key)
            put(ws, f"B{i}", value)
        start = META_HEADER_ROW
        for i, head in enumerate(("id", "statement", "priority", "eliminatory", "module")):
            put(ws, f"{get_column_letter(i + 1)}{start}", head)
        for i, req in enumerate(self.reqs, start + 1):
            put(ws, f"A{i}", req.id)
            put(ws, f"B{i}", req.statement)
            put(ws, f"C{i}", req.priority)
            put(ws, f"D{i}", int(req.eliminatory))
            put(ws, f"E{i}", req.module_label)
        ws.sheet_state = "hidden"
        ws.protection.sheet = True


# --------------------------------------------------------------------------- saving


def grid_bytes(data: Any, bank: Questionnaire, lang: str = "fr",
               requirements: Sequence[Requirement] | None = None) -> bytes:
    """The tender pack's workbook (the response grid and the sheets around it), as bytes."""
    reqs = list(requirements) if requirements is not None else build_requirements(data, bank, lang)
    if not reqs:
        raise CdcError("there are no requirements to put in the response grid",
                       "Choose modules in mapping.crm_modules, add custom_requirements, or "
                       "answer the technical part.")
    wb = _Grid(data, bank, lang, reqs).build()
    when = fixed_time() or dt.datetime.now(tz=dt.UTC).replace(tzinfo=None, microsecond=0)
    wb.properties.creator = "cdc"
    wb.properties.lastModifiedBy = "cdc"
    wb.properties.title = _l(lang, ("Dossier de réponse", "Response pack"))
    wb.properties.created = when
    wb.properties.modified = when
    return workbook_bytes(wb)


class XlsxWriter:
    """``cdc render FILE -f xlsx``: the tender pack (the response grid and its sheets)."""

    extension = "xlsx"

    def write(self, doc: Document, assets: Assets, target: Path) -> list[Path]:
        if assets.answers is None:
            raise CdcError("the response grid needs the answers, which the renderer did not pass",
                           "This is a bug in cdc: Assets.answers is empty.")
        bank = load_questionnaire()
        write_atomic(target, grid_bytes(assets.answers, bank, assets.lang))
        return [target]


WRITER = XlsxWriter()
