"""A returned grid read and compared with what the buyer sent, cell by cell.

A returned grid is the vendor's file: everything in it, the hidden ``_cdc`` sheet and its
fingerprint included, may have been edited. With the buyer's key (:class:`BuyerKey`, built from
the answers file by :func:`cdc.scoring.buyer_key`) the grid's layout and requirements come from
the buyer: every cell of the visible grid, of the ``_cdc`` sheet and of the instructions' facts
that differs is reported with its sheet and cell, and only the vendor's own columns (coverage,
yes/no answers) and its name are read as the vendor's. Without a key the grid can only be
checked against its own ``_cdc`` sheet.

Workbooks are opened by :mod:`cdc.workbook` (size and compression checks, only the cells needed).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cdc.award import Criterion
from cdc.errors import Location, Problem
from cdc.pack import PACK_META_ROW
from cdc.pack.reading import PackAnswers, PackKey, read_pack
from cdc.requirements import (
    COVERAGE_LABELS,
    GRID_COLUMNS,
    GRID_FIRST_ROW,
    GRID_FORMAT,
    META_HEADER_ROW,
    META_SHEET,
    PRIORITIES,
    PRIORITY_LABELS,
    SHEET_NAMES,
    YES_NO,
    Requirement,
    fingerprint,
)
from cdc.workbook import TooLong, Workbook, column_letter, open_workbook, parse_ref

MAX_LISTED_CELLS = 8
MAX_CHANGED_CELLS = 200
"""Changed cells listed one by one per grid; past that, a count (a grid of another version)."""

MAX_REQUIREMENTS = 5_000
"""Most rows read from a grid's ``_cdc`` sheet when no answers file is given."""

META_FIRST_ROW = META_HEADER_ROW + 1  # the first requirement row of the _cdc sheet
VENDOR_CELL = "B15"  # the vendor's name, on the Instructions sheet (every grid format so far)
_FACT_CELLS = {"project_id": "B7", "count": "B11", "fingerprint": "B12"}  # Instructions sheet


@dataclass(frozen=True)
class Expected:
    """One requirement as the buyer wrote it (answers file) or as the grid claims it was."""

    id: str
    module: str
    statement: str
    priority: str
    eliminatory: bool
    acceptance: str | None = None  # None: not known (read from a grid's _cdc sheet)


@dataclass(frozen=True)
class BuyerKey:
    """What the buyer knows of the grid it sent: built from its answers file, never the grid."""

    file: str
    lang: str
    project_id: str
    fingerprint: str
    requirements: list[Expected]
    pack: PackKey | None = None  # the pricing form and questionnaire sent with the grid
    criteria: tuple[Criterion, ...] = ()  # the award criteria of the answers file


@dataclass(frozen=True)
class GridRow:
    """One requirement of a returned grid: the buyer's requirement and the vendor's answer."""

    id: str
    module: str
    statement: str
    priority: str
    eliminatory: bool
    coverage: str | None  # a key of COVERAGE_POINTS, None when not answered (or invalid)
    cell: str  # the coverage cell, e.g. Grille!G12
    coverage_text: str = ""  # the vendor's coverage cell as written


@dataclass
class VendorGrid:
    file: str
    vendor: str
    project_id: str
    fingerprint: str
    lang: str
    rows: list[GridRow]
    pack: PackAnswers | None = None  # prices and questionnaire (with the buyer's key only)


class _GridProblems:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.changed = 0

    def error(self, message: str, hint: str = "") -> None:
        self.problems.append(Problem("error", Location(self.file), message, hint))

    def warning(self, message: str, hint: str = "") -> None:
        self.problems.append(Problem("warning", Location(self.file), message, hint))

    def change(self, message: str, hint: str) -> None:
        """A cell that differs from what the buyer sent: listed, up to a bound, then counted."""
        self.changed += 1
        if self.changed <= MAX_CHANGED_CELLS:
            self.error(message, hint)

    def close(self) -> None:
        if self.changed > MAX_CHANGED_CELLS:
            self.error(f"{self.changed - MAX_CHANGED_CELLS} more changed cell(s) not listed "
                       f"({self.changed} in all)",
                       "So many differences usually mean the grid was made from another "
                       "version of the answers file.")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return "" if value is None else str(value).strip()


def short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _coverage_key(value: str) -> str | None:
    wanted = value.strip().casefold()
    for key, label in COVERAGE_LABELS.items():
        if wanted in (label.fr.casefold(), label.en.casefold()):
            return key
    return None


def read_grid(path: Path, key: BuyerKey | None = None) -> tuple[VendorGrid | None, list[Problem]]:
    """Reads one returned grid; (None, problems) when it cannot be read or is not ours.

    With ``key`` the grid is compared with the buyer's requirements, cell by cell; without, with
    its own ``_cdc`` sheet.
    """
    book, problems = open_workbook(path)
    if book is None:
        return None, problems
    try:
        return _read_grid(book, path, key)
    finally:
        book.close()


def _read_grid(book: Workbook, path: Path, key: BuyerKey | None
               ) -> tuple[VendorGrid | None, list[Problem]]:
    out = _GridProblems(book.file)
    if META_SHEET not in book.sheet_names:
        out.error(f"this is not a response grid made by cdc (no '{META_SHEET}' sheet)",
                  "Score the grids produced by `cdc render FILE -f xlsx` and returned by vendors.")
        return None, out.problems
    meta_cells = book.cells(META_SHEET, range(1, PACK_META_ROW + 1), range(1, 3))
    meta = {_text(meta_cells.get((r, 1))): meta_cells.get((r, 2))
            for r in range(1, PACK_META_ROW + 1)}
    if _text(meta.get("format")) != GRID_FORMAT:
        out.error(f"sheet {META_SHEET}, cell B1: unknown grid format "
                  f"{short(_text(meta.get('format')))!r} (expected {GRID_FORMAT})",
                  "The grid was made by another version of cdc, or the sheet was edited.")
        return None, [*book.problems, *out.problems]
    lang = key.lang if key else ("en" if _text(meta.get("lang")) == "en" else "fr")
    names = SHEET_NAMES[lang]
    grid_name = names["grid"] if key else (_text(meta.get("grid_sheet")) or names["grid"])
    if grid_name not in book.sheet_names:
        out.error(f"sheet '{grid_name}' is missing (renamed or deleted)",
                  f"Sheets found: {', '.join(book.sheet_names)}.")
        return None, [*book.problems, *out.problems]
    grid_project = _text(meta.get("project_id"))
    if key is not None:
        if grid_project != key.project_id:
            out.error(f"sheet {META_SHEET}, cell B2: this grid belongs to another project "
                      f"({short(grid_project)}; {key.file} is {key.project_id})",
                      "Score a grid with the answers file it was made from.")
            return None, [*book.problems, *out.problems]
        expected = key.requirements
        first_row = GRID_FIRST_ROW
        stored = _text(meta.get("fingerprint"))
        _compare_meta(book, key, meta, out)
        _compare_facts(book, names["instructions"], key, out)
    else:
        found = _meta_rows(book)
        stored = _text(meta.get("fingerprint"))
        if fingerprint(_as_requirements(found)) != stored:
            out.error(f"sheet {META_SHEET} was edited: its requirements no longer match its "
                      "fingerprint", "Use the grid as cdc wrote it.")
            return None, [*book.problems, *out.problems]
        expected = found
        first_row = GRID_FIRST_ROW
        given = meta.get("first_row")
        if isinstance(given, int) and 1 <= given <= 100:
            first_row = given
    rows = _read_rows(book, grid_name, expected, first_row, lang, out, key is not None)
    pack = read_pack(book, key.pack, meta, out) if key is not None and key.pack else None
    vendor = _vendor_name(book, names["instructions"], out)
    if not vendor:
        vendor = path.stem
        out.warning(f"sheet {names['instructions']}, cell {VENDOR_CELL}: no vendor name; "
                    f"using the file name '{vendor}'")
    out.close()
    grid = VendorGrid(book.file, vendor, key.project_id if key else grid_project,
                      key.fingerprint if key else stored, lang, rows, pack)
    return grid, [*book.problems, *out.problems]


def _vendor_name(book: Workbook, sheet: str, out: _GridProblems) -> str:
    ref = parse_ref(VENDOR_CELL)
    assert ref is not None
    cells = book.cells(sheet, range(ref[0], ref[0] + 1), range(ref[1], ref[1] + 1))
    value = cells.get(ref)
    if isinstance(value, TooLong):
        out.warning(f"sheet {sheet}, cell {VENDOR_CELL}: the vendor name is {value.length} "
                    "characters long; using the file name")
        return ""
    return short(" ".join(_text(value).split()), 80)


def _meta_rows(book: Workbook, count: int = MAX_REQUIREMENTS) -> list[Expected]:
    """The requirements a grid's _cdc sheet claims (id, statement, priority, flag, module)."""
    cells = book.cells(META_SHEET, range(META_FIRST_ROW, META_FIRST_ROW + count), range(1, 6))
    rows = []
    for r in range(META_FIRST_ROW, META_FIRST_ROW + count):
        rid = _text(cells.get((r, 1)))
        if not rid:
            break
        priority = _text(cells.get((r, 3)))
        rows.append(Expected(rid, _text(cells.get((r, 5))), _text(cells.get((r, 2))),
                             priority if priority in PRIORITIES else "wont",
                             _text(cells.get((r, 4))) in ("1", "True", "TRUE")))
    return rows


def _as_requirements(rows: Sequence[Expected]) -> list[Requirement]:
    return [Requirement(id=e.id, module="", module_label=e.module, statement=e.statement,
                        priority=e.priority, priority_label="", eliminatory=e.eliminatory,
                        acceptance_criterion="", source="", verification="")
            for e in rows]


_KEEP = "The score uses your answers file, not the grid."


def _compare_meta(book: Workbook, key: BuyerKey, meta: dict[str, Any],
                  out: _GridProblems) -> None:
    """Every cell of the hidden _cdc sheet that differs from the buyer's requirements."""
    stored = _text(meta.get("fingerprint"))
    if stored != key.fingerprint:
        out.change(f"sheet {META_SHEET}, cell B4: the requirements fingerprint is "
                   f"{short(stored)!r}, not {key.fingerprint} (the grid was edited, or made "
                   f"from another version of {Path(key.file).name})", _KEEP)
    last = META_FIRST_ROW + len(key.requirements)
    claimed = book.cells(META_SHEET, range(META_FIRST_ROW, last + 1), range(1, 6))
    for i, req in enumerate(key.requirements):
        r = META_FIRST_ROW + i
        wanted = (req.id, req.statement, req.priority, str(int(req.eliminatory)), req.module)
        for c, (what, value) in enumerate(zip(("id", "statement", "priority", "eliminatory flag",
                                                "module"), wanted, strict=True), 1):
            got = _text(claimed.get((r, c)))
            if c == 4 and got in ("True", "TRUE", "False", "FALSE"):
                got = "1" if got.upper() == "TRUE" else "0"
            if got != value:
                out.change(f"sheet {META_SHEET}, cell {column_letter(c)}{r}: the {what} of "
                           f"{req.id} was changed to {short(got)!r} (sent: {short(value)!r})",
                           _KEEP)
    if _text(claimed.get((last, 1))):
        out.change(f"sheet {META_SHEET}, row {last}: a requirement was added", _KEEP)


def _compare_facts(book: Workbook, sheet: str, key: BuyerKey, out: _GridProblems) -> None:
    wanted = {"project_id": key.project_id, "count": str(len(key.requirements)),
              "fingerprint": key.fingerprint}
    cells = book.cells(sheet, range(7, 13), range(2, 3))
    for fact, ref in _FACT_CELLS.items():
        pos = parse_ref(ref)
        assert pos is not None
        got = _text(cells.get(pos))
        if got != wanted[fact]:
            out.change(f"sheet {sheet}, cell {ref}: the {fact.replace('_', ' ')} was changed to "
                       f"{short(got)!r} (sent: {wanted[fact]!r})", _KEEP)


def _read_rows(book: Workbook, sheet: str, expected: Sequence[Expected], first_row: int,
               lang: str, out: _GridProblems, trusted: bool) -> list[GridRow]:
    col = {k: i + 1 for i, k in enumerate(GRID_COLUMNS)}
    letter = {k: column_letter(i + 1) for i, k in enumerate(GRID_COLUMNS)}
    yes, no = YES_NO[lang]
    cells = book.cells(sheet, range(first_row, first_row + len(expected) + 1),
                       range(1, len(GRID_COLUMNS) + 1))
    rows: list[GridRow] = []
    unanswered: list[str] = []
    hint = _KEEP if trusted else "Rows must not be edited, moved, inserted or deleted; ask the " \
        "vendor for an unmodified grid."
    for i, req in enumerate(expected):
        r = first_row + i

        def shown(name: str, row: int = r) -> str:
            value = cells.get((row, col[name]))
            return f"<{value.length} characters>" if isinstance(value, TooLong) else _text(value)

        found_id = shown("id")
        if found_id != req.id:
            what = f"was changed to {short(found_id)!r}" if found_id else "was deleted"
            out.change(f"sheet {sheet}, cell {letter['id']}{r}: the id {req.id} {what}", hint)
        if shown("module") != req.module and (trusted or shown("module")):
            out.change(f"sheet {sheet}, cell {letter['module']}{r}: the module of {req.id} was "
                       f"changed to {short(shown('module'))!r}", hint)
        if shown("statement") != req.statement:
            out.change(f"sheet {sheet}, cell {letter['statement']}{r}: the statement of {req.id} "
                       "was changed", "The vendor must answer the requirement as written.")
        shown_priority = shown("priority")
        if shown_priority != PRIORITY_LABELS[req.priority].get(lang):
            out.change(f"sheet {sheet}, cell {letter['priority']}{r}: the priority of {req.id} "
                       f"was changed to {short(shown_priority)!r}",
                       "The score uses the original priority.")
        shown_elim = shown("eliminatory")
        if shown_elim != (yes if req.eliminatory else no):
            out.change(f"sheet {sheet}, cell {letter['eliminatory']}{r}: the eliminatory flag of "
                       f"{req.id} was changed to {short(shown_elim)!r}",
                       "The score uses the original flag.")
        if req.acceptance is not None and shown("acceptance") != req.acceptance:
            out.change(f"sheet {sheet}, cell {letter['acceptance']}{r}: the acceptance criterion "
                       f"of {req.id} was changed", _KEEP)
        cell = f"{sheet}!{letter['coverage']}{r}"
        raw_value = cells.get((r, col["coverage"]))
        raw = "" if isinstance(raw_value, TooLong) else _text(raw_value)
        coverage = _coverage_key(raw) if raw else None
        if isinstance(raw_value, TooLong):
            out.error(f"sheet {sheet}, cell {letter['coverage']}{r}: {raw_value.length} "
                      f"characters is not a coverage value ({req.id}); counted as not answered")
        elif not raw:
            unanswered.append(f"{letter['coverage']}{r}")
        elif coverage is None:
            labels = [COVERAGE_LABELS[k].get(lang) for k in COVERAGE_LABELS]
            close = difflib.get_close_matches(short(raw), labels, n=1, cutoff=0.6)
            out.error(f"sheet {sheet}, cell {letter['coverage']}{r}: {short(raw)!r} is not a "
                      f"coverage value ({req.id}); counted as not answered",
                      (f"Did you mean '{close[0]}'? " if close else "")
                      + f"Values: {', '.join(labels)}.")
        for name in ("upgrade_impact", "demonstrable"):
            value = shown(name)
            if value and value.casefold() not in (yes.casefold(), no.casefold()):
                out.warning(f"sheet {sheet}, cell {letter[name]}{r}: {short(value)!r} is not "
                            f"{yes} or {no} ({req.id})")
        for name in ("comment", "reference", "effort"):
            long_value = cells.get((r, col[name]))
            if isinstance(long_value, TooLong):
                out.warning(f"sheet {sheet}, cell {letter[name]}{r}: {long_value.length} "
                            "characters, more than a cell may hold; the grid was not saved by "
                            "Excel")
        rows.append(GridRow(req.id, req.module, req.statement, req.priority, req.eliminatory,
                            coverage, cell, raw if coverage else ""))
    after = first_row + len(expected)
    if _text(cells.get((after, col["id"]))):
        message = f"sheet {sheet}, row {after}: rows added after the last requirement are ignored"
        if trusted:
            out.change(message, _KEEP)
        else:
            out.warning(message)
    if unanswered:
        listed = ", ".join(unanswered[:MAX_LISTED_CELLS])
        more = f" and {len(unanswered) - MAX_LISTED_CELLS} more" \
            if len(unanswered) > MAX_LISTED_CELLS else ""
        out.warning(f"sheet {sheet}: {len(unanswered)} requirement(s) not answered, counted as "
                    f"not covered (cells {listed}{more})")
    return rows
