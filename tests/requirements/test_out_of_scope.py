"""A "won't" requirement reads as out of scope, in the document and the grid: never as
something the vendor must deliver."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import load_workbook

from cdc.questionnaire import Questionnaire
from cdc.requirements import GRID_FIRST_ROW, build_requirements
from cdc.writers.xlsx import grid_bytes
from tests.requirements.helpers import answers


def wont(*ids: str) -> dict[str, Any]:
    data = answers()
    data["mapping"]["requirement_changes"] = [
        {"id": rid, "action": "reprioritise", "priority": "wont"} for rid in ids]
    return data


def by_id(data: dict[str, Any], bank: Questionnaire, lang: str) -> dict[str, Any]:
    return {r.id: r for r in build_requirements(data, bank, lang)}


def test_a_wont_requirement_says_it_is_not_asked_for(bank: Questionnaire) -> None:
    before = by_id(answers(), bank, "fr")
    after = by_id(wont("CON-003", "NFR-006"), bank, "fr")
    con = after["CON-003"]
    assert before["CON-003"].statement.startswith("Le CRM doit signaler")
    assert con.statement.startswith("Hors périmètre de ce projet\u00a0: le CRM n'a pas à "
                                    "signaler")
    assert " doit " not in con.statement
    assert con.statement.endswith(before["CON-003"].statement[len("Le CRM doit signaler"):])
    assert con.acceptance_criterion == "Sans objet\u00a0: hors périmètre de ce projet."
    assert not con.eliminatory
    # a plural subject keeps its agreement
    assert after["NFR-006"].statement.startswith(
        "Hors périmètre de ce projet\u00a0: les données n'ont pas à être chiffrées")
    # the others are untouched
    assert after["CON-001"].statement == before["CON-001"].statement


def test_english_wont(bank: Questionnaire) -> None:
    con = by_id(wont("CON-003"), bank, "en")["CON-003"]
    assert con.statement.startswith("Out of this project's scope: the CRM need not flag")
    assert " shall " not in con.statement
    assert con.acceptance_criterion == "Not applicable: out of this project's scope."


def test_a_negative_statement_keeps_its_verb(bank: Questionnaire) -> None:
    data = answers()
    data["mapping"]["custom_requirements"].append(
        {"module": "contacts", "statement": "Le CRM ne doit pas proposer de portail client.",
         "priority": "wont"})
    own = [r for r in build_requirements(data, bank, "fr") if r.priority == "wont"]
    assert [r.statement for r in own] == [
        "Hors périmètre de ce projet\u00a0: le CRM ne doit pas proposer de portail client."]


def test_the_grid_reads_out_of_scope_too(bank: Questionnaire) -> None:
    data = wont("CON-003")
    ws = load_workbook(io.BytesIO(grid_bytes(data, bank, "fr")))["Grille"]
    row = next(r for r in ws.iter_rows(min_row=GRID_FIRST_ROW, values_only=True)
               if r[0] == "CON-003")
    assert row[2].startswith("Hors périmètre de ce projet")
    assert row[3] == "Hors périmètre" and row[4] == "Non"
    assert row[5] == "Sans objet\u00a0: hors périmètre de ce projet."
