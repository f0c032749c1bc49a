"""Pictures drawn from the Spec: the data-flow map and the planning Gantt chart.

matplotlib is imported here only, lazily, with the Agg backend. Output is deterministic: a fixed
SVG hash salt, no date in the metadata, fixed fonts (Liberation Sans, else DejaVu Sans shipped
with matplotlib), so the same answers always give the same bytes on one machine. SVG for HTML
and PDF, PNG at 220 dpi for Word.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import textwrap
from typing import Any

from cdc.errors import CdcError
from cdc.spec import MONTHS, DataFlow, Gantt, Spec

PNG_DPI = 220
WIDTH_IN = 6.5  # fits A4 portrait text width

NAVY = "#1f3a5f"
BLUE_FILL = "#e8eef5"
GREEN = "#2e6b4f"
GREEN_FILL = "#e9f3ed"
GREY = "#5b6573"
BAR = "#3f6e9e"
ACCENT = "#c0532b"

NAMES = ("dataflow", "gantt")
MAX_BOXES = 12  # per side of the data-flow map; the rest is summed up in one box
MAX_BARS, MAX_MILESTONES = 30, 12  # the tables list them all

_TEXT = {
    "fr": {"inputs": "Sources et outils qui alimentent le CRM",
           "outputs": "Outils qui exploitent ses données",
           "milestones": "Jalons", "empty": "Aucune donnée à représenter",
           "more": "+ {n} autres (voir le tableau)"},
    "en": {"inputs": "Sources and tools feeding the CRM",
           "outputs": "Tools using its data",
           "milestones": "Milestones", "empty": "No data to show",
           "more": "+ {n} more (see the table)"},
}


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams.update({
        "svg.hashsalt": "cdc",
        "svg.fonttype": "none",
        # Liberation Sans when installed (the PDF already embeds it), else matplotlib's own
        # DejaVu Sans: text stays text in the SVG, so the PDF embeds no extra font.
        "font.family": "sans-serif",
        "font.sans-serif": ["Liberation Sans", "Arial", "DejaVu Sans"],
        "font.size": 8,
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


def _wrap(text: str, width: int = 24, lines: int = 3) -> str:
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1] + "…"
    return "\n".join(wrapped)


def _box(ax: Any, x: float, y: float, w: float, h: float, text: str, edge: str, fill: str,
         color: str = "#1b1b1b", bold: bool = False, size: float = 8) -> None:
    from matplotlib.patches import FancyBboxPatch

    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                boxstyle="round,pad=0.02,rounding_size=0.08",
                                linewidth=1.1, edgecolor=edge, facecolor=fill))
    ax.text(x, y, text, ha="center", va="center", fontsize=size, color=color,
            fontweight="bold" if bold else "normal", linespacing=1.15)


def _dataflow_figure(flow: DataFlow, lang: str) -> Any:
    plt = _pyplot()
    words = _TEXT["en" if lang == "en" else "fr"]

    def shown(names: tuple[str, ...]) -> list[str]:
        if len(names) <= MAX_BOXES:
            return list(names)
        return [*names[: MAX_BOXES - 1], words["more"].format(n=len(names) - MAX_BOXES + 1)]

    inputs, outputs = shown(flow.inputs), shown(flow.outputs)
    rows = max(len(inputs), len(outputs), 1)
    step = 0.62
    height = max(2.4, rows * step + 0.9)
    fig = plt.figure(figsize=(WIDTH_IN, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH_IN)
    ax.set_ylim(0, height)
    ax.axis("off")
    box_w, box_h = 1.5, 0.46
    left_x, crm_x, right_x = 0.08 + box_w / 2, WIDTH_IN / 2, WIDTH_IN - 0.08 - box_w / 2
    top = height - 0.55

    def positions(count: int) -> list[float]:
        span = (count - 1) * step
        middle = (top + 0.25) / 2
        return [middle + span / 2 - i * step for i in range(count)]

    ax.text(0.08, height - 0.18, words["inputs"], ha="left", va="center", fontsize=7.5,
            color=GREY, style="italic")
    ax.text(WIDTH_IN - 0.08, height - 0.18, words["outputs"], ha="right", va="center",
            fontsize=7.5, color=GREY, style="italic")
    crm_y = (top + 0.25) / 2
    crm_h = max(0.7, min(rows * step * 0.6, 2.0))
    crm_w = 0.95
    _box(ax, crm_x, crm_y, crm_w, crm_h, flow.crm, NAVY, NAVY, color="white", bold=True, size=11)
    where: dict[tuple[str, str], tuple[float, float]] = {}
    for name, y in zip(inputs, positions(len(inputs)), strict=True):
        _box(ax, left_x, y, box_w, box_h, _wrap(name), NAVY, BLUE_FILL)
        where[("in", name)] = (left_x + box_w / 2, y)
    for name, y in zip(outputs, positions(len(outputs)), strict=True):
        _box(ax, right_x, y, box_w, box_h, _wrap(name), GREEN, GREEN_FILL)
        where[("out", name)] = (right_x - box_w / 2, y)
    crm_left, crm_right = crm_x - crm_w / 2, crm_x + crm_w / 2
    reach = crm_h / 2 - 0.12

    def attach(y: float) -> float:
        return crm_y + max(-reach, min(reach, (y - crm_y) * 0.6))

    for edge in flow.edges:
        if edge.target == flow.crm:
            start = where.get(("in", edge.source))
            if start is None:
                continue
            end = (crm_left, attach(start[1]))
            color = NAVY
        else:
            target = where.get(("out", edge.target))
            if target is None:
                continue
            start, end = (crm_right, attach(target[1])), target
            color = GREEN
        style = "<|-|>" if edge.both_ways else "-|>"
        ax.annotate("", xy=end, xytext=start,
                    arrowprops={"arrowstyle": style, "color": color, "lw": 1.0,
                                "linestyle": "--" if edge.dashed else "-",
                                "shrinkA": 2, "shrinkB": 2, "mutation_scale": 9})
        if edge.label:
            # Nearer the outer box than the CRM, where neighbouring arrows are further apart.
            t = 0.38 if edge.target == flow.crm else 0.62
            mx = start[0] + (end[0] - start[0]) * t
            my = start[1] + (end[1] - start[1]) * t
            label = "\n".join(_wrap(part, 21, 1) for part in edge.label.split(" · ")[:2])
            ax.text(mx, my, label, ha="center", va="center",
                    fontsize=5.8, color=GREY, linespacing=1.1,
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none",
                          "alpha": 0.85})
    return fig


def _gantt_figure(gantt: Gantt) -> Any:
    plt = _pyplot()
    mdates: Any = importlib.import_module("matplotlib.dates")

    lang = "en" if gantt.lang == "en" else "fr"
    gantt = Gantt(gantt.bars[:MAX_BARS], gantt.milestones[:MAX_MILESTONES], gantt.lang)
    labels = [b.name for b in gantt.bars] + [m[0] for m in gantt.milestones]
    rows = len(labels)
    height = max(1.8, 0.34 * rows + 0.9)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, height))
    dates = [d for b in gantt.bars for d in (b.start, b.end)] + [m[1] for m in gantt.milestones]
    first, last = min(dates), max(dates)
    pad = dt.timedelta(days=max(7, (last - first).days // 30))
    for i, bar in enumerate(gantt.bars):
        start = mdates.date2num(bar.start)
        width = mdates.date2num(bar.end + dt.timedelta(days=1)) - start
        ax.barh(i, width, left=start, height=0.56, color=BAR, edgecolor=NAVY, linewidth=0.6)
    offset = len(gantt.bars)
    for j, (_name, day) in enumerate(gantt.milestones):
        x = mdates.date2num(day)
        ax.plot([x], [offset + j], marker="D", markersize=6.5, color=ACCENT,
                markeredgecolor="#7a2f14", linestyle="none")
        ax.axvline(x, color=ACCENT, linewidth=0.5, linestyle=":", alpha=0.7, zorder=0)
    ax.set_yticks(range(rows))
    ax.set_yticklabels([_wrap(label, 34, 2) for label in labels], fontsize=7.5)
    ax.invert_yaxis()
    ax.set_xlim(mdates.date2num(first - pad), mdates.date2num(last + pad))
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    interval = 1 if months <= 12 else 2 if months <= 24 else 3 if months <= 36 else 6
    interval = max(interval, -(-months // 24))  # a bound: plans of decades get 24 ticks at most
    ax.xaxis.set_major_locator(mdates.MonthLocator(interval=interval))
    names = MONTHS[lang]

    def month_label(value: float, _pos: int | None = None) -> str:
        day = mdates.num2date(value)
        short = names[day.month - 1][:4].rstrip(".")
        short = short if len(names[day.month - 1]) <= 4 else short + "."
        return f"{short}\n{day.year}" if day.month == 1 or _pos == 0 else short

    ax.xaxis.set_major_formatter(plt.FuncFormatter(month_label))
    ax.tick_params(axis="x", labelsize=7, colors=GREY)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#d9dee5", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color("#9aa3ad")
    if gantt.milestones and gantt.bars:
        ax.axhline(offset - 0.5, color="#c9ced6", linewidth=0.6)
    fig.tight_layout()
    return fig


def _empty_figure(lang: str) -> Any:
    plt = _pyplot()
    fig = plt.figure(figsize=(WIDTH_IN, 0.8))
    fig.text(0.5, 0.5, _TEXT["en" if lang == "en" else "fr"]["empty"], ha="center",
             va="center", color=GREY)
    return fig


def prepare() -> None:
    """Imports matplotlib and loads its fonts, once per process (batch workers)."""
    plt = _pyplot()
    plt.close(plt.figure())


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
