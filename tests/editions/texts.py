"""The text a reader gets out of each format, as a user's tools would read it."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path


def normalise(text: str) -> str:
    """Typography undone (apostrophes, no-break spaces, soft hyphens), spaces collapsed."""
    text = unicodedata.normalize("NFC", text)
    for old, new in (("’", "'"), ("\u00a0", " "), ("\u202f", " "), ("\u00ad", ""), ("\\", "")):
        text = text.replace(old, new)
    text = re.sub(r"(?<=\d) %", "%", text)  # English writes "86%" where an answer typed "86 %"
    return re.sub(r"\s+", " ", text)


def docx_text(path: Path) -> str:
    """Every paragraph of the body, the tables, the headers and footers."""
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in doc.sections:
        for story in (section.header, section.footer, section.first_page_header,
                      section.first_page_footer):
            parts += [p.text for p in story.paragraphs]
    return "\n".join(parts)


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def xlsx_text(path: Path) -> str:
    """Every cell of every sheet, hidden ones included."""
    from openpyxl import load_workbook

    book = load_workbook(str(path), read_only=True, data_only=False)
    parts: list[str] = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            parts += [str(v) for v in row if v is not None]
    book.close()
    return "\n".join(parts)


def text_of(path: Path) -> str:
    """The text of any file cdc writes, normalised."""
    suffix = path.suffix
    if suffix == ".docx":
        raw = docx_text(path)
    elif suffix == ".pdf":
        raw = pdf_text(path)
    elif suffix == ".xlsx":
        raw = xlsx_text(path)
    else:
        raw = path.read_text(encoding="utf-8")
    return normalise(raw)
