"""Fuzzing ``cdc score`` with returned grids: edited cells, types, sizes, sheets, archive bytes.

The property: every grid is scored or refused with problems naming its file; nothing else is
raised, nothing hangs; with the buyer's answers, what is scored never depends on the vendor's
copy of the requirements (priorities, flags, modules).
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cdc.errors import CdcError
from cdc.requirements import build_requirements
from tests.fuzz.guards import outcome, scaled
from tests.fuzz.strategies import BANK, EXAMPLES, grid_bytes
from tests.requirements.helpers import ANSWERS, answers


@functools.cache
def buyer() -> dict[str, tuple[str, bool, str]]:
    return {r.id: (r.priority, r.eliminatory, r.module_label)
            for r in build_requirements(answers(), BANK)}


@settings(max_examples=scaled(25))
@given(data=st.data(), trusted=st.booleans(), fmt=st.sampled_from(["text", "json", "xlsx"]))
def test_score_scores_or_refuses_every_grid(data: st.DataObject, trusted: bool,
                                            fmt: str) -> None:
    from cdc.score_report import render
    from cdc.scoring import score_grids

    EXAMPLES["score"] += 1
    raw = data.draw(grid_bytes())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "vendor.xlsx"
        path.write_bytes(raw)
        report = outcome(lambda: score_grids([path], ANSWERS if trusted else None))
        assert not isinstance(report, CdcError), report
        for problem in report.problems:
            assert str(path) in problem.location.file, problem
        for vendor in report.vendors:
            if trusted:
                for row in vendor.rows:
                    assert (row.priority, row.eliminatory, row.module) == buyer()[row.id]
        if report.vendors:
            rendered = outcome(lambda: render(report, fmt))
            assert not isinstance(rendered, CdcError)
