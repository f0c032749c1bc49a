"""The drawing surface both figures share: matplotlib set up once, a canvas measured in points
at the page's text width, labels wrapped with the document's font.

matplotlib is imported here only, lazily, with the Agg backend.
"""

from __future__ import annotations

import io
from typing import Any

from cdc import typeface
from cdc.writers import page

PNG_DPI = 220
WIDTH = page.TEXT_WIDTH_PT  # points: the figure prints at its own size

NAVY = page.NAVY
BLUE_FILL = "#e8eef5"
GREY = page.MUTED
BAR = "#3f6e9e"
ACCENT = "#c0532b"
GRID = "#d9dee5"

NAME_PT = 8.0  # system names, phase names
LABEL_PT = 7.5  # link labels, legend
SMALL_PT = 7.0  # frequencies, volumes, dates: the smallest text of a figure


def pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    known = {f.fname for f in font_manager.fontManager.ttflist}
    for bold in (False, True):
        for italic in (False, True):
            path = typeface.font_file(bold, italic)
            if path is not None and str(path) not in known:  # installed after the font cache
                font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams.update({
        "svg.hashsalt": "cdc",
        "svg.fonttype": "none",  # text stays text: the PDF engines set it in the document's font
        "font.family": "sans-serif",
        "font.sans-serif": [typeface.FAMILY, typeface.WORD_FAMILY, typeface.FALLBACK],
        "font.size": NAME_PT,
        "axes.unicode_minus": False,
        "path.simplify": True,
    })
    return plt


def save(fig: Any, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "svg":
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "cdc"})
    else:
        # zlib level 1: a third of the save time; the DOCX zip compresses it again anyway
        fig.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None},
                    pil_kwargs={"compress_level": 1})
    import matplotlib.pyplot as plt

    plt.close(fig)
    return buffer.getvalue()


class Canvas:
    """A figure measured in points, y growing downwards from the top edge."""

    def __init__(self, width: float, height: float) -> None:
        plt = pyplot()
        self.fig = plt.figure(figsize=(width / 72, height / 72))
        ax = self.fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, width)
        ax.set_ylim(height, 0)
        ax.axis("off")
        self.ax = ax

    def text(self, x: float, y: float, lines: list[str], size: float, *, ha: str = "left",
             va: str = "top", color: str = "#1b1b1b", bold: bool = False,
             italic: bool = False, gid: str | None = None) -> None:
        artist = self.ax.text(x, y, "\n".join(lines), ha=ha, va=va, fontsize=size, color=color,
                              fontweight="bold" if bold else "normal",
                              style="italic" if italic else "normal",
                              linespacing=_LEADING, multialignment=ha)
        if gid:
            artist.set_gid(gid)

    def box(self, x: float, y: float, w: float, h: float, edge: str, fill: str,
            gid: str | None = None) -> None:
        from matplotlib.patches import FancyBboxPatch

        patch = FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0,rounding_size=4",
                               linewidth=0.9, edgecolor=edge, facecolor=fill)
        if gid:
            patch.set_gid(gid)
        self.ax.add_patch(patch)

    def line(self, x1: float, x2: float, y: float, color: str, dashed: bool = False,
             gid: str | None = None, width: float = 1.0) -> None:
        (artist,) = self.ax.plot([x1, x2], [y, y], color=color, linewidth=width,
                                 linestyle=(0, (4, 2.5)) if dashed else "-",
                                 solid_capstyle="butt", dash_capstyle="butt")
        if gid:
            artist.set_gid(gid)

    def head(self, tip: float, y: float, pointing: int, color: str, gid: str) -> None:
        """An arrowhead whose tip is at ``tip``; ``pointing`` is +1 (right) or -1 (left)."""
        from matplotlib.patches import Polygon

        back = tip - pointing * 6.0
        patch = Polygon([(tip, y), (back, y - 2.6), (back, y + 2.6)], closed=True,
                        facecolor=color, edgecolor=color, linewidth=0.5)
        patch.set_gid(gid)
        self.ax.add_patch(patch)


_LEADING = 1.18  # line spacing of multi-line labels, in multiples of the size


def text_height(lines: int, size: float) -> float:
    return lines * size * _LEADING if lines else 0.0


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Lines of at most ``width`` points, balanced (no lone word on the last line)."""
    lines = typeface.wrap(text, width, size, bold)
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

