"""Part 5 (planning): phases in order with their length, milestones, the Gantt chart."""

from __future__ import annotations

import datetime as dt

from cdc.figures import Gantt, GanttBar
from cdc.spec.model import Phase
from cdc.spec.values import Field, Missing, Record, Value, format_number


def phases(records: tuple[Record, ...], lang: str) -> tuple[Phase, ...]:
    """Phases sorted by start then end, each with its length in weeks."""
    ordered = sorted(
        records,
        key=lambda r: (getattr(r.start, "raw", dt.date.max), getattr(r.end, "raw", dt.date.max)),
    )
    found = []
    for rec in ordered:
        weeks: Field = Missing()
        start, end = getattr(rec.start, "raw", None), getattr(rec.end, "raw", None)
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end >= start:
            n = max(1, round(((end - start).days + 1) / 7))
            weeks = Value(format_number(n, lang), n)
        found.append(Phase(rec.name, rec.start, rec.end, weeks, rec.deliverable, rec.owner))
    return tuple(found)


def milestones(records: tuple[Record, ...]) -> tuple[Record, ...]:
    return tuple(sorted(records, key=lambda r: getattr(r.date, "raw", dt.date.max)))


def duration_weeks(start: Field, end: Field, lang: str) -> Field:
    """Weeks from the project's start to its go-live."""
    first, last = getattr(start, "raw", None), getattr(end, "raw", None)
    if isinstance(first, dt.date) and isinstance(last, dt.date) and last > first:
        n = round((last - first).days / 7)
        return Value(format_number(n, lang), n)
    return Missing()


def gantt(phase_rows: tuple[Phase, ...], milestone_rows: tuple[Record, ...], lang: str) -> Gantt:
    return Gantt(
        tuple(GanttBar(str(p.name), p.start.raw, p.end.raw) for p in phase_rows
              if isinstance(p.start, Value) and isinstance(p.end, Value)
              and p.end.raw >= p.start.raw),
        tuple((str(m.name), m.date.raw) for m in milestone_rows if isinstance(m.date, Value)),
        lang,
    )
