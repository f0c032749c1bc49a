"""The house style of the tender pack's sheets, and reproducible saving.

Shared by the pack's sheets (:mod:`cdc.writers.xlsx`, :mod:`cdc.writers.xlsx_pack`) and the
buyer's score workbook: fonts and colours, values written as data (a text starting with "="
stays text), section bars, print setup, and :func:`workbook_bytes`, which gives the same bytes
for the same workbook when SOURCE_DATE_EPOCH is set.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

NAVY = "1F3864"
BLUE = "2E75B6"
PALE_BLUE = "DDEBF7"
PALE_GREY = "F2F2F2"
GREY = "D9D9D9"  # cells that take nothing
INPUT = "FFF2CC"  # cells the vendor fills
INPUT_HEADER = "FFE699"
INPUT_TEXT = "7F6000"
WHITE = "FFFFFF"
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER_TOP = Alignment(horizontal="center", vertical="top", wrap_text=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

FONT = "Arial"  # LibreOffice maps it to the metric-compatible Liberation Sans


def font(**kwargs: Any) -> Font:
    return Font(name=FONT, size=kwargs.pop("size", 10), **kwargs)


def clean(value: str) -> str:
    """Answers are untrusted: no characters XML forbids."""
    return str(ILLEGAL_CHARACTERS_RE.sub("", value))


def put(ws: Worksheet, ref: str, value: Any, *, style: Font | None = None,
        fill: str | None = None, align: Alignment | None = None) -> Cell:
    """Writes a value as data: a text starting with '=' stays text, never a formula."""
    cell: Cell = ws[ref]
    if isinstance(value, str):
        cell.value = clean(value)
        cell.data_type = "s"
    else:
        cell.value = value
    cell.font = style or font()
    if fill:
        cell.fill = PatternFill("solid", fgColor=fill)
    if align:
        cell.alignment = align
    return cell


def formula(ws: Worksheet, ref: str, text: str, *, number_format: str = "",
            style: Font | None = None, fill: str | None = None,
            align: Alignment | None = None) -> Cell:
    """A formula cdc wrote (never a text from the answers)."""
    cell: Cell = ws[ref]
    cell.value = text
    cell.font = style or font()
    if align:
        cell.alignment = align
    if number_format:
        cell.number_format = number_format
    if fill:
        cell.fill = PatternFill("solid", fgColor=fill)
    return cell


def open_cell(ws: Worksheet, ref: str, *, align: Alignment = WRAP_TOP,
              number_format: str = "") -> Cell:
    """A cell the vendor fills: yellow, unlocked."""
    cell: Cell = ws[ref]
    cell.fill = PatternFill("solid", fgColor=INPUT)
    cell.protection = Protection(locked=False)
    cell.font = font()
    cell.alignment = align
    cell.border = BORDER
    if number_format:
        cell.number_format = number_format
    return cell


def bar(ws: Worksheet, row: int, title: str, last_column: int, *, size: int = 12) -> None:
    """A navy section bar across ``last_column`` columns."""
    put(ws, f"A{row}", title, style=font(size=size, bold=True, color=WHITE), fill=NAVY,
        align=Alignment(vertical="center"))
    for c in range(2, last_column + 1):
        ws[f"{get_column_letter(c)}{row}"].fill = PatternFill("solid", fgColor=NAVY)
    ws.row_dimensions[row].height = 20


def header(ws: Worksheet, row: int, labels: Sequence[str], *, vendor: Sequence[bool] = (),
           height: float = 30) -> None:
    """Column headers from column A: blue, or yellow over the vendor's columns."""
    for i, text in enumerate(labels):
        ref = f"{get_column_letter(i + 1)}{row}"
        mine = i < len(vendor) and vendor[i]
        put(ws, ref, text, style=font(bold=True, color=INPUT_TEXT if mine else WHITE),
            fill=INPUT_HEADER if mine else BLUE, align=CENTER)
        ws[ref].border = BORDER
    ws.row_dimensions[row].height = height


def lines_needed(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column of ``width`` (Arial 10 holds about 1.45
    characters a unit of width; 1.3 is counted, so that rows are never too short)."""
    per_line = max(int(width * 1.3), 1)
    return sum(max(-(-len(part) // per_line), 1) for part in text.split("\n"))


def print_setup(ws: Worksheet, project: str, *, landscape: bool) -> None:
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
    ws.oddHeader.right.text = project


def protect(ws: Worksheet) -> None:
    """Protected without a password, against accidental edits; filters and widths still work."""
    ws.protection.sheet = True
    ws.protection.autoFilter = False
    ws.protection.sort = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


# --------------------------------------------------------------------------- saving


def fixed_time() -> dt.datetime | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    return None


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


def workbook_bytes(wb: Workbook) -> bytes:
    """Saves a workbook to bytes, reproducibly when SOURCE_DATE_EPOCH is set."""
    when = fixed_time()
    if when is not None:
        wb.properties.created = wb.properties.modified = when
    buffer = io.BytesIO()
    archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()  # not openpyxl's save(): it stamps "modified" with now
    return _deterministic_zip(buffer.getvalue(), when)
