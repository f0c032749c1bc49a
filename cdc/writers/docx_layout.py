"""How the Word output fits the page: column widths of tables and a rough page model.

The page model gives the table of contents its cached page numbers before Word or LibreOffice
has laid the document out; its measures were fitted on the bundled examples against
LibreOffice's pages (three headings in four land on the right page, the rest one page off).
"""

from __future__ import annotations

import math
import re

from cdc.document import Inline, LineBreak, Table, plain

# Text area of an A4 page with 2.5 cm margins, in twips and points.
TEXT_WIDTH = 9072
PAGE_HEIGHT_PT = 700.0
# Average character widths of the table text (Arial 9.5 pt) in twips, and the cell's side margins.
CHAR = 100
CHAR_BOLD = 118
CELL_MARGIN = 200
SHORT_COLUMN = 2600  # twips: a column whose longest cell is shorter is kept on one line
WIDE_TABLE = 6  # columns from which a table uses the small table text styles


class Layout:
    """A rough page model, only for the cached page numbers of the table of contents."""

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


# The page model's measures, in points and characters per line (Word breaks lines a little
# differently from LibreOffice, on which they were fitted).
LINE = 13.0  # a line of Normal text
PARA_GAP = 6.0  # space after a paragraph
CHARS = 90.0  # characters in a full-width line of Normal text
ROW_LINE = 10.5  # a line of table text
ROW_PAD = 4.5  # cell margins and borders of a table row
ROW_CHAR = 90.0  # twips per character of table text, as lines break
TOC_ENTRY = (17.0, 14.5, 14.0)  # an entry of the table of contents, by level


def text_lines(children: tuple[Inline, ...], chars_per_line: float) -> int:
    """Lines that inline text takes at ``chars_per_line``, counting its line breaks."""
    count = 0
    segment = 0
    width = max(chars_per_line, 8.0)
    for node in (*children, LineBreak()):
        if isinstance(node, LineBreak):
            count += max(1, math.ceil(segment / width))
            segment = 0
        else:
            segment += len(plain((node,)))
    return count


def _span(word: str) -> int:
    """A word's width in average characters: capitals and digits are wider (ids: CON-005)."""
    return math.ceil(sum(1.3 if c.isupper() else 1.1 if c.isdigit() else 1.0 for c in word))


def column_widths(table: Table, columns: int, scale: float = 1.0) -> list[int]:
    """Column widths in twips, filling the text width, as a browser lays out an auto table.

    Each column needs at least its longest word and at most its longest cell on one line; the
    width left over after the minimums goes to the columns in proportion to what they lack.
    """
    least: list[float] = []
    most: list[float] = []

    def longest_word(texts: list[str]) -> int:
        # Non-breaking spaces (French numbers and units) hold words together: split on spaces.
        return max((_span(w) for t in texts for w in re.split(r"[ \t\n]+", t)), default=1)

    for c in range(columns):
        head = [plain(table.header[c])] if c < len(table.header) else []
        texts = [plain(r[c]) for r in table.rows if c < len(r)]
        word = max(min(longest_word(head), 30) * CHAR_BOLD, min(longest_word(texts), 30) * CHAR)
        cell = max((_span(t) for t in head + texts), default=1)
        least.append(CELL_MARGIN + word * scale)
        most.append(max(CELL_MARGIN + min(cell, 400) * CHAR * scale, least[-1]))
    if sum(most) <= TEXT_WIDTH:
        widths = [w * TEXT_WIDTH / sum(most) for w in most]
    elif sum(least) >= TEXT_WIDTH:
        widths = [w * TEXT_WIDTH / sum(least) for w in least]
    else:
        # Short columns (dates, amounts, names) keep their text on one line if the long ones
        # can still have their minimum; the long ones share what is left.
        short = [m <= SHORT_COLUMN for m in most]
        floor = [m if k else n for m, n, k in zip(most, least, short, strict=True)]
        if sum(floor) > TEXT_WIDTH or all(short):
            floor = least
        spare = TEXT_WIDTH - sum(floor)
        lack = [m - f for m, f in zip(most, floor, strict=True)]
        widths = [f + spare * d / (sum(lack) or 1) for f, d in zip(floor, lack, strict=True)]
    result = [int(w) for w in widths]
    result[result.index(max(result))] += TEXT_WIDTH - sum(result)
    return result
