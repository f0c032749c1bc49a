"""`cdc check` as a user runs it: text and JSON output, exit codes, --strict, --lang."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cdc.cli import app
from cdc.questionnaire import Questionnaire
from tests.checks.factory import complete_answers, with_answers

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture()
def clean_file(tmp_path: Path, bank: Questionnaire) -> Path:
    return write(tmp_path / "clean.yaml", complete_answers(bank))


@pytest.fixture()
def draft_file(tmp_path: Path, bank: Questionnaire) -> Path:
    data = with_answers(
        complete_answers(bank),
        technical__hosting_mode="on_premise",
        technical__shortlisted_vendors=[{"name": "CloudCRM", "offer": "saas"}],
        technical__performance_expectations="Les écrans doivent être rapides et intuitifs, etc.",
        technical__rto_hours={"todo": "à voir avec l'hébergeur"},
    )
    data["data_flows"]["sources"].append({"name": "Excel salons", "kind": "spreadsheet",
                                          "quality": "poor"})
    return write(tmp_path / "draft.yaml", data)


def check(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(app, ["check", *args])


def test_json_output(runner: CliRunner, draft_file: Path) -> None:
    result = check(runner, str(draft_file), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) >= {"findings", "completeness", "verdict"}
    for finding in report["findings"]:
        assert set(finding) >= {"path", "term", "category", "severity", "message", "hint"}
        assert finding["severity"] in ("error", "warning", "info")
    by_path = {(f["path"], f["term"]): f for f in report["findings"]}
    assert ("technical.performance_expectations", "rapides") in by_path
    assert ("technical.performance_expectations", "etc.") in by_path
    assert by_path[("technical.shortlisted_vendors", "on_premise")]["severity"] == "error"
    assert any(path == "data_flows.sources[1].owner" for path, _ in by_path)
    assert report["completeness"]["open_points"][0]["path"] == "technical.rto_hours"
    assert report["verdict"]["status"] == "not_ready"
    assert report["completeness"]["parts"][4]["key"] == "technical"


def test_text_report_is_grouped_by_part_with_a_verdict(runner: CliRunner, draft_file: Path) -> None:
    result = check(runner, str(draft_file))
    assert result.exit_code == 0
    out = result.stdout
    assert "4. Caractéristiques techniques" in out
    assert "technical.performance_expectations" in out
    assert "PAS PRÊT" in out
    assert "contradiction" in out
    assert out.index("2. ") < out.index("4. Caractéristiques techniques")


def test_strict_exits_1_when_anything_is_found(runner: CliRunner, draft_file: Path) -> None:
    assert check(runner, str(draft_file), "--strict").exit_code == 1


def test_strict_exits_0_on_a_clean_file(runner: CliRunner, clean_file: Path) -> None:
    result = check(runner, str(clean_file), "--strict")
    assert result.exit_code == 0, result.output
    assert "PRÊT à diffuser" in result.stdout


def test_lang_forces_the_report_language(runner: CliRunner, draft_file: Path) -> None:
    result = check(runner, str(draft_file), "--lang", "en", "--format", "json")
    report = json.loads(result.stdout)
    assert report["language"] == "en"
    assert any("every shortlisted vendor" in f["message"] for f in report["findings"])


def test_the_counts_line_is_in_the_reports_language(runner: CliRunner, clean_file: Path) -> None:
    french = check(runner, str(clean_file)).stdout
    assert "0 erreur, 0 avertissement, 0 information" in french
    english = check(runner, str(clean_file), "--lang", "en").stdout
    assert "0 errors, 0 warnings, 0 info" in english


def test_invalid_answers_file_prints_errors_and_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("schema_version: 1\ncompany:\n  employees: beaucoup\n", encoding="utf-8")
    result = check(runner, str(path), "--format", "json")
    assert result.exit_code == 1
    assert "employees" in result.output
    assert "bad.yaml:3" in result.output


def test_missing_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = check(runner, str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "no such file" in result.output


@pytest.mark.parametrize("args", [["--format", "xml"], ["--lang", "de"]])
def test_bad_options_exit_2(runner: CliRunner, clean_file: Path, args: list[str]) -> None:
    assert check(runner, str(clean_file), *args).exit_code == 2


def test_answers_stay_text(runner: CliRunner, bank: Questionnaire, tmp_path: Path) -> None:
    data = with_answers(complete_answers(bank), planning__phases=[
        {"name": "[bold red]Recette[/]", "start": dt.date(2027, 3, 1),
         "end": dt.date(2027, 2, 1)}])
    result = check(runner, str(write(tmp_path / "markup.yaml", data)))
    assert "[bold red]Recette[/]" in result.stdout


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_every_example_checks(runner: CliRunner, example: Path) -> None:
    result = check(runner, str(example), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["valid"] is True


def test_module_entry_point(draft_file: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "cdc", "check", str(draft_file), "--strict",
                             "--format", "json"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert json.loads(result.stdout)["findings"]
