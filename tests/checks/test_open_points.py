"""Open points are counted the same way by `cdc validate`, `cdc check` and the document's annex,
those inside a repeating group's records included."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from cdc.cli import app
from cdc.questionnaire import Questionnaire
from cdc.render import render_file
from tests.checks.factory import complete_answers

TODO = {"todo": "à confirmer"}


def draft(bank: Questionnaire) -> dict[str, Any]:
    """Two open points on questions, four inside records (two groups, two parts)."""
    data = complete_answers(bank)
    data["technical"]["rto_hours"] = TODO
    data["planning"]["go_live_target"] = TODO
    data["company"]["blockers"][0]["mitigation"] = TODO
    data["company"]["objectives"][0]["deadline"] = TODO
    data["data_flows"]["sources"][0]["owner"] = TODO
    data["data_flows"]["sources"][0]["records"] = TODO
    return data


def test_validate_check_and_document_count_six(bank: Questionnaire, tmp_path: Path,
                                                runner: CliRunner) -> None:
    path = tmp_path / "draft.yaml"
    path.write_text(yaml.safe_dump(draft(bank), allow_unicode=True), encoding="utf-8")

    validated = json.loads(runner.invoke(app, ["validate", str(path), "--format", "json"]).stdout)
    [result] = validated
    assert len(result["open_points"]) == 6
    assert sum(p["open_points"] for p in result["parts"]) == 6
    assert {p["key"]: p["open_points"] for p in result["parts"]}["data_flows"] == 2

    report = json.loads(runner.invoke(app, ["check", str(path), "--format", "json"]).stdout)
    completeness = report["completeness"]
    assert len(completeness["open_points"]) == 6
    assert sum(p["open_points"] for p in completeness["parts"]) == 6
    assert sum(f["category"] == "open_point" for f in report["findings"]) == 6
    assert any("6 point(s) ouvert(s)" in r for r in report["verdict"]["reasons"])
    text = runner.invoke(app, ["check", str(path)]).stdout
    table = [line for line in text.splitlines() if re.match(r"│ \d\. ", line)]
    assert sum(int(line.rstrip(" │").rsplit("│", 1)[1]) for line in table) == 6

    render_file(path, "md", tmp_path / "out")
    markdown = next((tmp_path / "out").glob("*.md")).read_text(encoding="utf-8")
    annex = markdown[markdown.index("# Annexe A – Points ouverts"):]
    rows = [line for line in annex.splitlines() if line.startswith("| ") and "À préciser" in line]
    # The vendor edition leaves the author's notes out, and the first blocker, a human one,
    # stays in the internal note with its open point.
    assert len(rows) == 5
    render_file(path, "md", tmp_path / "internal", edition="internal")
    markdown = next((tmp_path / "internal").glob("*.md")).read_text(encoding="utf-8")
    annex = markdown[markdown.index("# Annexe A – Points ouverts"):]
    rows = [line for line in annex.splitlines() if line.startswith("| ") and "à confirmer" in line]
    assert len(rows) == 6
