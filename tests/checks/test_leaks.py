"""`cdc check` warns when a text vendors read says what the internal edition withholds."""

from __future__ import annotations

from typing import Any

import pytest

from cdc.checks import Finding, check_answers
from cdc.questionnaire import Questionnaire
from tests.checks.factory import complete_answers, with_answers


@pytest.fixture(scope="module")
def clean(bank: Questionnaire) -> dict[str, Any]:
    data = complete_answers(bank)
    data["technical"]["shortlisted_vendors"] = [
        {"name": "Pipedrive", "offer": "saas"},
        {"name": "Microsoft Dynamics 365 Sales", "offer": "both"}]
    data["company"]["existing_tools"] = [{"name": "Microsoft 365", "category": "office"}]
    data["company"]["budget_amount"] = 90000
    data["meta"]["disclose_budget"] = False
    return data


def leaks(data: dict[str, Any], bank: Questionnaire) -> list[Finding]:
    return [f for f in check_answers(data, bank).findings if f.category == "edition"]


def test_a_clean_file_leaks_nothing(clean: dict[str, Any], bank: Questionnaire) -> None:
    assert leaks(clean, bank) == []


def test_a_shortlisted_product_named_where_vendors_read(
    clean: dict[str, Any], bank: Questionnaire
) -> None:
    data = with_answers(clean, company__previous_crm_attempts=(
        "Un essai de Pipedrive en 2021 a tourné court. Les équipes utilisent Microsoft 365."))
    [finding] = leaks(data, bank)
    assert finding.path == "company.previous_crm_attempts"
    assert finding.term == "Pipedrive" and finding.severity == "warning"
    assert "concurrents" in finding.message
    # the product's own name, not its maker's: Microsoft 365 is a tool in use
    data = with_answers(clean, company__previous_crm_attempts="Démonstration de Dynamics vue.")
    assert [f.term for f in leaks(data, bank)] == ["Dynamics"]


def test_an_internal_answer_may_name_the_shortlist(
    clean: dict[str, Any], bank: Questionnaire
) -> None:
    data = with_answers(clean, company__negotiation_constraints="Pipedrive propose -20 %.")
    assert leaks(data, bank) == []


@pytest.mark.parametrize(("text", "leaked"), [
    ("Le comité arbitre le budget d'évolution, fixé à 15 jours-personne pour 2028.", True),
    ("RevOps has a budget of 25 partner days a year.", True),
    ("Le comité de direction valide le budget annuel.", False),
    ("Passage à la fibre prévu au budget 2027.", False),
    ("34 % cite low adoption, 26 % budget cuts, 21 % a move to another platform.", False),
    ("Les coupes budgétaires expliquent 12 pour cent des départs.", False),
])
def test_the_withheld_budget_given_a_figure(
    clean: dict[str, Any], bank: Questionnaire, text: str, leaked: bool
) -> None:
    data = with_answers(clean, technical__improvement_governance=text)
    found = leaks(data, bank)
    assert bool(found) is leaked, found
    if leaked:
        assert found[0].path == "technical.improvement_governance"
    disclosed = with_answers(data, meta__disclose_budget=True)
    assert leaks(disclosed, bank) == []


def test_an_anonymised_shortlist_names_nobody(clean: dict[str, Any], bank: Questionnaire) -> None:
    data = with_answers(clean, technical__shortlisted_vendors=[
        {"name": "Éditeur A", "offer": "saas", "reason": "Connecteur Sage"},
        {"name": "Vendor B", "offer": "both", "reason": "Local reference"}])
    data = with_answers(data, company__previous_crm_attempts=(
        "L'éditeur retenu fournira la formation ; chaque vendor répond au questionnaire."))
    assert leaks(data, bank) == []
