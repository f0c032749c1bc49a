"""Completeness: answered share per part, required answers missing, open points, the verdict."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from cdc.answers import PartCompleteness, Validation
from cdc.checks import CheckReport, Finding, Verdict, check_answers
from cdc.checks.measurability import measurability_findings
from cdc.checks.run import verdict
from cdc.questionnaire import Questionnaire
from tests.checks.factory import complete_answers, with_answers


@pytest.fixture(scope="module")
def clean(bank: Questionnaire) -> dict[str, Any]:
    return complete_answers(bank)


def part(report: CheckReport, key: str) -> dict[str, Any]:
    return next(p for p in report.completeness["parts"] if p["key"] == key)


def test_complete_clean_file_is_ready(clean: dict[str, Any], bank: Questionnaire) -> None:
    report = check_answers(clean, bank)
    assert report.findings == []
    assert report.completeness["percent"] == 100
    assert report.verdict.status == "ready"
    assert [p["part"] for p in report.completeness["parts"]] == list(range(8))


def test_missing_required_answer(clean: dict[str, Any], bank: Questionnaire) -> None:
    data = copy.deepcopy(clean)
    del data["company"]["activities"]
    report = check_answers(data, bank)
    found = [f for f in report.findings if f.category == "missing"]
    assert [(f.path, f.part, f.severity) for f in found] == [("company.activities", 1, "warning")]
    assert part(report, "company")["missing_required"] == ["activities"]
    assert part(report, "company")["percent"] < 100
    assert report.verdict.status == "nearly"


def test_missing_required_field_in_a_group(clean: dict[str, Any], bank: Questionnaire) -> None:
    data = copy.deepcopy(clean)
    data["company"]["user_profiles"].append({"profile": "ADV", "count": 4})
    found = [f.path for f in check_answers(data, bank).findings if f.category == "missing"]
    assert found == ["company.user_profiles[1].missions"]


def test_open_point(clean: dict[str, Any], bank: Questionnaire) -> None:
    data = with_answers(clean, technical__rto_hours={"todo": "à voir avec l'hébergeur"})
    report = check_answers(data, bank)
    found = [f for f in report.findings if f.category == "open_point"]
    assert [(f.path, f.term) for f in found] == [("technical.rto_hours", "à voir avec l'hébergeur")]
    assert report.completeness["open_points"] == [
        {"path": "technical.rto_hours", "question": "rto_hours",
         "note": "à voir avec l'hébergeur"}]
    assert part(report, "technical")["open_points"] == 1
    assert report.verdict.status == "nearly"


def test_questions_that_do_not_apply_are_not_counted(clean: dict[str, Any],
                                                     bank: Questionnaire) -> None:
    base = check_answers(clean, bank)
    unlocked = [q.id for q in bank.questions() if q.when and q.when.question == "has_website"]
    assert "monthly_visitors" in unlocked
    data = with_answers(clean, data_flows__has_website=True)
    for qid in unlocked:
        data["data_flows"].pop(qid, None)
    report = check_answers(data, bank)
    assert part(report, "data_flows")["applicable"] == \
        part(base, "data_flows")["applicable"] + len(unlocked)
    assert part(report, "data_flows")["answered"] == part(base, "data_flows")["answered"]


def test_mostly_empty_file_is_not_ready(bank: Questionnaire) -> None:
    report = check_answers({"schema_version": 1, "meta": {"title": "CRM", "language": "en"}}, bank)
    assert report.verdict.status == "not_ready"
    assert any("answered" in reason for reason in report.verdict.reasons)
    assert report.language == "en"


def test_invalid_file_is_reported_not_raised(bank: Questionnaire) -> None:
    report = check_answers({"schema_version": 1, "company": {"employees": "beaucoup"}}, bank)
    assert not report.valid
    assert report.verdict.status == "not_ready"


READY_CONSULTATION = {"consultation": {"response_deadline": "2027-03-26",
                                       "submission_channel": "email",
                                       "submission_address": "offres@exemple.fr"}}


def fake_report(percent: int, missing: int, findings: list[Finding],
                data: dict[str, Any] | None = None) -> CheckReport:
    validation = Validation("x.yaml", READY_CONSULTATION if data is None else data, [],
                            [PartCompleteness(1, "company", 10, 10)], [])
    completeness = {"percent": percent, "missing_required": missing, "open_points": []}
    return CheckReport(findings, validation, Verdict("ready", ()), "en", completeness)


def test_verdict_thresholds() -> None:
    warning = Finding("company.activities", "fast", "subjective", "warning", "m")
    error = Finding("planning.go_live_target", "", "consistency", "error", "m")
    assert verdict(fake_report(100, 0, [])).status == "ready"
    assert verdict(fake_report(100, 0, [warning])).status == "nearly"
    assert verdict(fake_report(95, 2, [])).status == "nearly"
    assert verdict(fake_report(100, 0, [warning, error])).status == "not_ready"
    assert verdict(fake_report(60, 0, [])).status == "not_ready"
    assert verdict(fake_report(90, 8, [])).status == "not_ready"
    assert "1 contradiction(s) to fix" in verdict(fake_report(100, 0, [error])).reasons


def test_a_consultation_without_deadline_or_channel_is_not_ready() -> None:
    result = verdict(fake_report(100, 0, [], {"consultation": {"submission_channel": "email"}}))
    assert result.status == "not_ready"
    assert result.reasons == ("the consultation is not ready: it lacks the response deadline "
                              "and the submission address",)


# --------------------------------------------------------------------------- measurability


def test_objective_without_indicator_target_or_deadline() -> None:
    data = {"company": {"objectives": [
        {"objective": "Réduire le délai de devis", "indicator": "délai moyen en jours",
         "target": "2 jours", "deadline": "2027-12-31"},
        {"objective": "Mieux connaître nos clients"},
        {"objective": "Fidéliser", "indicator": "taux de réachat", "target": "nettement plus",
         "deadline": "2027-12-31"}]}}
    found = [(f.path, f.rule) for f in measurability_findings(data, "fr")]
    assert found == [
        ("company.objectives[1].indicator", "objective_indicator"),
        ("company.objectives[1].target", "objective_target"),
        ("company.objectives[1].deadline", "objective_deadline"),
        ("company.objectives[2].target", "objective_target"),
    ]


def test_requirement_without_acceptance_criterion() -> None:
    data = {"mapping": {"custom_requirements": [
        {"statement": "Créer un devis", "priority": "must", "acceptance_criterion": "12 devis"},
        {"statement": "Exporter en PDF", "priority": "must"},
        {"statement": "Portail client", "priority": "could"}]}}
    found = [(f.path, f.severity) for f in measurability_findings(data, "en")]
    assert found == [("mapping.custom_requirements[1].acceptance_criterion", "warning"),
                     ("mapping.custom_requirements[2].acceptance_criterion", "info")]


@pytest.mark.parametrize(("volume", "flagged"), [
    ("12 000 contacts", False),
    ("45 000 lignes, +3 000 par an", False),
    ("2 Go", False),
    ("1500/mois", False),
    ("12000", True),
    ("beaucoup", True),
    ("environ 12 000", True),
])
def test_volumes_need_a_unit_or_period(volume: str, flagged: bool) -> None:
    data = {"company": {"existing_tools": [{"name": "Excel", "volume": volume}]}}
    found = [f.path for f in measurability_findings(data, "fr")]
    assert found == (["company.existing_tools[0].volume"] if flagged else [])
