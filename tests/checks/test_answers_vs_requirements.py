"""`cdc check` against the requirements: each rule fires on its contradiction, with both paths
and the requirement ids, and stays silent on the consistent case."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from cdc.checks import Finding, check_answers
from cdc.questionnaire import Questionnaire
from tests.checks.factory import complete_answers


@pytest.fixture(scope="module")
def clean(bank: Questionnaire) -> dict[str, Any]:
    return complete_answers(bank)


def rule(data: dict[str, Any], bank: Questionnaire, name: str) -> list[Finding]:
    return [f for f in check_answers(data, bank).findings if f.rule == name]


def edit(data: dict[str, Any], **answers: Any) -> dict[str, Any]:
    out = copy.deepcopy(data)
    for key, value in answers.items():
        part, question = key.split("__", 1)
        out[part][question] = value
    return out


def test_the_clean_file_has_no_requirement_finding(clean: dict[str, Any],
                                                   bank: Questionnaire) -> None:
    report = check_answers(clean, bank)
    assert [f for f in report.findings if f.requirements or f.related] == []


def test_change_keeping_an_entry_its_condition_leaves_out(clean: dict[str, Any],
                                                         bank: Questionnaire) -> None:
    base = edit(clean, mapping__crm_modules=["contacts", "loyalty"],
                mapping__loyalty_kinds=["points"])
    kept = edit(base, mapping__requirement_changes=[{"id": "LOY-007", "action": "keep"}])
    [found] = rule(kept, bank, "requirement_excluded_kept")
    assert (found.path, found.related, found.requirements) == (
        "mapping.requirement_changes[0]", ("mapping.loyalty_kinds",), ("LOY-007",))
    assert found.severity == "error" and found.part == 3
    selected = edit(base, mapping__requirement_changes=[{"id": "LOY-001", "action": "keep"}])
    assert rule(selected, bank, "requirement_excluded_kept") == []


def test_change_against_the_answer_that_set_the_priority(clean: dict[str, Any],
                                                         bank: Questionnaire) -> None:
    base = edit(clean, mapping__crm_modules=["contacts", "mobile"], mapping__mobile_offline=True)
    lowered = edit(base, mapping__requirement_changes=[
        {"id": "MOB-002", "action": "reprioritise", "priority": "could"}])
    [found] = rule(lowered, bank, "requirement_priority_against_answers")
    assert found.related == ("mapping.mobile_offline",) and found.requirements == ("MOB-002",)
    # a change in the answer's direction (eliminatory on top) is no contradiction
    stronger = edit(base, mapping__requirement_changes=[
        {"id": "MOB-002", "action": "keep", "eliminatory": True}])
    assert rule(stronger, bank, "requirement_priority_against_answers") == []
    # the other way round: the answer lowered it, the change raises it
    raised = edit(clean, mapping__crm_modules=["contacts", "mobile"],
                  mapping__mobile_offline=False, mapping__requirement_changes=[
                      {"id": "MOB-002", "action": "reprioritise", "priority": "must"}])
    [found] = rule(raised, bank, "requirement_priority_against_answers")
    assert "relevée" in found.message


def test_answers_pulling_a_priority_both_ways(clean: dict[str, Any],
                                              bank: Questionnaire) -> None:
    offline = [{"category": "technological", "description": "Aucun réseau en zone blanche",
                "impact": "high", "likelihood": "high", "mitigation": "Saisie différée",
                "owner": "DSI"}]
    both = edit(clean, mapping__crm_modules=["contacts", "mobile"],
                mapping__mobile_offline=False, company__blockers=offline)
    found = rule(both, bank, "requirement_answers_disagree")
    assert [f.requirements for f in found] == [("MOB-002",)]
    assert found[0].path == "mapping.mobile_offline"
    assert found[0].related == ("company.blockers[0].description",)
    agree = edit(both, mapping__mobile_offline=True)
    assert rule(agree, bank, "requirement_answers_disagree") == []


def test_custom_requirement_restating_hosting_or_availability(clean: dict[str, Any],
                                                              bank: Questionnaire) -> None:
    def own(statement: str) -> list[dict[str, Any]]:
        return [{"module": "other", "statement": statement, "priority": "must"}]

    data = edit(clean, technical__hosting_location="eu", technical__availability_target=99.5,
                mapping__custom_requirements=own(
                    "Les données doivent être hébergées en France."))
    [found] = rule(data, bank, "nfr_scope_differs")
    assert "plus étroite" in found.message and found.related == ("technical.hosting_location",)
    assert found.requirements == ("GEN-101", "NFR-002")
    data = edit(data, mapping__custom_requirements=own(
        "Les données doivent être hébergées dans l'Union européenne."))
    assert rule(data, bank, "nfr_scope_differs") == []
    data = edit(data, mapping__custom_requirements=own(
        "Le service doit être disponible 99,9 % du temps."))
    [found] = rule(data, bank, "nfr_scope_differs")
    assert found.requirements == ("GEN-101", "NFR-017") and "99.9" in found.message
    data = edit(data, mapping__custom_requirements=own(
        "Le service doit être disponible 99,5 % du temps, hors maintenance."))
    assert rule(data, bank, "nfr_scope_differs") == []


def test_identity_provider_restated_right(clean: dict[str, Any], bank: Questionnaire) -> None:
    data = edit(clean, technical__sso_required=True, technical__identity_provider="Okta",
                mapping__custom_requirements=[{"module": "other", "priority": "must",
                                               "statement": "Le CRM doit accepter le SSO Okta."}])
    assert rule(data, bank, "nfr_scope_differs") == []


def test_mfa_scope_given(clean: dict[str, Any], bank: Questionnaire) -> None:
    data = edit(clean, technical__mfa_required=True)
    data["technical"].pop("mfa_scope", None)
    assert [f.requirements for f in rule(data, bank, "mfa_scope_missing")] == [("NFR-005",)]
    assert rule(edit(data, technical__mfa_scope="everyone"), bank, "mfa_scope_missing") == []


def test_entries_left_out_because_a_question_is_unanswered(clean: dict[str, Any],
                                                           bank: Questionnaire) -> None:
    data = edit(clean, mapping__crm_modules=["contacts", "loyalty"])
    data["mapping"].pop("loyalty_kinds", None)
    [found] = rule(data, bank, "requirement_condition_unanswered")
    assert found.severity == "info" and found.path == "mapping.loyalty_kinds"
    assert found.requirements == ("LOY-001", "LOY-002", "LOY-003", "LOY-004", "LOY-005",
                                  "LOY-007", "LOY-008")
    answered = edit(data, mapping__loyalty_kinds=["referral"])
    assert rule(answered, bank, "requirement_condition_unanswered") == []


def test_findings_carry_their_paths_in_json_and_text(clean: dict[str, Any], bank: Questionnaire,
                                                     tmp_path: Any, runner: Any) -> None:
    import json

    import yaml

    from cdc.cli import app

    data = edit(clean, mapping__crm_modules=["contacts", "loyalty"],
                mapping__loyalty_kinds=["points"],
                mapping__requirement_changes=[{"id": "LOY-008", "action": "keep"}])
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    found = [f for f in json.loads(result.stdout)["findings"]
             if f["rule"] == "requirement_excluded_kept"]
    assert found[0]["related"] == ["mapping.loyalty_kinds"]
    assert found[0]["requirements"] == ["LOY-008"]
    text = runner.invoke(app, ["check", str(path)]).stdout
    assert "mapping.requirement_changes[0] ↔ mapping.loyalty_kinds" in text
    assert "[LOY-008]" in text
