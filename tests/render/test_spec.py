"""The Spec model: labels, formats, derived tables, open points."""

from __future__ import annotations

import datetime as dt

from cdc.questionnaire import Questionnaire
from cdc.spec import (
    NBSP,
    NNBSP,
    Missing,
    build_spec,
    clean_text,
    format_date,
    format_number,
)

from .helpers import NORTHWIND, load


def test_numbers_and_dates_follow_the_language() -> None:
    assert format_number(12000, "fr") == f"12{NNBSP}000"
    assert format_number(12000, "en") == "12,000"
    assert format_number(12.5, "fr") == "12,5"
    assert format_number(1987, "fr", year=True) == "1987"
    assert format_date(dt.date(2026, 11, 29), "fr") == f"29{NBSP}novembre 2026"
    assert format_date(dt.date(2027, 2, 1), "fr") == f"1er{NBSP}février 2027"
    assert format_date(dt.date(2026, 11, 29), "en") == "29 November 2026"


def test_clean_text_strips_control_characters_and_ansi() -> None:
    assert clean_text("a\x00b\x07c\x1b[31mred\x1b[0m\x7fd") == "abcredd"
    assert clean_text("x\r\ny\tz") == "x\ny z"


def test_answers_are_formatted_with_labels_and_units(bank: Questionnaire) -> None:
    spec = build_spec(load(), bank)
    assert spec.lang == "fr"
    assert str(spec.q.employees) == f"85{NBSP}salariés"
    assert str(spec.q.revenue) == f"12,4{NBSP}M€"
    assert str(spec.q.confidentiality) == "Diffusion restreinte"
    assert "saas" in spec.q.hosting_mode and str(spec.q.hosting_mode).startswith("SaaS")
    assert spec.q.sso_required and not spec.q.secnumcloud_required
    assert str(spec.q.target_markets).count(" et ") == 1
    assert isinstance(spec.q.previous_crm_attempts, Missing)


def test_risks_come_from_blockers_sorted_by_criticality(bank: Questionnaire) -> None:
    spec = build_spec(load(), bank, edition="internal")
    # numbered in print order, the most critical first (issue 10: the same Rn in both editions)
    assert [r.id for r in spec.risks] == ["R1", "R2", "R3", "R4"]
    assert str(spec.risks[0].level) == "Critique" and spec.risks[0].score == 9
    r4 = spec.risks[-1]
    assert not r4.level and isinstance(r4.level, Missing) and r4.level.todo
    assert isinstance(spec.risks[2].mitigation, Missing) and spec.risks[2].mitigation.open_point


def test_matrices_phases_and_totals(bank: Questionnaire) -> None:
    spec = build_spec(load(), bank, edition="internal")
    assert spec.rights.columns[0] == "Consulter"
    admin = spec.rights.rows[-1]
    assert str(admin.role) == "Administrateur" and all(admin.cells)
    assert spec.raci.people[:2] == ("Claire Martin", "Paul Durand")
    first_activity, cells = spec.raci.rows[0]
    assert str(first_activity).startswith("Rédaction") and cells[:2] == ("R", "A")
    assert [p.weeks.raw for p in spec.phases][:2] == [6, 13]  # type: ignore[union-attr]
    assert spec.total_users.raw == 31  # type: ignore[union-attr]
    assert spec.team.reluctant == 1 and spec.team.all_levels
    assert spec.requirements[0].id == "CON-001" and spec.requirement_modules[0].module == "contacts"
    systems = {s.name: s for s in spec.dataflow.systems}
    assert [link.direction for link in systems["Site web"].links] == ["in"]
    assert [link.direction for link in systems["Power BI"].links] == ["out"]
    assert systems["Fichiers de suivi des devis"].migrated
    assert not systems["Fichiers de suivi des devis"].links
    assert len(spec.gantt.bars) == 5 and len(spec.gantt.milestones) == 3
    terms = [t.term for t in spec.glossary]
    assert terms == sorted(terms, key=str.casefold) or "Affaire" in terms


def test_open_points_list_missing_and_todo_answers(bank: Questionnaire) -> None:
    spec = build_spec(load(NORTHWIND), bank, edition="internal")
    assert spec.lang == "en"
    kinds = [(p.kind, p.question) for p in spec.open_points]
    assert ("todo", "“What are your lines of business, products and services?”") in kinds
    notes = [p.note for p in spec.open_points]
    assert "waiting for the finance split per activity" in notes
    vendor = build_spec(load(NORTHWIND), bank)
    assert not any(p.note or p.action for p in vendor.open_points)
    assert any("phases" in p.question for p in spec.open_points)
    assert any(p.question.startswith("Risk R1") for p in spec.open_points)
    assert [p.number for p in spec.open_points] == list(range(1, len(spec.open_points) + 1))
    assert isinstance(spec.q.crm_modules, Missing) and spec.q.crm_modules.required


def test_a_runaway_answer_is_cut_visibly(bank: Questionnaire) -> None:
    data = load()
    data["company"]["company_history"] = "x" * 1_000_000
    spec = build_spec(data, bank)
    text = str(spec.q.company_history)
    assert len(text) < 31_000 and "réponse tronquée" in text
