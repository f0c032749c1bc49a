"""The drawing surface both figures share: a canvas measured in points at the page's text
width, y growing downwards, that records what is drawn (boxes, lines, arrowheads, labels) as a
:class:`Drawing`. A drawing is laid out once per document and then written as SVG
(:mod:`cdc.diagrams.svg`) and as PNG (:mod:`cdc.diagrams.raster`): no plotting library, so a
picture costs milliseconds, not the second matplotlib took to import and draw it twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cdc import typeface
from cdc.writers import page

WIDTH = page.TEXT_WIDTH_PT  # points: the figure prints at its own size

NAVY = page.NAVY
BLUE_FILL = "#e8eef5"
GREY = page.MUTED
BAR = "#3f6e9e"
ACCENT = "#c0532b"
GRID = "#d9dee5"
LABEL_INK = "#1b1b1b"

NAME_PT = 8.0  # system names, phase names
LABEL_PT = 7.5  # link labels, legend
SMALL_PT = 7.0  # frequencies, volumes, dates: the smallest text of a figure

_LEADING = 1.18  # line spacing of multi-line labels, in multiples of the size
DASH = (4.0, 2.5)  # points on, points off


@dataclass(frozen=True)
class Label:
    """Lines of text; ``x`` is where ``anchor`` ("start", "middle", "end") puts them, and
    ``baseline`` the first line's baseline."""

    x: float
    baseline: float
    lines: tuple[str, ...]
    size: float
    anchor: str
    color: str
    bold: bool
    italic: bool
    gid: str | None

    @property
    def pitch(self) -> float:
        return self.size * _LEADING


@dataclass(frozen=True)
class Shape:
    """A closed outline (box, bar, arrowhead, diamond) or an open line, in points.

    ``radius`` rounds a rectangle's corners (``points`` are then its two corners).
    """

    points: tuple[tuple[float, float], ...]
    fill: str | None
    edge: str | None
    stroke: float  # the edge's width, in points
    closed: bool = True
    dashed: bool = False
    radius: float = 0.0
    gid: str | None = None


@dataclass
class Drawing:
    """What a figure holds, in painting order (back to front)."""

    width: float
    height: float
    items: list[Shape | Label] = field(default_factory=list)


def _baseline(y: float, lines: int, size: float, va: str, bold: bool) -> float:
    """The first baseline of ``lines`` lines whose box is aligned at ``y`` (top, center or
    baseline), the box being ``lines`` line pitches tall, each line's text sitting on the
    font's ascent."""
    ascent, descent = typeface.vertical_metrics(bold)
    if va == "baseline":
        return y
    if va == "top":
        return y + ascent * size
    # centre: the middle of the block from the first line's ascent to the last one's descent
    block = (lines - 1) * size * _LEADING + (ascent + descent) * size
    return y - block / 2 + ascent * size


class Canvas:
    """A figure measured in points, y growing downwards from the top edge.

    Items are painted in layers, as a plotting library would: backgrounds (0), then shapes
    (1), then lines (2), then text (3); within a layer, in the order they were drawn.
    """

    BACK, SHAPES, LINES, TEXT = range(4)

    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = width, height
        self._items: list[tuple[int, Shape | Label]] = []

    @property
    def drawing(self) -> Drawing:
        ordered = sorted(self._items, key=lambda pair: pair[0])  # stable: drawing order kept
        return Drawing(self.width, self.height, [item for _, item in ordered])

    def _add(self, layer: int, item: Shape | Label) -> None:
        self._items.append((layer, item))

    def text(self, x: float, y: float, lines: list[str], size: float, *, ha: str = "left",
             va: str = "top", color: str = LABEL_INK, bold: bool = False,
             italic: bool = False, gid: str | None = None) -> None:
        anchor = {"left": "start", "center": "middle", "right": "end"}[ha]
        self._add(self.TEXT, Label(
            x, _baseline(y, len(lines), size, va, bold), tuple(lines), size, anchor, color,
            bold, italic, gid))

    def box(self, x: float, y: float, w: float, h: float, edge: str, fill: str,
            gid: str | None = None) -> None:
        """A rounded box with a 0.9 pt edge."""
        self._add(self.SHAPES, Shape(((x, y), (x + w, y + h)), fill, edge, 0.9, radius=4.0,
                                     gid=gid))

    def rect(self, x: float, y: float, w: float, h: float, fill: str, edge: str | None = None,
             *, layer: int = SHAPES, gid: str | None = None) -> None:
        """A square-cornered rectangle (``layer``: BACK for a band behind everything, LINES
        for a bar over the grid lines drawn before it)."""
        self._add(layer, Shape(((x, y), (x + w, y), (x + w, y + h), (x, y + h)), fill, edge,
                               0.6 if edge else 0.0, gid=gid))

    def line(self, x1: float, x2: float, y: float, color: str, dashed: bool = False,
             gid: str | None = None, width: float = 1.0) -> None:
        """A horizontal line from ``x1`` to ``x2``."""
        self.segment((x1, y), (x2, y), color, width, dashed=dashed, gid=gid)

    def segment(self, start: tuple[float, float], end: tuple[float, float], color: str,
                width: float, *, dashed: bool = False, gid: str | None = None) -> None:
        self._add(self.LINES, Shape((start, end), None, color, width, closed=False,
                                    dashed=dashed, gid=gid))

    def head(self, tip: float, y: float, pointing: int, color: str, gid: str) -> None:
        """An arrowhead whose tip is at ``tip``; ``pointing`` is +1 (right) or -1 (left)."""
        back = tip - pointing * 6.0
        self._add(self.SHAPES, Shape(((tip, y), (back, y - 2.6), (back, y + 2.6)), color, color,
                                     0.5, gid=gid))

    def diamond(self, x: float, y: float, size: float, fill: str, edge: str, gid: str) -> None:
        """A milestone's diamond, ``size`` points from corner to corner, over the lines."""
        half = size / 2
        self._add(self.LINES, Shape(((x, y - half), (x + half, y), (x, y + half), (x - half, y)),
                                    fill, edge, 0.6, gid=gid))


def text_height(lines: int, size: float) -> float:
    return lines * size * _LEADING if lines else 0.0


MAX_LABEL_LINES = 6
"""Lines of one label at most: a runaway answer must not make a picture pages tall."""
_MAX_LABEL_CHARS = 80 * MAX_LABEL_LINES


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Lines of at most ``width`` points, balanced (no lone word on the last line).

    A label is never cut in an ordinary document. A runaway one is: a word wider than the line
    is broken across lines, and a label of more than :data:`MAX_LABEL_LINES` lines ends its last
    one with "…", so the picture's size and the time to draw it stay bounded.
    """
    cut = len(text) > _MAX_LABEL_CHARS
    text = _pieces(text[:_MAX_LABEL_CHARS], width, size, bold)
    lines = typeface.wrap(text, width, size, bold)
    if len(lines) > MAX_LABEL_LINES or cut:
        return _ellipsis(lines[:MAX_LABEL_LINES], width, size, bold)
    if len(lines) < 2:
        return lines
    low, high = typeface.longest_word(text, size, bold), width
    while high - low > 1:
        middle = (low + high) / 2
        if len(typeface.wrap(text, middle, size, bold)) <= len(lines):
            high = middle
        else:
            low = middle
    return typeface.wrap(text, high, size, bold)


def _pieces(text: str, width: float, size: float, bold: bool) -> str:
    """``text`` with each word wider than ``width`` broken into pieces that fit."""
    if typeface.longest_word(text, size, bold) <= width:
        return text
    words: list[str] = []
    for word in text.split(" "):
        piece = ""
        for char in word:
            if piece and typeface.text_width(piece + char, size, bold) > width:
                words.append(piece)
                piece = ""
            piece += char
        words.append(piece)
    return " ".join(words)


def _ellipsis(lines: list[str], width: float, size: float, bold: bool) -> list[str]:
    last = lines[-1]
    while last and typeface.text_width(last + " …", size, bold) > width:
        last = last[:-1]
    return [*lines[:-1], f"{last.rstrip()} …".lstrip()]
