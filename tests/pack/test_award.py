"""Ranking the offers on the award criteria: two vendors filled in full (one cheaper, one
better covered) and one that is not compliant, the committee's notes, figures computed by
hand; grids made before the pricing form."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cdc.cli import app
from cdc.questionnaire import Questionnaire
from cdc.scoring import score_grids
from cdc.writers.xlsx import grid_bytes
from tests.pack.helpers import ANSWERS, fill_pack, yearly

# Two profiles (10 and 4 users), three phases, support and hosting: the five-year costs are
# Alpha: (10 × 600 + 4 × 300) × 5 + (10 × 1000 + 20 × 1000 + 5 × 900) + 2000 × 5 = 80 500
# Beta:  (10 × 400 + 4 × 200) × 5 + (8 × 900 + 15 × 900 + 4 × 800) + (1500 + 500) × 5 = 57 900
ALPHA = {"Commercial terrain": {"unit": 600}, "Administration des ventes": {"unit": 300},
         "Cadrage": {"quantity": 10, "unit": 1000}, "Paramétrage": {"quantity": 20, "unit": 1000},
         "Formation": {"quantity": 5, "unit": 900}, "Support et maintenance": yearly(2000),
         "Hébergement et exploitation": yearly(0),
         "Option 1": {"detail": "Module de signature électronique", **yearly(1200)}}
BETA = {"Commercial terrain": {"unit": 400}, "Administration des ventes": {"unit": 200},
        "Cadrage": {"quantity": 8, "unit": 900}, "Paramétrage": {"quantity": 15, "unit": 900},
        "Formation": {"quantity": 4, "unit": 800}, "Support et maintenance": yearly(1500),
        "Hébergement et exploitation": yearly(500)}
GAMMA = {label: {k: v / 2 for k, v in cells.items()} for label, cells in BETA.items()}
NOTES = """\
# The committee's notes, 0 to 5
vendors:
  Alpha:
    technical: 4
    demonstration: {note: 4.5, comment: Scénarios déroulés sans accroc}
  BETA:                     # names are matched without case
    Valeur technique: 3     # a criterion by its label
    demonstration: 3
  gamma.xlsx:               # or by the grid's file name
    technical: 5
    demonstration: 5
"""


@pytest.fixture(scope="module")
def offers(tmp_path_factory: pytest.TempPathFactory, bank: Questionnaire) -> dict[str, Path]:
    import yaml

    folder = tmp_path_factory.mktemp("offers")
    pack = folder / "pack.xlsx"
    data = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))
    pack.write_bytes(grid_bytes(data, bank, "fr"))
    notes = folder / "notes.yaml"
    notes.write_text(NOTES, encoding="utf-8")
    return {
        "pack": pack, "notes": notes,
        "alpha": fill_pack(pack, folder / "alpha.xlsx", "Alpha", "Standard", ALPHA),
        "beta": fill_pack(pack, folder / "beta.xlsx", "Beta", "Configuration", BETA),
        "gamma": fill_pack(pack, folder / "gamma.xlsx", "Gamma", "Standard", GAMMA,
                           eliminatory_gap=True),
    }


def score_json(*args: Any) -> tuple[int, dict[str, Any], str]:
    result = CliRunner().invoke(app, ["score", "--answers", str(ANSWERS), "-f", "json",
                                      *map(str, args)])
    output = result.stdout
    return result.exit_code, json.loads(output) if output.strip().startswith("{") else {}, \
        result.output


def test_the_ranking_matches_the_figures_computed_by_hand(offers: dict[str, Path]) -> None:
    code, report, output = score_json("--evaluation", offers["notes"], offers["alpha"],
                                      offers["beta"], offers["gamma"])
    assert code == 0, output
    award = report["award"]
    assert [(c["key"], c["weight"]) for c in award["criteria"]] == [
        ("functional", 40), ("price", 30), ("technical", 15), ("demonstration", 15)]
    assert award["lowest_price"] == 57_900  # Gamma is cheaper but not compliant
    alpha, beta, gamma = award["ranking"]
    assert (alpha["vendor"], alpha["rank"], beta["vendor"], beta["rank"]) == \
        ("Alpha", 1, "Beta", 2)
    # Alpha: all "Standard" (40), 57 900 / 80 500 × 30, 4/5 × 15, 4.5/5 × 15.
    assert alpha["scores"]["functional"]["points"] == pytest.approx(40)
    assert alpha["scores"]["price"]["points"] == pytest.approx(57_900 / 80_500 * 30, abs=1e-4)
    assert alpha["scores"]["technical"]["points"] == pytest.approx(12)
    assert alpha["scores"]["demonstration"]["points"] == pytest.approx(13.5)
    assert alpha["scores"]["demonstration"]["note"] == "Scénarios déroulés sans accroc"
    assert alpha["total"] == pytest.approx(40 + 21.577640 + 12 + 13.5, abs=1e-5)
    # Beta: all "Configuration" (2 points of 3), the lowest price, 3/5 and 3/5.
    assert beta["scores"]["functional"]["points"] == pytest.approx(2 / 3 * 40, abs=1e-4)
    assert beta["scores"]["price"]["points"] == pytest.approx(30)
    assert beta["total"] == pytest.approx(26.666667 + 30 + 9 + 9, abs=1e-5)
    # Gamma leaves CON-001 (eliminatory) uncovered: shown for information, not ranked.
    assert (gamma["vendor"], gamma["rank"], gamma["compliant"]) == ("Gamma", None, False)
    assert gamma["total"] > alpha["total"]
    assert gamma["scores"]["price"]["points"] == pytest.approx(30)  # never above the weight
    prices = {v["vendor"]: v["price"] for v in report["vendors"]}
    assert prices["Alpha"]["tco"] == 80_500 and prices["Beta"]["tco"] == 57_900
    assert prices["Alpha"]["yearly"] == [43_700, 9_200, 9_200, 9_200, 9_200]
    assert prices["Alpha"]["options"] == [1200] * 5  # apart from the total
    assert report["vendors"][0]["questionnaire"]["revenue"] == "12"


def test_the_text_report_ranks_and_explains(offers: dict[str, Path]) -> None:
    result = CliRunner().invoke(app, ["score", "--answers", str(ANSWERS), "-e",
                                      str(offers["notes"]), str(offers["alpha"]),
                                      str(offers["beta"]), str(offers["gamma"])],
                                env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    ranking = result.output.split("Classement")[-1]
    rows = [line for line in ranking.splitlines() if "│" in line]
    assert rows[0].split("│")[1:3] == ["    1 ", " Alpha   "]
    assert "87,08" in rows[0] and "74,67" in rows[1]
    assert "—" in rows[2] and "non conforme" in rows[2]
    assert "prix de référence : 57 900 €" in " ".join(ranking.split())
    assert "n'est pas classée" in ranking


def test_without_notes_the_noted_criteria_count_zero_and_say_so(offers: dict[str, Path]
                                                              ) -> None:
    report = score_grids([offers["alpha"], offers["beta"]], ANSWERS)
    assert report.award is not None
    alpha = report.award.standings[0]
    assert alpha.score("technical").points == 0 and alpha.score("technical").why == "no note"
    assert any("no evaluation file: technical, demonstration not scored" in p.message
               for p in report.problems)
    assert not report.has_errors
    # The French table says why in French, in the cell of each criterion not scored.
    result = CliRunner().invoke(app, ["score", "--answers", str(ANSWERS), str(offers["alpha"]),
                                      str(offers["beta"])], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    ranking = result.stdout.split("Classement")[-1]
    rows = [line for line in ranking.splitlines() if "Alpha" in line]
    assert rows and rows[0].count("0,00 (pas de note)") == 2
    assert "no note" not in result.stdout


def test_an_incomplete_price_scores_zero_and_names_its_cells(offers: dict[str, Path],
                                                            tmp_path: Path) -> None:
    partial = dict(BETA)
    del partial["Formation"]
    partial["Cadrage"] = {"quantity": 8}
    beta = fill_pack(offers["pack"], tmp_path / "beta.xlsx", "Beta", "Configuration", partial)
    notes = tmp_path / "notes.yaml"
    notes.write_text(NOTES.split("  gamma.xlsx")[0], encoding="utf-8")
    code, report, output = score_json("-e", notes, offers["alpha"], beta)
    assert code == 1
    assert "beta.xlsx: error: sheet Prix: the pricing form is incomplete, 3 cell(s) left " \
        "empty (D13, C15, D15)" in " ".join(output.split())
    ranking = {s["vendor"]: s for s in report["award"]["ranking"]}
    assert ranking["Beta"]["scores"]["price"] == {"points": 0.0, "basis": None,
                                                  "note": "pricing form incomplete"}
    assert ranking["Alpha"]["scores"]["price"]["points"] == pytest.approx(30)  # the lowest
    assert report["vendors"][1]["price"]["complete"] is False


def test_a_grid_made_before_the_pricing_form_is_scored_without_price(
        offers: dict[str, Path], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    old = fill_pack(offers["pack"], tmp_path / "old.xlsx", "Ancien", "Standard", BETA)
    wb = load_workbook(old)
    for name in ("Prix", "Questionnaire", "Démonstrations"):
        del wb[name]
    wb["_cdc"]["A9"] = wb["_cdc"]["B9"] = None  # as cdc wrote grids before the pack
    wb.save(old)
    code, report, output = score_json(offers["alpha"], old)
    assert code == 0, output
    assert "no 'Prix' sheet: this grid was made before cdc's pricing form, so price cannot " \
        "be scored for it" in " ".join(output.split())
    ranking = {s["vendor"]: s for s in report["award"]["ranking"]}
    assert ranking["Ancien"]["scores"]["price"]["note"] == "no pricing form"
    assert ranking["Ancien"]["scores"]["functional"]["points"] == pytest.approx(40)
    # Removing the sheets from a pack that had them is another matter.
    wb["_cdc"]["A9"], wb["_cdc"]["B9"] = "pack", "cdc-pack/1"
    wb.save(old)
    code, _, output = score_json(offers["alpha"], old)
    assert code == 1 and "sheet 'Prix' is missing (renamed or deleted)" in output


def test_the_readme_example_of_notes_is_valid(tmp_path: Path) -> None:
    import re

    from cdc.award import Criterion
    from cdc.evaluation import load_evaluation, match_vendors
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [example] = re.findall(r"```yaml\n(# notes\.yaml.+?)```", readme, flags=re.S)
    notes = tmp_path / "notes.yaml"
    notes.write_text(example, encoding="utf-8")
    criteria = [Criterion("functional", "functional", "Couverture fonctionnelle", 30),
                Criterion("price", "price", "Prix", 30),
                Criterion("technical", "technical", "Valeur technique", 10),
                Criterion("method", "method", "Méthode et équipe", 10),
                Criterion("demonstration", "demonstration", "Démonstration", 10),
                Criterion("references", "references", "Références", 5),
                Criterion("Support en français", "other", "Support en français", 5)]
    evaluation = load_evaluation(notes, criteria)
    notes_by_vendor = match_vendors(evaluation, [("Alpha CRM", "offres/alpha.xlsx"),
                                                 ("Beta", "offres/beta-solutions.xlsx")])
    assert notes_by_vendor["Beta"]["Support en français"] == (4.0, "")
    assert notes_by_vendor["Alpha CRM"]["demonstration"][0] == 4.0
