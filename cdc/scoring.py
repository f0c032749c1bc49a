"""Scoring the response grids that vendors send back: ``cdc score --answers FILE GRID.xlsx...``.

A returned grid is the vendor's file: everything in it, the hidden ``_cdc`` sheet and its
fingerprint included, may have been edited. So what is scored comes from the buyer's side: with
``--answers`` the requirements (ids, statements, modules, priorities, eliminatory flags) are
built again from the answers file the grid was made from, and every grid is compared with them
cell by cell; a difference is reported with its sheet and cell and marks the grid as modified,
and the score always uses the buyer's priorities and flags. Only the vendor's own columns
(coverage, comment, …) and its name are read as the vendor's answer.

Without ``--answers`` the grids can only be checked against themselves (their ``_cdc`` sheet
and fingerprint), which a vendor can rewrite: the report says so.

Grids are read and compared by :mod:`cdc.grid_reading`; the report's presentation (text, JSON,
workbook) is in :mod:`cdc.score_report`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cdc.errors import CdcError, Location, Problem, UsageError
from cdc.grid_reading import BuyerKey, Expected, GridRow, VendorGrid, read_grid, short
from cdc.requirements import (
    COVERAGE_LABELS,
    COVERAGE_POINTS,
    MAX_COVERAGE_POINTS,
    META_SHEET,
    PRIORITY_POINTS,
    fingerprint,
)

__all__ = ["BuyerKey", "GridRow", "ScoreReport", "VendorGrid", "VendorScore", "buyer_key",
           "read_grid", "score_grid", "score_grids"]

UNTRUSTED_HINT = ("Score with the answers file the grid was made from (cdc score --answers "
                  "FILE GRIDS...): priorities and eliminatory flags then come from your answers, "
                  "and every cell the vendor changed is reported.")


@dataclass(frozen=True)
class ModuleScore:
    module: str
    count: int
    answered: int
    obtained: int
    maximum: int

    @property
    def percent(self) -> float:
        return round(100 * self.obtained / self.maximum, 1) if self.maximum else 0.0


@dataclass(frozen=True)
class Failure:
    """An eliminatory requirement the vendor does not cover (or did not answer)."""

    id: str
    statement: str
    coverage: str  # label in the grid's language, or "" when not answered


@dataclass
class VendorScore:
    vendor: str
    file: str
    modules: list[ModuleScore]
    failures: list[Failure]
    unanswered: list[str]
    tampered: bool = False
    rows: list[GridRow] = field(default_factory=list)

    @property
    def obtained(self) -> int:
        return sum(m.obtained for m in self.modules)

    @property
    def maximum(self) -> int:
        return sum(m.maximum for m in self.modules)

    @property
    def percent(self) -> float:
        return round(100 * self.obtained / self.maximum, 1) if self.maximum else 0.0

    @property
    def compliant(self) -> bool:
        return not self.failures


@dataclass
class ScoreReport:
    lang: str
    project_id: str
    vendors: list[VendorScore] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    answers: str = ""  # the answers file the requirements came from; "" when untrusted

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    @property
    def trusted(self) -> bool:
        return bool(self.answers)


# --------------------------------------------------------------------------- the buyer's key


def buyer_key(answers: Path) -> BuyerKey:
    """The requirements of ``answers``, as the grid made from it holds them.

    Raises UsageError when the file does not exist, CdcError when it has errors.
    """
    from cdc.project import validate_project
    from cdc.questionnaire import load_questionnaire
    from cdc.requirements import build_requirements, project_id

    if not answers.is_file():
        raise UsageError(f"{answers}: no such file",
                         "Give --answers the answers file the grids were made from.")
    bank = load_questionnaire()
    validation = validate_project(answers, bank)
    if not validation.ok:
        from cdc.messages import file_language

        raise CdcError(f"{answers}: {len(validation.errors)} error(s); the grids cannot be "
                       "compared with it", f"Fix them first (cdc validate {answers}).",
                       problems=validation.errors, lang=file_language(answers, validation.data))
    lang = validation.language()
    reqs = build_requirements(validation.data, bank, lang)
    return BuyerKey(str(answers), lang, project_id(validation.data, bank), fingerprint(reqs),
                    [Expected(r.id, r.module_label, r.statement, r.priority, r.eliminatory,
                              r.acceptance_criterion) for r in reqs])


# --------------------------------------------------------------------------- scoring


def score_grid(grid: VendorGrid, tampered: bool = False) -> VendorScore:
    """The vendor's points per module (in grid order), with the buyer's weights."""
    modules: dict[str, list[int]] = {}
    failures: list[Failure] = []
    unanswered: list[str] = []
    for row in grid.rows:
        count, answered, obtained, maximum = modules.setdefault(row.module, [0, 0, 0, 0])
        points = PRIORITY_POINTS[row.priority]
        coverage = COVERAGE_POINTS[row.coverage] if row.coverage else 0
        modules[row.module] = [count + 1, answered + (row.coverage is not None),
                               obtained + points * coverage, maximum + points * MAX_COVERAGE_POINTS]
        if row.coverage is None:
            unanswered.append(row.id)
        if row.eliminatory and row.coverage in (None, "not_covered"):
            label = COVERAGE_LABELS[row.coverage].get(grid.lang) if row.coverage else ""
            failures.append(Failure(row.id, row.statement, label))
    return VendorScore(grid.vendor, grid.file,
                       [ModuleScore(m, *values) for m, values in modules.items()],
                       failures, unanswered, tampered, list(grid.rows))


def score_grids(paths: Sequence[Path], answers: Path | None = None) -> ScoreReport:
    """Reads, checks and scores every grid; problems are collected, never raised one by one.

    With ``answers`` (the buyer's answers file) every grid is compared with its requirements and
    scored with them; without, each grid is only checked against itself and the others.
    Raises UsageError when a file does not exist (exit code 2).
    """
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file")
        if path.is_dir():
            raise UsageError(f"{path} is a folder, not a response grid")
    key = buyer_key(answers) if answers is not None else None
    problems: list[Problem] = []
    grids: list[tuple[VendorGrid, bool]] = []
    for path in paths:
        grid, found = read_grid(path, key)
        problems.extend(found)
        if grid is not None:
            grids.append((grid, any(p.is_error for p in found)))
    if key is None:
        problems.insert(0, Problem(
            "warning", Location(", ".join(str(p) for p in paths) if len(paths) <= 3
                                else f"{len(paths)} grids"),
            "scored from the grids' own data (priorities, eliminatory flags, the hidden _cdc "
            "sheet), which a vendor can edit without it showing", UNTRUSTED_HINT))
        grids = _agreeing(grids, problems)
    if not grids:
        return ScoreReport(key.lang if key else "fr", key.project_id if key else "", [],
                           problems, key.file if key else "")
    reference = grids[0][0]
    seen_names: dict[str, int] = {}
    vendors = []
    for grid, tampered in grids:
        seen_names[grid.vendor] = seen_names.get(grid.vendor, 0) + 1
        if seen_names[grid.vendor] > 1:
            grid.vendor = f"{grid.vendor} ({Path(grid.file).name})"
        vendors.append(score_grid(grid, tampered))
    return ScoreReport(reference.lang, reference.project_id, vendors, problems,
                       key.file if key else "")


def _agreeing(grids: list[tuple[VendorGrid, bool]], problems: list[Problem]
              ) -> list[tuple[VendorGrid, bool]]:
    """Without the buyer's answers: the grids of the most common project and fingerprint.

    Which of two disagreeing grids was edited cannot be told from the grids alone, so the
    message blames neither.
    """
    if not grids:
        return grids
    projects = Counter(g.project_id for g, _ in grids)
    project = projects.most_common(1)[0][0]
    prints = Counter(g.fingerprint for g, _ in grids if g.project_id == project)
    reference = prints.most_common(1)[0][0]
    kept = []
    for grid, tampered in grids:
        if grid.project_id != project:
            problems.append(Problem(
                "error", Location(grid.file),
                f"sheet {META_SHEET}, cell B2: this grid belongs to another project "
                f"({short(grid.project_id)}; the others are {project})",
                "Score together only the grids of one call for tenders."))
        elif grid.fingerprint != reference:
            problems.append(Problem(
                "error", Location(grid.file),
                f"sheet {META_SHEET}, cell B4: this grid's requirements (fingerprint "
                f"{short(grid.fingerprint)}) differ from those of {prints[reference]} other "
                f"grid(s) ({reference}): one of them was edited, or they come from different "
                "versions of the specification", UNTRUSTED_HINT))
        else:
            kept.append((grid, tampered))
    return kept
