"""The interview's answers file: layout, round trip of hand-edited files, atomic saves."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cdc.answers import validate_file
from cdc.blank import blank_answers
from cdc.errors import CdcError
from cdc.interview import engine, store, values
from cdc.questionnaire import Questionnaire


def test_a_new_file_has_the_version_then_every_part_in_order(
    tmp_path: Path, bank: Questionnaire
) -> None:
    path = tmp_path / "new.yaml"
    data = store.load(path, bank)
    assert not path.exists()  # nothing is written before the first answer
    store.save(path, data, bank)
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "schema_version: 1"
    keys = [line.split(":")[0] for line in text.splitlines() if not line.startswith(" ")]
    assert keys == ["schema_version", *(p.key for p in bank.parts)]
    assert validate_file(path, bank).ok


def test_answers_are_written_readably(tmp_path: Path, mini: Questionnaire) -> None:
    path = tmp_path / "a.yaml"
    data = store.load(path, mini)
    q = mini.by_id
    engine.set_answer(data, mini, q["title"], "Café ☕ « Durand » 🎉")
    engine.set_answer(data, mini, q["start"], dt.date(2027, 1, 4))
    engine.set_answer(data, mini, q["markets"], ["b2b", "b2c"])
    engine.set_answer(data, mini, q["history"], "Founded in 1990.\nSold in 2001.")
    engine.set_answer(data, mini, q["employees"], values.open_point("fr"))
    engine.set_answer(data, mini, q["sites"], [{"name": "Lyon", "kind": "hq"}])
    store.save(path, data, mini)
    text = path.read_text(encoding="utf-8")
    assert "title: Café ☕ « Durand » 🎉" in text
    assert "start: 2027-01-04\n" in text  # a YAML date, not a quoted string
    assert "markets: [b2b, b2c]" in text
    assert "history: |-\n    Founded in 1990.\n    Sold in 2001.\n" in text
    assert "employees: {todo: à préciser}" in text
    assert "  sites:\n    - name: Lyon\n      kind: hq\n" in text
    back = yaml.safe_load(text)
    assert back["company"]["start"] == dt.date(2027, 1, 4)
    assert back["meta"]["title"] == "Café ☕ « Durand » 🎉"
    assert validate_file(path, mini).ok


def test_a_blank_file_from_cdc_new_keeps_every_comment(
    tmp_path: Path, bank: Questionnaire
) -> None:
    path = tmp_path / "answers.yaml"
    original = blank_answers(bank, "fr")
    path.write_text(original, encoding="utf-8")
    data = store.load(path, bank)
    engine.set_answer(data, bank, bank.by_id["company"], "Durand SAS")
    engine.set_answer(data, bank, bank.by_id["date"], dt.date(2026, 11, 29))
    engine.set_answer(data, bank, bank.by_id["revisions"],
                      [{"version": "0.9", "date": dt.date(2026, 10, 1), "changes": "Draft"}])
    store.save(path, data, bank)
    text = path.read_text(encoding="utf-8")
    comments = [line.strip() for line in original.splitlines() if line.strip().startswith("#")]
    kept = {line.strip() for line in text.splitlines()}
    assert [c for c in comments if c not in kept] == []
    assert "  company: Durand SAS\n" in text
    assert "  date: 2026-11-29\n" in text
    assert "  revisions:\n    - version: '0.9'\n      date: 2026-10-01\n" in text
    result = validate_file(path, bank)
    assert result.ok, [p.message for p in result.errors]


def test_a_hand_edited_file_keeps_its_comments_and_key_order(
    tmp_path: Path, mini: Questionnaire
) -> None:
    path = tmp_path / "hand.yaml"
    path.write_text(
        "# Project Durand, edited by Claire\n"
        "schema_version: 1\n"
        "team:   # the team first, on purpose\n"
        "  sponsor: Marc  # to be checked\n"
        "company:\n"
        "  history: \"Family firm\"\n"
        "  employees: 85\n",
        encoding="utf-8",
    )
    data = store.load(path, mini)
    engine.set_answer(data, mini, mini.by_id["revenue"], 12.5)
    store.save(path, data, mini)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Project Durand, edited by Claire\nschema_version: 1\n"
                           "team:   # the team first, on purpose\n"
                           "  sponsor: Marc  # to be checked\n")
    assert "  history: \"Family firm\"\n  employees: 85\n  revenue: 12.5\n" in text
    assert "meta:" not in text  # no empty block forced into a hand-written file


def test_a_file_that_is_not_yaml_is_refused_and_left_alone(
    tmp_path: Path, mini: Questionnaire
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("meta:\n  title: [unclosed\n", encoding="utf-8")
    with pytest.raises(CdcError) as caught:
        store.load(path, mini)
    assert "not valid YAML" in caught.value.message
    assert "cdc validate" in caught.value.hint
    assert caught.value.location is not None and caught.value.location.line >= 2
    assert path.read_text(encoding="utf-8") == "meta:\n  title: [unclosed\n"


@pytest.mark.parametrize("content", ["- a\n- b\n", "meta: 12\n"])
def test_a_file_that_is_not_answers_is_refused(
    tmp_path: Path, mini: Questionnaire, content: str
) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CdcError):
        store.load(path, mini)


def test_respondents_are_recorded_once(mini: Questionnaire) -> None:
    data = store.load(Path("/nonexistent/never.yaml"), mini)
    day = dt.date(2026, 11, 29)
    assert store.add_respondent(data, mini, "Zoé Müller", "DAF", day)
    assert not store.add_respondent(data, mini, " zoé müller ", "daf", day)
    assert store.add_respondent(data, mini, "Karim", "Commercial", day)
    assert data["meta"]["respondents"] == [
        {"name": "Zoé Müller", "role": "DAF", "date": day},
        {"name": "Karim", "role": "Commercial", "date": day},
    ]
    assert store.find_respondent(data, mini) == ("Karim", "Commercial")
    assert store.find_respondent(data, mini, "ZOÉ MÜLLER") == ("Zoé Müller", "DAF")
    assert store.find_respondent(data, mini, "Nobody") is None


def test_role_interviews_record_the_role_and_find_the_respondent_again() -> None:
    from cdc.questionnaire import load_questionnaire

    bank = load_questionnaire()
    data = store.load(Path("/nonexistent/never.yaml"), bank)
    day = dt.date(2026, 11, 29)
    assert store.add_respondent(data, bank, "Thérèse Garnier", "ADV", day, interview="sales_admin")
    assert not store.add_respondent(data, bank, "thérèse garnier", "Responsable ADV", day,
                                    interview="sales_admin")
    assert store.add_respondent(data, bank, "Thérèse Garnier", "ADV", day, interview="service")
    assert [r["interview"] for r in data["meta"]["respondents"]] == ["sales_admin", "service"]
    assert store.find_respondent(data, bank, "", "sales_admin") == ("Thérèse Garnier", "ADV")
    assert store.find_respondent(data, bank, "", "it") == ("Thérèse Garnier", "ADV")


def test_saving_leaves_no_temporary_file(tmp_path: Path, mini: Questionnaire) -> None:
    path = tmp_path / "a.yaml"
    data = store.load(path, mini)
    for n in range(5):
        engine.set_answer(data, mini, mini.by_id["employees"], n + 1)
        store.save(path, data, mini)
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_without_a_terminal_the_command_refuses_at_once(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "cdc", "interview", str(path)],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    for route in ("cdc new", "cdc validate", "cdc render"):
        assert route in result.stderr
    assert "terminal" in result.stderr
    assert not path.exists()


def test_without_a_terminal_in_english(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cdc", "interview", str(tmp_path / "a.yaml"), "--lang", "en"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert "needs an interactive terminal" in result.stderr


def test_text_that_yaml_1_1_would_misread_is_quoted(tmp_path: Path) -> None:
    """ruamel.yaml writes YAML 1.2; cdc validate reads YAML 1.1, where a plain no is false and
    9:30 a number. The choice 'no' or an answer 'Yes' must read back as text."""
    from cdc.questionnaire import load_questionnaire

    bank = load_questionnaire()
    path = tmp_path / "a.yaml"
    data = store.load(path, bank)
    data["technical"]["dpia"] = "no"
    data["technical"]["identity_provider"] = "Yes"
    data["technical"]["performance_expectations"] = "9:30"
    store.save(path, data, bank)
    text = path.read_text(encoding="utf-8")
    assert "dpia: 'no'" in text
    loaded = yaml.safe_load(text)["technical"]
    assert loaded["identity_provider"] == "Yes" and loaded["performance_expectations"] == "9:30"
    assert validate_file(path, bank).ok
