"""A :class:`~cdc.diagrams.canvas.Drawing` as SVG: one user unit per point, text kept as text in
the document's font (the PDF engines set it like the body), deterministic bytes.

Each item that has an id is a ``<g id="…">`` holding its path or its text, so that tests and
readers find the CRM box, each system, each arrow and its heads, each month.
"""

from __future__ import annotations

import re
from html import escape as _html_escape

from cdc import typeface
from cdc.diagrams.canvas import DASH, Drawing, Label, Shape

_FAMILY = (f"'{typeface.FAMILY}', '{typeface.WORD_FAMILY}', '{typeface.FALLBACK}', "
           "sans-serif")


def escape(text: str) -> str:
    """Text content: &, < and > escaped (xml.sax.saxutils would import urllib at start-up)."""
    return _html_escape(text, quote=False)


def quoteattr(text: str) -> str:
    """An attribute value in double quotes, escaped."""
    value = escape(text).replace('"', "&quot;")
    return '"' + value.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;") + '"'


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _n(value: float, decimals: int = 2) -> str:
    """A coordinate with at most ``decimals`` decimals, without trailing zeros."""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _path(shape: Shape) -> str:
    if shape.radius:
        (x0, y0), (x1, y1) = shape.points
        r = min(shape.radius, (x1 - x0) / 2, (y1 - y0) / 2)
        return (f"M {_n(x0 + r)} {_n(y0)} L {_n(x1 - r)} {_n(y0)} "
                f"Q {_n(x1)} {_n(y0)} {_n(x1)} {_n(y0 + r)} L {_n(x1)} {_n(y1 - r)} "
                f"Q {_n(x1)} {_n(y1)} {_n(x1 - r)} {_n(y1)} L {_n(x0 + r)} {_n(y1)} "
                f"Q {_n(x0)} {_n(y1)} {_n(x0)} {_n(y1 - r)} L {_n(x0)} {_n(y0 + r)} "
                f"Q {_n(x0)} {_n(y0)} {_n(x0 + r)} {_n(y0)} z")
    first, *rest = shape.points
    d = f"M {_n(first[0])} {_n(first[1])} " + " ".join(f"L {_n(x)} {_n(y)}" for x, y in rest)
    return d + (" z" if shape.closed else "")


def _shape(shape: Shape) -> str:
    style = [f"fill: {shape.fill}" if shape.fill else "fill: none"]
    if shape.edge and shape.stroke:
        style += [f"stroke: {shape.edge}", f"stroke-width: {_n(shape.stroke)}",
                  "stroke-linejoin: miter"]
        if shape.dashed:
            style.append("stroke-dasharray: " + ",".join(_n(d * shape.stroke) for d in DASH))
    return f'<path d="{_path(shape)}" style="{"; ".join(style)}"/>'


def _label(label: Label) -> str:
    style = [f"font-size: {_n(label.size)}px", f"font-family: {_FAMILY}",
             f"text-anchor: {label.anchor}", f"fill: {label.color}"]
    if label.bold:
        style.insert(0, "font-weight: 700")
    if label.italic:
        style.insert(0, "font-style: italic")
    joined = "; ".join(style)
    return "".join(
        f'<text x="{_n(label.x)}" y="{_n(label.baseline + k * label.pitch)}" '
        f"style={quoteattr(joined)}>{escape(line)}</text>"
        for k, line in enumerate(_NOT_XML.sub("", t) for t in label.lines))


def svg(drawing: Drawing) -> bytes:
    """The drawing as a standalone SVG document, its size in points."""
    out = [
        '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
        f'width="{_n(drawing.width, 6)}pt" height="{_n(drawing.height, 6)}pt" '
        f'viewBox="0 0 {_n(drawing.width, 6)} {_n(drawing.height, 6)}">\n',
        '<style type="text/css">*{stroke-linecap: butt}</style>\n',
        f'<rect width="{_n(drawing.width)}" height="{_n(drawing.height)}" fill="#ffffff"/>\n',
    ]
    for item in drawing.items:
        body = _label(item) if isinstance(item, Label) else _shape(item)
        out.append(f"<g id={quoteattr(item.gid)}>{body}</g>\n" if item.gid else body + "\n")
    out.append("</svg>\n")
    return "".join(out).encode("utf-8")
