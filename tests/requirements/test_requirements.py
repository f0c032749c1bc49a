"""Requirements: catalogue, stable ids, the user's changes, non-functional rules, checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from cdc.errors import CdcError
from cdc.questionnaire import Questionnaire
from cdc.requirements import (
    NFR_IDS,
    NFR_MODULE,
    PREFIXES,
    Requirement,
    build_requirements,
    by_module,
    check_requirements,
    fingerprint,
    load_catalogue,
    summary,
)
from tests.requirements.helpers import answers, ids

MODULES = ("contacts", "leads", "opportunities", "quotes", "campaigns", "service", "loyalty",
           "activities", "documents", "reporting", "mobile", "workflows", "portal")


def by_id(reqs: list[Requirement]) -> dict[str, Requirement]:
    return {r.id: r for r in reqs}


def test_catalogue_covers_every_module_with_fixed_ids(bank: Questionnaire) -> None:
    catalogue = load_catalogue()
    assert set(catalogue) == set(MODULES)
    assert set(MODULES) == set(bank.by_id["crm_modules"].choice_values())
    for module, entries in catalogue.items():
        assert 6 <= len(entries) <= 10, module
        prefix = PREFIXES[module]
        assert [e.id for e in entries] == [f"{prefix}-{n:03d}" for n in range(1, len(entries) + 1)]
        for e in entries:
            assert e.statement.fr.startswith(("Le CRM doit", "L'application mobile doit",
                                              "Le portail doit")), e.id
            assert " shall " in e.statement.en, e.id
            assert e.acceptance.fr and e.acceptance.en
            assert e.verification in ("demonstration", "test", "inspection", "analysis")
            assert e.priority in ("must", "should", "could")
            assert " :" not in e.statement.fr and " ;" not in e.acceptance.fr  # NBSP typography


def test_bad_catalogue_is_reported_with_every_problem(tmp_path: Path) -> None:
    (tmp_path / "contacts.yaml").write_text(
        "module: contacts\nprefix: CON\nrequirements:\n"
        "  - id: CON-1\n    priority: must\n    verification: test\n"
        "    statement: {fr: Le CRM doit, en: The CRM shall}\n    acceptance: {fr: a, en: b}\n"
        "  - id: CON-002\n    priority: urgent\n    verification: guess\n"
        "    statement: only French\n    acceptance: {fr: a, en: b}\n", encoding="utf-8")
    with pytest.raises(CdcError) as info:
        load_catalogue(tmp_path)
    messages = " | ".join(p.message for p in info.value.problems)
    assert "CON-1" in messages and "urgent" in messages and "guess" in messages
    assert "'statement' needs a French and an English text" in messages
    assert all(p.location.line > 0 for p in info.value.problems)


def test_build_order_sources_and_labels(bank: Questionnaire) -> None:
    reqs = build_requirements(answers(), bank, "fr")
    modules = [r.module for r in reqs]
    assert modules == sorted(modules, key=["contacts", "opportunities", "quotes", "service",
                                           "nfr"].index)
    got = by_id(reqs)
    assert got["CON-001"].source == "catalogue"
    assert got["CON-001"].priority_label == "Obligatoire"
    assert got["QUO-101"].source == "mapping.custom_requirements[1]"
    assert "LEA-001" not in got  # leads not selected
    english = build_requirements(answers(), bank, "en")
    assert ids(english) == ids(reqs)
    assert {r.priority_label for r in english} <= {"Must", "Should", "Could", "Won't"}
    assert english[0].statement.startswith("The CRM shall")
    assert build_requirements(answers(), bank, "fr") == reqs  # deterministic


def test_ids_are_stable_when_modules_and_custom_requirements_change(bank: Questionnaire) -> None:
    data = answers()
    before = by_id(build_requirements(data, bank))
    # Add a module, remove one, and add a custom requirement at the top of the list.
    data["mapping"]["crm_modules"] = ["leads", "contacts", "quotes", "service"]
    data["mapping"]["custom_requirements"].insert(0, {
        "module": "contacts", "statement": "Le CRM doit afficher le SIRET.", "priority": "must"})
    after = by_id(build_requirements(data, bank))
    for rid, req in before.items():
        if rid.startswith(("CON-0", "QUO-0", "SRV-", "NFR-")):
            assert after[rid].statement == req.statement, rid
    assert not any(r.startswith("OPP-") for r in after)
    assert "LEA-001" in after
    # Custom ids are numbered in list order per module: the new one takes CON-101 ...
    assert after["CON-101"].statement == "Le CRM doit afficher le SIRET."
    assert after["CON-102"].statement.startswith("Le CRM doit enregistrer le type")
    # ... unless the user froze the id with `ref`.
    data["mapping"]["custom_requirements"][2]["ref"] = "CON-101"
    frozen = by_id(build_requirements(data, bank))
    assert frozen["CON-101"].statement.startswith("Le CRM doit enregistrer le type")
    assert frozen["CON-102"].statement == "Le CRM doit afficher le SIRET."
    # Quotes' customs keep their numbers: removing the first renumbers only unfrozen ones.
    assert frozen["QUO-101"].statement.startswith("Le CRM doit reprendre")


def test_nfr_ids_do_not_move_when_technical_answers_change(bank: Questionnaire) -> None:
    data = answers()
    before = by_id(build_requirements(data, bank))
    del data["technical"]["sso_required"]
    del data["technical"]["hosting_mode"]
    after = by_id(build_requirements(data, bank))
    assert "NFR-004" not in after and "NFR-001" not in after
    for rid in ("NFR-002", "NFR-017", "NFR-022"):
        assert after[rid] == before[rid]
    # MFA keeps its id; without single sign-on the CRM itself enforces it
    assert "fournisseur d'identité" in before["NFR-005"].statement
    assert after["NFR-005"].statement.startswith("Le CRM doit")


def test_requirement_changes_drop_reprioritise_and_flag(bank: Questionnaire) -> None:
    got = by_id(build_requirements(answers(), bank, "fr"))
    assert "CON-008" not in got  # dropped
    opp = got["OPP-007"]
    assert (opp.priority, opp.eliminatory) == ("must", True)
    assert "requirement_changes[2]" in opp.source
    assert got["NFR-020"].priority_label == "Optionnel"
    data = answers()
    data["mapping"]["requirement_changes"] = [
        {"id": "con-001", "action": "reprioritise", "priority": "wont"},
        {"id": "SRV-002", "action": "keep", "eliminatory": True, "note": "SLA contractuels"},
    ]
    got = by_id(build_requirements(data, bank, "en"))
    con = got["CON-001"]
    assert (con.priority_label, con.eliminatory) == ("Won't", False)
    srv = got["SRV-002"]
    assert (srv.priority, srv.eliminatory, srv.note) == ("must", True, "SLA contractuels")


def test_nfr_rules_follow_the_answers(bank: Questionnaire) -> None:
    fr = by_id(build_requirements(answers(), bank, "fr"))
    assert "NFR-003" not in fr  # SecNumCloud not required
    assert "OpenID Connect" in fr["NFR-004"].statement
    assert "Microsoft Entra ID" in fr["NFR-004"].statement
    assert "99,5\u00a0%" in fr["NFR-017"].statement
    assert "24 heures" in fr["NFR-009"].statement
    assert "48\u202f000" in fr["NFR-021"].statement
    assert "Prospection des particuliers (consentement" in fr["NFR-011"].statement
    assert "3 ans après le dernier contact" in fr["NFR-012"].statement
    assert fr["NFR-002"].eliminatory and "en France" in fr["NFR-002"].statement
    data = answers()
    data["technical"] = {"secnumcloud_required": True, "certifications": ["none"],
                         "personal_data": False, "data_subject_rights": ["access"],
                         "availability_target": 99.9, "rpo_hours": 1}
    en = by_id(build_requirements(data, bank, "en"))
    assert set(r for r in en if r.startswith("NFR")) == {"NFR-003", "NFR-009", "NFR-017"}
    assert en["NFR-003"].eliminatory
    assert "99.9%" in en["NFR-017"].statement
    assert "1 hour of data" in en["NFR-009"].statement
    assert len(NFR_IDS) == len(set(NFR_IDS))


def test_open_points_generate_nothing(bank: Questionnaire) -> None:
    data = answers()
    data["technical"]["availability_target"] = {"todo": "à voir avec la DSI"}
    assert "NFR-017" not in ids(build_requirements(data, bank))


def test_check_unknown_ids_refs_and_useless_changes(bank: Questionnaire) -> None:
    data = answers()
    data["mapping"]["requirement_changes"] = [
        {"id": "CON-03", "action": "drop"},
        {"id": "LEA-002", "action": "drop"},
        {"id": "NFR-003", "action": "keep"},
        {"id": "OPP-001", "action": "reprioritise"},
        {"id": "OPP-001", "action": "keep", "priority": "could"},
    ]
    data["mapping"]["custom_requirements"][0]["ref"] = "QUO-005"
    data["mapping"]["custom_requirements"][1]["ref"] = "OPP-101"
    problems = check_requirements(data, bank, file="a.yaml")
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    assert any("unknown requirement id 'CON-03'" in p.message and "CON-003" in p.hint
               for p in errors)
    assert any("reserved for the standard catalogue" in p.message for p in errors)
    assert any("not an id of module 'contacts'" in p.message for p in errors)
    text = " | ".join(p.message for p in warnings)
    assert "module 'leads' is not selected" in text
    assert "no technical answer generates it" in text
    assert "without a new priority" in text and "changed twice" in text
    assert "only applied when the action is 'reprioritise'" in text
    assert errors[0].path.startswith("mapping.")
    assert check_requirements(answers(), bank) == []


def test_check_gives_lines_with_the_parsed_file(bank: Questionnaire, tmp_path: Path) -> None:
    from cdc.yamlsource import load

    path = tmp_path / "a.yaml"
    path.write_text("mapping:\n  crm_modules: [contacts]\n  requirement_changes:\n"
                    "    - id: CON-099\n      action: drop\n", encoding="utf-8")
    doc = load(path)
    [problem] = check_requirements(doc.data, bank, doc)
    assert problem.location.line == 4 and "CON-099" in problem.message


def test_summary_and_fingerprint(bank: Questionnaire) -> None:
    reqs = build_requirements(answers(), bank)
    rows = summary(reqs)
    assert [r.module for r in rows] == ["contacts", "opportunities", "quotes", "service", "nfr"]
    assert sum(r.total for r in rows) == len(reqs)
    quotes = rows[2]
    assert dict(quotes.counts) == {"must": 4, "should": 3, "could": 2, "wont": 0}
    assert quotes.eliminatory == 2
    assert fingerprint(reqs) == fingerprint(build_requirements(answers(), bank))
    data = answers()
    data["mapping"]["custom_requirements"][0]["statement"] += " "  # stripped: same text
    assert fingerprint(build_requirements(data, bank)) == fingerprint(reqs)
    data["mapping"]["custom_requirements"][0]["statement"] = "Autre texte."
    assert fingerprint(build_requirements(data, bank)) != fingerprint(reqs)


def test_bank_has_the_change_group_and_ref_field(bank: Questionnaire) -> None:
    group = bank.by_id["requirement_changes"]
    assert [f.id for f in group.fields] == ["id", "action", "priority", "eliminatory", "note"]
    action = group.field("action")
    assert action is not None and action.choice_values() == ["keep", "drop", "reprioritise"]
    custom = bank.by_id["custom_requirements"]
    assert custom.fields[-1].id == "ref" and not custom.fields[-1].required


def test_by_module_for_the_document_tables(bank: Questionnaire) -> None:
    reqs = build_requirements(answers(), bank, "en")
    groups = by_module(reqs)
    assert [g[0] for g in groups] == ["contacts", "opportunities", "quotes", "service", NFR_MODULE]
    assert groups[-1][1] == "Non-functional requirements"
    assert [r for _, _, rs in groups for r in rs] == reqs
