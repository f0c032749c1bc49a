"""The question bank: deep enough, consistent, and checked when loaded."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from cdc.errors import CdcError
from cdc.questionnaire import ID_RE, Questionnaire, load_questionnaire
from cdc.resources import packaged_dir


def test_bank_is_deep_enough(bank: Questionnaire) -> None:
    questions, groups = bank.count()
    assert questions >= 80
    assert groups >= 10
    assert [p.number for p in bank.parts] == [0, 1, 2, 3, 4, 5, 6, 7]
    assert [p.key for p in bank.parts] == [
        "meta", "company", "data_flows", "mapping", "technical", "planning", "team",
        "consultation"]


def test_every_type_is_used(bank: Questionnaire) -> None:
    used = {q.type for q in bank.questions()} | {f.type for q in bank.questions() for f in q.fields}
    assert used == {"text", "long_text", "integer", "number", "date", "choice", "multi_choice",
                    "yes_no", "group"}
    assert any(q.unit is not None and q.type in ("number", "integer") for q in bank.questions())


def test_ids_are_unique_snake_case(bank: Questionnaire) -> None:
    ids = [q.id for q in bank.questions()]
    assert len(ids) == len(set(ids))
    for q in bank.questions():
        assert ID_RE.match(q.id)
        field_ids = [f.id for f in q.fields]
        assert len(field_ids) == len(set(field_ids)), q.id
        assert all(ID_RE.match(f) for f in field_ids)


def test_every_text_is_in_both_languages(bank: Questionnaire) -> None:
    for q in bank.questions():
        for item in (q, *q.fields):
            assert item.prompt.fr and item.prompt.en, item.key
            assert item.help.fr and item.help.en, item.key
            for choice in item.choices:
                assert choice.label.fr and choice.label.en, (item.key, choice.value)


def test_every_top_level_question_has_help_and_an_example_or_choices(
    bank: Questionnaire,
) -> None:
    for q in bank.questions():
        assert len(q.help.fr) > 20, q.id
        assert q.example is not None or q.choices or q.type in ("yes_no", "group"), q.id


def test_every_condition_names_an_earlier_question(bank: Questionnaire) -> None:
    seen: set[str] = set()
    for q in bank.questions():
        if q.when is not None:
            assert q.when.question in seen, q.id
        for f in q.fields:
            if f.when is not None:
                assert f.when.question in seen | {g.id for g in q.fields}, f.key
        seen.add(q.id)


def test_scoping_questions_of_the_article_are_asked(bank: Questionnaire) -> None:
    for qid in ("who_needs_tool", "data_location", "data_producers", "change_drivers",
                "blockers", "spreadsheet_count", "unconnected_sources_count"):
        assert qid in bank.by_id
    categories = {c.value for c in bank.question("blockers").field("category").choices}  # type: ignore[union-attr]
    assert {"human", "technological", "financial"} <= categories


def test_every_section_of_the_plan_is_covered(bank: Questionnaire) -> None:
    sections = {p.key: [s.id for s in p.sections] for p in bank.parts}
    assert {"history", "targets", "objectives", "existing"} <= set(sections["company"])
    assert {"visitors", "leads", "prospects", "clients", "relationship", "loyalty"} <= set(
        sections["data_flows"])
    assert {"hosting", "security", "rights", "ownership", "confidentiality", "migration",
            "improvement"} <= set(sections["technical"])


def _bank_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "bank"
    shutil.copytree(packaged_dir("questionnaires"), folder)
    return folder


def _problems(folder: Path) -> list[str]:
    load_questionnaire.cache_clear()
    try:
        with pytest.raises(CdcError) as info:
            load_questionnaire(folder)
    finally:
        load_questionnaire.cache_clear()
    return [f"{p.location} {p.message}" for p in info.value.problems]


def _append_question(folder: Path, text: str) -> None:
    path = folder / "0-meta.yaml"
    path.write_text(path.read_text(encoding="utf-8") + textwrap.indent(textwrap.dedent(text),
                                                                        "      "),
                    encoding="utf-8")


def test_broken_bank_reports_every_problem_with_its_line(tmp_path: Path) -> None:
    folder = _bank_copy(tmp_path)
    lines_before = len((folder / "0-meta.yaml").read_text(encoding="utf-8").splitlines())
    _append_question(folder, """\
        - id: Bad-Id
          type: txt
          prompt: {fr: Question}
          help: {fr: Aide, en: Help}
        - id: later
          type: choice
          prompt: {fr: Q, en: Q}
          help: {fr: A, en: H}
          when: {question: not_yet_asked, equals: x}
          choices:
            - {value: a, fr: A}
            - {value: b, fr: B, en: B}
        """)
    problems = _problems(folder)
    text = "\n".join(problems)
    assert "not snake_case" in text
    assert "unknown type 'txt'" in text
    assert "has no 'en' text" in text
    assert "not an earlier question" in text
    assert "choice 'a' has no 'en' text" in text
    assert any(f"0-meta.yaml:{lines_before + 1}:" in p for p in problems)


def test_duplicate_ids_across_files_are_refused(tmp_path: Path) -> None:
    folder = _bank_copy(tmp_path)
    _append_question(folder, """\
        - id: employees
          type: integer
          prompt: {fr: Q, en: Q}
          help: {fr: A, en: H}
        """)
    assert any("'employees' is used twice" in p for p in _problems(folder))


def test_condition_on_an_unknown_choice_is_refused(tmp_path: Path) -> None:
    folder = _bank_copy(tmp_path)
    _append_question(folder, """\
        - id: extra
          type: text
          prompt: {fr: Q, en: Q}
          help: {fr: A, en: H}
          when: {question: confidentiality, equals: top_secret}
        """)
    assert any("not a choice of 'confidentiality'" in p for p in _problems(folder))
