"""The Gantt chart: phases as bars, milestones as diamonds with their dates, months in the
document's language."""

from __future__ import annotations

import datetime as dt

from cdc import typeface
from cdc.diagrams.canvas import (
    ACCENT,
    BAR,
    GREY,
    GRID,
    NAME_PT,
    NAVY,
    SMALL_PT,
    WIDTH,
    Canvas,
    Drawing,
    text_height,
    wrap,
)
from cdc.figures import Gantt
from cdc.writers import page

MAX_BARS, MAX_MILESTONES = 30, 12  # the tables list them all
_DIAMOND = 6.5 * 2 ** 0.5  # a milestone's diamond, corner to corner, in points

MONTHS_SHORT = {
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc."),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def _month_start(day: dt.date, months: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def gantt_figure(gantt: Gantt) -> Drawing:
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

    labels = [wrap(n, label_w - 6, NAME_PT) for n in names]
    rows = [max(17.0, text_height(len(lines), NAME_PT) + 7) for lines in labels]
    head_h = 24.0
    height = head_h + sum(rows) + 6
    canvas = Canvas(WIDTH, height)

    # Months: a band every other month, the abbreviation centred in its column when it fits,
    # else every second, third or sixth month; the year above January and the first month.
    months = (end.year - first.year) * 12 + end.month - first.month
    column = (x1 - x0) / months
    widest = max(typeface.text_width(m, SMALL_PT) for m in MONTHS_SHORT[lang]) + 4
    step = next((k for k in (1, 2, 3, 6, 12, 24, 60, 120, 240, 600) if column * k >= widest),
                1200)
    # A plan of decades (dates are bounded to 1900-2200) draws one column per label, not one
    # per month, so that its time stays bounded.
    stride = 1 if months <= 120 else step
    for i in range(0, months, stride):
        start = _month_start(first, i)
        left, right = x(start), x(_month_start(first, min(i + stride, months)))
        if (i // stride) % 2 == 0:
            canvas.rect(left, head_h, right - left, height - head_h - 6, page.BAND,
                        layer=Canvas.BACK)
        canvas.segment((left, head_h - 3), (left, height - 6), GRID, 0.5)
        if i % step == 0:
            centre = (left + right) / 2 if step == 1 else left + 2
            canvas.text(centre, head_h - 6, [MONTHS_SHORT[lang][start.month - 1]], SMALL_PT,
                        ha="center" if step == 1 else "left", va="baseline", color=GREY,
                        gid=f"month-{i + 1}")
        if (start.month == 1 and (stride == 1 or i % step == 0)) or i == 0:
            canvas.text(left + 2, 8, [str(start.year)], SMALL_PT, va="baseline", color=GREY,
                        bold=True)
    canvas.segment((x1, head_h - 3), (x1, height - 6), GRID, 0.5)
    canvas.segment((0, head_h - 1), (WIDTH, head_h - 1), "#9aa3ad", 0.6)

    y = head_h
    for index, (lines, row_h) in enumerate(zip(labels, rows, strict=True)):
        middle = y + row_h / 2
        canvas.text(0, middle, lines, NAME_PT, va="center")
        if index < len(bars):
            bar = bars[index]
            left, right = x(bar.start), x(bar.end + dt.timedelta(days=1))
            canvas.rect(left, middle - 4.5, max(right - left, 1.5), 9, BAR, NAVY,
                        layer=Canvas.LINES)
        else:
            day = milestones[index - len(bars)][1]
            centre = x(day)
            canvas.diamond(centre, middle, _DIAMOND, ACCENT, "#7a2f14",
                           gid=f"milestone-{index - len(bars) + 1}")
            date = f"{day.day}\u00a0{MONTHS_SHORT[lang][day.month - 1]}" if lang == "fr" else \
                f"{MONTHS_SHORT[lang][day.month - 1]} {day.day}"
            after = centre + 6 + typeface.text_width(date, SMALL_PT) <= x1
            canvas.text(centre + 6 if after else centre - 6, middle, [date], SMALL_PT,
                        ha="left" if after else "right", va="center", color=GREY)
        if index == len(bars) - 1 and milestones:
            canvas.segment((0, y + row_h), (WIDTH, y + row_h), "#c9ced6", 0.6)
        y += row_h
    return canvas.drawing

