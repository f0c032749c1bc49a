"""The evaluation committee's notes: ``cdc score --evaluation FILE.yaml``.

The criteria that cdc cannot compute (technical merit, method and team, references, the
demonstration, the buyer's own) get a note from 0 to 5 per vendor, written in a small YAML file
read by the one safe reader (:func:`cdc.yamlsource.load`)::

    vendors:
      Alpha CRM:                # the name in the vendor's grid, or the grid's file name
        technical: 4
        method: 3.5
        demonstration: {note: 4, comment: Scénarios déroulés sans accroc}

A criterion is named by its kind (``technical``) or by its label in the answers file (needed
when a kind appears twice, and for ``other``). Every mistake is reported with its line: an
unknown criterion or one that cdc computes (functional, price), a note that is not a number or
lies outside 0–5, a vendor that matches no grid, the same vendor twice.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cdc.award import COMPUTED, NOTE_MAX, Criterion
from cdc.errors import CdcError, Location, Problem, UsageError
from cdc.yamlsource import YamlDocument, load

_EXAMPLE = "vendors:\n  Alpha CRM:\n    technical: 4\n    method: 3.5"


@dataclass(frozen=True)
class Note:
    value: float
    comment: str
    location: Location


@dataclass
class Evaluation:
    file: str
    notes: dict[str, dict[str, Note]]  # vendor as written -> criterion key -> note
    where: dict[str, Location]  # vendor as written -> its line


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def load_evaluation(path: Path, criteria: Sequence[Criterion]) -> Evaluation:
    """Reads and checks the file; raises CdcError listing every problem with its line (exit
    1), UsageError when the file does not exist."""
    if not path.is_file():
        raise UsageError(f"{path}: no such file", "Give --evaluation the committee's notes "
                         "(a YAML file; see the README, \"Scoring the offers\").")
    doc = load(path, what="evaluation files")
    problems = [p for p in doc.problems if p.is_error]
    evaluation = Evaluation(str(path), {}, {})
    if not problems:
        problems = _check(doc, criteria, evaluation)
    if problems:
        raise CdcError(f"{path}: {len(problems)} error(s) in the evaluation file; nothing was "
                       "scored", "Fix the file, then run cdc score again.", problems=problems)
    return evaluation


def _check(doc: YamlDocument, criteria: Sequence[Criterion],
           evaluation: Evaluation) -> list[Problem]:
    problems: list[Problem] = []

    def error(path: tuple[str | int, ...], message: str, hint: str = "",
              key: bool = False) -> None:
        problems.append(Problem("error", doc.where(path, key=key), message, hint))

    data = doc.data
    if not isinstance(data, Mapping) or not isinstance(data.get("vendors"), Mapping):
        error((), "the evaluation file must hold a 'vendors' mapping: each vendor's name, then "
              "its notes", "For example:\n" + _EXAMPLE)
        return problems
    for extra in data:
        if extra != "vendors":
            error((str(extra),), f"unknown key '{extra}'", "The file holds 'vendors' only.",
                  key=True)
    noted = {_fold(c.key): c for c in criteria if c.noted}
    noted.update({_fold(c.label): c for c in criteria if c.noted})
    computed = {_fold(c.key): c for c in criteria if not c.noted}
    computed.update({k: Criterion(k, k, k, 0) for k in COMPUTED})
    names = ", ".join(c.key for c in criteria if c.noted) or "none"
    seen: dict[str, str] = {}
    for vendor, given in data["vendors"].items():
        name = str(vendor).strip()
        path: tuple[str | int, ...] = ("vendors", vendor)
        if _fold(name) in seen:
            error(path, f"vendor '{name}' appears twice (as '{seen[_fold(name)]}')", key=True)
            continue
        seen[_fold(name)] = name
        evaluation.where[name] = doc.where(path, key=True)
        notes: dict[str, Note] = {}
        evaluation.notes[name] = notes
        if given is None:
            continue
        if not isinstance(given, Mapping):
            error(path, f"the notes of '{name}' must be a mapping of criterion: note",
                  "For example:\n" + _EXAMPLE)
            continue
        for criterion, value in given.items():
            where = (*path, criterion)
            folded = _fold(str(criterion))
            if folded in computed and folded not in noted:
                error(where, f"'{criterion}' is computed by cdc (from the grid or the pricing "
                      "form); it takes no note", f"Criteria to note: {names}.", key=True)
                continue
            if folded not in noted:
                error(where, f"unknown criterion '{criterion}'",
                      f"Criteria to note (answers file, award_criteria): {names}.", key=True)
                continue
            target = noted[folded]
            if target.key in notes:
                error(where, f"'{name}' is noted twice on {target.key}", key=True)
                continue
            note = _note(value, where, error)
            if note is not None:
                notes[target.key] = Note(note[0], note[1], doc.where(where))
    return problems


def _note(value: Any, where: tuple[str | int, ...], error: Any) -> tuple[float, str] | None:
    comment = ""
    if isinstance(value, Mapping):
        unknown = [k for k in value if k not in ("note", "comment")]
        if unknown:
            error((*where, unknown[0]), f"unknown key '{unknown[0]}' in a note",
                  "A note is a number, or {note: 4, comment: \"…\"}.", True)
            return None
        if "note" not in value:
            error(where, "this note has no 'note'", "Write {note: 4, comment: \"…\"}.")
            return None
        raw_comment = value.get("comment")
        if raw_comment is not None and not isinstance(raw_comment, str):
            error((*where, "comment"), "a comment is a text")
            return None
        comment = (raw_comment or "").strip()
        where = (*where, "note")
        value = value["note"]
    if isinstance(value, bool) or not isinstance(value, int | float) or \
            not math.isfinite(float(value)):
        error(where, f"the note {str(value)[:40]!r} is not a number",
              f"Write a number from 0 to {NOTE_MAX} (decimals allowed: 3.5).")
        return None
    if not 0 <= value <= NOTE_MAX:
        error(where, f"the note {value:g} is outside 0–{NOTE_MAX}",
              f"Notes go from 0 to {NOTE_MAX}.")
        return None
    return float(value), comment


def match_vendors(evaluation: Evaluation, vendors: Sequence[tuple[str, str]]
                  ) -> dict[str, dict[str, tuple[float, str]]]:
    """The notes per scored vendor; ``vendors`` are (name in the report, grid file).

    A name matches a vendor's name or its grid's file name (with or without .xlsx), case and
    spaces ignored. Raises CdcError when a name matches no grid, or two names the same one.
    """
    problems: list[Problem] = []
    result: dict[str, dict[str, tuple[float, str]]] = {}
    known = ", ".join(name for name, _ in vendors) or "none"
    for name, notes in evaluation.notes.items():
        wanted = _fold(name)
        matches = [v for v, file in vendors
                   if wanted in (_fold(v), _fold(Path(file).name), _fold(Path(file).stem))]
        if len(matches) != 1:
            problems.append(Problem(
                "error", evaluation.where[name],
                f"vendor '{name}' matches no grid scored" if not matches else
                f"vendor '{name}' matches several grids ({', '.join(matches)})",
                f"Vendors scored: {known}. Use the name in the vendor's grid (Instructions, "
                "B15) or the grid's file name."))
            continue
        if matches[0] in result:
            problems.append(Problem("error", evaluation.where[name],
                                    f"'{name}' and another entry both name {matches[0]}"))
            continue
        result[matches[0]] = {key: (note.value, note.comment) for key, note in notes.items()}
    if problems:
        raise CdcError(f"{evaluation.file}: {len(problems)} error(s) in the evaluation file; "
                       "nothing was scored", "Fix the vendors' names, then run cdc score "
                       "again.", problems=problems)
    return result
