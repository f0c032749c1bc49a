"""Roles in the bank: checked when loaded, listed by ``cdc questions``, followed by the
interview's plan; and the bank attributes ``cdc merge`` reads."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cdc.blank import blank_answers
from cdc.cli import app
from cdc.errors import CdcError, UsageError
from cdc.interview import engine
from cdc.questionnaire import Questionnaire, load_questionnaire
from cdc.resources import packaged_dir
from cdc.roles import find_role, minutes, role_questions

runner = CliRunner()


@pytest.fixture(scope="module")
def bank() -> Questionnaire:
    return load_questionnaire()


def test_every_question_concerns_a_known_role(bank: Questionnaire) -> None:
    ids = {r.id for r in bank.roles}
    assert {"management", "sales", "sales_admin", "marketing", "service", "it", "finance",
            "data_protection", "project_lead"} == ids
    for q in bank.questions():
        assert q.roles and set(q.roles) <= ids, q.id


def test_a_sales_interview_takes_under_half_an_hour(bank: Questionnaire) -> None:
    assert minutes(bank, "sales") < 30
    assert minutes(bank) == sum(p.minutes for p in bank.parts)  # the whole bank: 1 h 55
    for role in bank.roles:
        # the project lead, who writes the document, also answers the sheet, the planning,
        # the team and the consultation's procedure: the longest interview, under an hour
        limit = 60 if role.id == "project_lead" else 45
        assert 5 <= minutes(bank, role.id) <= limit, role.id
    sales = {q.id for q in role_questions(bank, "sales")}
    assert {"data_location", "leads_per_month", "sales_stages"} <= sales
    assert not {"hosting_mode", "sso_required", "budget_amount"} & sales


def test_a_role_is_found_by_id_or_label(bank: Questionnaire) -> None:
    assert find_role(bank, "Commercial").id == "sales"
    assert find_role(bank, "sales administration").id == "sales_admin"
    with pytest.raises(UsageError) as caught:
        find_role(bank, "plombier")
    assert "sales_admin" in caught.value.hint


def test_the_plan_of_a_role_in_plan_order(bank: Questionnaire) -> None:
    plan = engine.plan(bank, role="sales", flow=True)
    order = [q.id for q in bank.questions()]
    assert [q.id for q in plan] == sorted((q.id for q in plan), key=order.index)
    assert engine.resume_point(bank, {}, role="sales").id == "glossary"  # type: ignore[union-attr]
    assert [p.number for p in engine.selected_parts(bank, None, "data_protection")] == [2, 4]
    # the accepted terms of cdc check are left to the review, after a first check
    assert "allowed_terms" not in [q.id for q in engine.plan(bank, flow=True)]
    assert "allowed_terms" in [q.id for q in engine.plan(bank)]


def _broken(tmp_path: Path, extra: str, where: str = "0-meta.yaml") -> list[str]:
    folder = tmp_path / "bank"
    shutil.copytree(packaged_dir("questionnaires"), folder)
    path = folder / where
    path.write_text(path.read_text(encoding="utf-8") + textwrap.indent(
        textwrap.dedent(extra), "      "), encoding="utf-8")
    load_questionnaire.cache_clear()
    try:
        with pytest.raises(CdcError) as caught:
            load_questionnaire(folder)
    finally:
        load_questionnaire.cache_clear()
    return [f"{p.location} {p.message}" for p in caught.value.problems]


def test_the_loader_checks_role_names_and_merge_attributes(tmp_path: Path) -> None:
    problems = _broken(tmp_path, """\
        - id: spare
          type: group
          roles: [sales, plumber]
          identity: [nope]
          prompt: {fr: "Quoi ?", en: "What?"}
          help: {fr: Aide., en: Help.}
          fields:
            - id: name
              type: text
              roles: [sales]
              prompt: {fr: Nom, en: Name}
              help: {fr: Aide., en: Help.}
        - id: spare_text
          type: text
          merge: join
          prompt: {fr: "Quoi ?", en: "What?"}
          help: {fr: Aide., en: Help.}
        """)
    text = "\n".join(problems)
    assert "0-meta.yaml:" in text
    assert "spare: unknown role 'plumber'" in text
    assert "spare: 'identity' lists fields of this group" in text
    assert "spare.name: only a question has roles, not a field" in text
    assert "spare_text: merge is 'disagree'" in text


def test_a_broken_roles_file_is_reported_alone(tmp_path: Path) -> None:
    folder = tmp_path / "bank"
    shutil.copytree(packaged_dir("questionnaires"), folder)
    (folder / "roles.yaml").write_text("roles:\n  - id: Sales Team\n", encoding="utf-8")
    load_questionnaire.cache_clear()
    try:
        with pytest.raises(CdcError) as caught:
            load_questionnaire(folder)
    finally:
        load_questionnaire.cache_clear()
    assert "roles" in caught.value.message
    assert [p.message for p in caught.value.problems] == ["each role needs a snake_case 'id'"]


def test_cdc_questions_for_a_role_in_a_pipe(bank: Questionnaire) -> None:
    result = runner.invoke(app, ["questions", "--role", "sales"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["id", "part", "type", "req", "audience", "roles", "prompt"]
    assert any(line.startswith("  sales_stages.exit_criterion ") for line in lines)  # whole
    assert max(len(line) for line in lines) > 120  # full width, not cut to 80 columns
    assert any("choices: b2b (Entreprises (B2B)), b2c (Particuliers (B2C))" in line
               for line in lines)
    assert "hosting_mode" not in result.output
    assert "Commercial (sales): 37 questions" in result.output
    assert "the interview takes about 24" in result.output


def test_cdc_questions_lists_every_role_and_refuses_an_unknown_one() -> None:
    result = runner.invoke(app, ["questions", "--lang", "en"])
    assert result.exit_code == 0
    assert "about 1 h 55 min for one person answering all" in result.output.replace(
        "\u00a0", " ")
    assert "  sales_admin      Sales administration: 40 questions" in result.output.replace(
        "\u00a0", " ")
    refused = runner.invoke(app, ["questions", "--role", "plumber"])
    assert refused.exit_code == 2
    assert "unknown role 'plumber'" in refused.output


def test_a_blank_file_leaves_lists_unanswered(bank: Questionnaire) -> None:
    """[] is the answer "none" (the interview would not ask it): cdc new leaves lists empty."""
    text = blank_answers(bank)
    assert "\n  sources:\n" in text and ": []" not in text.replace("([] si aucun)", "")
    assert "Entre guillemets, pour rester du texte" in text  # the version, quoted in a file
