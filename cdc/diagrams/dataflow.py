"""The data-flow map: migrated sources on the left (dashed arrows into the CRM), interfaced
systems on the right, one arrow per interface in the direction of its data, full labels."""

from __future__ import annotations

from typing import Any

from cdc import typeface
from cdc.diagrams.canvas import (
    BLUE_FILL,
    GREY,
    LABEL_PT,
    NAME_PT,
    NAVY,
    SMALL_PT,
    WIDTH,
    Canvas,
    Drawing,
    text_height,
    wrap,
)
from cdc.figures import BOTH, IN, OUT, DataFlow, FlowSystem

MAX_SYSTEMS = 14  # per side of the map; the rest is summed up in one box

_TEXT = {
    "fr": {"left": "Sources reprises dans le CRM", "right": "Interfaces avec le CRM",
           "one_way": "Interface (sens des données)", "two_ways": "Interface dans les deux sens",
           "migration": "Reprise initiale des données",
           "more": "+ {n} autres (voir le tableau)"},
    "en": {"left": "Sources migrated into the CRM", "right": "Interfaces with the CRM",
           "one_way": "Interface (direction of the data)", "two_ways": "Two-way interface",
           "migration": "Initial data migration",
           "more": "+ {n} more (see the table)"},
}


def _words(lang: str) -> dict[str, str]:
    return _TEXT["en" if lang == "en" else "fr"]


_PAD = 5.0  # inside a box
_GAP = 7.0  # between boxes


def _limit(systems: tuple[FlowSystem, ...], lang: str) -> list[FlowSystem]:
    if len(systems) <= MAX_SYSTEMS:
        return list(systems)
    rest = len(systems) - MAX_SYSTEMS + 1
    return [*systems[: MAX_SYSTEMS - 1], FlowSystem(_words(lang)["more"].format(n=rest), ())]


def dataflow_figure(flow: DataFlow, lang: str) -> Drawing:
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
        name = wrap(system.name, width - 2 * _PAD, NAME_PT)
        extra = [system.records] if system.migrated and system.records else []
        return name, extra

    def box_height(name: list[str], extra: list[str]) -> float:
        return text_height(len(name), NAME_PT) + text_height(len(extra), SMALL_PT) + 2 * _PAD

    # Rows of the right column: one per interface (its label above the arrow, its frequency
    # below), plus one for the migration of a system that also has interfaces.
    right_plan: list[tuple[FlowSystem, list[tuple[float, Any]], float]] = []
    for system in right:
        rows: list[tuple[float, Any]] = []
        for link in system.links:
            label = wrap(link.name, label_w, LABEL_PT)
            height = text_height(len(label), LABEL_PT) + 4 + (text_height(1, SMALL_PT) if
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
    canvas = Canvas(WIDTH, height)
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
                arrow_y = row_y + text_height(len(label), LABEL_PT) + 3
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
    return canvas.drawing


def _box_text(canvas: Canvas, x: float, middle: float, name: list[str],
              extra: list[str]) -> None:
    total = text_height(len(name), NAME_PT) + text_height(len(extra), SMALL_PT)
    top = middle - total / 2
    canvas.text(x, top, name, NAME_PT, ha="center")
    if extra:
        canvas.text(x, top + text_height(len(name), NAME_PT), extra, SMALL_PT, ha="center",
                    color=GREY)


def _legend(canvas: Canvas, y: float, words: dict[str, str], live: bool,
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


