"""A :class:`~cdc.diagrams.canvas.Drawing` as PNG at print resolution (for Word), with Pillow.

Pillow does not smooth the edges of shapes, so the picture is painted at ``SUPERSAMPLE`` times
the resolution and reduced: edges and text come out smooth, as a plotting library's would.
Text is set with FreeType in the document's font at its size in points.
"""

from __future__ import annotations

import functools
import io
import math
from typing import Any

from cdc import typeface
from cdc.diagrams.canvas import DASH, Drawing, Label, Shape

PNG_DPI = 220
SUPERSAMPLE = 2
_PIXELS = 40_000_000  # painted at most (120 MB): a tall picture is supersampled less
_ANCHOR = {"start": "ls", "middle": "ms", "end": "rs"}


@functools.lru_cache(maxsize=64)
def _font(bold: bool, italic: bool, pixels: float) -> Any:
    from PIL import ImageFont

    path = typeface.font_file(bold, italic) or typeface.fallback_file(bold, italic)
    return ImageFont.truetype(str(path), pixels)


def png(drawing: Drawing) -> bytes:
    """The drawing as a PNG of ``PNG_DPI`` dots per inch, deterministic."""
    from PIL import Image, ImageDraw

    width, height = (math.ceil(drawing.width * PNG_DPI / 72),
                     math.ceil(drawing.height * PNG_DPI / 72))
    factor = next((k for k in range(SUPERSAMPLE, 1, -1) if width * height * k * k <= _PIXELS),
                  1)
    scale = PNG_DPI / 72 * factor
    size = (width * factor, height * factor)
    image = Image.new("RGB", size, "#ffffff")
    draw = ImageDraw.Draw(image)
    for item in drawing.items:
        if isinstance(item, Label):
            _label(draw, item, scale)
        elif item.radius:
            _box(draw, item, scale)
        elif item.closed:
            _polygon(draw, item, scale)
        else:
            _line(draw, item, scale)
    image = image.reduce(factor) if factor > 1 else image
    buffer = io.BytesIO()
    # zlib level 1: a third of the time of the default; the DOCX zip compresses it again anyway
    # (a 64-colour palette would halve it, but no fast quantizer keeps white white)
    image.save(buffer, format="PNG", compress_level=1, dpi=(PNG_DPI, PNG_DPI))
    return buffer.getvalue()


def _box(draw: Any, shape: Shape, scale: float) -> None:
    (x0, y0), (x1, y1) = ((x * scale, y * scale) for x, y in shape.points)
    half = shape.stroke * scale / 2
    radius = shape.radius * scale
    if shape.edge:
        draw.rounded_rectangle((x0 - half, y0 - half, x1 + half, y1 + half), radius + half,
                               fill=shape.edge)
    if shape.fill and shape.fill != shape.edge:
        draw.rounded_rectangle((x0 + half, y0 + half, x1 - half, y1 - half),
                               max(radius - half, 0), fill=shape.fill)


def _polygon(draw: Any, shape: Shape, scale: float) -> None:
    points = [(x * scale, y * scale) for x, y in shape.points]
    if shape.fill:
        draw.polygon(points, fill=shape.fill)
    if shape.edge and shape.stroke:
        draw.line([*points, points[0], points[1]], fill=shape.edge,
                  width=max(1, round(shape.stroke * scale)), joint="curve")


def _line(draw: Any, shape: Shape, scale: float) -> None:
    width = max(1, round(shape.stroke * scale))
    (x0, y0), (x1, y1) = ((x * scale, y * scale) for x, y in shape.points)
    if not shape.dashed:
        draw.line((x0, y0, x1, y1), fill=shape.edge, width=width)
        return
    length = math.hypot(x1 - x0, y1 - y0)
    on, off = (d * shape.stroke * scale for d in DASH)
    position = 0.0
    while position < length:
        end = min(position + on, length)
        a, b = position / length, end / length
        draw.line((x0 + (x1 - x0) * a, y0 + (y1 - y0) * a, x0 + (x1 - x0) * b,
                   y0 + (y1 - y0) * b), fill=shape.edge, width=width)
        position = end + off


def _label(draw: Any, label: Label, scale: float) -> None:
    font = _font(label.bold, label.italic, label.size * scale)
    for k, line in enumerate(label.lines):
        draw.text((label.x * scale, (label.baseline + k * label.pitch) * scale), line,
                  font=font, fill=label.color, anchor=_ANCHOR[label.anchor])
