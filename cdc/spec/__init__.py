"""Answers + question bank → the Spec model: everything the templates print, computed once.

``values`` formats answers and defines the value types; ``model`` holds the typed, immutable
Spec; one module per part of the plan derives its tables (``company``, ``mapping``,
``requirement_rows``, ``planning``, ``team``, ``annexes``); ``build`` puts them together for one
language and one edition.
"""

from cdc.figures import DataFlow, Gantt, GanttBar
from cdc.spec.build import build_spec
from cdc.spec.model import (
    OpenPoint,
    Requirement,
    Risk,
    Spec,
)
from cdc.spec.values import (
    MAX_ANSWER,
    MONTHS,
    NBSP,
    NNBSP,
    Field,
    Missing,
    Record,
    Value,
    Withheld,
    clean_text,
    collect_withheld,
    format_date,
    format_number,
    join_words,
    note_withheld,
    with_unit,
    withheld_printed,
)

__all__ = [
    "MAX_ANSWER", "MONTHS", "NBSP", "NNBSP", "DataFlow", "Field",
    "Gantt", "GanttBar", "Missing", "OpenPoint", "Record", "Requirement", "Risk", "Spec",
    "Value", "Withheld", "build_spec", "clean_text", "collect_withheld", "format_date",
    "format_number", "join_words", "note_withheld", "with_unit", "withheld_printed",
]
