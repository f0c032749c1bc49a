"""What goes wrong in returned packs and evaluation files, each reported with its file and its
sheet and cell, or its line."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from cdc.cli import app
from cdc.pack.reading import arithmetic
from cdc.questionnaire import Questionnaire
from cdc.scoring import score_grids
from cdc.writers.xlsx import grid_bytes
from tests.pack.helpers import ANSWERS, fill_pack, layouts
from tests.pack.test_award import ALPHA, BETA


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory, bank: Questionnaire) -> Path:
    path = tmp_path_factory.mktemp("pack") / "pack.xlsx"
    path.write_bytes(grid_bytes(yaml.safe_load(ANSWERS.read_text(encoding="utf-8")), bank))
    return path


def run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["score", *map(str, args)])
    return result.exit_code, " ".join(result.output.split())


def edited(pack: Path, target: Path, cells: dict[str, object], sheet: str = "Prix",
           prices: dict[str, dict[str, object]] | None = None) -> Path:
    fill_pack(pack, target, "Beta", "Configuration", BETA if prices is None else prices)
    wb = load_workbook(target)
    for ref, value in cells.items():
        wb[sheet][ref] = value
    wb.save(target)
    return target


def test_prices_that_are_not_amounts_are_named_by_cell(pack: Path, tmp_path: Path) -> None:
    beta = edited(pack, tmp_path / "beta.xlsx", {"D7": "douze mille", "D8": -5, "C13": "=A1*2",
                                                  "D14": "=45*20"})
    code, output = run("--answers", ANSWERS, beta)
    assert code == 1
    assert "beta.xlsx: error: sheet Prix, cell D7: 'douze mille' is not a number (price per " \
        "user per year, 'Commercial terrain')" in output
    assert "hint: Type the amount as a plain number" in output
    assert "sheet Prix, cell D8: -5 is not a possible amount" in output
    assert "sheet Prix, cell C13: the formula =A1*2 is not a plain amount (days, 'Cadrage')" \
        in output
    assert "cell D14" not in output  # =45*20 is arithmetic: 900
    report = score_grids([beta], ANSWERS)
    price = report.vendors[0].price
    assert price is not None and not price.complete
    assert price.inputs["services-2"].unit == 900
    assert sorted(price.problems) == ["C13", "D7", "D8"]


def test_the_buyers_cells_are_compared_and_the_buyers_numbers_used(pack: Path,
                                                                  tmp_path: Path) -> None:
    beta = edited(pack, tmp_path / "beta.xlsx", {"C7": 1, "A13": "Cadrage offert"})
    code, output = run("--answers", ANSWERS, beta)
    assert code == 1
    assert "sheet Prix, cell C7: the number of users of 'Commercial terrain' was changed to " \
        "'1' (sent: 10)" in output
    assert "sheet Prix, cell A13: the item 'Cadrage' was changed to 'Cadrage offert'" in output
    price = score_grids([beta], ANSWERS).vendors[0].price
    assert price is not None and price.tco == 57_900  # 10 users, as the buyer asked


def test_a_forged_total_changes_nothing_and_is_reported(pack: Path, tmp_path: Path) -> None:
    """The total's cached result is what Excel shows until it recalculates: a vendor could
    forge it. cdc computes the cost from the amounts and says the two differ."""
    beta = edited(pack, tmp_path / "beta.xlsx", {})
    price, _ = layouts()
    forged = tmp_path / "forged.xlsx"
    with zipfile.ZipFile(beta) as src, zipfile.ZipFile(forged, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet3.xml":
                cell = price.tco_cell
                data, count = re.subn(rf'(<c r="{cell}"[^>]*>)(<f>[^<]*</f>)(<v>[^<]*</v>)?'
                                      .encode(), rb"\1\2<v>1000</v>", data)
                assert count == 1
            dst.writestr(info, data)
    code, output = run("--answers", ANSWERS, forged)
    assert code == 0
    assert f"sheet Prix, cell {price.tco_cell}: the workbook shows a five-year total of " \
        "1,000.00 but its amounts give 57,900.00; cdc uses 57,900.00" in output
    assert score_grids([forged], ANSWERS).vendors[0].price.tco == 57_900  # type: ignore[union-attr]


def test_empty_and_odd_questionnaire_answers_are_listed(pack: Path, tmp_path: Path) -> None:
    _, form = layouts()
    cells = {q.key: q for q in form.questions}
    beta = fill_pack(pack, tmp_path / "beta.xlsx", "Beta", "Configuration", BETA, answers={
        "revenue": "beaucoup", "method": "Scrum", "reference_1_contact": None,
        "exit_terms": None})
    code, output = run("--answers", ANSWERS, beta)
    assert code == 0  # the questionnaire is read, not scored: warnings
    assert f"sheet Questionnaire, cell {cells['revenue'].cell}: 'beaucoup' is not a number" \
        in output
    assert f"sheet Questionnaire, cell {cells['method'].cell}: 'Scrum' is not one of the " \
        "answers offered" in output
    assert "sheet Questionnaire: 2 answer(s) left empty " \
        f"({cells['reference_1_contact'].cell}, {cells['exit_terms'].cell})" in output
    blank = fill_pack(pack, tmp_path / "blank.xlsx", "Blank", "Standard", ALPHA,
                      answers={q.key: None for q in form.questions})
    code, output = run("--answers", ANSWERS, blank)
    required = [q for q in form.questions if q.required]
    assert f"sheet Questionnaire: the questionnaire was not filled in ({len(required)} " \
        f"questions, cells {required[0].cell} to {required[-1].cell})" in output


def test_evaluation_mistakes_are_reported_with_their_line(pack: Path, tmp_path: Path) -> None:
    alpha = fill_pack(pack, tmp_path / "alpha.xlsx", "Alpha", "Standard", ALPHA)
    notes = tmp_path / "notes.yaml"
    notes.write_text("""\
vendors:
  Alpha:
    technical: quatre
    demonstration: 7
    ergonomie: 3
    functional: 5
  Delta:
    technical: 2
  alpha:
    technical: 1
""", encoding="utf-8")
    code, output = run("--answers", ANSWERS, "--evaluation", notes, alpha)
    assert code == 1 and "nothing was scored" in output and "Comparaison" not in output
    assert "notes.yaml:3:16: error: the note 'quatre' is not a number" in output
    assert "notes.yaml:4:20: error: the note 7 is outside 0–5" in output
    assert "notes.yaml:5:5: error: unknown criterion 'ergonomie'" in output
    assert "Criteria to note (answers file, award_criteria): technical, demonstration" in output
    assert "notes.yaml:6:5: error: 'functional' is computed by cdc" in output
    assert "notes.yaml:9:3: error: vendor 'alpha' appears twice (as 'Alpha')" in output
    notes.write_text("vendors:\n  Alpha:\n    technical: 4\n  Delta:\n    technical: 2\n",
                     encoding="utf-8")
    code, output = run("--answers", ANSWERS, "-e", notes, alpha)
    assert code == 1
    assert "notes.yaml:4:3: error: vendor 'Delta' matches no grid scored" in output
    assert "Vendors scored: Alpha." in output


def test_evaluation_usage_errors(pack: Path, tmp_path: Path) -> None:
    alpha = fill_pack(pack, tmp_path / "alpha.xlsx", "Alpha", "Standard", ALPHA)
    notes = tmp_path / "notes.yaml"
    notes.write_text("vendors:\n  Alpha: {technical: 4}\n", encoding="utf-8")
    code, output = run("--evaluation", notes, alpha)
    assert code == 2 and "--evaluation needs --answers" in output
    code, output = run("--answers", ANSWERS, "--evaluation", tmp_path / "none.yaml", alpha)
    assert code == 2 and "none.yaml: no such file" in output
    no_criteria = tmp_path / "answers.yaml"
    data = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))
    del data["consultation"]["award_criteria"]
    no_criteria.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shutil.copy(alpha, tmp_path / "alpha2.xlsx")
    code, output = run("--answers", no_criteria, "-e", notes, tmp_path / "alpha2.xlsx")
    assert code == 1 and "gives no award criteria, so there is nothing to note" in output
    notes.write_text("vendors: !!python/object:os.system {}\n", encoding="utf-8")
    code, output = run("--answers", ANSWERS, "-e", notes, alpha)
    assert code == 1 and "notes.yaml:1:" in output and "Traceback" not in output
    notes.write_text("- Alpha\n", encoding="utf-8")
    code, output = run("--answers", ANSWERS, "-e", notes, alpha)
    assert code == 1 and "must hold a 'vendors' mapping" in output


@pytest.mark.parametrize(("text", "value"), [
    ("12*450", 5400), ("=(1000+200)/4", 300), ("-3+5", 2), ("1.5*2", 3), (" 7 ", 7),
    ("A1*2", None), ("SUM(1,2)", None), ("1/0", None), ("2**3", None), ("(1+2", None),
    ("1e400", None), ("", None), ("((((((((((((((((((((((1))))))))))))))))))))))", None)])
def test_only_plain_arithmetic_is_computed(text: str, value: float | None) -> None:
    assert arithmetic(text) == value
