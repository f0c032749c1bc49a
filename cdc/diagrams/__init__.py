"""Pictures drawn from the Spec: the data-flow map and the planning Gantt chart.

Each figure is laid out once, in points at the width of the page's text
(``page.TEXT_WIDTH_PT``), as a :class:`Drawing`, so it prints at its own size in every format
and a 7.5 pt label is 7.5 pt on paper. Labels are measured with the document's font
(:mod:`cdc.typeface`) and wrapped, never cut. The drawing is then written as SVG (HTML and PDF;
text kept as text) and as PNG at 220 dpi (Word), each deterministic. No plotting library: the
shapes are boxes, lines, arrowheads and labels, which SVG says directly and Pillow paints.

Elements that tests read back carry SVG ids: ``crm``, ``system-N``, ``flow-N`` (the arrow of the
Nth interface of the table), ``flow-N-head-K`` (its arrowheads), ``migration-N``, ``month-N``.
"""

from __future__ import annotations

from cdc import typeface
from cdc.diagrams import raster
from cdc.diagrams import svg as svg_writer
from cdc.diagrams.canvas import GREY, NAME_PT, WIDTH, Canvas, Drawing
from cdc.diagrams.dataflow import dataflow_figure
from cdc.diagrams.gantt import MONTHS_SHORT, gantt_figure
from cdc.errors import CdcError
from cdc.spec import Spec

__all__ = ["MONTHS_SHORT", "NAMES", "Drawing", "figure", "png", "prepare", "svg"]

NAMES = ("dataflow", "gantt")
_EMPTY = {"fr": "Aucune donnée à représenter", "en": "No data to show"}


def _empty_figure(lang: str) -> Drawing:
    canvas = Canvas(WIDTH, 40)
    canvas.text(WIDTH / 2, 20, [_EMPTY["en" if lang == "en" else "fr"]], NAME_PT, ha="center",
                va="center", color=GREY)
    return canvas.drawing


def prepare() -> None:
    """Loads the fonts' metrics and Pillow, once per process (batch workers)."""
    typeface.text_width("cdc", NAME_PT)
    typeface.vertical_metrics()
    raster.png(_empty_figure("fr"))


def figure(spec: Spec, name: str) -> Drawing:
    """The drawing ``name`` for ``spec``, laid out once; write it with :func:`to_svg` and
    :func:`to_png`."""
    if name == "dataflow":
        return dataflow_figure(spec.dataflow, spec.lang) if spec.dataflow else \
            _empty_figure(spec.lang)
    if name == "gantt":
        return gantt_figure(spec.gantt) if spec.gantt else _empty_figure(spec.lang)
    raise CdcError(f"unknown figure '{name}' in a template",
                   f"Figures cdc draws: {', '.join(NAMES)} (write ![caption](figure:gantt)).")


def to_svg(drawing: Drawing) -> bytes:
    """The drawing as SVG (vector), deterministic."""
    return svg_writer.svg(drawing)


def to_png(drawing: Drawing) -> bytes:
    """The drawing as PNG at print resolution (220 dpi)."""
    return raster.png(drawing)


def svg(spec: Spec, name: str) -> bytes:
    """The figure ``name`` as SVG."""
    return to_svg(figure(spec, name))


def png(spec: Spec, name: str) -> bytes:
    """The figure ``name`` as PNG."""
    return to_png(figure(spec, name))
