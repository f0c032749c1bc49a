"""`cdc validate`: every kind of mistake, reported with its file:line:column, id and hint."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cdc.answers import Validation, validate_file
from cdc.cli import app
from cdc.questionnaire import Questionnaire

HEAD = "schema_version: 1\n"


def write(tmp_path: Path, text: str, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def check(tmp_path: Path, bank: Questionnaire, text: str) -> Validation:
    return validate_file(write(tmp_path, text), bank)


def only_error(result: Validation) -> Any:
    assert len(result.errors) == 1, [str(p.location) + " " + p.message for p in result.errors]
    return result.errors[0]


def test_yaml_syntax_error_has_line_and_column(tmp_path: Path, bank: Questionnaire) -> None:
    result = check(tmp_path, bank, HEAD + "meta:\n  title: \"unclosed\n  company: X\n")
    error = only_error(result)
    assert "YAML syntax error" in error.message
    assert error.location.line >= 3
    assert error.hint


def test_tab_indentation_is_a_clear_syntax_error(tmp_path: Path, bank: Questionnaire) -> None:
    result = check(tmp_path, bank, HEAD + "meta:\n\ttitle: X\n")
    error = only_error(result)
    assert error.location.line == 3
    assert "YAML syntax error" in error.message


def test_unknown_key_suggests_the_closest_question(tmp_path: Path, bank: Questionnaire) -> None:
    result = check(tmp_path, bank, HEAD + "meta:\n  title: X\n  compagny: ACME\n")
    error = only_error(result)
    assert (error.location.line, error.location.column) == (4, 3)
    assert "unknown question 'compagny'" in error.message
    assert "Did you mean 'company'?" in error.hint


def test_unknown_part_suggests_the_closest_part(tmp_path: Path, bank: Questionnaire) -> None:
    result = check(tmp_path, bank, HEAD + "metta:\n  title: X\n")
    error = only_error(result)
    assert error.location.line == 2
    assert "unknown part 'metta'" in error.message
    assert "'meta'" in error.hint


def test_question_in_the_wrong_part_says_where_it_belongs(
    tmp_path: Path, bank: Questionnaire
) -> None:
    result = check(tmp_path, bank, HEAD + "meta:\n  employees: 12\n")
    error = only_error(result)
    assert "company" in error.hint and "part 1" in error.hint


def test_wrong_types(tmp_path: Path, bank: Questionnaire) -> None:
    result = check(tmp_path, bank, HEAD + textwrap.dedent("""\
        company:
          employees: "85 salariés"
          revenue: beaucoup
          target_markets: b2b
        data_flows:
          has_website: oui
        """))
    by_id = {p.question_id: p for p in result.errors}
    assert set(by_id) == {"employees", "revenue", "target_markets", "has_website"}
    assert by_id["employees"].location.line == 3
    assert "expected a whole number" in by_id["employees"].message
    assert "expected a number" in by_id["revenue"].message
    assert "expected a list of choices" in by_id["target_markets"].message
    assert "[b2b" in by_id["target_markets"].hint
    assert "expected yes or no" in by_id["has_website"].message
    assert "true or false" in by_id["has_website"].hint


def test_spaced_thousands_get_a_precise_hint(tmp_path: Path, bank: Questionnaire) -> None:
    result = check(tmp_path, bank, HEAD + "company:\n  employees: 1 200\n")
    error = only_error(result)
    assert "1200" in error.hint


def test_choice_not_in_list_lists_the_valid_ones(tmp_path: Path, bank: Questionnaire) -> None:
    result = check(tmp_path, bank, HEAD + "meta:\n  confidentiality: secret\n")
    error = only_error(result)
    assert error.question_id == "confidentiality"
    assert "'secret' is not one of the choices" in error.message
    for value in ("public", "internal", "restricted", "confidential"):
        assert value in error.hint


def test_choice_written_as_its_label_names_the_value(tmp_path: Path, bank: Questionnaire) -> None:
    result = check(tmp_path, bank, HEAD + "meta:\n  confidentiality: Confidentiel\n")
    assert "'confidential'" in only_error(result).hint


@pytest.mark.parametrize(
    ("text", "hint"),
    [("29/11/2026", "2026-11-29"), ("demain", "YYYY-MM-DD"), ("2026-02-30", "YYYY-MM-DD")],
)
def test_dates_that_are_not_dates(
    tmp_path: Path, bank: Questionnaire, text: str, hint: str
) -> None:
    result = check(tmp_path, bank, HEAD + f"meta:\n  title: X\n  date: {text}\n")
    error = only_error(result)
    assert error.location.line == 4
    assert hint in error.hint


def test_duplicate_keys_are_reported_with_both_lines(tmp_path: Path, bank: Questionnaire) -> None:
    result = check(tmp_path, bank, HEAD + "meta:\n  title: A\n  title: B\n")
    error = only_error(result)
    assert "duplicate key 'title'" in error.message
    assert "line 3" in error.message
    assert error.location.line == 4


def test_repeating_group_that_is_not_a_list(tmp_path: Path, bank: Questionnaire) -> None:
    result = check(tmp_path, bank, HEAD + "meta:\n  revisions:\n    version: '1.0'\n")
    error = only_error(result)
    assert "list of records" in error.message
    assert "- " in error.hint


def test_errors_inside_group_records_point_at_the_field(
    tmp_path: Path, bank: Questionnaire
) -> None:
    result = check(tmp_path, bank, HEAD + textwrap.dedent("""\
        meta:
          distribution:
            - name: Direction
              purpose: information
            - name: Éditeurs
              purpose: lecture
              organization: X
        """))
    errors = {p.message.split(":")[0]: p for p in result.errors}
    purpose = next(p for p in result.errors if "lecture" in p.message)
    assert purpose.location.line == 7
    assert purpose.path == "meta.distribution[1].purpose"
    unknown = next(p for p in result.errors if "unknown field" in p.message)
    assert unknown.location.line == 8
    assert "'organisation'" in unknown.hint
    assert len(errors) == 2


def test_every_problem_is_reported_at_once(tmp_path: Path, bank: Questionnaire) -> None:
    result = check(tmp_path, bank, HEAD + textwrap.dedent("""\
        meta:
          confidentiality: secret
          date: hier
          titl: X
        company:
          employees: many
        """))
    assert len(result.errors) == 4
    assert sorted(p.location.line for p in result.errors) == [3, 4, 5, 7]


def test_missing_required_answers_are_warnings_with_completeness(
    tmp_path: Path, bank: Questionnaire
) -> None:
    result = check(tmp_path, bank, HEAD + "meta:\n  title: X\n  company: ACME\n")
    assert result.ok
    missing = {p.question_id for p in result.warnings if "not answered" in p.message}
    assert {"author", "date", "company_history", "employees"} <= missing
    meta = next(p for p in result.parts if p.key == "meta")
    assert 0 < meta.percent < 100
    company = next(p for p in result.parts if p.key == "company")
    assert company.answered == 0 and company.percent == 0


def test_open_points_count_as_open_not_missing(tmp_path: Path, bank: Questionnaire) -> None:
    result = check(tmp_path, bank, HEAD + textwrap.dedent("""\
        meta:
          author: {todo: "attendre la nomination du chef de projet"}
        """))
    assert result.ok
    assert [o.question_id for o in result.open_points] == ["author"]
    assert result.open_points[0].note.startswith("attendre")
    assert not any(p.question_id == "author" for p in result.warnings)


def test_badly_written_open_point(tmp_path: Path, bank: Questionnaire) -> None:
    result = check(tmp_path, bank, HEAD + "meta:\n  author: {todo: x, extra: y}\n")
    assert "open point" in only_error(result).message


def test_false_condition_means_neither_required_nor_validated(
    tmp_path: Path, bank: Questionnaire
) -> None:
    conditional = [q for q in bank.questions() if q.when is not None and q.when.op == "equals"
                   and isinstance(q.when.value, bool)]
    assert conditional, "the bank has yes/no conditions"
    q = conditional[0]
    driver = bank.question(q.when.question)  # type: ignore[union-attr]
    part, driver_part = bank.part_of[q.id], bank.part_of[driver.id]
    bad_value = "[1, 2]" if q.type != "group" else "not a list"
    text = HEAD + (
        f"{driver_part.key}:\n  {driver.id}: {str(not q.when.value).lower()}\n"  # type: ignore[union-attr]
    )
    if part.key == driver_part.key:
        text += f"  {q.id}: {bad_value}\n"
    else:
        text += f"{part.key}:\n  {q.id}: {bad_value}\n"
    result = check(tmp_path, bank, text)
    assert result.ok, [p.message for p in result.errors]
    assert any("answer ignored" in p.message and p.question_id == q.id for p in result.warnings)
    # the same value is an error once the condition holds
    flipped = text.replace(f"{driver.id}: {str(not q.when.value).lower()}",  # type: ignore[union-attr]
                           f"{driver.id}: {str(q.when.value).lower()}")  # type: ignore[union-attr]
    assert not check(tmp_path, bank, flipped).ok


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"# only a comment\n", "the file is empty"),
        (b"- a\n- b\n", "must be a mapping of parts"),
        (b"just a sentence\n", "must be a mapping of parts"),
        (b"schema_version: 1\nmeta:\n  title: caf\xe9\n", "not valid UTF-8"),
        ("schema_version: 1\n".encode("utf-16"), "UTF-16"),
        (b"schema_version: 1\nmeta: \x00\n", "NUL byte"),
        (b"schema_version: 7\n", "not supported"),
        (b"schema_version: 1\nmeta: [1, 2]\n", "must hold the part's answers"),
    ],
)
def test_hostile_files_get_a_clean_error(
    tmp_path: Path, bank: Questionnaire, content: bytes, message: str
) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_bytes(content)
    result = validate_file(path, bank)
    assert not result.ok
    assert any(message in p.message for p in result.errors), [p.message for p in result.errors]


def test_non_utf8_error_points_at_the_byte(tmp_path: Path, bank: Questionnaire) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("schema_version: 1\nmeta:\n  title: Société\n".encode("latin-1"))
    error = only_error(validate_file(path, bank))
    assert (error.location.line, error.location.column) == (3, 14)
    assert "UTF-8" in error.hint


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path, bank: Questionnaire) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfschema_version: 1\nmeta:\n  title: \xc3\xa9t\xc3\xa9\n")
    result = validate_file(path, bank)
    assert result.ok
    assert result.data["meta"]["title"] == "été"


def test_billion_laughs_is_refused_quickly(tmp_path: Path, bank: Questionnaire) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    result = check(tmp_path, bank, "\n".join(lines) + "\n")
    error = only_error(result)
    assert "refused" in error.message and "too many values" in error.message


def test_recursive_alias_is_refused(tmp_path: Path, bank: Questionnaire) -> None:
    result = check(tmp_path, bank, "schema_version: 1\nmeta: &x\n  title: *x\n")
    assert "refused" in only_error(result).message


def test_deep_nesting_is_refused(tmp_path: Path, bank: Questionnaire) -> None:
    result = check(tmp_path, bank, "meta: " + "[" * 5000 + "]" * 5000 + "\n")
    assert not result.ok


def test_huge_file_is_refused_before_parsing(tmp_path: Path, bank: Questionnaire) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(b"schema_version: 1\nmeta:\n  title: ")
        handle.write(b"x" * (50 * 1024 * 1024))
    error = only_error(validate_file(path, bank))
    assert "50.0 MB" in error.message


# --------------------------------------------------------------------------- through the CLI


def test_cli_exit_codes_and_output(tmp_path: Path, runner: CliRunner) -> None:
    good = write(tmp_path, HEAD + "meta:\n  title: X\n", "good.yaml")
    bad = write(tmp_path, HEAD + "meta:\n  confidentiality: secret\n", "bad.yaml")
    result = runner.invoke(app, ["validate", str(good)])
    assert result.exit_code == 0, result.output
    assert "valid" in result.output
    result = runner.invoke(app, ["validate", str(good), str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:3:20: error [confidentiality]: " in result.output
    assert "conseil\u00a0: Valeurs possibles\u00a0:" in result.output  # no meta.language: French
    result = runner.invoke(app, ["validate", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 2
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2


def test_cli_json_output(tmp_path: Path, runner: CliRunner) -> None:
    bad = write(tmp_path, HEAD + "meta:\n  confidentiality: secret\n", "bad.yaml")
    result = runner.invoke(app, ["validate", "--format", "json", str(bad)])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report[0]["valid"] is False
    problem = next(p for p in report[0]["problems"] if p["severity"] == "error")
    assert (problem["line"], problem["column"], problem["question"]) == (3, 20, "confidentiality")
    assert {p["key"] for p in report[0]["parts"]} >= {"meta", "company", "team"}


def test_no_traceback_on_a_directory(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_unknown_requirement_id_is_an_error_with_a_suggestion(
    tmp_path: Path, runner: CliRunner
) -> None:
    path = write(tmp_path, HEAD + textwrap.dedent("""\
        mapping:
          requirement_changes:
            - id: CON-0O3
              action: drop
        """))
    result = runner.invoke(app, ["validate", "--lang", "en", str(path)])
    assert result.exit_code == 1
    assert f"{path}:4:11: error [requirement_changes]: unknown requirement id 'CON-0O3'" in (
        result.output)
    assert "Did you mean 'CON-003'?" in result.output
    result = runner.invoke(app, ["validate", str(path)])  # no meta.language: French
    assert "identifiant d'exigence inconnu «\u00a0CON-0O3\u00a0»" in result.output
    assert "Vouliez-vous dire «\u00a0CON-003\u00a0»\u202f?" in result.output
