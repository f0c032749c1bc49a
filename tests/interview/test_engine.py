"""The interview's logic without a terminal: order, conditions, groups, progress, resume, input."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cdc.answer_values import check_value
from cdc.interview import engine, values
from cdc.questionnaire import Questionnaire


def ids(questions: list[Any]) -> list[str]:
    return [q.id for q in questions]


def answers(**blocks: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {"schema_version": 1}
    data.update(blocks)
    return data


# --------------------------------------------------------------------------- plan order


def test_applicable_follows_plan_order_and_hides_conditional_questions(
    mini: Questionnaire,
) -> None:
    assert ids(engine.applicable(mini, {})) == [
        "title", "respondents", "employees", "revenue", "has_website", "markets", "history",
        "start", "sites", "sponsor", "members",
    ]


def test_a_condition_that_holds_brings_its_question_in(mini: Questionnaire) -> None:
    data = answers(company={"has_website": True})
    assert "monthly_visitors" in ids(engine.applicable(mini, data))
    assert "visitor_source" not in ids(engine.applicable(mini, data))
    data["company"]["monthly_visitors"] = 1200
    assert "visitor_source" in ids(engine.applicable(mini, data))


def test_an_open_point_keeps_its_dependent_questions_asked(mini: Questionnaire) -> None:
    """"?" on a question others depend on: whether they apply is unknown, so they are asked
    (not silently skipped), and an answer given to them is not pruned."""
    data = answers(company={"has_website": {"todo": "à préciser"}})
    assert "monthly_visitors" in ids(engine.applicable(mini, data))
    assert "visitor_source" not in ids(engine.applicable(mini, data))  # tests an answer, not ?
    data["company"]["monthly_visitors"] = 800
    assert engine.prune(data, mini) == []
    assert data["company"]["monthly_visitors"] == 800
    assert "visitor_source" in ids(engine.applicable(mini, data))
    # Once known, the condition decides again: "no website" empties the dependent answer.
    data["company"]["has_website"] = False
    assert engine.prune(data, mini) == ["company.monthly_visitors"]
    assert engine.resume_point(mini, answers(company={"has_website": {"todo": "x"}}),
                               part=1).id == "employees"  # type: ignore[union-attr]


def test_an_answer_under_an_unknown_condition_is_kept_by_validate(
    mini: Questionnaire,
) -> None:
    from cdc.answers import validate_document
    from cdc.yamlsource import YamlDocument

    data = answers(company={"has_website": {"todo": "à préciser"}, "monthly_visitors": 800})
    result = validate_document(YamlDocument("f.yaml", data), mini)
    assert not [p for p in result.problems if "ignored" in p.message]
    data["company"]["monthly_visitors"] = "beaucoup"  # still checked: it may apply
    result = validate_document(YamlDocument("f.yaml", data), mini)
    assert [p.question_id for p in result.errors] == ["monthly_visitors"]
    data["company"]["has_website"] = False
    result = validate_document(YamlDocument("f.yaml", data), mini)
    assert [p for p in result.warnings if "ignored" in p.message]


def test_a_declined_optional_list_is_done_a_required_one_is_not(mini: Questionnaire) -> None:
    data = answers(company={"employees": 3, "revenue": 1, "has_website": False,
                            "markets": ["b2b"], "history": "h", "start": None, "sites": []})
    assert engine.declined(mini.by_id["sites"], [])
    assert not engine.declined(mini.by_id["sites"], None)
    assert engine.resume_point(mini, data, part=1).id == "start"  # type: ignore[union-attr]
    data["company"]["start"] = dt.date(2027, 1, 1)
    assert engine.resume_point(mini, data, part=1) is None  # the declined list is not asked
    data["team"] = {"sponsor": "S", "members": []}
    assert not engine.declined(mini.by_id["members"], [])  # required: "none" is no answer
    assert engine.resume_point(mini, data, part=2).id == "members"  # type: ignore[union-attr]


def test_part_filter(mini: Questionnaire) -> None:
    assert ids(engine.applicable(mini, {}, part=2)) == ["sponsor", "members"]
    assert [p.number for p in engine.selected_parts(mini, 1)] == [1]
    assert [p.number for p in engine.selected_parts(mini, None)] == [0, 1, 2]


# --------------------------------------------------------------------------- resume point


def test_resume_point_of_an_empty_file_is_the_first_question(mini: Questionnaire) -> None:
    assert engine.resume_point(mini, {}).id == "title"  # type: ignore[union-attr]


def test_resume_point_is_the_first_unanswered_applicable_question(mini: Questionnaire) -> None:
    data = answers(meta={"title": "T", "respondents": [{"name": "A", "role": "B"}]},
                   company={"employees": 12, "revenue": 3.5})
    assert engine.resume_point(mini, data).id == "has_website"  # type: ignore[union-attr]


def test_an_open_point_counts_as_given(mini: Questionnaire) -> None:
    data = answers(meta={"title": {"todo": "à préciser"},
                         "respondents": [{"name": "A", "role": "B"}]})
    assert engine.resume_point(mini, data).id == "employees"  # type: ignore[union-attr]


def test_a_skipped_optional_question_is_the_resume_point(mini: Questionnaire) -> None:
    data = answers(meta={"title": "T", "respondents": [{"name": "A", "role": "B"}]},
                   company={"employees": 12, "revenue": None, "has_website": False})
    assert engine.resume_point(mini, data).id == "revenue"  # type: ignore[union-attr]


def test_empty_values_are_not_answers(mini: Questionnaire) -> None:
    data = answers(meta={"title": "   ", "respondents": []})
    assert engine.resume_point(mini, data).id == "title"  # type: ignore[union-attr]


def test_resume_point_skips_questions_that_do_not_apply(mini: Questionnaire) -> None:
    data = answers(meta={"title": "T", "respondents": [{"name": "A", "role": "B"}]},
                   company={"employees": 3, "revenue": 1, "has_website": False})
    assert engine.resume_point(mini, data).id == "markets"  # type: ignore[union-attr]


def test_a_record_missing_a_required_field_makes_its_group_the_resume_point(
    mini: Questionnaire,
) -> None:
    data = answers(meta={"title": "T", "respondents": [{"name": "A"}]})
    assert engine.resume_point(mini, data).id == "respondents"  # type: ignore[union-attr]
    assert engine.incomplete_records(mini, data, mini.by_id["respondents"]) == [0]
    missing = engine.fields_to_fix(mini, data, mini.by_id["respondents"],
                                    data["meta"]["respondents"][0])
    assert ids(missing) == ["role"]


def test_an_answer_cdc_validate_refuses_is_asked_again(mini: Questionnaire) -> None:
    data = answers(meta={"title": "T", "respondents": [{"name": "A", "role": "B"}]},
                   company={"employees": "beaucoup", "revenue": 2})
    assert engine.resume_point(mini, data).id == "employees"  # type: ignore[union-attr]
    data["company"]["employees"] = 40
    data["company"]["sites"] = [{"name": "Lyon", "kind": "warehouse"}]
    data["company"].update(has_website=False, markets=["b2b"], history="H",
                           start=dt.date(2027, 1, 1))
    assert engine.resume_point(mini, data).id == "sites"  # type: ignore[union-attr]
    assert ids(engine.fields_to_fix(mini, data, mini.by_id["sites"],
                                    data["company"]["sites"][0])) == ["kind"]


def test_record_field_condition_decides_what_is_missing(mini: Questionnaire) -> None:
    sites = mini.by_id["sites"]
    assert engine.fields_to_fix(mini, {}, sites, {"name": "Lyon", "kind": "hq"}) == []
    assert ids(engine.fields_to_fix(mini, {}, sites, {"name": "Lyon"})) == ["kind"]


def test_resume_point_within_a_part(mini: Questionnaire) -> None:
    assert engine.resume_point(mini, {}, part=2).id == "sponsor"  # type: ignore[union-attr]
    done = answers(team={"sponsor": "S", "members": [{"name": "N"}]})
    assert engine.resume_point(mini, done, part=2) is None


def test_everything_answered_has_no_resume_point(mini: Questionnaire) -> None:
    data = complete()
    assert engine.resume_point(mini, data) is None
    assert engine.answered_count(mini, data) == len(engine.applicable(mini, data)) == 11
    del data["company"]["history"]
    assert engine.answered_count(mini, data) == 10


def complete() -> dict[str, Any]:
    """Every required question answered; optional ones partly."""
    return answers(
        meta={"title": "T", "respondents": [{"name": "A", "role": "B"}]},
        company={"employees": 12, "revenue": 1.5, "has_website": False, "markets": ["b2b"],
                 "history": "Since 1990", "start": dt.date(2027, 1, 4),
                 "sites": [{"name": "HQ", "kind": "hq"}]},
        team={"sponsor": "S", "members": [{"name": "N"}]},
    )


# --------------------------------------------------------------------------- next question


def test_next_question_skips_answered_ones(mini: Questionnaire) -> None:
    data = answers(company={"revenue": 2, "has_website": True})
    after = mini.by_id["employees"]
    assert engine.next_question(mini, data, after).id == "monthly_visitors"  # type: ignore[union-attr]


def test_next_question_in_revisit_mode_returns_answered_ones(mini: Questionnaire) -> None:
    data = answers(company={"revenue": 2, "has_website": True})
    after = mini.by_id["employees"]
    nxt = engine.next_question(mini, data, after, revisit=True)
    assert nxt is not None and nxt.id == "revenue"


def test_next_question_stays_in_its_part(mini: Questionnaire) -> None:
    last = mini.by_id["sites"]
    assert engine.next_question(mini, {}, last, part=1) is None
    assert engine.next_question(mini, {}, last).id == "sponsor"  # type: ignore[union-attr]


def test_next_question_sees_a_condition_just_made_true(mini: Questionnaire) -> None:
    data = answers(company={"has_website": True})
    nxt = engine.next_question(mini, data, mini.by_id["has_website"])
    assert nxt is not None and nxt.id == "monthly_visitors"
    data["company"]["has_website"] = False
    nxt = engine.next_question(mini, data, mini.by_id["has_website"])
    assert nxt is not None and nxt.id == "markets"


def test_next_question_from_the_start(mini: Questionnaire) -> None:
    assert engine.next_question(mini, {}, None).id == "title"  # type: ignore[union-attr]
    assert engine.next_question(mini, {}, None, part=1).id == "employees"  # type: ignore[union-attr]


# --------------------------------------------------------------------------- progress


def test_progress_counts_within_the_part_and_across_the_whole(mini: Questionnaire) -> None:
    where = engine.progress(mini, {}, mini.by_id["employees"])
    assert (where.part.number, where.index, where.count) == (1, 1, 7)
    assert where.percent == round(100 * 2 / 11)
    assert engine.progress(mini, {}, mini.by_id["title"]).percent == 0
    last = engine.progress(mini, {}, mini.by_id["members"])
    assert (last.index, last.count, last.percent) == (2, 2, round(100 * 10 / 11))


def test_progress_changes_with_conditions(mini: Questionnaire) -> None:
    data = answers(company={"has_website": True, "monthly_visitors": 10})
    where = engine.progress(mini, data, mini.by_id["markets"])
    assert (where.index, where.count) == (6, 9)


def test_progress_line_in_both_languages(mini: Questionnaire) -> None:
    where = engine.progress(mini, {}, mini.by_id["revenue"])
    assert where.line("en") == "Part 1 · Company · question 2 of 7 · 27% of the whole"
    fr = where.line("fr")
    assert fr.startswith("Partie 1 · Entreprise · question 2 sur 7 · 27")
    assert fr.endswith("% de l'ensemble") and "\u00a0%" in fr


# --------------------------------------------------------------------------- storing answers


def test_set_answer_keeps_plan_order(mini: Questionnaire) -> None:
    data: dict[str, Any] = {}
    engine.set_answer(data, mini, mini.by_id["sponsor"], "S")
    engine.set_answer(data, mini, mini.by_id["history"], "H")
    engine.set_answer(data, mini, mini.by_id["employees"], 3)
    engine.set_answer(data, mini, mini.by_id["title"], "T")
    assert list(data) == ["meta", "company", "team"]
    assert list(data["company"]) == ["employees", "history"]


def test_ensure_layout_writes_version_then_parts_in_order(mini: Questionnaire) -> None:
    data: dict[str, Any] = {"team": {"sponsor": "S"}, "custom": 1}
    engine.ensure_layout(data, mini)
    assert list(data)[:1] == ["schema_version"]
    keys = [k for k in data if k in ("meta", "company", "team")]
    assert keys == ["meta", "company", "team"]
    assert data["team"] == {"sponsor": "S"} and data["schema_version"] == 1


def test_clearing_an_absent_answer_adds_nothing(mini: Questionnaire) -> None:
    data: dict[str, Any] = {}
    engine.set_answer(data, mini, mini.by_id["revenue"], None)
    assert "revenue" not in data.get("company", {})


def test_clearing_a_present_answer_keeps_the_key(mini: Questionnaire) -> None:
    data = answers(company={"revenue": 4})
    engine.set_answer(data, mini, mini.by_id["revenue"], None)
    assert data["company"] == {"revenue": None}


def test_a_condition_turning_false_removes_the_answers_it_governed(mini: Questionnaire) -> None:
    data = answers(company={"has_website": True})
    engine.set_answer(data, mini, mini.by_id["monthly_visitors"], 5000)
    engine.set_answer(data, mini, mini.by_id["visitor_source"], "seo")
    removed = engine.set_answer(data, mini, mini.by_id["has_website"], False)
    assert removed == ["company.monthly_visitors", "company.visitor_source"]
    assert data["company"] == {"has_website": False, "monthly_visitors": None,
                               "visitor_source": None}
    assert engine.set_answer(data, mini, mini.by_id["has_website"], False) == []


def test_an_open_point_on_the_condition_keeps_them(mini: Questionnaire) -> None:
    data = answers(company={"has_website": True, "monthly_visitors": 5})
    assert engine.set_answer(data, mini, mini.by_id["has_website"],
                             values.open_point("fr")) == []
    assert data["company"]["monthly_visitors"] == 5


def test_prune_removes_a_record_field_whose_condition_is_false(mini: Questionnaire) -> None:
    record = {"name": "Lyon", "kind": "shop", "staff": 4}
    data = answers(company={"sites": [record]})
    kind = mini.by_id["sites"].field("kind")
    assert kind is not None
    removed = engine.set_field(data, mini, kind, record, "hq")
    assert removed == ["company.sites[0].staff"]
    assert record == {"name": "Lyon", "kind": "hq"}


def test_set_field_keeps_field_order(mini: Questionnaire) -> None:
    record: dict[str, Any] = {"kind": "hq"}
    data = answers(company={"sites": [record]})
    sites = mini.by_id["sites"]
    engine.set_field(data, mini, sites.field("name"), record, "Lyon")  # type: ignore[arg-type]
    assert list(record) == ["name", "kind"]


def test_new_record_has_the_type_of_the_answers() -> None:
    class Special(dict[str, Any]):
        pass

    assert type(engine.new_record(Special())) is Special
    assert type(engine.new_record({})) is dict


def test_open_point_notes() -> None:
    assert values.open_point("fr") == {"todo": "à préciser"}
    assert values.open_point("en") == {"todo": "to be confirmed"}
    assert values.open_point("en", "  ask the CFO ") == {"todo": "ask the CFO"}


# --------------------------------------------------------------------------- typed input


@pytest.mark.parametrize(("typed", "value"), [
    ("85", 85), ("12 000", 12000), ("12\u202f000", 12000), ("1\u00a0200", 1200),
    ("40.0", 40), ("  7 ", 7),
])
def test_integers(mini: Questionnaire, typed: str, value: int) -> None:
    parsed = values.parse_text(mini.by_id["employees"], typed, "fr")
    assert parsed.ok and parsed.value == value and isinstance(parsed.value, int)


@pytest.mark.parametrize(("typed", "message"), [
    ("12,5", "nombre entier"), ("douze", "nombre entier"), ("0", "minimum 1"),
    ("200000", "maximum 100000"), ("", "nécessaire"),
])
def test_integers_refused_in_french(mini: Questionnaire, typed: str, message: str) -> None:
    parsed = values.parse_text(mini.by_id["employees"], typed, "fr")
    assert not parsed.ok
    assert message in parsed.error.replace("Au minimum", "minimum").replace(
        "Au maximum", "maximum")


def test_integers_refused_in_english(mini: Questionnaire) -> None:
    assert "whole number" in values.parse_text(mini.by_id["employees"], "1.5", "en").error
    assert "At least 1" in values.parse_text(mini.by_id["employees"], "0", "en").error


@pytest.mark.parametrize(("typed", "value"), [
    ("12,5", 12.5), ("12.5", 12.5), ("3", 3), ("1 250,75", 1250.75), ("15 M€", 15),
    ("7 %", 7),
])
def test_numbers(mini: Questionnaire, typed: str, value: float) -> None:
    parsed = values.parse_text(mini.by_id["revenue"], typed, "fr")
    assert parsed.ok and parsed.value == value


def test_optional_number_left_empty_is_no_answer(mini: Questionnaire) -> None:
    parsed = values.parse_text(mini.by_id["revenue"], "  ", "fr")
    assert parsed.ok and parsed.value is None


@pytest.mark.parametrize(("typed", "value"), [
    ("2026-11-29", dt.date(2026, 11, 29)), ("29/11/2026", dt.date(2026, 11, 29)),
    ("1/2/2027", dt.date(2027, 2, 1)), ("29.11.2026", dt.date(2026, 11, 29)),
])
def test_dates(mini: Questionnaire, typed: str, value: dt.date) -> None:
    parsed = values.parse_text(mini.by_id["start"], typed, "fr")
    assert parsed.ok and parsed.value == value


def test_today(mini: Questionnaire) -> None:
    assert values.parse_text(mini.by_id["start"], "aujourd'hui", "fr").value == dt.date.today()
    assert values.parse_text(mini.by_id["start"], "today", "en").value == dt.date.today()


@pytest.mark.parametrize(("typed", "key"), [
    ("31/02/2026", "n'existe pas"), ("next week", "Écrivez une date"),
    ("2026-13-01", "n'existe pas"),
])
def test_dates_refused(mini: Questionnaire, typed: str, key: str) -> None:
    parsed = values.parse_text(mini.by_id["start"], typed, "fr")
    assert not parsed.ok and key in parsed.error


def test_question_mark_is_an_open_point_with_or_without_a_note(mini: Questionnaire) -> None:
    q = mini.by_id["employees"]
    assert values.parse_text(q, "?", "fr").value == {"todo": "à préciser"}
    assert values.parse_text(q, " ? ", "en").value == {"todo": "to be confirmed"}
    assert values.parse_text(q, "? demander à la DRH", "fr").value == {
        "todo": "demander à la DRH"}


def test_text_stays_text(mini: Questionnaire) -> None:
    parsed = values.parse_text(mini.by_id["title"], " 1.0 ", "fr")
    assert parsed.value == "1.0"
    emoji = values.parse_text(mini.by_id["title"], "Café ☕ « Durand » 🎉", "fr")
    assert emoji.value == "Café ☕ « Durand » 🎉"


def test_required_text_refuses_empty_but_keeps_the_way_out(mini: Questionnaire) -> None:
    parsed = values.parse_text(mini.by_id["title"], "", "en")
    assert not parsed.ok and "?" in parsed.error


def test_long_text_keeps_its_lines(mini: Questionnaire) -> None:
    parsed = values.parse_text(mini.by_id["history"], "\nFounded 1990.  \nSold in 2001.\n\n",
                               "en")
    assert parsed.value == "Founded 1990.\nSold in 2001."


@pytest.mark.parametrize("typed", ["85", "12 000", "?", "", "1,5", "29/11/2026", "abc", "0"])
@pytest.mark.parametrize("qid", ["employees", "revenue", "start", "title", "history"])
def test_what_the_interview_accepts_cdc_validate_accepts(
    mini: Questionnaire, qid: str, typed: str
) -> None:
    question = mini.by_id[qid]
    parsed = values.parse_text(question, typed, "fr")
    if parsed.ok:
        assert check_value(question, parsed.value) == []


def test_parse_choice(mini: Questionnaire) -> None:
    markets = mini.by_id["markets"]
    assert values.parse_choice(markets, ["b2b", "b2c"], "fr").value == ["b2b", "b2c"]
    refused = values.parse_choice(markets, [], "fr")
    assert not refused.ok and "Cochez" in refused.error
    assert not values.parse_choice(markets, ["b2x"], "fr").ok  # check_value's rule
    source = mini.by_id["visitor_source"]
    assert values.parse_choice(source, None, "en").ok
    assert values.parse_choice(source, "ads", "en").value == "ads"


def test_text_default(mini: Questionnaire) -> None:
    assert values.text_default(mini.by_id["title"], None) == "Cahier des charges CRM"
    assert values.text_default(mini.by_id["employees"], 85) == "85"
    assert values.text_default(mini.by_id["revenue"], 2.0) == "2"
    assert values.text_default(mini.by_id["start"], dt.date(2027, 1, 4)) == "2027-01-04"
    assert values.text_default(mini.by_id["employees"], {"todo": "à préciser"}) == "? à préciser"
    assert values.text_default(mini.by_id["revenue"], None) == ""


# --------------------------------------------------------------------------- review


def test_display_uses_labels_dates_and_numbers_of_the_language(mini: Questionnaire) -> None:
    q = mini.by_id
    assert values.display(q["visitor_source"], "seo", "fr") == "Référencement"
    assert values.display(q["visitor_source"], "seo", "en") == "Search engines"
    assert values.display(q["markets"], ["b2b", "b2c"], "en") == "Businesses, Consumers"
    assert values.display(q["has_website"], True, "fr") == "Oui"
    assert values.display(q["has_website"], False, "en") == "No"
    assert values.display(q["start"], dt.date(2027, 1, 4), "fr") == "04/01/2027"
    assert values.display(q["start"], dt.date(2027, 1, 4), "en") == "2027-01-04"
    assert values.display(q["employees"], 12000, "fr") == "12\u202f000"
    assert values.display(q["employees"], 12000, "en") == "12,000"
    assert values.display(q["employees"], 1987, "fr") == "1987"
    assert values.display(q["revenue"], 1.5, "fr") == "1,5 M€"
    assert values.display(q["title"], None, "fr") == ""
    assert values.display(q["title"], {"todo": "à préciser"}, "fr") == "à préciser"
    assert values.display(q["title"], {"todo": "à préciser"}, "en") == "to be confirmed"
    assert values.display(q["title"], {"todo": "ask Bob"}, "en") == "to be confirmed: ask Bob"
    assert values.display(q["history"], "a\nb", "en") == "a b"
    assert values.display(q["history"], "x" * 100, "en", width=10) == "x" * 9 + "…"


def test_display_of_a_group(mini: Questionnaire) -> None:
    sites = mini.by_id["sites"]
    records = [{"name": "Siège", "kind": "hq"}, {"name": "Lyon", "kind": "shop", "staff": 4}]
    assert values.display(sites, records, "fr", width=200) == (
        "(2) Siège · Siège | Lyon · Magasin · 4")
    assert values.record_label(sites, {}, "fr") == "…"


def test_summary_lists_applicable_questions_with_their_status(mini: Questionnaire) -> None:
    data = answers(meta={"title": {"todo": "à préciser"}},
                   company={"employees": 12, "has_website": False})
    summary = engine.summary(mini, data, "fr")
    assert [s.part.number for s in summary] == [0, 1, 2]
    rows = {r.question.id: r for s in summary for r in s.rows}
    assert "monthly_visitors" not in rows
    assert rows["title"].status == "open"
    assert rows["employees"].status == "answered" and rows["employees"].answer == "12"
    assert rows["revenue"].status == "empty"
    assert rows["markets"].status == "missing"
    assert summary[1].count("answered") == 2
    assert [s.part.number for s in engine.summary(mini, data, "en", part=2)] == [2]


# --------------------------------------------------------------------------- the real bank


def test_the_real_bank_starts_with_the_document_sheet(bank: Questionnaire) -> None:
    first = engine.resume_point(bank, {})
    assert first is not None and first.id == "title"
    assert engine.resume_point(bank, {}, part=0) == first
    everything = engine.applicable(bank, {})
    assert engine.progress(bank, {}, everything[-1]).percent < 100


def test_open_point_typed_after_a_prefilled_answer() -> None:
    from cdc.interview.values import after_prefill

    assert after_prefill("1.0?", "1.0") == "?"
    assert after_prefill("1.0 ? attendre la DAF", "1.0") == "? attendre la DAF"
    assert after_prefill("1.0.1", "1.0") == "1.0.1"
    assert after_prefill("Pourquoi ?", "") == "Pourquoi ?"
