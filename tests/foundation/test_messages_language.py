"""`cdc validate` and `cdc check` speak the answers file's language.

A French file gets French messages and hints (with French spacing); an English file keeps the
English ones; ``--lang`` overrides both. Every message the fragments below provoke must have its
French form: a new message written without one fails here, not in front of a user.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cdc.cli import app
from cdc.messages import french, in_language
from cdc.project import validate_project
from cdc.questionnaire import Questionnaire

# One fragment per kind of mistake; each is a whole answers file (language chosen by the test).
FRAGMENTS = {
    "wrong types": """
        company:
          employees: beaucoup
          revenue: "12 000"
          founded_year: 1987.5
          sites: 3
        data_flows:
          has_website: peut-être
        """,
    "bounds and dates": """
        company:
          employees: -4
          revenue: 1.0e+15
        planning:
          project_start: 2027-02-30
          go_live_target: 12/03/2027
        mapping:
          crm_modules: sales
        """,
    "choices": """
        meta:
          confidentiality: secret
        mapping:
          crm_modules: [sales, sales, telepathy]
        """,
    "unknown keys": """
        compnay:
          employees: 3
        company:
          employes: 3
          has_website: true
        team:
          members:
            - name: Ana
              rol: lead
            - just a name
        """,
    "records": """
        team:
          members: Ana, Bruno
        """,
    "open point and version": """
        meta:
          version: 1.10
        company:
          employees: {todo: "à compter", extra: 1}
        """,
    "consultation": """
        consultation:
          response_deadline: 2027-03-01
          questions_deadline: 2027-03-20
          response_deadline_time: midi
          submission_channel: email
          submission_address: achats.exemple.fr
          questions_contact: quelqu'un
          award_criteria:
            - criterion: functional
              weight: 50
            - criterion: other
              weight: 20
          payment_milestones:
            - milestone: Signature
              share: 30
          demo_scenarios:
            - id: DEMO-99
            - steps: Ouvrir la fiche
        """,
    "conditions": """
        data_flows:
          has_website: false
          monthly_visitors: 1200
        """,
    "not a mapping": """
        - just
        - a list
        """,
    "yaml syntax": """
        meta:
          title: "unclosed
        """,
    "schema version": """
        meta:
          title: Test
        """,
}

# Words that only an English sentence has; none may remain in a French message or hint.
ENGLISH = re.compile(r"\b(the|is|not|expected|got|write|check|choices?|answer|required|"
                     r"unknown|must|field|only|applies|listed|each|move|see|did you|"
                     r"valid values|adjust|add up|comes after|needs)\b", re.I)
# Code a hint may quote as it is: YAML keys and values, commands.
CODE = re.compile(r"«[^»]*»|\[[^\]]*\]|\([^()]*\)|cdc \w+[^.;]*|\{todo:[^}]*\}|'[^']*'|\"[^\"]*\""
                  r"|\w+(\[\d+\])?(\.\w+)*\s?:(?=\s)|^\s+.*$", re.M)


def wide(runner: CliRunner, args: list[str]) -> Result:
    """Runs cdc with a wide terminal, so that rich does not wrap the lines."""
    return runner.invoke(app, args, env={"COLUMNS": "500"})


def answers_file(tmp_path: Path, body: str, language: str | None, name: str) -> Path:
    head = "" if name in ("schema version", "not a mapping") else "schema_version: 1\n"
    text = textwrap.dedent(body)
    if language and not text.lstrip().startswith("-"):
        text = text.replace("meta:\n", f"meta:\n  language: {language}\n", 1) \
            if "meta:\n" in text else f"meta:\n  language: {language}\n" + text
    path = tmp_path / (re.sub(r"\W+", "-", name) + ".yaml")
    path.write_text(head + text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", list(FRAGMENTS))
def test_every_message_has_its_french_form(
    tmp_path: Path, bank: Questionnaire, name: str
) -> None:
    path = answers_file(tmp_path, FRAGMENTS[name], "fr", name)
    problems = validate_project(path, bank).problems
    assert problems, name
    for problem in in_language(problems, "fr"):
        for text in (problem.message, problem.hint):
            if problem.question_id and text == problem.hint \
                    and problem.message.startswith("la question obligatoire"):
                continue  # the hint is the bank's French prompt
            leftover = ENGLISH.findall(CODE.sub(" ", text))
            assert not leftover, f"{name}: untranslated {leftover} in {text!r}"


def test_french_file_gets_french_messages_with_french_spacing(
    tmp_path: Path, runner: CliRunner
) -> None:
    path = answers_file(tmp_path, FRAGMENTS["wrong types"], "fr", "fr")
    result = wide(runner, ["validate", str(path)])
    assert result.exit_code == 1
    out = result.output
    assert f"{path}:6:14: error [employees]: employees\u00a0: un nombre entier est attendu" in out
    assert "pas du texte (\u00ab\u00a0beaucoup\u00a0\u00bb)" in out
    assert "conseil\u00a0: N'écrivez que des chiffres" in out
    assert "Écrivez 12000 (sans espace)." in out
    assert "invalide\u00a0: " in out and "erreur(s)" in out and "de réponses" in out
    assert "est attendu" in out and " expected " not in out and "hint:" not in out


def test_english_file_keeps_english_and_lang_overrides(
    tmp_path: Path, runner: CliRunner
) -> None:
    english = answers_file(tmp_path, FRAGMENTS["choices"], "en", "en")
    out = wide(runner, ["validate", str(english)]).output
    assert "'secret' is not one of the choices" in out
    assert "hint: Valid values: public, internal" in out
    assert re.search(r"invalid: \d+ error\(s\), \d+ warning\(s\)", out)
    french_out = wide(runner, ["validate", "--lang", "fr", str(english)]).output
    assert "\u00ab\u00a0secret\u00a0\u00bb ne fait pas partie des choix" in french_out
    assert "conseil\u00a0: Valeurs possibles\u00a0: public, internal" in french_out
    # --lang also chooses the language of the questions quoted in hints
    assert "nom de l'entreprise" not in out
    assert "Quel est le nom de l'entreprise ou de l'organisme\u202f?" in french_out
    french_file = answers_file(tmp_path, FRAGMENTS["choices"], "fr", "fr-choices")
    english_out = wide(runner, ["validate", "-l", "en", str(french_file)]).output
    assert "'secret' is not one of the choices" in english_out
    assert "What is the company's or organisation's name?" in english_out
    assert "conseil" not in english_out


def test_json_output_is_in_the_files_language(tmp_path: Path, runner: CliRunner) -> None:
    import json

    path = answers_file(tmp_path, FRAGMENTS["choices"], "fr", "json")
    data = json.loads(wide(runner, ["validate", "--format", "json", str(path)]).output)
    messages = [p["message"] for p in data[0]["problems"]]
    assert any("ne fait pas partie des choix" in m for m in messages), messages


def test_unparsable_file_language_read_from_its_text(tmp_path: Path, runner: CliRunner) -> None:
    english = answers_file(tmp_path, FRAGMENTS["yaml syntax"], "en", "syntax-en")
    assert "YAML syntax error" in wide(runner, ["validate", str(english)]).output
    french_file = answers_file(tmp_path, FRAGMENTS["yaml syntax"], "fr", "syntax-fr")
    assert "erreur de syntaxe YAML" in wide(runner, ["validate", str(french_file)]).output


def test_check_of_an_invalid_file_speaks_its_language(tmp_path: Path, runner: CliRunner) -> None:
    path = answers_file(tmp_path, FRAGMENTS["choices"], "fr", "check")
    result = wide(runner, ["check", str(path)])
    assert result.exit_code != 0
    assert "ne fait pas partie des choix" in result.output


def test_unknown_message_is_left_as_written() -> None:
    assert french("a message nobody wrote a pattern for") is None
    assert french("required question 'x' is not answered yet") == \
        "la question obligatoire \u00ab\u00a0x\u00a0\u00bb n'a pas encore de réponse"
