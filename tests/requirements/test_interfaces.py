"""Interface requirements: each interface of part 3 is a numbered requirement (INT-nnn) saying
what flows, in which direction, how often and with which tool, in the document and the grid."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from cdc.interfaces import is_crm
from cdc.questionnaire import Questionnaire
from cdc.requirements import GRID_FIRST_ROW, build_requirements, summary
from cdc.writers.xlsx import grid_bytes
from tests.requirements.helpers import answers

SAGE = {"name": "Comptes et factures", "source": "Sage 100", "target": "CRM",
        "direction": "inbound", "frequency": "daily", "method": "connector",
        "data": "Comptes clients, encours et factures", "format": "CSV nocturne"}
BREVO = {"name": "Campagnes", "source": "CRM", "target": "Brevo", "direction": "bidirectional",
         "frequency": "hourly", "method": "api", "data": "Segments ; désinscriptions en retour"}
POWER_BI = {"name": "Indicateurs", "source": "CRM", "target": "Power BI",
            "direction": "outbound", "frequency": "on_demand", "method": "file",
            "target_method": "api", "data": "Affaires et devis"}


def with_interfaces(*records: dict[str, Any]) -> dict[str, Any]:
    data = answers()
    data["mapping"]["interfaces"] = [dict(r) for r in records]
    return data


def interfaces(data: dict[str, Any], bank: Questionnaire, lang: str = "fr") -> list[Any]:
    return [r for r in build_requirements(data, bank, lang) if r.id.startswith("INT-")]


def test_each_interface_is_a_requirement_saying_what_flows_where_and_how_often(
        bank: Questionnaire) -> None:
    sage, brevo, power_bi = interfaces(with_interfaces(SAGE, BREVO, POWER_BI), bank)
    assert [sage.id, brevo.id, power_bi.id] == ["INT-001", "INT-002", "INT-003"]
    assert all(r.module == "interfaces" and r.priority == "must" for r in (sage, brevo, power_bi))
    assert "le CRM doit recevoir des données depuis Sage 100 chaque jour" in sage.statement
    assert "par un connecteur standard du CRM" in sage.statement
    assert "Données\u00a0: Comptes clients, encours et factures." in sage.statement  # as written
    assert "apparaît dans le CRM le lendemain matin" in sage.acceptance_criterion
    assert "dans les deux sens avec Brevo toutes les heures" in brevo.statement
    assert "dans l'autre outil dans l'heure" in brevo.acceptance_criterion
    assert "le CRM doit envoyer des données vers Power BI à la demande" in power_bi.statement
    assert "par échange de fichiers au démarrage, puis par API" in power_bi.statement
    assert "un utilisateur sans ce droit ne peut pas le lancer" in power_bi.acceptance_criterion
    assert sage.source == "mapping.interfaces[1]"


def test_english_interfaces(bank: Questionnaire) -> None:
    sage, brevo = interfaces(with_interfaces(SAGE, BREVO), bank, "en")
    assert "the CRM shall receive data from Sage 100 every day" in sage.statement
    assert "by the next morning" in sage.acceptance_criterion
    assert "the CRM shall exchange data in both directions with Brevo every hour, through an " \
           "API" in brevo.statement
    assert sage.priority_label == "Must"


def test_ids_follow_the_rows_of_the_table(bank: Questionnaire) -> None:
    """An empty row keeps its number: INT-003 is the third interface whatever the second holds,
    so that a vendor's answer keeps meaning the same interface."""
    found = interfaces(with_interfaces(SAGE, {"frequency": "daily"}, BREVO), bank)
    assert [r.id for r in found] == ["INT-001", "INT-003"]
    assert "Brevo" in found[1].statement
    assert interfaces(with_interfaces(), bank) == []


def test_without_a_direction_the_data_goes_from_source_to_target(bank: Questionnaire) -> None:
    """No direction answered: nothing says "both ways"; the source sends, the target receives."""
    inbound = {k: v for k, v in SAGE.items() if k != "direction"}
    outbound = {k: v for k, v in POWER_BI.items() if k != "direction"}
    received, sent = interfaces(with_interfaces(inbound, outbound), bank)
    assert "le CRM doit recevoir des données depuis Sage 100" in received.statement
    assert "le CRM doit envoyer des données vers Power BI" in sent.statement
    assert "deux sens" not in received.statement + sent.statement


def test_an_old_crm_is_a_tool_like_any_other() -> None:
    assert is_crm("CRM") and is_crm("le nouveau CRM")
    assert not is_crm("Ancien CRM GRC-Pro") and not is_crm("Sage 100")


def test_interfaces_are_in_the_grid_and_the_summary(bank: Questionnaire) -> None:
    data = with_interfaces(SAGE, BREVO)
    reqs = build_requirements(data, bank, "fr")
    row = next(r for r in summary(reqs) if r.module == "interfaces")
    assert row.module_label == "Interfaces" and row.counts["must"] == 2
    ws = load_workbook(io.BytesIO(grid_bytes(data, bank, "fr")))["Grille"]
    grid = {row[0]: row for row in ws.iter_rows(min_row=GRID_FIRST_ROW, values_only=True)
            if row[0]}
    assert grid["INT-001"][1] == "Interfaces"
    assert grid["INT-001"][2] == next(r.statement for r in reqs if r.id == "INT-001")
    assert grid["INT-002"][3] == "Obligatoire"


@pytest.mark.parametrize("action", ["reprioritise", "drop"])
def test_a_change_applies_to_an_interface(bank: Questionnaire, action: str) -> None:
    data = with_interfaces(SAGE, BREVO)
    data["mapping"]["requirement_changes"] = [
        {"id": "INT-002", "action": action, "priority": "could" if action != "drop" else None}]
    found = {r.id: r for r in interfaces(data, bank)}
    if action == "drop":
        assert list(found) == ["INT-001"]
    else:
        assert found["INT-002"].priority == "could"
