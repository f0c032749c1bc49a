"""Pictures drawn from the Spec: the data-flow map and the planning Gantt chart.

matplotlib is imported here only, lazily, with the Agg backend. Each figure is laid out in
points at the width of the page's text (``page.TEXT_WIDTH_PT``), so it prints at its own size in
every format and a 7.5 pt label is 7.5 pt on paper. Labels are measured with the document's font
(:mod:`cdc.typeface`) and wrapped, never cut. Output is deterministic: a fixed SVG hash salt, no
date in the metadata, text kept as text in the SVG. SVG for HTML and PDF, PNG at 220 dpi for Word.

Elements that tests read back carry SVG ids: ``crm``, ``system-N``, ``flow-N`` (the arrow of the
Nth interface of the table), ``flow-N-head-K`` (its arrowheads), ``migration-N``, ``month-N``.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from cdc import typeface
from cdc.errors import CdcError
from cdc.figures import BOTH, IN, OUT, DataFlow, FlowSystem, Gantt
from cdc.spec import Spec
from cdc.writers import page

PNG_DPI = 220
WIDTH = page.TEXT_WIDTH_PT  # points: the figure prints at its own size

NAVY = page.NAVY
BLUE_FILL = "#e8eef5"
GREEN = "#2e6b4f"
GREEN_FILL = "#e9f3ed"
GREY = page.MUTED
BAR = "#3f6e9e"
ACCENT = "#c0532b"
GRID = "#d9dee5"

NAMES = ("dataflow", "gantt")
MAX_SYSTEMS = 14  # per side of the data-flow map; the rest is summed up in one box
MAX_BARS, MAX_MILESTONES = 30, 12  # the tables list them all

NAME_PT = 8.0  # system names, phase names
LABEL_PT = 7.5  # link labels, legend
SMALL_PT = 7.0  # frequencies, volumes, dates: the smallest text of a figure

MONTHS_SHORT = {
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc."),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}

_TEXT = {
    "fr": {"left": "Sources reprises dans le CRM", "right": "Interfaces avec le CRM",
           "one_way": "Interface (sens des données)", "two_ways": "Interface dans les deux sens",
           "migration": "Reprise initiale des données",
           "empty": "Aucune donnée à représenter",
           "more": "+ {n} autres (voir le tableau)"},
    "en": {"left": "Sources migrated into the CRM", "right": "Interfaces with the CRM",
           "one_way": "Interface (direction of the data)", "two_ways": "Two-way interface",
           "migration": "Initial data migration",
           "empty": "No data to show",
           "more": "+ {n} more (see the table)"},
}


def _words(lang: str) -> dict[str, str]:
    return _TEXT["en" if lang == "en" else "fr"]


def _pyplot() -> Any:
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


def _save(fig: Any, fmt: str) -> bytes:
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


class _Canvas:
    """A figure measured in points, y growing downwards from the top edge."""

    def __init__(self, width: float, height: float) -> None:
        plt = _pyplot()
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


def _height(lines: int, size: float) -> float:
    return lines * size * _LEADING if lines else 0.0


def _wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
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


# --------------------------------------------------------------------------- the data-flow map

_PAD = 5.0  # inside a box
_GAP = 7.0  # between boxes


def _limit(systems: tuple[FlowSystem, ...], lang: str) -> list[FlowSystem]:
    if len(systems) <= MAX_SYSTEMS:
        return list(systems)
    rest = len(systems) - MAX_SYSTEMS + 1
    return [*systems[: MAX_SYSTEMS - 1], FlowSystem(_words(lang)["more"].format(n=rest), ())]


def _dataflow_figure(flow: DataFlow, lang: str) -> Any:
    words = _words(lang)
    right = _limit(flow.interfaced, lang)
    left = _limit(flow.migrated_only, lang)
    numbers = {s.name: i for i, s in enumerate(flow.systems, 1)}
    # Columns, left to right: migrated sources, a gap for the dashed arrows, the CRM, a gap for
    # the interfaces' labels, the interfaced systems.
    crm_w = 54.0
    if left and right:
        left_w, left_gap, right_w = 118.0, 26.0, 128.0
    elif left:
        left_w, left_gap, right_w = 200.0, 60.0, 0.0
    else:
        left_w, left_gap, right_w = 0.0, 0.0, 150.0
    edge = 0.8  # keeps the boxes' strokes inside the picture
    crm_x = left_w + left_gap if left else (40.0 if right else WIDTH / 2 - crm_w / 2)
    right_x = WIDTH - right_w - edge
    label_w = right_x - (crm_x + crm_w) - 12

    def box_lines(system: FlowSystem, width: float) -> tuple[list[str], list[str]]:
        name = _wrap(system.name, width - 2 * _PAD, NAME_PT)
        extra = [system.records] if system.migrated and system.records else []
        return name, extra

    def box_height(name: list[str], extra: list[str]) -> float:
        return _height(len(name), NAME_PT) + _height(len(extra), SMALL_PT) + 2 * _PAD

    # Rows of the right column: one per interface (its label above the arrow, its frequency
    # below), plus one for the migration of a system that also has interfaces.
    right_plan: list[tuple[FlowSystem, list[tuple[float, Any]], float]] = []
    for system in right:
        rows: list[tuple[float, Any]] = []
        for link in system.links:
            label = _wrap(link.name, label_w, LABEL_PT)
            height = _height(len(label), LABEL_PT) + 4 + (_height(1, SMALL_PT) if
                                                          link.frequency else 0) + 5
            rows.append((height, (link, label)))
        if system.migrated:
            rows.append((15.0, None))
        name, extra = box_lines(system, right_w)
        height = max(sum(h for h, _ in rows), box_height(name, extra))
        right_plan.append((system, rows, height))
    left_plan = [(s, box_height(*box_lines(s, left_w))) for s in left]

    title_h = 16.0
    right_total = sum(h for *_, h in right_plan) + _GAP * max(len(right_plan) - 1, 0)
    left_total = sum(h for _, h in left_plan) + _GAP * max(len(left_plan) - 1, 0)
    content = max(right_total, left_total, 60.0)
    legend_y = title_h + content + 14
    height = legend_y + 16
    canvas = _Canvas(WIDTH, height)
    if left:
        canvas.text(0, 2, [words["left"]], LABEL_PT, color=GREY, bold=True)
    if right:
        canvas.text(WIDTH, 2, [words["right"]], LABEL_PT, color=GREY, bold=True, ha="right")
    top = title_h
    canvas.box(crm_x, top, crm_w, content, NAVY, NAVY, gid="crm")
    canvas.text(crm_x + crm_w / 2, top + content / 2, [flow.crm], 12, ha="center",
                va="center", color="white", bold=True)
    crm_left, crm_right = crm_x, crm_x + crm_w

    y = top + (content - left_total) / 2
    for system, h in left_plan:
        name, extra = box_lines(system, left_w)
        number = numbers.get(system.name, 0)
        canvas.box(edge, y, left_w - edge, h, GREY, "white", gid=f"system-{number}")
        _box_text(canvas, left_w / 2, y + h / 2, name, extra)
        if system.migrated:
            canvas.line(left_w, crm_left - 1, y + h / 2, GREY, dashed=True,
                        gid=f"migration-{number}")
            canvas.head(crm_left - 1, y + h / 2, +1, GREY, f"migration-{number}-head-1")
        y += h + _GAP

    y = top + (content - right_total) / 2
    for system, rows, h in right_plan:
        number = numbers.get(system.name, 0)
        canvas.box(right_x, y, right_w, h, NAVY, BLUE_FILL, gid=f"system-{number}")
        name, extra = box_lines(system, right_w)
        _box_text(canvas, right_x + right_w / 2, y + h / 2, name, extra)
        row_y = y + (h - sum(r for r, _ in rows)) / 2
        for row_h, content_row in rows:
            if content_row is None:  # the migration of an interfaced system
                arrow_y = row_y + row_h / 2
                canvas.line(crm_right + 1, right_x, arrow_y, GREY, dashed=True,
                            gid=f"migration-{number}")
                canvas.head(crm_right + 1, arrow_y, -1, GREY, f"migration-{number}-head-1")
            else:
                link, label = content_row
                arrow_y = row_y + _height(len(label), LABEL_PT) + 3
                middle = (crm_right + right_x) / 2
                canvas.text(middle, row_y, label, LABEL_PT, ha="center", color="#1b1b1b",
                            gid=f"flow-{link.number}-label")
                if link.frequency:
                    canvas.text(middle, arrow_y + 2.5, [link.frequency], SMALL_PT,
                                ha="center", color=GREY, italic=True)
                canvas.line(crm_right + 1, right_x - 1, arrow_y, NAVY, gid=f"flow-{link.number}")
                heads = 0
                if link.direction in (IN, BOTH):
                    heads += 1
                    canvas.head(crm_right + 1, arrow_y, -1, NAVY,
                                f"flow-{link.number}-head-{heads}")
                if link.direction in (OUT, BOTH):
                    heads += 1
                    canvas.head(right_x - 1, arrow_y, +1, NAVY,
                                f"flow-{link.number}-head-{heads}")
            row_y += row_h
        y += h + _GAP

    _legend(canvas, legend_y, words, bool(right), any(s.migrated for s in flow.systems))
    return canvas.fig


def _box_text(canvas: _Canvas, x: float, middle: float, name: list[str],
              extra: list[str]) -> None:
    total = _height(len(name), NAME_PT) + _height(len(extra), SMALL_PT)
    top = middle - total / 2
    canvas.text(x, top, name, NAME_PT, ha="center")
    if extra:
        canvas.text(x, top + _height(len(name), NAME_PT), extra, SMALL_PT, ha="center",
                    color=GREY)


def _legend(canvas: _Canvas, y: float, words: dict[str, str], live: bool,
            migration: bool) -> None:
    items: list[tuple[str, str]] = []
    if live:
        items += [("one", words["one_way"]), ("both", words["two_ways"])]
    if migration:
        items.append(("migration", words["migration"]))
    x = 1.0
    for kind, text in items:
        color = GREY if kind == "migration" else NAVY
        canvas.line(x, x + 24, y, color, dashed=kind == "migration")
        canvas.head(x + 24, y, +1, color, f"legend-{kind}-head-1")
        if kind == "both":
            canvas.head(x, y, -1, color, f"legend-{kind}-head-2")
        canvas.text(x + 29, y, [text], LABEL_PT, va="center", color=GREY)
        x += 29 + typeface.text_width(text, LABEL_PT) + 18


# --------------------------------------------------------------------------- the Gantt chart


def _month_start(day: dt.date, months: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _gantt_figure(gantt: Gantt) -> Any:
    lang = "en" if gantt.lang == "en" else "fr"
    bars, milestones = gantt.bars[:MAX_BARS], gantt.milestones[:MAX_MILESTONES]
    dates = [d for b in bars for d in (b.start, b.end)] + [m[1] for m in milestones]
    first, end = _month_start(min(dates)), _month_start(max(dates), 1)
    span = (end - first).days

    names = [b.name for b in bars] + [m[0] for m in milestones]
    natural = max(typeface.text_width(n, NAME_PT) for n in names) + 10
    label_w = max(110.0, min(natural, WIDTH * 0.36))
    x0, x1 = label_w + 6, WIDTH - 4

    def x(day: dt.date) -> float:
        return x0 + (x1 - x0) * (day - first).days / span

    labels = [_wrap(n, label_w - 6, NAME_PT) for n in names]
    rows = [max(17.0, _height(len(lines), NAME_PT) + 7) for lines in labels]
    head_h = 24.0
    height = head_h + sum(rows) + 6
    canvas = _Canvas(WIDTH, height)
    ax = canvas.ax

    # Months: a band every other month, the abbreviation centred in its column when it fits,
    # else every second, third or sixth month; the year above January and the first month.
    months = (end.year - first.year) * 12 + end.month - first.month
    column = (x1 - x0) / months
    widest = max(typeface.text_width(m, SMALL_PT) for m in MONTHS_SHORT[lang]) + 4
    step = next(k for k in (1, 2, 3, 6, 12) if column * k >= widest)
    for i in range(months):
        start = _month_start(first, i)
        left, right = x(start), x(_month_start(first, i + 1))
        if i % 2 == 0:
            ax.add_patch(_rect(left, head_h, right - left, height - head_h - 6, page.BAND))
        ax.plot([left, left], [head_h - 3, height - 6], color=GRID, linewidth=0.5)
        if i % step == 0:
            centre = (left + right) / 2 if step == 1 else left + 2
            canvas.text(centre, head_h - 6, [MONTHS_SHORT[lang][start.month - 1]], SMALL_PT,
                        ha="center" if step == 1 else "left", va="baseline", color=GREY,
                        gid=f"month-{i + 1}")
        if start.month == 1 or i == 0:
            canvas.text(left + 2, 8, [str(start.year)], SMALL_PT, va="baseline", color=GREY,
                        bold=True)
    ax.plot([x1, x1], [head_h - 3, height - 6], color=GRID, linewidth=0.5)
    ax.plot([0, WIDTH], [head_h - 1, head_h - 1], color="#9aa3ad", linewidth=0.6)

    y = head_h
    for index, (lines, row_h) in enumerate(zip(labels, rows, strict=True)):
        middle = y + row_h / 2
        canvas.text(0, middle, lines, NAME_PT, va="center")
        if index < len(bars):
            bar = bars[index]
            left, right = x(bar.start), x(bar.end + dt.timedelta(days=1))
            ax.add_patch(_rect(left, middle - 4.5, max(right - left, 1.5), 9, BAR, NAVY))
        else:
            day = milestones[index - len(bars)][1]
            centre = x(day)
            ax.plot([centre], [middle], marker="D", markersize=6.5, color=ACCENT,
                    markeredgecolor="#7a2f14", markeredgewidth=0.6, linestyle="none",
                    gid=f"milestone-{index - len(bars) + 1}")
            date = f"{day.day}\u00a0{MONTHS_SHORT[lang][day.month - 1]}" if lang == "fr" else \
                f"{MONTHS_SHORT[lang][day.month - 1]} {day.day}"
            after = centre + 6 + typeface.text_width(date, SMALL_PT) <= x1
            canvas.text(centre + 6 if after else centre - 6, middle, [date], SMALL_PT,
                        ha="left" if after else "right", va="center", color=GREY)
        if index == len(bars) - 1 and milestones:
            ax.plot([0, WIDTH], [y + row_h, y + row_h], color="#c9ced6", linewidth=0.6)
        y += row_h
    return canvas.fig


def _rect(x: float, y: float, w: float, h: float, fill: str, edge: str | None = None) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), w, h, facecolor=fill, edgecolor=edge or "none",
                     linewidth=0.6 if edge else 0, zorder=0 if edge is None else 2)


def _empty_figure(lang: str) -> Any:
    canvas = _Canvas(WIDTH, 40)
    canvas.text(WIDTH / 2, 20, [_words(lang)["empty"]], NAME_PT, ha="center", va="center",
                color=GREY)
    return canvas.fig


def prepare() -> None:
    """Imports matplotlib and loads its fonts, once per process (batch workers)."""
    plt = _pyplot()
    plt.close(plt.figure())
    typeface.text_width("cdc", NAME_PT)


def figure(spec: Spec, name: str) -> Any:
    """The matplotlib figure ``name`` for ``spec``."""
    if name == "dataflow":
        return _dataflow_figure(spec.dataflow, spec.lang) if spec.dataflow else \
            _empty_figure(spec.lang)
    if name == "gantt":
        return _gantt_figure(spec.gantt) if spec.gantt else _empty_figure(spec.lang)
    raise CdcError(f"unknown figure '{name}' in a template",
                   f"Figures cdc draws: {', '.join(NAMES)} (write ![caption](figure:gantt)).")


def svg(spec: Spec, name: str) -> bytes:
    """The figure as SVG (vector), deterministic."""
    return _save(figure(spec, name), "svg")


def png(spec: Spec, name: str) -> bytes:
    """The figure as PNG at print resolution (220 dpi)."""
    return _save(figure(spec, name), "png")
