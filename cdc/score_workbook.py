"""The score workbook of ``cdc score -f xlsx``: the buyer's, and it computes itself.

It holds the weights (priority points × coverage points, sheet Barème / Weights), one row per
requirement with each vendor's coverage and the formulas that turn it into points (Détail /
Detail), and the comparison per module whose cells are formulas over that detail; with the
packs, the prices (each vendor's amounts and the formulas of the pricing form) and the ranking
(each criterion's points, the weighted total and the rank, as formulas over the comparison,
the prices and the committee's notes; :mod:`cdc.award_workbook`). Excel or LibreOffice recompute
exactly cdc's figures (tests check it) and a buyer can see and question every step. The pack
sent to vendors holds none of this.

Vendor names, modules and statements come from files: they are written as text (never as a
formula).
"""

from __future__ import annotations

from typing import Any

from cdc.requirements import (
    COVERAGE_LABELS,
    COVERAGE_POINTS,
    COVERAGES,
    MAX_COVERAGE_POINTS,
    PRIORITIES,
    PRIORITY_LABELS,
    PRIORITY_POINTS,
    YES_NO,
)
from cdc.score_report import WORDS, by_coverage, module_names
from cdc.scoring import ScoreReport
from cdc.terminal import printable


class ScoreBook:
    """The score workbook; every formula reads cells this class placed."""

    def __init__(self, report: ScoreReport) -> None:
        from openpyxl import Workbook

        self.report = report
        self.lang = report.lang
        self.ranked = by_coverage(report)
        self.rows = self.ranked[0].rows if self.ranked else []
        self.wb = Workbook()
        self.yes, self.no = YES_NO[self.lang]

    def w(self, key: str) -> str:
        return WORDS[key].get(self.lang)

    def put(self, ws: Any, row: int, col: int, value: Any, **style: Any) -> Any:
        """A value as data: text from a file never becomes a formula."""
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        cell = ws.cell(row, col)
        if isinstance(value, str):
            cell.value = ILLEGAL_CHARACTERS_RE.sub("", printable(value))
            cell.data_type = "s"
        else:
            cell.value = value
        for name, setting in style.items():
            setattr(cell, name, setting)
        return cell

    def formula(self, ws: Any, row: int, col: int, text: str, number_format: str = "") -> None:
        cell = ws.cell(row, col)
        cell.value = text
        if number_format:
            cell.number_format = number_format

    def header(self, ws: Any, row: int, labels: list[str], start: int = 1) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        for c, label in enumerate(labels, start):
            self.put(ws, row, c, label, font=Font(name="Arial", bold=True, color="FFFFFF"),
                     fill=PatternFill("solid", fgColor="2E75B6"),
                     alignment=Alignment(horizontal="center", vertical="center",
                                         wrap_text=True))

    def build(self) -> Any:
        from cdc.award_workbook import AwardSheets

        comparison = self.wb.active
        assert comparison is not None
        comparison.title = self.w("comparison")
        detail = self.wb.create_sheet(self.w("detail"))
        weights = self.wb.create_sheet(self.w("weights"))
        failures = self.wb.create_sheet(self.w("failures"))
        self.weights(weights)
        self.detail(detail)
        self.comparison(comparison)
        self.failures(failures)
        AwardSheets(self).build()
        return self.wb

    # Barème: priority label → points (A:B), coverage label → points (D:E).
    def weights(self, ws: Any) -> None:
        self.header(ws, 1, [self.w("priority"), self.w("points")])
        self.header(ws, 1, [self.w("coverage"), self.w("points")], start=4)
        for i, key in enumerate(PRIORITIES, 2):
            self.put(ws, i, 1, PRIORITY_LABELS[key].get(self.lang))
            self.put(ws, i, 2, PRIORITY_POINTS[key])
        for i, key in enumerate(COVERAGES, 2):
            self.put(ws, i, 4, COVERAGE_LABELS[key].get(self.lang))
            self.put(ws, i, 5, COVERAGE_POINTS[key])
        for col, width in zip("ABCDE", (20, 10, 3, 26, 10), strict=True):
            ws.column_dimensions[col].width = width
        self.priority_table = f"'{ws.title}'!$A$2:$B${1 + len(PRIORITIES)}"
        self.coverage_table = f"'{ws.title}'!$D$2:$E${1 + len(COVERAGES)}"

    # Détail: one row per requirement; per vendor three columns: coverage, points, failure.
    FIXED = 6  # Id, Module, Priority, Priority points, Eliminatory, Maximum

    def vendor_col(self, index: int, which: int) -> int:
        return self.FIXED + 1 + 3 * index + which

    def detail(self, ws: Any) -> None:
        from openpyxl.utils import get_column_letter

        labels = ["Id", self.w("module"), self.w("priority"), self.w("priority_points"),
                  self.w("eliminatory_flag"), self.w("maximum")]
        for v in self.ranked:
            labels += [f"{v.vendor} — {self.w('coverage')}", f"{v.vendor} — {self.w('points')}",
                       f"{v.vendor} — {self.w('not_covered_flag')}"]
        self.header(ws, 1, labels)
        ws.row_dimensions[1].height = 45
        not_covered = COVERAGE_LABELS["not_covered"].get(self.lang)
        for i, row in enumerate(self.rows):
            r = i + 2
            self.put(ws, r, 1, row.id)
            self.put(ws, r, 2, row.module)
            self.put(ws, r, 3, PRIORITY_LABELS[row.priority].get(self.lang))
            self.formula(ws, r, 4, f"=IFERROR(VLOOKUP(C{r},{self.priority_table},2,FALSE),0)")
            self.put(ws, r, 5, self.yes if row.eliminatory else self.no)
            self.formula(ws, r, 6, f"=D{r}*{MAX_COVERAGE_POINTS}")
            for index, vendor in enumerate(self.ranked):
                answer = vendor.rows[i] if i < len(vendor.rows) else None
                coverage = COVERAGE_LABELS[answer.coverage].get(self.lang) \
                    if answer is not None and answer.coverage else None
                cov = get_column_letter(self.vendor_col(index, 0))
                self.put(ws, r, self.vendor_col(index, 0), coverage)
                self.formula(ws, r, self.vendor_col(index, 1),
                             f"=D{r}*IFERROR(VLOOKUP({cov}{r},{self.coverage_table},2,FALSE),0)")
                self.formula(ws, r, self.vendor_col(index, 2),
                             f'=IF(AND(E{r}="{self.yes}",OR({cov}{r}="",{cov}{r}="'
                             f'{not_covered}")),1,0)')
        self.last = max(2, len(self.rows) + 1)
        self.detail_name = f"'{ws.title}'"
        for col, width in zip("ABCDEF", (11, 24, 14, 10, 12, 10), strict=True):
            ws.column_dimensions[col].width = width
        for index in range(len(self.ranked)):
            ws.column_dimensions[get_column_letter(self.vendor_col(index, 0))].width = 22
        ws.freeze_panes = "C2"

    def column(self, col: int) -> str:
        from openpyxl.utils import get_column_letter

        letter = get_column_letter(col)
        return f"{self.detail_name}!${letter}$2:${letter}${self.last}"

    def comparison(self, ws: Any) -> None:
        from openpyxl.chart import BarChart, Reference
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter

        report = self.report
        self.put(ws, 1, 1, f"{self.w('comparison')} — {report.project_id}",
                 font=Font(name="Arial", size=14, bold=True, color="1F3864"))
        self.put(ws, 2, 1, self.w("source") + (report.answers or self.w("source_grids")),
                 font=Font(name="Arial", italic=True, color="595959"))
        self.header(ws, 3, [self.w("module"), *[v.vendor for v in self.ranked]])
        names = module_names(report)
        modules = self.column(2)
        maximum = self.column(6)
        for r, name in enumerate(names, 4):
            self.put(ws, r, 1, name)
            for index in range(len(self.ranked)):
                points = self.column(self.vendor_col(index, 1))
                self.formula(ws, r, index + 2,
                             f"=IFERROR(SUMIF({modules},$A{r},{points})/SUMIF({modules},$A{r},"
                             f"{maximum}),0)", "0.0%")
        total_row = 4 + len(names)
        self.total_row = total_row  # the coverage of vendor i is (total_row, i + 2)
        self.put(ws, total_row, 1, self.w("total"), font=Font(name="Arial", bold=True))
        extra = [self.w("eliminatory"), self.w("unanswered"), self.w("verdict"),
                 self.w("modified")]
        for i, label in enumerate(extra, total_row + 1):
            self.put(ws, i, 1, label)
        for index, vendor in enumerate(self.ranked):
            c = index + 2
            points = self.column(self.vendor_col(index, 1))
            flags = self.column(self.vendor_col(index, 2))
            coverage = self.column(self.vendor_col(index, 0))
            letter = get_column_letter(c)
            self.formula(ws, total_row, c, f"=IFERROR(SUM({points})/SUM({maximum}),0)", "0.0%")
            ws.cell(total_row, c).font = Font(name="Arial", bold=True)
            self.formula(ws, total_row + 1, c, f"=SUM({flags})")
            self.formula(ws, total_row + 2, c, f"=ROWS({coverage})-COUNTA({coverage})")
            self.formula(ws, total_row + 3, c,
                         f'=IF({letter}{total_row + 1}>0,"{self.w("not_compliant")}",'
                         f'"{self.w("compliant")}")')
            self.put(ws, total_row + 4, c, self.yes if vendor.tampered else self.no)
            for r in range(4, total_row + 5):
                ws.cell(r, c).alignment = Alignment(horizontal="right")
        ws.column_dimensions["A"].width = 34
        for c in range(2, len(self.ranked) + 2):
            ws.column_dimensions[get_column_letter(c)].width = 20
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        if self.ranked:
            chart = BarChart()
            chart.type = "col"
            chart.title = self.w("score")
            chart.y_axis.title = "%"
            chart.y_axis.scaling.min = 0
            chart.y_axis.scaling.max = 1
            chart.y_axis.number_format = "0%"
            data = Reference(ws, min_col=2, max_col=len(self.ranked) + 1, min_row=3,
                             max_row=total_row)
            categories = Reference(ws, min_col=1, min_row=4, max_row=total_row)
            chart.add_data(data, titles_from_data=True)
            chart.set_categories(categories)
            chart.width = max(20, 8 + 3 * len(names))
            chart.height = 13
            chart.legend.position = "b"
            ws.add_chart(chart, f"A{total_row + 7}")

    def failures(self, ws: Any) -> None:
        from openpyxl.styles import Alignment

        self.header(ws, 1, [self.w("vendor"), "Id", self.w("requirement"), self.w("coverage")])
        r = 2
        for v in self.ranked:
            for f in v.failures:
                for c, value in enumerate((v.vendor, f.id, f.statement,
                                           f.coverage or self.w("not_answered")), 1):
                    self.put(ws, r, c, value, alignment=Alignment(wrap_text=True,
                                                                  vertical="top"))
                r += 1
        for col, width in zip("ABCD", (24, 10, 80, 18), strict=True):
            ws.column_dimensions[col].width = width


def to_xlsx(report: ScoreReport) -> bytes:
    """The comparison as a workbook that computes itself from the weights and the coverages."""
    from cdc.writers.xlsx_style import workbook_bytes

    return workbook_bytes(ScoreBook(report).build())


