"""LibreOffice recalculates the pack's pricing form and the score workbook's ranking: its
figures are cdc's own."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cdc.cli import app
from cdc.pack.pricing import LETTER, YEAR_KEYS
from cdc.scoring import score_grids
from tests.pack.helpers import ANSWERS, fill_pack, layouts
from tests.pack.test_award import ALPHA, BETA, GAMMA, NOTES
from tests.requirements.test_grid import _calc_available, _soffice


@pytest.mark.slow
def test_libreoffice_recalculates_the_pack_and_the_ranking(tmp_path: Path) -> None:
    if not _calc_available(tmp_path):
        pytest.skip("LibreOffice Calc (soffice with Calc) is not installed")
    result = CliRunner().invoke(app, ["render", str(ANSWERS), "-f", "xlsx", "-o",
                                      str(tmp_path / "pack")])
    assert result.exit_code == 0, result.output
    [pack] = (tmp_path / "pack").glob("*.xlsx")
    offers = [fill_pack(pack, tmp_path / "alpha.xlsx", "Alpha", "Standard",
                        {**ALPHA, "Autre prestation (à nommer)": {"detail": "Audit",
                                                                 "quantity": 1.5,
                                                                 "unit": 1333.33}}),
              fill_pack(pack, tmp_path / "beta.xlsx", "Beta", "Configuration", BETA),
              fill_pack(pack, tmp_path / "gamma.xlsx", "Gamma", "Standard", GAMMA,
                        eliminatory_gap=True)]
    notes = tmp_path / "notes.yaml"
    notes.write_text(NOTES, encoding="utf-8")
    report = score_grids(offers, ANSWERS, notes)
    assert report.award is not None and not report.has_errors

    # 1. The vendor's pricing form: LibreOffice's totals are cdc's.
    converted = _soffice(tmp_path, offers[0], "xlsx")
    assert converted.returncode == 0, converted.stderr
    price, _ = layouts()
    ws = load_workbook(tmp_path / "out" / "alpha.xlsx", data_only=True)["Prix"]
    alpha = report.vendors[0]
    assert alpha.vendor == "Alpha" and alpha.price is not None
    shown = [ws[f"{LETTER[y]}{price.year_total_row}"].value for y in YEAR_KEYS]
    assert shown == pytest.approx(list(alpha.price.yearly))
    assert ws[price.tco_cell].value == pytest.approx(alpha.price.tco)
    # Both "other service" lines (one label) hold 1.5 days at 1 333.33.
    assert alpha.price.tco == pytest.approx(80_500 + 2 * 1.5 * 1333.33)
    options = price.section("options")
    assert ws[f"J{options.total_row}"].value == pytest.approx(sum(alpha.price.options))

    # 2. The score workbook: ranking, points and costs recomputed by its formulas.
    scores = tmp_path / "scores.xlsx"
    result = CliRunner().invoke(app, ["score", "--answers", str(ANSWERS), "-e", str(notes),
                                      *map(str, offers), "-f", "xlsx", "-o", str(scores)])
    assert result.exit_code == 0, result.output
    converted = _soffice(tmp_path, scores, "xlsx")
    assert converted.returncode == 0, converted.stderr
    book = load_workbook(tmp_path / "out" / "scores.xlsx", data_only=True)
    assert book.sheetnames[0] == "Classement"
    ws = book["Classement"]
    rows = list(ws.iter_rows(values_only=True))
    head = next(i for i, row in enumerate(rows) if row[1] == "Rang")
    header = rows[head]
    table = {row[0]: dict(zip(header, row, strict=True)) for row in rows[head + 1:] if row[0]}
    lowest = next(row[2] for row in rows if str(row[0]).startswith("Prix de référence"))
    assert lowest == pytest.approx(report.award.lowest_price)
    for standing in report.award.standings:
        found = table[standing.vendor]
        assert found["Rang"] == (standing.rank or "non classée")
        assert found["Total"] == pytest.approx(standing.total, abs=1e-6)
        for criterion in report.award.criteria:
            label = f"Points — {criterion.label} ({criterion.weight:g})"
            assert found[label] == pytest.approx(standing.score(criterion.key).points,
                                                 abs=1e-9), (standing.vendor, label)
        vendor = next(v for v in report.vendors if v.vendor == standing.vendor)
        assert found["Coût sur 5 ans"] == pytest.approx(vendor.price.tco)  # type: ignore
    assert [table[v]["Rang"] for v in ("Alpha", "Beta", "Gamma")] == [1, 2, "non classée"]
