"""Figures that disagree across answers, and rights in words against the rights matrix: each
rule fires on its contradiction and not on the consistent case."""

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


def tools(*categories: str) -> list[dict[str, Any]]:
    return [{"name": f"Outil {i}", "category": c, "future": "retire"}
            for i, c in enumerate(categories)]


def test_unconnected_applications_against_the_tools_listed(clean: dict[str, Any],
                                                           bank: Questionnaire) -> None:
    listed = tools("erp", "crm", "emailing", "spreadsheet", "website", "bi", "telephony", "other",
                   "accounting")
    data = edit(clean, company__existing_tools=listed, company__unconnected_sources_count=6)
    [found] = rule(data, bank, "tools_count")
    assert found.severity == "warning" and found.related == ("company.existing_tools",)
    assert "9 outils listés dont 8 hors tableurs" in found.message
    assert rule(edit(data, company__unconnected_sources_count=12), bank,
                "tools_count")[0].severity == "error"
    for fine in (8, 9):
        assert rule(edit(data, company__unconnected_sources_count=fine), bank, "tools_count") == []


def test_users_at_go_live_against_the_profiles(clean: dict[str, Any], bank: Questionnaire) -> None:
    profiles = [{"profile": "Commerciaux", "count": 9, "missions": "Visites"},
                {"profile": "ADV", "count": 5, "missions": "Commandes"}]
    data = edit(clean, company__user_profiles=profiles, company__total_users=34)
    [found] = rule(data, bank, "users_count")
    assert found.related == ("company.user_profiles",) and "34" in found.message
    assert rule(edit(data, company__total_users=14), bank, "users_count") == []


def test_staff_of_the_sites_against_the_employees(clean: dict[str, Any],
                                                  bank: Questionnaire) -> None:
    sites = [{"name": "Siège", "staff": 96}, {"name": "Agence", "staff": 50}]
    data = edit(clean, company__sites=sites, company__employees=140)
    [found] = rule(data, bank, "staff_count")
    assert found.severity == "error" and found.related == ("company.employees",)
    assert rule(edit(data, company__employees=146), bank, "staff_count") == []


def test_sites_counted_in_a_text_against_the_sites_listed(clean: dict[str, Any],
                                                          bank: Questionnaire) -> None:
    sites = [{"name": "Siège"}, {"name": "Usine"}, {"name": "Agence"}]
    data = edit(clean, company__sites=sites,
                company__scope_in="Les commerciaux et le SAV de nos quatre sites.")
    [found] = rule(data, bank, "sites_count")
    assert found.path == "company.scope_in" and found.term == "quatre sites"
    assert rule(edit(data, company__scope_in="Les équipes de nos 3 sites."), bank,
                "sites_count") == []
    customers = edit(data, company__scope_in="Les visites sur quatre sites clients par jour.")
    assert rule(customers, bank, "sites_count") == []


def test_active_customers_against_the_erp_and_the_segments(clean: dict[str, Any],
                                                           bank: Questionnaire) -> None:
    sources = [{"name": "Sage 100", "kind": "erp", "records": 1120},
               {"name": "Fichiers", "kind": "spreadsheet", "records": 9000}]
    data = edit(clean, data_flows__sources=sources, data_flows__active_clients=9800)
    [found] = rule(data, bank, "active_vs_erp")
    assert found.related == ("data_flows.sources[0].records",)
    assert rule(edit(data, data_flows__active_clients=1100), bank, "active_vs_erp") == []
    segments = [{"name": "A", "customers": 9800}, {"name": "B", "customers": 2299}]
    data = edit(clean, company__customer_segments=segments, data_flows__active_clients=9800)
    [found] = rule(data, bank, "segments_vs_active")
    assert found.related == ("data_flows.active_clients",)
    assert rule(edit(data, data_flows__active_clients=12099), bank, "segments_vs_active") == []
    # a segment without a count makes the sum unknown: nothing to compare
    segments[1].pop("customers")
    assert rule(edit(data, company__customer_segments=segments), bank,
                "segments_vs_active") == []


ROLES = [
    {"role": "Administrateur", "permissions": ["read", "create", "edit", "delete", "export",
                                               "admin"], "scope": "all"},
    {"role": "Technico-commercial", "description": "Ses comptes et affaires",
     "permissions": ["read", "create", "edit"], "scope": "own"},
    {"role": "Direction", "permissions": ["read", "edit", "export"], "scope": "all"},
]
GLOSSARY = [{"term": "TC", "definition": "Technico-commercial itinérant, responsable d'un secteur"}]


def test_a_role_said_to_read_all_but_limited_by_the_matrix(clean: dict[str, Any],
                                                           bank: Questionnaire) -> None:
    notes = "Un TC peut lire tous les comptes mais ne modifie que ceux de son secteur."
    data = edit(clean, technical__roles=ROLES, technical__rights_notes=notes,
                meta__glossary=GLOSSARY)
    [found] = rule(data, bank, "rights_text")
    assert found.path == "technical.rights_notes"
    assert found.related == ("technical.roles[1].scope",) and found.term == "Technico-commercial"
    roles = copy.deepcopy(ROLES)
    roles[1]["read_scope"] = "all"
    assert rule(edit(data, technical__roles=roles), bank, "rights_text") == []
    # without the glossary, "TC" names no role: nothing to compare
    assert rule(edit(data, meta__glossary=[]), bank, "rights_text") == []
    # the role's own description counts too
    roles[1].pop("read_scope")
    roles[1]["description"] = "Ses comptes ; lecture de tous les comptes des autres secteurs"
    described = edit(clean, technical__roles=roles, technical__rights_notes="Rien à ajouter.")
    [found] = rule(described, bank, "rights_text")
    assert found.path == "technical.roles[1].description"


def test_a_role_said_to_edit_its_own_but_editing_all(clean: dict[str, Any],
                                                     bank: Questionnaire) -> None:
    notes = "La direction ne modifie que les fiches de son équipe."
    roles = copy.deepcopy(ROLES)
    data = edit(clean, technical__roles=roles, technical__rights_notes=notes)
    [found] = rule(data, bank, "rights_text")
    assert found.related == ("technical.roles[2].scope",)
    roles[2]["scope"], roles[2]["read_scope"] = "team", "all"
    assert rule(edit(data, technical__roles=roles), bank, "rights_text") == []


def test_deletion_reserved_to_administrators(clean: dict[str, Any], bank: Questionnaire) -> None:
    roles = copy.deepcopy(ROLES)
    roles[2]["permissions"].append("delete")
    notes = "Aucun utilisateur hors administrateurs ne peut supprimer un compte."
    data = edit(clean, technical__roles=roles, technical__rights_notes=notes)
    [found] = rule(data, bank, "rights_text")
    assert found.related == ("technical.roles[2].permissions",) and found.term == "Direction"
    assert rule(edit(data, technical__roles=ROLES), bank, "rights_text") == []
