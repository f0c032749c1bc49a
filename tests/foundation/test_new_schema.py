"""`cdc new`, `cdc schema`, `cdc questions`, and the examples shipped with cdc."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from cdc.answers import validate_file
from cdc.cli import app
from cdc.questionnaire import Questionnaire
from tests.conftest import EXAMPLES


def _jsonable(value: Any) -> Any:
    """YAML dates become ISO strings, as an editor's YAML language server sees them."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_new_writes_an_annotated_file_that_validates(
    tmp_path: Path, runner: CliRunner, bank: Questionnaire, lang: str
) -> None:
    target = tmp_path / "projet.yaml"
    result = runner.invoke(app, ["new", str(target), "--lang", lang])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=cdc.schema.json\n")
    assert (tmp_path / "cdc.schema.json").is_file()
    for q in bank.questions():
        assert f"\n  {q.id}:" in text, q.id
        assert q.prompt.get(lang) in text.replace("\n  #   ", " ").replace("\n  # ", " ") or \
            q.prompt.get(lang)[:40] in text, q.id
    loaded = yaml.safe_load(text)
    assert loaded["meta"]["language"] == lang
    validation = validate_file(target, bank)
    assert validation.ok, [p.message for p in validation.errors]
    assert validation.warnings  # required answers are still missing


def test_new_shows_choices_help_and_examples(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "a.yaml"
    runner.invoke(app, ["new", str(target)])
    text = target.read_text(encoding="utf-8")
    assert "#     restricted = Diffusion restreinte" in text
    assert "Exemple : Menuiseries Durand SAS" in text
    assert "Au format AAAA-MM-JJ" in text
    english = tmp_path / "b.yaml"
    runner.invoke(app, ["new", str(english), "--lang", "en"])
    assert "#     restricted = Restricted" in english.read_text(encoding="utf-8")


def test_new_never_overwrites_without_force(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("meta:\n  title: précieux\n", encoding="utf-8")
    result = runner.invoke(app, ["new", str(target)])
    assert result.exit_code == 2
    assert "already exists" in result.output
    assert target.read_text(encoding="utf-8") == "meta:\n  title: précieux\n"
    result = runner.invoke(app, ["new", str(target), "--force"])
    assert result.exit_code == 0
    assert "schema_version: 1" in target.read_text(encoding="utf-8")


def test_new_rejects_an_unknown_language(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["new", str(tmp_path / "x.yaml"), "--lang", "de"])
    assert result.exit_code == 2
    assert not (tmp_path / "x.yaml").exists()


def test_schema_is_valid_draft_2020_12(runner: CliRunner, bank: Questionnaire) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    employees = schema["properties"]["company"]["properties"]["employees"]
    assert "salariés" in employees["description"] or "employés" in employees["description"]
    assert "employees" in employees["description"].lower()


def test_schema_accepts_examples_and_rejects_broken_files(runner: CliRunner) -> None:
    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    validator = jsonschema.Draft202012Validator(schema)
    assert len(EXAMPLES) >= 4
    for example in EXAMPLES:
        data = _jsonable(yaml.safe_load(example.read_text(encoding="utf-8")))
        errors = list(validator.iter_errors(data))
        assert not errors, (example.name, [e.message for e in errors[:3]])
    broken = _jsonable(yaml.safe_load(EXAMPLES[0].read_text(encoding="utf-8")))
    broken["meta"]["confidentiality"] = "secret"
    broken["company"]["employees"] = "many"
    broken["company"]["unknown_question"] = 1
    assert len(list(validator.iter_errors(broken))) >= 3


def test_examples_validate_clean(bank: Questionnaire) -> None:
    assert len(EXAMPLES) >= 4
    languages = set()
    for example in EXAMPLES:
        result = validate_file(example, bank)
        assert result.ok, (example.name, [f"{p.location} {p.message}" for p in result.errors])
        assert not result.warnings, (example.name, [p.message for p in result.warnings][:5])
        assert result.percent >= 90, example.name
        languages.add(result.language())
    assert languages == {"fr", "en"}


def test_questions_lists_the_bank(runner: CliRunner) -> None:
    result = runner.invoke(app, ["questions", "--part", "4", "--lang", "en"])
    assert result.exit_code == 0
    assert "hosting_mode" in result.output
    assert "employees" not in result.output
    result = runner.invoke(app, ["questions"])
    assert "employees" in result.output and "repeating groups" in result.output
    assert runner.invoke(app, ["questions", "--part", "9"]).exit_code == 2


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("cdc ")
