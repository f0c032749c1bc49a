"""The house style every format shares: page, type sizes, colours, running texts, table columns.

The Word reference document (tools/make_reference_docx.py), the Typst preamble, the figures and
``templates/html/*.css`` take their measures from here (the CSS repeats them, being a file users
edit), so a page of the Word output, of either PDF and a figure look alike: same margins, same
sizes, same colours, same header and footer, same column widths.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from cdc import typeface
from cdc.document import Table, plain

# A4, in millimetres. Header and footer sit in the top and bottom margins.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210.0, 297.0
MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 25.0, 22.0
MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 20.0, 20.0
HEADER_MM, FOOTER_MM = 12.0, 11.0  # from the page's edge to the header's top / footer's bottom
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
PT_PER_MM = 72 / 25.4
TEXT_WIDTH_PT = TEXT_WIDTH_MM * PT_PER_MM
TEXT_HEIGHT_PT = (PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM) * PT_PER_MM

# Type sizes, in points.
BODY_PT = 9.5
TABLE_PT = 8.0
CAPTION_PT = 8.5
RUNNING_PT = 7.5  # header and footer
HEADING_PT = (17.0, 12.5, 10.5, 9.5)
TITLE_PT = 26.0

# Colours.
NAVY = "#1f3a5f"  # headings, table headers, the cover band
INK = "#1d232b"  # text
MUTED = "#5b6573"  # running texts, secondary words
RULE = "#c9d1db"  # table rules, header line
BAND = "#f2f5f9"  # every other table row
TODO_FILL = "#fff1c2"
TODO_INK = "#7a4300"

# Table cells: padding on each side, in points.
CELL_PAD_X, CELL_PAD_Y = 4.0, 2.5
# A word of a body cell wider than this may break (URLs); a header word never does.
LONGEST_BODY_WORD_PT = 150.0


@dataclass(frozen=True)
class Running:
    """The texts of the running header and footer, the same in every format."""

    header_left: str
    header_right: str
    footer_left: str


def running_texts(meta: dict[str, Any], lang: str) -> Running:
    """Title and company in the header; version, confidentiality (and the edition's notice,
    when the document has one) in the footer; the page number goes on the footer's right."""
    def text(key: str) -> str:
        return " ".join(str(meta.get(key, "") or "").split())

    version = text("version")
    footer = [f"Version {version}" if version else "", text("confidentiality"), text("notice")]
    return Running(text("title"), text("company"), " – ".join(t for t in footer if t))


@dataclass(frozen=True)
class _Column:
    """What a column's text measures, in ems (widths scale with the type size)."""

    head_word: float  # the header's longest word, in bold
    body_word: float  # the body's longest unbreakable piece
    line: float  # its longest cell on one line (the header in bold)
    mass: float  # all its body text on one line


@functools.lru_cache(maxsize=256)
def _measure(table: Table) -> tuple[_Column, ...]:
    """Each column's measures, taken once per table (every writer lays out the same tables,
    at up to three sizes each)."""
    columns = max([len(table.header), *(len(r) for r in table.rows)], default=0)
    found = []
    for c in range(columns):
        head = plain(table.header[c]) if c < len(table.header) else ""
        body = [plain(r[c]) for r in table.rows if c < len(r)]
        widths = [typeface.text_width(t, 1.0) for t in body]
        found.append(_Column(
            typeface.longest_word(head, 1.0, bold=True),
            max((typeface.longest_word(t, 1.0) for t in body), default=0.0),
            max([typeface.text_width(head, 1.0, bold=True), *widths]),
            sum(widths)))
    return tuple(found)


def column_fractions(table: Table, size: float = TABLE_PT,
                     width: float = TEXT_WIDTH_PT) -> list[float]:
    """Each column's share of the table's width (they add up to 1), from the text it holds.

    Every column gets at least its longest header word in bold (header words never break) and
    its longest body word; no column gets more than its longest cell on one line. The width left
    goes to the columns in proportion to the text they hold, so a column of long sentences is
    not squeezed by a column of short values.
    """
    measures = _measure(table)
    columns = len(measures)
    if columns == 0:
        return []
    pad = 2 * CELL_PAD_X + 1.5  # padding, rule and rounding
    least: list[float] = []
    most: list[float] = []
    mass: list[float] = []
    for m in measures:
        word = max(m.head_word * size, min(m.body_word * size, LONGEST_BODY_WORD_PT))
        least.append(word + pad)
        most.append(max(m.line * size + pad, word + pad))
        mass.append(m.mass * size + 1.0)
    if sum(least) >= width:
        return [w / sum(least) for w in least]
    if sum(most) <= width:
        return [w / sum(most) for w in most]
    widths = list(least)
    open_columns = [c for c in range(columns) if most[c] > least[c]]
    spare = width - sum(widths)
    while spare > 0.01 and open_columns:
        total = sum(mass[c] for c in open_columns)
        capped = []
        for c in open_columns:
            share = spare * mass[c] / total
            if widths[c] + share >= most[c]:
                capped.append(c)
        if not capped:
            for c in open_columns:
                widths[c] += spare * mass[c] / total
            break
        for c in capped:  # these reach their longest line: the rest shares what is left
            widths[c] = most[c]
            open_columns.remove(c)
        spare = width - sum(widths)
    return [w / sum(widths) for w in widths]


def header_fits(table: Table, fractions: list[float], size: float = TABLE_PT,
                width: float = TEXT_WIDTH_PT) -> bool:
    """Whether every header word fits its column at ``size`` (else use a smaller size)."""
    for m, share in zip(_measure(table)[:len(table.header)], fractions, strict=False):
        if m.head_word * size + 2 * CELL_PAD_X > share * width:
            return False
    return True


SMALL_TABLE_PT = (7.0, 6.5)  # for tables whose header words do not fit at TABLE_PT


@functools.lru_cache(maxsize=256)
def table_columns(table: Table, width: float = TEXT_WIDTH_PT) -> tuple[float, list[float]]:
    """The type size of the table and its column shares: TABLE_PT, or smaller when its header
    words would not fit their columns otherwise, or when its columns' longest words alone
    would take nearly the whole width (nothing left for the columns of sentences).

    Computed once per table: the caller must not change the list it gets."""
    for size in (TABLE_PT, *SMALL_TABLE_PT):
        fractions = column_fractions(table, size, width)
        if header_fits(table, fractions, size, width) and \
                _least_width(table, size) <= 0.85 * width:
            return size, fractions
    return SMALL_TABLE_PT[-1], fractions


def _least_width(table: Table, size: float) -> float:
    return sum(max(m.head_word * size, min(m.body_word * size, LONGEST_BODY_WORD_PT))
               + 2 * CELL_PAD_X + 1.5 for m in _measure(table))
