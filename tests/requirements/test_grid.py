"""The vendor response grid: sheets, drop-downs, locks, formulas, print setup, reproducibility."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from cdc.questionnaire import Questionnaire
from cdc.requirements import GRID_FIRST_ROW, build_requirements, fingerprint
from cdc.writers.xlsx import grid_bytes
from tests.conftest import ROOT
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
    assert wb.sheetnames == ["Instructions", "Grille", "Prix", "Questionnaire", "Démonstrations",
                             "_cdc"]
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
    # No consultation rules in these answers: the deadline and the contact are to be given
    # (a planning milestone is no longer taken for the deadline).
    assert info["Date limite de réponse"] == "À compléter"
    assert info["Contact pour les questions"] == "À compléter"
    assert info["Nombre d'exigences"] == len(reqs)


def test_english_grid(bank: Questionnaire) -> None:
    wb = workbook(bank, "en")
    assert wb.sheetnames == ["Instructions", "Grid", "Pricing", "Questionnaire",
                             "Demonstrations", "_cdc"]
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


def test_the_grid_keeps_the_buyers_evaluation_to_itself(bank: Questionnaire) -> None:
    """Issue 10: the grid goes to vendors; weights, points, scores and verdicts stay with the
    buyer (``cdc score``)."""
    for lang in ("fr", "en"):
        wb = workbook(bank, lang)
        assert len(wb.sheetnames) == 6
        # Every sheet the vendor sees; of the grid and the scenarios, only the headers
        # (requirements may speak of scores).
        texts = {ws.title: [str(c.value) for row in ws.iter_rows(
            max_row=3 if ws.title in ("Grille", "Grid", "Démonstrations", "Demonstrations")
            else None) for c in row if c.value is not None] for ws in wb.worksheets[:5]}
        text = "\n".join(t for found in texts.values() for t in found)
        for word in ("Points", "Notation", "Scoring", "Pondération", "Poids", "Weight",
                     "Conforme", "Compliant", "Non conforme", "score", "points", "note"):
            assert not re.search(rf"\b{word}\b", text), (lang, word)
        # Formulas only in the pricing form, where they compute the vendor's own totals.
        assert [title for title, found in texts.items() if any(t.startswith("=") for t in found)
                ] == [wb.sheetnames[2]]


def test_reproducible_with_source_date_epoch(bank: Questionnaire,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    first = grid_bytes(answers(), bank)
    assert grid_bytes(answers(), bank) == first
    example = yaml.safe_load((ROOT / "examples" / "english-saas-company.yaml").read_text(
        encoding="utf-8"))
    assert grid_bytes(example, bank, "en") == grid_bytes(example, bank, "en")
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
def test_libreoffice_recalculates_the_scores(bank: Questionnaire, tmp_path: Path) -> None:
    """The score workbook (cdc score -f xlsx) computes itself: LibreOffice's figures are cdc's."""
    if not _calc_available(tmp_path):
        pytest.skip("LibreOffice Calc (soffice with Calc) is not installed")
    from typer.testing import CliRunner

    from cdc.cli import app
    from cdc.scoring import score_grids
    from tests.requirements.helpers import ANSWERS
    from tests.requirements.test_scoring import fill

    grid = tmp_path / "grid.xlsx"
    grid.write_bytes(grid_bytes(answers(), bank))
    vendors = [fill(grid, tmp_path / "alpha.xlsx", "Alpha", seed=3),
               fill(grid, tmp_path / "beta.xlsx", "Beta", seed=4, skip_every=5)]
    scores = tmp_path / "scores.xlsx"
    result = CliRunner().invoke(app, ["score", "--answers", str(ANSWERS), *map(str, vendors),
                                      "-f", "xlsx", "-o", str(scores)])
    assert result.exit_code == 0, result.output
    converted = _soffice(tmp_path, scores, "xlsx")
    assert converted.returncode == 0, converted.stderr
    assert "Error" not in converted.stderr
    ws = load_workbook(tmp_path / "out" / "scores.xlsx", data_only=True)["Comparaison"]
    report = score_grids(vendors, ANSWERS)
    ranked = sorted(report.vendors, key=lambda v: (-v.percent, v.vendor))
    assert [ws.cell(3, c).value for c in (2, 3)] == [v.vendor for v in ranked]
    labels = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    total = labels.index("Total") + 1
    for c, vendor in enumerate(ranked, 2):
        modules = {ws.cell(r, 1).value: ws.cell(r, c).value for r in range(4, total)}
        assert modules == pytest.approx({m.module: m.obtained / m.maximum
                                         for m in vendor.modules})
        assert ws.cell(total, c).value == pytest.approx(vendor.obtained / vendor.maximum)
        assert ws.cell(total + 1, c).value == len(vendor.failures)
        assert ws.cell(total + 2, c).value == len(vendor.unanswered)
        assert ws.cell(total + 3, c).value == ("conforme" if vendor.compliant
                                               else "non conforme")
    # The packs' prices: the five-year costs recomputed from each vendor's amounts.
    prices = load_workbook(tmp_path / "out" / "scores.xlsx", data_only=True)["Prix"]
    costs = [row[9] for row in prices.iter_rows(values_only=True)
             if row[0] == "Total par an (hors options)"]
    assert costs == pytest.approx([v.price.tco for v in report.vendors if v.price])
    assert len(costs) == 2 and costs[0] > 0
    # And the grid sent to vendors opens and prints without an error.
    result = _soffice(tmp_path, grid, "pdf")
    assert result.returncode == 0 and (tmp_path / "out" / "grid.pdf").stat().st_size > 10_000


@pytest.mark.parametrize("example", sorted((Path(__file__).resolve().parents[2] / "examples")
                                           .glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_gives_a_grid(bank: Questionnaire, example: Path) -> None:
    from cdc.requirements import check_requirements

    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    lang = (data.get("meta") or {}).get("language", "fr")
    assert [p for p in check_requirements(data, bank) if p.is_error] == []
    reqs = build_requirements(data, bank, lang)
    ws = load_workbook(io.BytesIO(grid_bytes(data, bank, lang))).worksheets[1]
    assert [c.value for c in ws["A"][GRID_FIRST_ROW - 1:]] == [r.id for r in reqs]
    assert len(reqs) > 40
