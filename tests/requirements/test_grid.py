"""The vendor response grid: sheets, drop-downs, locks, formulas, print setup, reproducibility."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from cdc.questionnaire import Questionnaire
from cdc.requirements import GRID_FIRST_ROW, build_requirements, fingerprint
from cdc.writers.xlsx import grid_bytes
from tests.requirements.helpers import answers

LETTERS = "ABCDEFGHIJKL"


_CACHE: dict[str, bytes] = {}


def workbook(bank: Questionnaire, lang: str = "fr", data: dict[str, Any] | None = None) -> Any:
    """The grid of the test answers (built once per language) or of ``data``."""
    if data is not None:
        return load_workbook(io.BytesIO(grid_bytes(data, bank, lang)))
    if lang not in _CACHE:
        _CACHE[lang] = grid_bytes(answers(), bank, lang)
    return load_workbook(io.BytesIO(_CACHE[lang]))


def test_sheets_and_the_same_ids_and_texts_as_the_model(bank: Questionnaire) -> None:
    wb = workbook(bank)
    assert wb.sheetnames == ["Instructions", "Grille", "Notation", "_cdc"]
    assert wb["_cdc"].sheet_state == "hidden"
    ws = wb["Grille"]
    reqs = build_requirements(answers(), bank, "fr")
    rows = list(ws.iter_rows(min_row=GRID_FIRST_ROW, max_col=6, values_only=True))
    assert [r[0] for r in rows] == [r.id for r in reqs]
    assert [r[2] for r in rows] == [r.statement for r in reqs]
    assert [r[3] for r in rows] == [r.priority_label for r in reqs]
    assert [r[4] for r in rows] == ["Oui" if r.eliminatory else "Non" for r in reqs]
    headers = [c.value for c in ws[3]]
    assert headers == ["Identifiant", "Module", "Exigence", "Priorité", "Éliminatoire",
                       "Critère de recette", "Couverture", "Commentaire",
                       "Référence documentaire", "Effort ou coût", "Impact montée de version",
                       "Démontrable"]
    info = {row[0]: row[1] for row in wb["Instructions"].iter_rows(values_only=True) if row[0]}
    assert info["Empreinte des exigences"] == fingerprint(reqs)
    assert info["Identifiant du projet"].startswith("CDC-")
    assert info["Date limite de réponse"] == "15/05/2026"
    assert info["Nombre d'exigences"] == len(reqs)


def test_english_grid(bank: Questionnaire) -> None:
    wb = workbook(bank, "en")
    assert wb.sheetnames[:3] == ["Instructions", "Grid", "Scoring"]
    assert wb["Grid"]["D4"].value == "Must"
    assert wb["Grid"]["G3"].value == "Coverage"


def test_drop_downs(bank: Questionnaire) -> None:
    ws = workbook(bank)["Grille"]
    last = ws.max_row
    found = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    coverage = found[f"G4:G{last}"]
    assert coverage.type == "list"
    assert coverage.formula1 == ('"Standard,Configuration,Développement spécifique,Module tiers,'
                                 'Version future,Non couvert"')
    assert coverage.showErrorMessage and coverage.errorStyle == "stop"
    yes_no = found[f"K4:K{last} L4:L{last}"]
    assert yes_no.formula1 == '"Oui,Non"'


def test_locks_protection_freeze_filter_and_print(bank: Questionnaire) -> None:
    wb = workbook(bank)
    ws = wb["Grille"]
    assert ws.protection.sheet and not ws.protection.password
    assert ws.protection.autoFilter is False  # filters still usable on the protected sheet
    for row in range(GRID_FIRST_ROW, ws.max_row + 1):
        for col in "ABCDEF":
            assert ws[f"{col}{row}"].protection.locked, f"{col}{row}"
        for col in "GHIJKL":
            assert not ws[f"{col}{row}"].protection.locked, f"{col}{row}"
    assert ws["A3"].protection.locked and ws["G3"].protection.locked
    assert ws.freeze_panes == "C4"
    assert ws.auto_filter.ref == f"A3:L{ws.max_row}"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$3:$3"
    instructions = wb["Instructions"]
    assert instructions.protection.sheet
    vendor = wb["_cdc"]["B6"].value
    assert not instructions[vendor].protection.locked
    assert wb["Notation"].protection.sheet


def test_scoring_formulas(bank: Questionnaire) -> None:
    wb = workbook(bank)
    ws = wb["Notation"]
    formulas = [c.value for row in ws.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=")]
    text = "\n".join(formulas)
    assert "VLOOKUP('Grille'!G4," in text
    assert "=D" in text and "SUMIF(" in text and "SUMPRODUCT(" in text
    assert '=IF(AND(\'Grille\'!E4="Oui",OR(\'Grille\'!G4="",\'Grille\'!G4="Non couvert")),1,0)' \
        in formulas
    labels = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(5, 9)}
    assert labels == {"Obligatoire": 3, "Souhaité": 2, "Optionnel": 1, "Hors périmètre": 0}
    points = {ws.cell(r, 4).value: ws.cell(r, 5).value for r in range(5, 11)}
    assert points == {"Standard": 3, "Configuration": 2, "Développement spécifique": 1,
                      "Module tiers": 2, "Version future": 1, "Non couvert": 0}


def test_reproducible_with_source_date_epoch(bank: Questionnaire,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    first = grid_bytes(answers(), bank)
    assert grid_bytes(answers(), bank) == first
    wb = load_workbook(io.BytesIO(first))
    assert wb.properties.created.year == 2026 and wb.properties.modified.year == 2026


def test_untrusted_text_stays_text(bank: Questionnaire) -> None:
    data = answers()
    data["mapping"]["custom_requirements"][1]["statement"] = '=HYPERLINK("http://x","clic")\x07'
    ws = workbook(bank, data=data)["Grille"]
    cell = next(c for c in ws["C"] if isinstance(c.value, str) and "HYPERLINK" in c.value)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x","clic")'


def test_no_requirements_is_a_clear_error(bank: Questionnaire) -> None:
    from cdc.errors import CdcError

    with pytest.raises(CdcError, match="no requirements"):
        grid_bytes({"meta": {"title": "x"}}, bank)


def _calc_available(tmp: Path) -> bool:
    if not shutil.which("soffice"):
        return False
    probe = tmp / "probe.csv"
    probe.write_text("1\n", encoding="utf-8")
    result = _soffice(tmp, probe, "xlsx")
    return result.returncode == 0 and (tmp / "out" / "probe.xlsx").exists()


def _soffice(tmp: Path, source: Path, fmt: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
         "--convert-to", fmt, "--outdir", str(tmp / "out"), str(source)],
        capture_output=True, text=True, timeout=180, check=False)


@pytest.mark.slow
def test_libreoffice_recalculates_the_scoring(bank: Questionnaire, tmp_path: Path) -> None:
    if not _calc_available(tmp_path):
        pytest.skip("LibreOffice Calc (soffice with Calc) is not installed")
    from tests.requirements.test_scoring import fill

    grid = tmp_path / "grid.xlsx"
    grid.write_bytes(grid_bytes(answers(), bank))
    filled = fill(grid, tmp_path / "vendor.xlsx", "Alpha", seed=3)
    result = _soffice(tmp_path, filled, "xlsx")
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr
    wb = load_workbook(tmp_path / "out" / "vendor.xlsx", data_only=True)
    ws = wb["Notation"]
    total_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Total")
    obtained, maximum = ws.cell(total_row, 4).value, ws.cell(total_row, 5).value
    failures = ws.cell(total_row, 7).value
    from cdc.scoring import score_grids

    report = score_grids([filled])
    [vendor] = report.vendors
    assert (obtained, maximum) == (vendor.obtained, vendor.maximum)
    assert failures == len(vendor.failures)
    assert ws.cell(total_row, 6).value == pytest.approx(vendor.obtained / vendor.maximum)
    # And the PDF export works (the grid opens and prints without an error).
    result = _soffice(tmp_path, grid, "pdf")
    assert result.returncode == 0 and (tmp_path / "out" / "grid.pdf").stat().st_size > 10_000


@pytest.mark.parametrize("example", sorted((Path(__file__).resolve().parents[2] / "examples")
                                           .glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_gives_a_grid(bank: Questionnaire, example: Path) -> None:
    import yaml

    from cdc.requirements import check_requirements

    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    lang = (data.get("meta") or {}).get("language", "fr")
    assert [p for p in check_requirements(data, bank) if p.is_error] == []
    reqs = build_requirements(data, bank, lang)
    ws = load_workbook(io.BytesIO(grid_bytes(data, bank, lang))).worksheets[1]
    assert [c.value for c in ws["A"][GRID_FIRST_ROW - 1:]] == [r.id for r in reqs]
    assert len(reqs) > 40
