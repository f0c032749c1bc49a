"""Scoring returned grids: filled, partial, tampered, cheating, foreign, corrupt, made before the
grid lost its scoring sheet; the CLI's exit codes."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cdc.cli import app
from cdc.questionnaire import Questionnaire
from cdc.requirements import COVERAGE_LABELS, COVERAGE_POINTS, PRIORITY_POINTS, build_requirements
from cdc.scoring import score_grids
from cdc.workbook import open_workbook
from cdc.writers.xlsx import grid_bytes
from tests.pack.helpers import complete_pack
from tests.requirements.helpers import ANSWERS, DATA, answers

BEFORE = DATA / "grid-before-issue-14.xlsx"
"""A grid written by cdc before the scoring sheet left it (kept as it was, never regenerated)."""

LABELS = [label.fr for label in COVERAGE_LABELS.values()]


def fill(grid: Path, target: Path, vendor: str, seed: int = 0, skip_every: int = 0,
         coverage: str | None = None) -> Path:
    """A vendor's answer: coverage and yes/no columns filled with openpyxl, and the pack's
    pricing form and questionnaire filled in (when the grid has them)."""
    rng = random.Random(seed)
    wb = load_workbook(grid)
    complete_pack(wb, ANSWERS)
    ws = wb["Grille"]
    wb["Instructions"][wb["_cdc"]["B6"].value] = vendor
    for r in range(4, ws.max_row + 1):
        if skip_every and r % skip_every == 0:
            continue
        ws.cell(r, 7, coverage or rng.choice(LABELS))
        ws.cell(r, 8, "Voir la documentation")
        ws.cell(r, 11, "Non")
        ws.cell(r, 12, "Oui")
    wb.save(target)
    return target


@pytest.fixture()
def grid(bank: Questionnaire, tmp_path: Path) -> Path:
    path = tmp_path / "grille.xlsx"
    path.write_bytes(grid_bytes(answers(), bank))
    return path


def expected_total(bank: Questionnaire, coverage: str) -> tuple[int, int]:
    reqs = build_requirements(answers(), bank)
    points = sum(PRIORITY_POINTS[r.priority] for r in reqs)
    return points * COVERAGE_POINTS[coverage], points * 3


def test_full_grids_are_scored_and_compared(bank: Questionnaire, grid: Path,
                                            tmp_path: Path) -> None:
    a = fill(grid, tmp_path / "a.xlsx", "Alpha", coverage="Standard")
    b = fill(grid, tmp_path / "b.xlsx", "Beta", coverage="Configuration")
    report = score_grids([a, b], ANSWERS)
    assert not report.problems and report.trusted
    alpha, beta = report.vendors
    assert (alpha.vendor, alpha.percent, alpha.compliant) == ("Alpha", 100.0, True)
    assert (alpha.obtained, alpha.maximum) == expected_total(bank, "standard")
    assert (beta.obtained, beta.maximum) == expected_total(bank, "configuration")
    assert alpha.modules[0].module == "Contacts et comptes"
    assert alpha.modules[0].count == alpha.modules[0].answered == 8


def test_not_covered_eliminatory_requirements_are_listed(grid: Path, tmp_path: Path) -> None:
    wb = load_workbook(grid)
    ws = wb["Grille"]
    for r in range(4, ws.max_row + 1):
        ws.cell(r, 7, "Non couvert" if ws.cell(r, 1).value == "QUO-101" else "Standard")
    wb.save(tmp_path / "v.xlsx")
    [vendor] = score_grids([tmp_path / "v.xlsx"], ANSWERS).vendors
    assert [(f.id, f.coverage) for f in vendor.failures] == [("QUO-101", "Non couvert")]
    assert not vendor.compliant


def test_partial_grid_counts_empty_answers_as_not_covered(grid: Path, tmp_path: Path) -> None:
    partial = fill(grid, tmp_path / "p.xlsx", "", seed=1, skip_every=2)
    report = score_grids([partial], ANSWERS)
    [vendor] = report.vendors
    assert vendor.vendor == "p"  # no name in the cell: the file name
    assert len(vendor.unanswered) > 20
    warnings = [p.message for p in report.problems]
    assert any("no vendor name" in m and "Instructions, cell B15" in m for m in warnings)
    assert any("not answered, counted as not covered (cells G4, G6" in m for m in warnings)
    assert not report.has_errors


def test_tampered_grids_name_the_cell(grid: Path, tmp_path: Path) -> None:
    wb = load_workbook(fill(grid, tmp_path / "t.xlsx", "Gamma", seed=2))
    ws = wb["Grille"]
    ws["C6"] = "Le CRM doit faire ce que nous savons faire."
    ws["A7"] = "CON-04"
    ws["D8"] = "Optionnel"
    ws["E4"] = "Non"
    ws["G9"] = "Standart"
    ws["K9"] = "Peut-être"
    wb.save(tmp_path / "t.xlsx")
    report = score_grids([tmp_path / "t.xlsx"], ANSWERS)
    messages = [p.message for p in report.problems if p.is_error]
    assert "sheet Grille, cell C6: the statement of CON-003 was changed" in messages
    assert "sheet Grille, cell A7: the id CON-004 was changed to 'CON-04'" in messages
    assert any(m.startswith("sheet Grille, cell D8: the priority of CON-005") for m in messages)
    assert any(m.startswith("sheet Grille, cell E4: the eliminatory flag of CON-001")
               for m in messages)
    assert any("cell G9: 'Standart' is not a coverage value" in m for m in messages)
    hint = next(p.hint for p in report.problems if "Standart" in p.message)
    assert "Did you mean 'Standard'?" in hint
    assert any("cell K9" in p.message and not p.is_error for p in report.problems)
    assert all(p.location.file.endswith("t.xlsx") for p in report.problems)
    [vendor] = report.vendors
    assert vendor.tampered
    # The original priority and flag are used, not the edited ones.
    row = next(r for r in score_grids([tmp_path / "t.xlsx"], ANSWERS).vendors[0].modules)
    assert row.maximum == 3 * (4 * 3 + 4 * 2)


def test_other_project_and_other_version(bank: Questionnaire, grid: Path, tmp_path: Path) -> None:
    data = answers()
    data["meta"]["company"] = "Autre société"
    other = tmp_path / "other.xlsx"
    other.write_bytes(grid_bytes(data, bank))
    data = answers()
    data["mapping"]["requirement_changes"].append({"id": "SRV-007", "action": "drop"})
    newer = tmp_path / "newer.xlsx"
    newer.write_bytes(grid_bytes(data, bank))
    report = score_grids([grid, other, newer])
    messages = [p.message for p in report.problems]
    assert any("belongs to another project" in m for m in messages)
    assert any("different versions of the specification" in m for m in messages)
    assert len(report.vendors) == 1 and report.has_errors
    # With the buyer's answers: the other project is refused, the newer version is compared.
    report = score_grids([grid, other, newer], ANSWERS)
    messages = [p.message for p in report.problems]
    assert any("other.xlsx" in p.location.file and "belongs to another project" in p.message
               for p in report.problems)
    assert any("cell B4: the requirements fingerprint" in m for m in messages)
    assert [Path(v.file).name for v in report.vendors] == ["grille.xlsx", "newer.xlsx"]
    assert [v.tampered for v in report.vendors] == [False, True]


def test_unreadable_files(tmp_path: Path, grid: Path) -> None:
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(grid.read_bytes()[:5000])
    encrypted = tmp_path / "locked.xlsx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    foreign = tmp_path / "foreign.xlsx"
    from openpyxl import Workbook

    Workbook().save(foreign)
    damaged = tmp_path / "damaged.xlsx"
    import zipfile

    with zipfile.ZipFile(grid) as src, zipfile.ZipFile(damaged, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, b"<not xml" if info.filename.endswith("workbook.xml") else data)
    report = score_grids([corrupt, encrypted, foreign, damaged], ANSWERS)
    by_file = {Path(p.location.file).name: p.message for p in report.problems}
    assert "not an .xlsx workbook" in by_file["corrupt.xlsx"]
    assert "password-protected" in by_file["locked.xlsx"]
    assert "not a response grid made by cdc" in by_file["foreign.xlsx"]
    assert "cannot be read" in by_file["damaged.xlsx"]
    assert not report.vendors


def test_cli_exit_codes_and_outputs(grid: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    a = fill(grid, tmp_path / "a.xlsx", "Alpha", seed=5)
    b = fill(grid, tmp_path / "b.xlsx", "Beta", seed=6, skip_every=3)
    result = runner.invoke(app, ["score", "--answers", str(ANSWERS), str(a), str(b)])
    assert result.exit_code == 0, result.output
    assert "Alpha" in result.output and "Beta" in result.output and "Total" in result.output
    assert "own data" not in result.output
    result = runner.invoke(app, ["score", str(a), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["vendors"][0]["vendor"] == "Alpha" and result.exit_code == 0
    assert data["trusted"] is False and "own data" in result.stderr
    out = tmp_path / "cmp.xlsx"
    result = runner.invoke(app, ["score", "-a", str(ANSWERS), str(a), str(b), "-f", "xlsx",
                                 "-o", str(out)])
    assert result.exit_code == 0
    wb = load_workbook(out)
    assert wb.sheetnames == ["Comparaison", "Détail", "Barème", "Éliminatoires", "Prix",
                             "Questionnaires"]  # no award criteria in these answers: no ranking
    assert len(wb["Comparaison"]._charts) == 1
    assert runner.invoke(app, ["score", str(tmp_path / "missing.xlsx")]).exit_code == 2
    assert runner.invoke(app, ["score", "-a", str(tmp_path / "no.yaml"), str(a)]).exit_code == 2
    assert runner.invoke(app, ["score", str(a), "-f", "pdf"]).exit_code == 2
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 broken")
    result = runner.invoke(app, ["score", str(a), str(corrupt)])
    assert result.exit_code == 1
    assert "corrupt.xlsx" in result.output


def test_score_runs_as_a_process(grid: Path, tmp_path: Path) -> None:
    a = fill(grid, tmp_path / "a.xlsx", "Alpha", seed=7)
    text = tmp_path / "scores.txt"
    result = subprocess.run([sys.executable, "-m", "cdc", "score", "--answers", str(ANSWERS),
                             str(a), "-o", str(text)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "Alpha" in text.read_text(encoding="utf-8")


def test_english_grid_is_scored_with_english_labels(bank: Questionnaire, tmp_path: Path) -> None:
    grid = tmp_path / "grid.xlsx"
    grid.write_bytes(grid_bytes(answers(), bank, "en"))
    wb = load_workbook(grid)
    ws = wb["Grid"]
    wb["Instructions"][wb["_cdc"]["B6"].value] = "Delta"
    for r in range(4, ws.max_row + 1):
        ws.cell(r, 7, "Not covered" if ws.cell(r, 1).value == "NFR-002" else "third-party module")
    wb.save(grid)
    report = score_grids([grid])
    [vendor] = report.vendors
    assert [f.id for f in vendor.failures] == ["NFR-002"]
    assert [f.coverage for f in vendor.failures] == ["Not covered"]
    assert report.lang == "en" and not report.has_errors


def _cheat(grid: Path, target: Path) -> Path:
    """Issue 14's attack: every eliminatory flag cleared in _cdc and in the visible column, the
    fingerprint recomputed, nothing covered."""
    from cdc.grid_reading import _as_requirements, _meta_rows
    from cdc.requirements import fingerprint

    fill(grid, target, "Tricheur", coverage="Non couvert")
    wb = load_workbook(target)
    meta, ws = wb["_cdc"], wb["Grille"]
    r = 11
    while meta.cell(r, 1).value:
        meta.cell(r, 4).value = 0
        r += 1
    for row in range(4, ws.max_row + 1):
        ws.cell(row, 5).value = "Non"
    wb.save(target)
    book, _ = open_workbook(target)
    assert book is not None
    forged = fingerprint(_as_requirements(_meta_rows(book)))
    book.close()
    wb = load_workbook(target)
    wb["_cdc"]["B4"] = forged
    wb["Instructions"]["B12"] = forged
    wb.save(target)
    return target


def test_a_cheating_grid_is_reported_cell_by_cell(bank: Questionnaire, grid: Path,
                                                  tmp_path: Path) -> None:
    honest = fill(grid, tmp_path / "honest.xlsx", "Honnête", coverage="Standard")
    cheat = _cheat(grid, tmp_path / "cheat.xlsx")
    eliminatory = [r for r in build_requirements(answers(), bank) if r.eliminatory]
    report = score_grids([honest, cheat], ANSWERS)
    by_vendor = {v.vendor: v for v in report.vendors}
    assert not by_vendor["Honnête"].tampered and by_vendor["Honnête"].compliant
    assert by_vendor["Honnête"].percent == 100.0
    tricheur = by_vendor["Tricheur"]
    assert tricheur.tampered and not tricheur.compliant
    assert len(tricheur.failures) == len(eliminatory) > 5
    cheat_errors = [p.message for p in report.problems if p.is_error]
    assert all(p.location.file.endswith("cheat.xlsx") for p in report.problems)
    assert "sheet Instructions, cell B12" in "\n".join(cheat_errors)
    assert any(m.startswith("sheet _cdc, cell B4: the requirements fingerprint") for m in
               cheat_errors)
    for req in eliminatory:
        assert any(f"the eliminatory flag of {req.id} was changed to '0'" in m and
                   m.startswith("sheet _cdc, cell D") for m in cheat_errors), req.id
        assert any(f"the eliminatory flag of {req.id} was changed to 'Non'" in m and
                   m.startswith("sheet Grille, cell E") for m in cheat_errors), req.id
    # Without the answers the forged grid is not believed either, and neither is blamed.
    report = score_grids([honest, cheat])
    assert report.problems[0].severity == "warning" and "own data" in report.problems[0].message
    assert [v.vendor for v in report.vendors] == ["Honnête"]
    assert any("differ from those of 1 other grid" in p.message for p in report.problems)


def test_module_changes_are_caught_with_the_answers(grid: Path, tmp_path: Path) -> None:
    wb = load_workbook(fill(grid, tmp_path / "m.xlsx", "Mu", coverage="Standard"))
    wb["Grille"]["B5"] = "Autre module"
    wb["_cdc"]["E12"] = "Autre module"
    wb.save(tmp_path / "m.xlsx")
    report = score_grids([tmp_path / "m.xlsx"], ANSWERS)
    messages = [p.message for p in report.problems if p.is_error]
    assert "sheet Grille, cell B5: the module of CON-002 was changed to 'Autre module'" in messages
    assert any(m.startswith("sheet _cdc, cell E12: the module of CON-002") for m in messages)
    [vendor] = report.vendors
    assert vendor.modules[0].module == "Contacts et comptes"
    assert vendor.modules[0].count == 8


def test_a_grid_made_before_the_scoring_sheet_left_is_still_scored(tmp_path: Path) -> None:
    # The fixture is the old layout (a "Notation" sheet, scored in the workbook), written by
    # the code of main before issue 14; its requirement texts were brought up to today's
    # catalogue, so that only the layout is old.
    assert "Notation" in load_workbook(BEFORE).sheetnames
    old = fill(BEFORE, tmp_path / "old.xlsx", "Ancien", coverage="Configuration")
    for answers_file in (ANSWERS, None):
        report = score_grids([old], answers_file)
        assert not report.has_errors, report.problems
        [vendor] = report.vendors
        assert (vendor.vendor, vendor.percent, vendor.compliant) == ("Ancien", 66.7, True)
    result = CliRunner().invoke(app, ["score", "--answers", str(ANSWERS), str(old)])
    assert result.exit_code == 0 and "Ancien" in result.output
