"""The vendor response grid (grille de réponse) as an Excel workbook, built from the requirements.

Unlike the other writers it ignores the document tree: the grid is the requirements list
(:func:`cdc.requirements.build_requirements`) with columns for the vendor. It is sent to vendors,
so it holds nothing of the buyer's evaluation: no weights, no points, no score, no verdict (those
are computed by ``cdc score --answers``, :mod:`cdc.scoring`). Three sheets:

- Instructions: the project, how to answer, what the coverage levels and priorities mean, the
  cells the vendor fills (its name first), the project id and the requirements' fingerprint;
- Grille / Grid: one row per requirement, the specification's columns locked, the vendor's open,
  drop-downs on coverage and yes/no columns;
- ``_cdc`` (hidden): the layout, so that :mod:`cdc.scoring` recognises the grid. Nothing in it is
  trusted: scoring compares every cell with the buyer's answers file.

Sheets are protected without a password, against accidental edits (documented on the
Instructions sheet). Output is byte-for-byte reproducible when SOURCE_DATE_EPOCH is set.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from cdc.answers import answer_of, is_answered
from cdc.document import Document
from cdc.errors import CdcError
from cdc.files import write_atomic
from cdc.questionnaire import Questionnaire, load_questionnaire
from cdc.requirements import (
    COVERAGE_LABELS,
    COVERAGES,
    GRID_COLUMNS,
    GRID_FIRST_ROW,
    GRID_FORMAT,
    GRID_HEADER_ROW,
    META_SHEET,
    PRIORITIES,
    PRIORITY_LABELS,
    SHEET_NAMES,
    VENDOR_COLUMNS,
    YES_NO,
    Requirement,
    build_requirements,
    fingerprint,
    project_id,
)
from cdc.writers import Assets

NAVY = "1F3864"
BLUE = "2E75B6"
PALE_BLUE = "DDEBF7"
PALE_GREY = "F2F2F2"
INPUT = "FFF2CC"  # cells the vendor fills
WHITE = "FFFFFF"
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER_TOP = Alignment(horizontal="center", vertical="top", wrap_text=True)

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

COVERAGE_HELP = {
    "standard": ("Couvert par le produit tel que livré, sans paramétrage.",
                 "Covered by the product as delivered, without configuration."),
    "configuration": ("Couvert par paramétrage (écrans, règles, champs) sans code.",
                      "Covered by configuration (screens, rules, fields) without code."),
    "specific": ("Nécessite un développement spécifique : chiffrez-le dans « Effort ou coût ».",
                 "Needs specific development: price it in \"Effort or cost\"."),
    "third_party": ("Couvert par un module ou un partenaire tiers : nommez-le en commentaire.",
                    "Covered by a third-party module or partner: name it in the comment."),
    "future": ("Prévu dans une version future : donnez la date en commentaire.",
               "Planned in a future release: give the date in the comment."),
    "not_covered": ("Non couvert par la solution proposée.",
                    "Not covered by the proposed solution."),
}
PRIORITY_HELP = {
    "must": ("Indispensable, sans solution de contournement.",
             "Essential, with no workaround."),
    "should": ("Important, mais un contournement existe.", "Important, but a workaround exists."),
    "could": ("Un plus apprécié.", "A welcome bonus."),
    "wont": ("Hors périmètre de ce projet ; réponse pour information.",
             "Out of this project's scope; answer for information."),
}

COVERAGE_FILLS = {"standard": "C6EFCE", "configuration": "E2EFDA", "specific": "FFEB9C",
                  "third_party": "DDEBF7", "future": "FCE4D6", "not_covered": "FFC7CE"}


FONT = "Arial"  # LibreOffice maps it to the metric-compatible Liberation Sans


MAX_ROW_HEIGHT = 409
"""Points: the tallest row Excel and LibreOffice accept (a taller one is clamped, or the file
repaired); a longer cell scrolls."""


def _font(**kwargs: Any) -> Font:
    return Font(name=FONT, size=kwargs.pop("size", 10), **kwargs)


def _l(lang: str, pair: tuple[str, str]) -> str:
    return pair[1] if lang == "en" else pair[0]


def _clean(value: str) -> str:
    """Answers are untrusted: no characters XML forbids."""
    return str(ILLEGAL_CHARACTERS_RE.sub("", value))


def _put(ws: Worksheet, ref: str, value: Any, *, font: Font | None = None,
         fill: str | None = None, align: Alignment | None = None) -> Cell:
    """Writes a value as data: a text starting with '=' stays text, never a formula."""
    cell: Cell = ws[ref]
    if isinstance(value, str):
        cell.value = _clean(value)
        cell.data_type = "s"
    else:
        cell.value = value
    cell.font = font or _font()
    if fill:
        cell.fill = PatternFill("solid", fgColor=fill)
    if align:
        cell.alignment = align
    return cell


def _formula(ws: Worksheet, ref: str, formula: str) -> Cell:
    cell: Cell = ws[ref]
    cell.value = formula
    return cell


def _fixed_time() -> dt.datetime | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    return None


def _format_date(value: Any, lang: str) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y") if lang == "fr" else value.isoformat()
    return str(value)


def _deadline(data: Any, bank: Questionnaire, lang: str) -> str:
    """The response deadline: the planning milestone about vendors' answers, if there is one."""
    milestones = answer_of(data, bank, "milestones")
    pattern = re.compile(r"r[ée]pons|respons|offre|offer|consultation|remise|tender|bid", re.I)
    if isinstance(milestones, list):
        for m in milestones:
            if isinstance(m, Mapping) and pattern.search(str(m.get("name", ""))) \
                    and is_answered(m.get("date")):
                return _format_date(m["date"], lang)
    return _l(lang, ("À préciser par l'acheteur", "To be given by the buyer"))


def _answer_text(data: Any, bank: Questionnaire, qid: str) -> str:
    value = answer_of(data, bank, qid)
    return str(value).strip() if is_answered(value) else ""


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
        self.wb = Workbook()
        self.yes, self.no = YES_NO["en" if lang == "en" else "fr"]
        self.last_row = GRID_FIRST_ROW + len(requirements) - 1
        self.col = {key: get_column_letter(i + 1) for i, key in enumerate(GRID_COLUMNS)}
        self.vendor_cell = ""

    def t(self, fr: str, en: str) -> str:
        return en if self.lang == "en" else fr

    def build(self) -> Workbook:
        ws = self.wb.active
        assert ws is not None
        ws.title = self.names["instructions"]
        grid = self.wb.create_sheet(self.names["grid"])
        meta = self.wb.create_sheet(META_SHEET)
        self.instructions(ws)
        self.grid(grid)
        self.meta(meta)
        self.wb.active = 0
        self.wb.security = WorkbookProtection(lockStructure=True)
        return self.wb

    # ------------------------------------------------------------------ instructions

    def instructions(self, ws: Worksheet) -> None:
        ws.sheet_view.showGridLines = False
        ws.column_dimensions["A"].width = 34
        ws.column_dimensions["B"].width = 70
        ws.column_dimensions["C"].width = 12
        title = _answer_text(self.data, self.bank, "title") or self.t("Cahier des charges CRM",
                                                                      "CRM specification")
        company = _answer_text(self.data, self.bank, "company")
        _put(ws, "A1", self.t("Grille de réponse des éditeurs", "Vendor response grid"),
             font=_font(size=18, bold=True, color=NAVY))
        _put(ws, "A2", f"{title} — {company}" if company else title,
             font=_font(size=12, italic=True, color=BLUE))
        row = 4
        row = self.section(ws, row, self.t("Le projet", "The project"))
        contact = (_answer_text(self.data, self.bank, "project_lead")
                   or _answer_text(self.data, self.bank, "author"))
        facts = [
            (self.t("Projet", "Project"), title),
            (self.t("Client", "Buyer"), company),
            (self.t("Identifiant du projet", "Project id"), project_id(self.data, self.bank)),
            (self.t("Version du cahier des charges", "Specification version"),
             _answer_text(self.data, self.bank, "version")),
            (self.t("Date limite de réponse", "Response deadline"),
             _deadline(self.data, self.bank, self.lang)),
            (self.t("Contact pour les questions", "Contact for questions"), contact),
            (self.t("Nombre d'exigences", "Number of requirements"), len(self.reqs)),
            (self.t("Empreinte des exigences", "Requirements fingerprint"), fingerprint(self.reqs)),
        ]
        for label, value in facts:
            self.fact(ws, row, label, value)
            row += 1
        row += 1
        row = self.section(ws, row, self.t("À compléter par l'éditeur",
                                           "For the vendor to fill in"))
        inputs = [
            self.t("Nom de l'éditeur ou de l'intégrateur", "Vendor or integrator name"),
            self.t("Solution proposée (nom et version)", "Proposed solution (name and version)"),
            self.t("Contact (nom, e-mail, téléphone)", "Contact (name, email, phone)"),
            self.t("Date de la réponse", "Response date"),
        ]
        for i, label in enumerate(inputs):
            self.fact(ws, row, label, "")
            cell = ws[f"B{row}"]
            cell.fill = PatternFill("solid", fgColor=INPUT)
            cell.protection = Protection(locked=False)
            if i == 0:
                self.vendor_cell = f"B{row}"
            row += 1
        row += 1
        row = self.section(ws, row, self.t("Comment répondre", "How to answer"))
        steps = [
            self.t(f"Renseignez votre nom en {self.vendor_cell} : il identifie votre réponse.",
                   f"Enter your name in {self.vendor_cell}: it identifies your response."),
            self.t(f"Dans la feuille « {self.names['grid']} », répondez à chaque ligne dans les "
                   "colonnes jaunes : la couverture (liste déroulante) est obligatoire, le "
                   "commentaire l'est pour toute couverture autre que « Standard ».",
                   f"In the \"{self.names['grid']}\" sheet, answer each row in the yellow columns: "
                   "the coverage (drop-down) is required, the comment is required for any "
                   "coverage other than \"Standard\"."),
            self.t("Ne modifiez ni les identifiants, ni les exigences, ni les priorités : les "
                   "feuilles sont protégées sans mot de passe contre les modifications "
                   "accidentelles, et toute modification est détectée à la notation.",
                   "Do not change the ids, requirements or priorities: the sheets are protected "
                   "without a password against accidental edits, and any change is detected "
                   "when the grid is scored."),
            self.t("Une exigence éliminatoire non couverte écarte l'offre. Une question sur une "
                   "exigence ? Écrivez au contact ci-dessus en citant son identifiant.",
                   "An eliminatory requirement that is not covered rules the offer out. A "
                   "question about a requirement? Write to the contact above, quoting its id."),
            self.t("Renvoyez ce fichier au format .xlsx, sans mot de passe, sous le nom de votre "
                   "société.", "Return this file as .xlsx, without a password, named after "
                   "your company."),
        ]
        for i, step in enumerate(steps, 1):
            _put(ws, f"A{row}", f"{i}. {step}", align=WRAP_TOP)
            ws.merge_cells(f"A{row}:C{row}")
            ws.row_dimensions[row].height = 13 * (1 + len(step) // 125) + 4
            row += 1
        row += 1
        row = self.section(ws, row, self.t("Niveaux de couverture", "Coverage levels"))
        self.table_header(ws, row, (self.t("Couverture", "Coverage"),
                                    self.t("Signification", "Meaning")))
        row += 1
        self.coverage_rows = row
        for key in COVERAGES:
            _put(ws, f"A{row}", COVERAGE_LABELS[key].get(self.lang),
                 fill=COVERAGE_FILLS[key], align=WRAP_TOP)
            _put(ws, f"B{row}", _l(self.lang, COVERAGE_HELP[key]), align=WRAP_TOP)
            for c in "AB":
                ws[f"{c}{row}"].border = BORDER
            row += 1
        row += 1
        row = self.section(ws, row, self.t("Priorités", "Priorities"))
        self.table_header(ws, row, (self.t("Priorité", "Priority"),
                                    self.t("Signification", "Meaning")))
        row += 1
        for key in PRIORITIES:
            _put(ws, f"A{row}", PRIORITY_LABELS[key].get(self.lang), align=WRAP_TOP)
            _put(ws, f"B{row}", _l(self.lang, PRIORITY_HELP[key]), align=WRAP_TOP)
            for c in "AB":
                ws[f"{c}{row}"].border = BORDER
            row += 1
        ws.protection.sheet = True
        self.print_setup(ws, landscape=False)

    def section(self, ws: Worksheet, row: int, title: str) -> int:
        _put(ws, f"A{row}", title, font=_font(size=13, bold=True, color=WHITE), fill=NAVY)
        for c in "BC":
            ws[f"{c}{row}"].fill = PatternFill("solid", fgColor=NAVY)
        ws.row_dimensions[row].height = 20
        return row + 1

    def fact(self, ws: Worksheet, row: int, label: str, value: Any) -> None:
        _put(ws, f"A{row}", label, font=_font(bold=True), fill=PALE_GREY, align=WRAP_TOP)
        _put(ws, f"B{row}", value, align=Alignment(horizontal="left", vertical="top",
                                                   wrap_text=True))
        ws[f"A{row}"].border = BORDER
        ws[f"B{row}"].border = BORDER

    def table_header(self, ws: Worksheet, row: int, labels: Sequence[str]) -> None:
        for i, label in enumerate(labels):
            ref = f"{get_column_letter(i + 1)}{row}"
            _put(ws, ref, label, font=_font(bold=True, color=WHITE), fill=BLUE,
                 align=Alignment(horizontal="center", vertical="center"))
            ws[ref].border = BORDER

    # ------------------------------------------------------------------ the grid

    def grid(self, ws: Worksheet) -> None:
        last_col = get_column_letter(len(GRID_COLUMNS))
        first_vendor = self.col[VENDOR_COLUMNS[0]]
        spec_last = get_column_letter(GRID_COLUMNS.index(VENDOR_COLUMNS[0]))
        title = _answer_text(self.data, self.bank, "title") or ""
        _put(ws, "A1", self.t("Grille de réponse", "Response grid") + (f" — {title}" if title
                                                                           else ""),
             font=_font(size=14, bold=True, color=NAVY))
        ws.row_dimensions[1].height = 24
        _put(ws, "A2", self.t("Cahier des charges (ne pas modifier)",
                              "Specification (do not change)"),
             font=_font(bold=True, color=WHITE), fill=NAVY,
             align=Alignment(horizontal="center", vertical="center"))
        ws.merge_cells(f"A2:{spec_last}2")
        _put(ws, f"{first_vendor}2", self.t("Réponse de l'éditeur (à compléter)",
                                            "Vendor's response (to fill in)"),
             font=_font(bold=True, color="7F6000"), fill="FFD966",
             align=Alignment(horizontal="center", vertical="center"))
        ws.merge_cells(f"{first_vendor}2:{last_col}2")
        for key in GRID_COLUMNS:
            ref = f"{self.col[key]}{GRID_HEADER_ROW}"
            vendor = key in VENDOR_COLUMNS
            _put(ws, ref, _l(self.lang, HEADERS[key]),
                 font=_font(bold=True, color="7F6000" if vendor else WHITE),
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
                    cell.font = _font()
                    cell.alignment = (CENTER_TOP if key in ("coverage", "upgrade_impact",
                                                            "demonstrable") else WRAP_TOP)
                else:
                    bold = key == "id" or (key == "eliminatory" and req.eliminatory)
                    _put(ws, ref, values[key], fill=PALE_BLUE if shade else WHITE,
                         font=_font(bold=bold, color="C00000" if key == "eliminatory"
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
        ws.protection.sheet = True
        ws.protection.autoFilter = False
        ws.protection.sort = False
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        self.print_setup(ws, landscape=True)
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
            ("project_id", project_id(self.data, self.bank)),
            ("lang", self.lang),
            ("fingerprint", fingerprint(self.reqs)),
            ("count", len(self.reqs)),
            ("vendor_cell", self.vendor_cell),
            ("grid_sheet", self.names["grid"]),
            ("first_row", GRID_FIRST_ROW),
        ]
        for i, (key, value) in enumerate(rows, 1):
            _put(ws, f"A{i}", key)
            _put(ws, f"B{i}", value)
        start = len(rows) + 2
        for i, head in enumerate(("id", "statement", "priority", "eliminatory", "module")):
            _put(ws, f"{get_column_letter(i + 1)}{start}", head)
        for i, req in enumerate(self.reqs, start + 1):
            _put(ws, f"A{i}", req.id)
            _put(ws, f"B{i}", req.statement)
            _put(ws, f"C{i}", req.priority)
            _put(ws, f"D{i}", int(req.eliminatory))
            _put(ws, f"E{i}", req.module_label)
        ws.sheet_state = "hidden"
        ws.protection.sheet = True

    def print_setup(self, ws: Worksheet, *, landscape: bool) -> None:
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.7
        ws.page_margins.header = ws.page_margins.footer = 0.3
        ws.oddFooter.left.text = "&A"
        ws.oddFooter.right.text = "&P / &N"
        project = project_id(self.data, self.bank)
        ws.oddHeader.right.text = project


# --------------------------------------------------------------------------- saving


def _deterministic_zip(payload: bytes, when: dt.datetime | None) -> bytes:
    """Rewrites the archive with fixed entry times so that equal workbooks are equal bytes."""
    if when is None:
        return payload
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(payload)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def grid_bytes(data: Any, bank: Questionnaire, lang: str = "fr",
               requirements: Sequence[Requirement] | None = None) -> bytes:
    """The response grid workbook, as bytes."""
    reqs = list(requirements) if requirements is not None else build_requirements(data, bank, lang)
    if not reqs:
        raise CdcError("there are no requirements to put in the response grid",
                       "Choose modules in mapping.crm_modules, add custom_requirements, or "
                       "answer the technical part.")
    wb = _Grid(data, bank, lang, reqs).build()
    when = _fixed_time() or dt.datetime.now(tz=dt.UTC).replace(tzinfo=None, microsecond=0)
    wb.properties.creator = "cdc"
    wb.properties.lastModifiedBy = "cdc"
    wb.properties.title = _l(lang, ("Grille de réponse", "Response grid"))
    wb.properties.created = when
    wb.properties.modified = when
    return workbook_bytes(wb)


def workbook_bytes(wb: Workbook) -> bytes:
    """Saves a workbook to bytes, reproducibly when SOURCE_DATE_EPOCH is set."""
    when = _fixed_time()
    if when is not None:
        wb.properties.created = wb.properties.modified = when
    buffer = io.BytesIO()
    archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()  # not openpyxl's save(): it stamps "modified" with now
    return _deterministic_zip(buffer.getvalue(), when)


class XlsxWriter:
    """``cdc render FILE -f xlsx``: the vendor response grid."""

    extension = "xlsx"

    def write(self, doc: Document, assets: Assets, target: Path) -> list[Path]:
        if assets.answers is None:
            raise CdcError("the response grid needs the answers, which the renderer did not pass",
                           "This is a bug in cdc: Assets.answers is empty.")
        bank = load_questionnaire()
        write_atomic(target, grid_bytes(assets.answers, bank, assets.lang))
        return [target]


WRITER = XlsxWriter()
