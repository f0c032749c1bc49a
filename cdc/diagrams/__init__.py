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

from typing import Any

from cdc import typeface
from cdc.diagrams.canvas import GREY, NAME_PT, WIDTH, Canvas, pyplot, save
from cdc.diagrams.dataflow import dataflow_figure
from cdc.diagrams.gantt import MONTHS_SHORT, gantt_figure
from cdc.errors import CdcError
from cdc.spec import Spec

__all__ = ["MONTHS_SHORT", "NAMES", "figure", "png", "prepare", "svg"]

NAMES = ("dataflow", "gantt")
_EMPTY = {"fr": "Aucune donnée à représenter", "en": "No data to show"}


def _empty_figure(lang: str) -> Any:
    canvas = Canvas(WIDTH, 40)
    canvas.text(WIDTH / 2, 20, [_EMPTY["en" if lang == "en" else "fr"]], NAME_PT, ha="center",
                va="center", color=GREY)
    return canvas.fig


def prepare() -> None:
    """Imports matplotlib and loads its fonts, once per process (batch workers)."""
    plt = pyplot()
    plt.close(plt.figure())
    typeface.text_width("cdc", NAME_PT)


def figure(spec: Spec, name: str) -> Any:
    """The matplotlib figure ``name`` for ``spec``."""
    if name == "dataflow":
        return dataflow_figure(spec.dataflow, spec.lang) if spec.dataflow else \
            _empty_figure(spec.lang)
    if name == "gantt":
        return gantt_figure(spec.gantt) if spec.gantt else _empty_figure(spec.lang)
    raise CdcError(f"unknown figure '{name}' in a template",
                   f"Figures cdc draws: {', '.join(NAMES)} (write ![caption](figure:gantt)).")


def svg(spec: Spec, name: str) -> bytes:
    """The figure as SVG (vector), deterministic."""
    return save(figure(spec, name), "svg")


def png(spec: Spec, name: str) -> bytes:
    """The figure as PNG at print resolution (220 dpi)."""
    return save(figure(spec, name), "png")
