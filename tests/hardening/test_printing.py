"""Issue 14, item 5: user text (file paths, vendor and template names) is printed as text."""

from __future__ import annotations

import shutil
from pathlib import Path

from openpyxl import load_workbook

from cdc.questionnaire import Questionnaire
from cdc.writers.xlsx import grid_bytes
from tests.hardening.helpers import ANSWERS, EXAMPLE, cdc, clean_failure, replace_line
from tests.requirements.helpers import answers
from tests.requirements.test_scoring import fill

MARKUP = "[/x][bold]"  # in a path: a folder "[" holding "x][bold]"
LINK = "[link=file:///etc/passwd]clic[/link]"
PATH_LINK = "[link=file:passwd]clic"  # what a file name can hold of it (no "//")


def test_validate_prints_a_path_holding_markup(tmp_path: Path) -> None:
    folder = tmp_path / MARKUP
    folder.mkdir(parents=True)
    path = replace_line(EXAMPLE, folder / f"{PATH_LINK}.yaml", "win_rate", ".nan")
    output = clean_failure(cdc("validate", path), f"{path}:", f"{path}: invalid")
    assert "\x1b]8;" not in output  # no terminal hyperlink


def test_render_errors_print_markup_in_paths_and_template_names(tmp_path: Path) -> None:
    folder = tmp_path / MARKUP
    folder.mkdir(parents=True)
    path = replace_line(EXAMPLE, folder / "a.yaml", "win_rate", ".nan")
    clean_failure(cdc("render", path, "-f", "md"), f"error: {path}\u00a0: 1 erreur(s)")
    templates = tmp_path / "t[/x]"
    (templates / "fr").mkdir(parents=True)
    (templates / "fr" / "document.md.j2").write_text("{% include '[/x]missing' %}",
                                                     encoding="utf-8")
    good = shutil.copy(EXAMPLE, folder / "good.yaml")
    clean_failure(cdc("render", good, "-f", "md", "--templates", templates),
                  "template not found: [/x]missing")


def test_batch_summary_and_report_survive_markup_in_paths(tmp_path: Path) -> None:
    (tmp_path / "[").mkdir()
    shutil.copy(EXAMPLE, tmp_path / f"{MARKUP}.yaml")
    replace_line(EXAMPLE, tmp_path / "=cmd|' x'!A0.yaml", "win_rate", ".nan")
    report = tmp_path / "report.csv"
    result = cdc("batch", f"{MARKUP}.yaml", "=cmd|' x'!A0.yaml", "-o", "out", "-f", "md",
                 "-j", "1", "--report", report, cwd=tmp_path)
    output = clean_failure(result, f"{MARKUP}.yaml", "2 file(s): 1 done, 1 failed")
    text = report.read_text(encoding="utf-8")
    assert f"\n{MARKUP}.yaml,ok," in text
    assert "\n'=cmd|' x'!A0.yaml,failed," in text  # a spreadsheet opens it as text
    assert "'=cmd" not in output  # only the CSV cell is escaped


def test_score_prints_vendor_names_as_text(bank: Questionnaire, tmp_path: Path) -> None:
    grid = tmp_path / "grille.xlsx"
    grid.write_bytes(grid_bytes(answers(), bank))
    vendor = fill(grid, tmp_path / "v.xlsx", f"Acme {MARKUP} {LINK} \u202eevil",
                  coverage="Standard")
    wb = load_workbook(vendor)
    wb["Grille"]["G5"] = f"Standart {MARKUP}"
    wb.save(vendor)
    result = cdc("score", "--answers", ANSWERS, vendor)
    output = clean_failure(result, f"Acme {MARKUP} {LINK}", f"'Standart {MARKUP}'")
    assert "\x1b]8;" not in output and "\u202e" not in output and "\\u202eevil" in output
