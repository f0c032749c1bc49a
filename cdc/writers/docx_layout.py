"""A page model of the Word output, for the cached page numbers of its table of contents.

LibreOffice computes the table of contents' numbers itself when it lays the pages out (they are
PAGEREF fields); Word shows the cached ones until its fields are updated. This model gives them:
lines are broken with the document's own font metrics (Arial, whose widths Liberation Sans
shares), at the sizes and spacings of the reference document.
"""

from __future__ import annotations

from cdc import typeface
from cdc.document import Inline, LineBreak, plain
from cdc.writers import page

# Text area of the page, in twips and points.
TEXT_WIDTH = round(page.TEXT_WIDTH_MM * 1440 / 25.4)
PAGE_HEIGHT_PT = page.TEXT_HEIGHT_PT
KEEP_TOGETHER_PT = PAGE_HEIGHT_PT / 3  # a table this short is never split across pages

LINE = page.BODY_PT * 1.35  # a line of Normal text
PARA_GAP = 6.0  # space after a paragraph
ROW_PAD = 2 * page.CELL_PAD_Y + 0.5  # cell margins and the rule of a table row
TOC_ENTRY = (page.BODY_PT * 1.25 + 6.0, page.BODY_PT * 1.25, page.BODY_PT * 1.25)  # by level


class Layout:
    """Where each block lands, page by page."""

    def __init__(self) -> None:
        self.page = 1
        self.y = 0.0

    def new_page(self) -> None:
        if self.y > 0:
            self.page += 1
            self.y = 0.0

    def add(self, height: float, keep_with: float = 0.0) -> int:
        """Places a block of ``height`` points; returns the page it starts on."""
        if self.y > 0 and self.y + height + keep_with > PAGE_HEIGHT_PT and \
                height + keep_with <= PAGE_HEIGHT_PT:
            self.page += 1
            self.y = 0.0
        start = self.page
        self.y += height
        while self.y > PAGE_HEIGHT_PT:
            self.page += 1
            self.y -= PAGE_HEIGHT_PT
        return start

    def add_lines(self, lines: int, pitch: float, gap: float) -> int:
        """A paragraph of ``lines`` lines: split across pages, two lines at least on each side
        (widow and orphan control), as Word and LibreOffice do; returns its first page."""
        room = int((PAGE_HEIGHT_PT - self.y) // pitch)
        if lines * pitch <= PAGE_HEIGHT_PT - self.y:
            start = self.page
            self.y += lines * pitch + gap
            return start
        if room >= 2 and lines - room >= 2:
            start = self.page
            rest = lines - room
        else:
            self.new_page()
            start = self.page
            rest = lines
        while rest * pitch > PAGE_HEIGHT_PT:
            self.page += 1
            rest -= int(PAGE_HEIGHT_PT // pitch)
        if rest != lines:
            self.page += 1
        self.y = rest * pitch + gap
        return start

    def add_rows(self, caption: float, rows: list[float], together: bool = False) -> None:
        """A table: its caption kept with the header and first row (with every row when
        ``together``), rows never split, the header row repeated on every page it reaches."""
        if not rows:
            return
        header = rows[0]
        first = caption + sum(rows if together else rows[:2])
        if self.y > 0 and self.y + first > PAGE_HEIGHT_PT:
            self.new_page()
        self.y += caption
        for index, height in enumerate(rows):
            if index and self.y + height > PAGE_HEIGHT_PT and self.y > header:
                self.page += 1
                self.y = header
            self.y += height


def _lines(text: str, width: float, size: float, bold: bool = False) -> int:
    if "\n" not in text and typeface.text_width(text, size, bold) <= width:
        return 1  # most cells: a value on one line
    return sum(len(typeface.wrap(part, width, size, bold)) for part in text.split("\n"))


def paragraph_lines(children: tuple[Inline, ...], share: float = 1.0) -> int:
    """Lines a paragraph takes at the full text width (or ``share`` of it)."""
    parts: list[str] = []
    current: list[Inline] = []
    for node in children:
        if isinstance(node, LineBreak):
            parts.append(plain(tuple(current)))
            current = []
        else:
            current.append(node)
    parts.append(plain(tuple(current)))
    width = page.TEXT_WIDTH_PT * share
    return sum(_lines(part, width, page.BODY_PT) for part in parts)


def row_height(cells: tuple[tuple[Inline, ...], ...], fractions: list[float],
               size: float) -> float:
    """The height of a table row, in points, from its tallest cell."""
    lines = 1
    for cell, share in zip(cells, fractions, strict=False):
        width = share * page.TEXT_WIDTH_PT - 2 * page.CELL_PAD_X
        lines = max(lines, _lines(plain(cell), width, size))
    return lines * size * 1.25 + ROW_PAD
