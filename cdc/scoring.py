"""Scoring the response grids that vendors send back: ``cdc score GRID.xlsx...``.

Each grid is checked against what cdc wrote into it (the hidden ``_cdc`` sheet: project id,
requirements fingerprint, the original id, statement, priority and eliminatory flag of every row)
and against the other grids, so that an edited id, statement or priority, a grid from another
project or from another version of the specification is reported with its sheet and cell.
Scores use the original priorities, never the ones visible in the returned file, and the same
weights as the grid's own formulas (:data:`cdc.requirements.PRIORITY_POINTS` ×
:data:`cdc.requirements.COVERAGE_POINTS`).

openpyxl is imported inside the functions that read or write workbooks.
"""

from __future__ import annotations

import difflib
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cdc.errors import CdcError, Location, Problem, UsageError
from cdc.questionnaire import Localized
from cdc.requirements import (
    COVERAGE_LABELS,
    COVERAGE_POINTS,
    GRID_COLUMNS,
    GRID_FORMAT,
    MAX_COVERAGE_POINTS,
    META_SHEET,
    PRIORITIES,
    PRIORITY_LABELS,
    PRIORITY_POINTS,
    SHEET_NAMES,
    YES_NO,
    Requirement,
    fingerprint,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and old .xls files
MAX_LISTED_CELLS = 8


@dataclass(frozen=True)
class GridRow:
    """One requirement of a returned grid: the original specification and the vendor's answer."""

    id: str
    module: str
    statement: str
    priority: str
    eliminatory: bool
    coverage: str | None  # a key of COVERAGE_POINTS, None when not answered (or invalid)
    cell: str  # the coverage cell, e.g. Grille!G12


@dataclass
class VendorGrid:
    file: str
    vendor: str
    project_id: str
    fingerprint: str
    lang: str
    rows: list[GridRow]


@dataclass(frozen=True)
class ModuleScore:
    module: str
    count: int
    answered: int
    obtained: int
    maximum: int

    @property
    def percent(self) -> float:
        return round(100 * self.obtained / self.maximum, 1) if self.maximum else 0.0


@dataclass(frozen=True)
class Failure:
    """An eliminatory requirement the vendor does not cover (or did not answer)."""

    id: str
    statement: str
    coverage: str  # label in the grid's language, or "" when not answered


@dataclass
class VendorScore:
    vendor: str
    file: str
    modules: list[ModuleScore]
    failures: list[Failure]
    unanswered: list[str]
    tampered: bool = False

    @property
    def obtained(self) -> int:
        return sum(m.obtained for m in self.modules)

    @property
    def maximum(self) -> int:
        return sum(m.maximum for m in self.modules)

    @property
    def percent(self) -> float:
        return round(100 * self.obtained / self.maximum, 1) if self.maximum else 0.0

    @property
    def compliant(self) -> bool:
        return not self.failures


@dataclass
class ScoreReport:
    lang: str
    project_id: str
    vendors: list[VendorScore] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


# --------------------------------------------------------------------------- reading a grid


class _GridProblems:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def error(self, message: str, hint: str = "") -> None:
        self.problems.append(Problem("error", Location(self.file), message, hint))

    def warning(self, message: str, hint: str = "") -> None:
        self.problems.append(Problem("warning", Location(self.file), message, hint))


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _coverage_key(value: str) -> str | None:
    wanted = value.strip().casefold()
    for key, label in COVERAGE_LABELS.items():
        if wanted in (label.fr.casefold(), label.en.casefold()):
            return key
    return None


def read_grid(path: Path) -> tuple[VendorGrid | None, list[Problem]]:
    """Reads one returned grid; (None, problems) when it cannot be read or is not ours."""
    from openpyxl import load_workbook

    name = str(path)
    out = _GridProblems(name)
    payload = path.read_bytes()
    if payload.startswith(OLE_MAGIC):
        out.error("the file is password-protected (encrypted) or an old .xls workbook",
                  "Ask the vendor to save it as .xlsx without a password (File > Save As, "
                  "remove the password).")
        return None, out.problems
    if not zipfile.is_zipfile(io.BytesIO(payload)):
        out.error("the file is not an .xlsx workbook (corrupt, truncated or another format)",
                  "Ask the vendor to send the grid again as .xlsx.")
        return None, out.problems
    try:
        wb = load_workbook(io.BytesIO(payload), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged archive
        out.error(f"the workbook cannot be read ({type(exc).__name__}: {exc})",
                  "The file is damaged: ask the vendor to send it again as .xlsx.")
        return None, out.problems
    if META_SHEET not in wb.sheetnames:
        out.error(f"this is not a response grid made by cdc (no '{META_SHEET}' sheet)",
                  "Score the grids produced by `cdc render FILE -f xlsx` and returned by vendors.")
        return None, out.problems
    meta_ws = wb[META_SHEET]
    meta = {_text(meta_ws.cell(r, 1).value): meta_ws.cell(r, 2).value for r in range(1, 9)}
    if _text(meta.get("format")) != GRID_FORMAT:
        out.error(f"sheet {META_SHEET}, cell B1: unknown grid format "
                  f"{_text(meta.get('format'))!r} (expected {GRID_FORMAT})",
                  "The grid was made by another version of cdc, or the sheet was edited.")
        return None, out.problems
    lang = "en" if _text(meta.get("lang")) == "en" else "fr"
    names = SHEET_NAMES[lang]
    grid_name = _text(meta.get("grid_sheet")) or names["grid"]
    if grid_name not in wb.sheetnames:
        out.error(f"sheet '{grid_name}' is missing (renamed or deleted)",
                  f"Sheets found: {', '.join(wb.sheetnames)}.")
        return None, out.problems
    expected = _expected_rows(meta_ws)
    stored = _text(meta.get("fingerprint"))
    if fingerprint(_as_requirements(expected)) != stored:
        out.error(f"sheet {META_SHEET} was edited: its requirements no longer match its "
                  "fingerprint", "Use the grid as cdc wrote it.")
        return None, out.problems
    try:
        first_row = int(meta.get("first_row") or 4)
    except (TypeError, ValueError):
        first_row = 4
    rows = _read_rows(wb[grid_name], grid_name, expected, first_row, lang, out)
    vendor = ""
    vendor_cell = _text(meta.get("vendor_cell"))
    if names["instructions"] in wb.sheetnames and vendor_cell:
        try:
            vendor = _text(wb[names["instructions"]][vendor_cell].value)
        except ValueError:
            vendor = ""
    if not vendor:
        vendor = path.stem
        out.warning(f"sheet {names['instructions']}, cell {vendor_cell}: no vendor name; "
                    f"using the file name '{vendor}'")
    grid = VendorGrid(name, vendor, _text(meta.get("project_id")), stored, lang, rows)
    return grid, out.problems


def _expected_rows(meta_ws: Any) -> list[tuple[str, str, str, bool, str]]:
    """(id, statement, priority, eliminatory, module) as cdc wrote them."""
    rows = []
    for values in meta_ws.iter_rows(min_row=11, max_col=5, values_only=True):
        rid = _text(values[0])
        if not rid:
            break
        priority = _text(values[2])
        rows.append((rid, _text(values[1]), priority if priority in PRIORITIES else "wont",
                     _text(values[3]) in ("1", "True"), _text(values[4])))
    return rows


def _as_requirements(rows: Sequence[tuple[str, str, str, bool, str]]) -> list[Requirement]:
    return [Requirement(id=rid, module="", module_label=module, statement=statement,
                        priority=priority, priority_label="", eliminatory=eliminatory,
                        acceptance_criterion="", source="", verification="")
            for rid, statement, priority, eliminatory, module in rows]


def _read_rows(ws: Any, sheet: str, expected: Sequence[tuple[str, str, str, bool, str]],
               first_row: int, lang: str, out: _GridProblems) -> list[GridRow]:
    col = {key: i + 1 for i, key in enumerate(GRID_COLUMNS)}
    letter = {key: chr(ord("A") + i) for i, key in enumerate(GRID_COLUMNS)}
    yes, no = YES_NO[lang]
    rows: list[GridRow] = []
    unanswered: list[str] = []
    for i, (rid, statement, priority, eliminatory, module) in enumerate(expected):
        r = first_row + i
        found_id = _text(ws.cell(r, col["id"]).value)
        if found_id != rid:
            what = f"was changed to {found_id!r}" if found_id else "was deleted"
            out.error(f"sheet {sheet}, cell {letter['id']}{r}: the id {rid} {what}",
                      "Rows must not be edited, moved, inserted or deleted; ask the vendor "
                      "for an unmodified grid.")
        if _text(ws.cell(r, col["statement"]).value) != statement:
            out.error(f"sheet {sheet}, cell {letter['statement']}{r}: the statement of {rid} "
                      "was changed", "The vendor must answer the requirement as written.")
        shown_priority = _text(ws.cell(r, col["priority"]).value)
        if shown_priority != PRIORITY_LABELS[priority].get(lang):
            out.error(f"sheet {sheet}, cell {letter['priority']}{r}: the priority of {rid} was "
                      f"changed to {shown_priority!r}",
                      "The score uses the original priority.")
        shown_elim = _text(ws.cell(r, col["eliminatory"]).value)
        if shown_elim != (yes if eliminatory else no):
            out.error(f"sheet {sheet}, cell {letter['eliminatory']}{r}: the eliminatory flag of "
                      f"{rid} was changed to {shown_elim!r}",
                      "The score uses the original flag.")
        cell = f"{sheet}!{letter['coverage']}{r}"
        raw = _text(ws.cell(r, col["coverage"]).value)
        coverage = _coverage_key(raw) if raw else None
        if not raw:
            unanswered.append(f"{letter['coverage']}{r}")
        elif coverage is None:
            labels = [COVERAGE_LABELS[k].get(lang) for k in COVERAGE_LABELS]
            close = difflib.get_close_matches(raw, labels, n=1, cutoff=0.6)
            out.error(f"sheet {sheet}, cell {letter['coverage']}{r}: {raw!r} is not a coverage "
                      f"value ({rid}); counted as not answered",
                      (f"Did you mean '{close[0]}'? " if close else "")
                      + f"Values: {', '.join(labels)}.")
        for key in ("upgrade_impact", "demonstrable"):
            value = _text(ws.cell(r, col[key]).value)
            if value and value.casefold() not in (yes.casefold(), no.casefold()):
                out.warning(f"sheet {sheet}, cell {letter[key]}{r}: {value!r} is not "
                            f"{yes} or {no} ({rid})")
        rows.append(GridRow(rid, module, statement, priority, eliminatory, coverage, cell))
    extra = _text(ws.cell(first_row + len(expected), col["id"]).value)
    if extra:
        out.warning(f"sheet {sheet}, row {first_row + len(expected)}: rows added after the last "
                    "requirement are ignored")
    if unanswered:
        shown = ", ".join(unanswered[:MAX_LISTED_CELLS])
        more = f" and {len(unanswered) - MAX_LISTED_CELLS} more" \
            if len(unanswered) > MAX_LISTED_CELLS else ""
        out.warning(f"sheet {sheet}: {len(unanswered)} requirement(s) not answered, counted as "
                    f"not covered (cells {shown}{more})")
    return rows


# --------------------------------------------------------------------------- scoring


def score_grid(grid: VendorGrid, tampered: bool = False) -> VendorScore:
    """The vendor's points per module (in grid order), with the same weights as the formulas."""
    modules: dict[str, list[int]] = {}
    failures: list[Failure] = []
    unanswered: list[str] = []
    for row in grid.rows:
        count, answered, obtained, maximum = modules.setdefault(row.module, [0, 0, 0, 0])
        points = PRIORITY_POINTS[row.priority]
        coverage = COVERAGE_POINTS[row.coverage] if row.coverage else 0
        modules[row.module] = [count + 1, answered + (row.coverage is not None),
                               obtained + points * coverage, maximum + points * MAX_COVERAGE_POINTS]
        if row.coverage is None:
            unanswered.append(row.id)
        if row.eliminatory and row.coverage in (None, "not_covered"):
            label = COVERAGE_LABELS[row.coverage].get(grid.lang) if row.coverage else ""
            failures.append(Failure(row.id, row.statement, label))
    return VendorScore(grid.vendor, grid.file,
                       [ModuleScore(m, *values) for m, values in modules.items()],
                       failures, unanswered, tampered)


def score_grids(paths: Sequence[Path]) -> ScoreReport:
    """Reads, checks and scores every grid; problems are collected, never raised one by one.

    Raises UsageError when a file does not exist (exit code 2).
    """
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file")
        if path.is_dir():
            raise UsageError(f"{path} is a folder, not a response grid")
    problems: list[Problem] = []
    grids: list[tuple[VendorGrid, bool]] = []
    for path in paths:
        grid, found = read_grid(path)
        problems.extend(found)
        if grid is not None:
            grids.append((grid, any(p.is_error for p in found)))
    if not grids:
        return ScoreReport("fr", "", [], problems)
    reference = grids[0][0]
    seen_names: dict[str, int] = {}
    vendors = []
    for grid, tampered in grids:
        if grid.project_id != reference.project_id:
            problems.append(Problem(
                "error", Location(grid.file),
                f"sheet {META_SHEET}, cell B2: this grid belongs to another project "
                f"({grid.project_id}; {reference.file} is {reference.project_id})",
                "Score together only the grids of one call for tenders."))
            continue
        if grid.fingerprint != reference.fingerprint:
            problems.append(Problem(
                "error", Location(grid.file),
                f"sheet {META_SHEET}, cell B4: this grid was made from another version of the "
                f"specification (fingerprint {grid.fingerprint}; {reference.file} has "
                f"{reference.fingerprint})",
                "Send every vendor the same grid, then score the grids of one version."))
            continue
        seen_names[grid.vendor] = seen_names.get(grid.vendor, 0) + 1
        if seen_names[grid.vendor] > 1:
            grid.vendor = f"{grid.vendor} ({Path(grid.file).name})"
        vendors.append(score_grid(grid, tampered))
    return ScoreReport(reference.lang, reference.project_id, vendors, problems)


# --------------------------------------------------------------------------- output

_WORDS = {
    "module": Localized("Module", "Module"),
    "total": Localized("Total", "Total"),
    "eliminatory": Localized("Éliminatoires non couvertes", "Eliminatory not covered"),
    "unanswered": Localized("Sans réponse", "Not answered"),
    "verdict": Localized("Conformité", "Compliance"),
    "compliant": Localized("conforme", "compliant"),
    "not_compliant": Localized("non conforme", "not compliant"),
    "modified": Localized("Grille modifiée ou réponses invalides",
                          "Grid modified or invalid answers"),
    "tampered_note": Localized("⚠ grille modifiée ou réponses invalides : voir les erreurs",
                               "⚠ grid modified or invalid answers: see the errors"),
    "vendor": Localized("Éditeur", "Vendor"),
    "requirement": Localized("Exigence", "Requirement"),
    "coverage": Localized("Couverture", "Coverage"),
    "not_answered": Localized("sans réponse", "not answered"),
    "comparison": Localized("Comparaison", "Comparison"),
    "failures": Localized("Éliminatoires", "Eliminatory"),
    "score": Localized("Score", "Score"),
}


def _w(report: ScoreReport, key: str) -> str:
    return _WORDS[key].get(report.lang)


def _pct(value: float, lang: str) -> str:
    text = f"{value:.1f}"
    return f"{text.replace('.', ',')}\u00a0%" if lang == "fr" else f"{text}%"


def _module_names(report: ScoreReport) -> list[str]:
    names: list[str] = []
    for vendor in report.vendors:
        for m in vendor.modules:
            if m.module not in names:
                names.append(m.module)
    return names


def to_json(report: ScoreReport) -> dict[str, Any]:
    """The report as plain data (``--format json``)."""
    return {
        "project_id": report.project_id,
        "lang": report.lang,
        "vendors": [{
            "vendor": v.vendor,
            "file": v.file,
            "obtained": v.obtained,
            "maximum": v.maximum,
            "percent": v.percent,
            "compliant": v.compliant,
            "grid_modified": v.tampered,
            "modules": [{"module": m.module, "requirements": m.count, "answered": m.answered,
                         "obtained": m.obtained, "maximum": m.maximum, "percent": m.percent}
                        for m in v.modules],
            "eliminatory_not_covered": [{"id": f.id, "statement": f.statement,
                                         "coverage": f.coverage} for f in v.failures],
            "not_answered": v.unanswered,
        } for v in report.vendors],
        "problems": [{"severity": p.severity, "file": p.location.file, "message": p.message,
                      "hint": p.hint} for p in report.problems],
    }


def to_table(report: ScoreReport) -> Any:
    """A rich renderable: the comparison table, then the eliminatory non-compliances."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    lang = report.lang
    table = Table(title=f"{_w(report, 'comparison')} — {report.project_id}", show_lines=False)
    if any(v.tampered for v in report.vendors):
        table.caption = _w(report, "tampered_note")
    table.add_column(_w(report, "module"))
    ranked = sorted(report.vendors, key=lambda v: (-v.percent, v.vendor))
    for v in ranked:
        table.add_column(v.vendor + (" ⚠" if v.tampered else ""), justify="right")
    for name in _module_names(report):
        cells = []
        for v in ranked:
            m = next((m for m in v.modules if m.module == name), None)
            cells.append(_pct(m.percent, lang) if m else "—")
        table.add_row(name, *cells)
    table.add_section()
    table.add_row(Text(_w(report, "total"), style="bold"),
                  *[Text(f"{_pct(v.percent, lang)} ({v.obtained}/{v.maximum})", style="bold")
                    for v in ranked])
    table.add_row(_w(report, "eliminatory"), *[str(len(v.failures)) for v in ranked])
    table.add_row(_w(report, "unanswered"), *[str(len(v.unanswered)) for v in ranked])
    table.add_row(_w(report, "verdict"), *[
        Text(_w(report, "compliant"), style="green") if v.compliant
        else Text(_w(report, "not_compliant"), style="red") for v in ranked])
    parts: list[Any] = [table]
    for v in ranked:
        if not v.failures:
            continue
        detail = Table(title=f"{v.vendor}: {_w(report, 'eliminatory').lower()}",
                       title_justify="left", show_header=True)
        detail.add_column("Id")
        detail.add_column(_w(report, "requirement"), overflow="fold", max_width=70)
        detail.add_column(_w(report, "coverage"))
        for f in v.failures:
            detail.add_row(f.id, f.statement, f.coverage or _w(report, "not_answered"))
        parts.append(detail)
    return Group(*parts)


def to_text(report: ScoreReport) -> str:
    """The table as plain text (``--format text -o FILE``)."""
    from rich.console import Console

    console = Console(record=True, width=120, file=io.StringIO(), color_system=None)
    console.print(to_table(report))
    return console.export_text()


def to_xlsx(report: ScoreReport) -> bytes:
    """The comparison as a workbook: scores per module and vendor, a bar chart, the failures."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from cdc.writers.xlsx import workbook_bytes

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _w(report, "comparison")
    head_font = Font(name="Arial", bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="2E75B6")
    ranked = sorted(report.vendors, key=lambda v: (-v.percent, v.vendor))
    ws["A1"] = f"{_w(report, 'comparison')} — {report.project_id}"
    ws["A1"].font = Font(name="Arial", size=14, bold=True, color="1F3864")
    header = [_w(report, "module"), *[v.vendor for v in ranked]]
    for c, value in enumerate(header, 1):
        cell = ws.cell(3, c, value)
        cell.data_type = "s"
        cell.font = head_font
        cell.fill = head_fill
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    names = _module_names(report)
    for r, name in enumerate([*names, _w(report, "total")], 4):
        ws.cell(r, 1, name).data_type = "s"
        for c, v in enumerate(ranked, 2):
            share: float | None = v.percent / 100
            if r - 4 < len(names):
                m = next((m for m in v.modules if m.module == name), None)
                share = m.percent / 100 if m else None
            cell = ws.cell(r, c, share)
            cell.number_format = "0.0%"
    total_row = 4 + len(names)
    for c in range(1, len(ranked) + 2):
        ws.cell(total_row, c).font = Font(name="Arial", bold=True)
    extra: list[tuple[str, list[Any]]] = [
             (_w(report, "eliminatory"), [len(v.failures) for v in ranked]),
             (_w(report, "unanswered"), [len(v.unanswered) for v in ranked]),
             (_w(report, "verdict"), [_w(report, "compliant") if v.compliant
                                      else _w(report, "not_compliant") for v in ranked]),
             (_w(report, "modified"), [YES_NO[report.lang][0] if v.tampered
                                       else YES_NO[report.lang][1] for v in ranked])]
    for i, (label, values) in enumerate(extra, total_row + 1):
        ws.cell(i, 1, label)
        for c, value in enumerate(values, 2):
            ws.cell(i, c, value)
    ws.column_dimensions["A"].width = 34
    for c in range(2, len(ranked) + 2):
        ws.column_dimensions[get_column_letter(c)].width = 20
        for r in range(4, total_row + 4):
            ws.cell(r, c).alignment = Alignment(horizontal="right")
    for sheet_ws in (ws,):
        sheet_ws.page_setup.orientation = "landscape"
        sheet_ws.page_setup.fitToWidth = 1
        sheet_ws.page_setup.fitToHeight = 0
        sheet_ws.sheet_properties.pageSetUpPr.fitToPage = True
    if ranked:
        chart = BarChart()
        chart.type = "col"
        chart.title = _w(report, "score")
        chart.y_axis.title = "%"
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 1
        chart.y_axis.number_format = "0%"
        data = Reference(ws, min_col=2, max_col=len(ranked) + 1, min_row=3, max_row=total_row)
        categories = Reference(ws, min_col=1, min_row=4, max_row=total_row)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(categories)
        chart.width = max(20, 8 + 3 * len(names))
        chart.height = 13
        chart.legend.position = "b"
        ws.add_chart(chart, f"A{total_row + 6}")
    failures = wb.create_sheet(_w(report, "failures"))
    for c, value in enumerate((_w(report, "vendor"), "Id", _w(report, "requirement"),
                               _w(report, "coverage")), 1):
        cell = failures.cell(1, c, value)
        cell.font = head_font
        cell.fill = head_fill
    r = 2
    for v in ranked:
        for f in v.failures:
            for c, value in enumerate((v.vendor, f.id, f.statement,
                                       f.coverage or _w(report, "not_answered")), 1):
                cell = failures.cell(r, c, value)
                cell.data_type = "s"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            r += 1
    for col, width in zip("ABCD", (24, 10, 80, 18), strict=True):
        failures.column_dimensions[col].width = width
    return workbook_bytes(wb)


def render(report: ScoreReport, fmt: str) -> str | bytes:
    """The report in ``fmt`` (text, json or xlsx)."""
    import json

    if fmt == "json":
        return json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n"
    if fmt == "xlsx":
        return to_xlsx(report)
    if fmt == "text":
        return to_text(report)
    raise CdcError(f"unknown format {fmt!r}", "Use text, json or xlsx.")
