"""The catalogue's answer-dependent keys are checked when it loads; the condition language they
use is the bank's; the words taken from the answers contract and agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from cdc.answers import condition_evidence, condition_holds
from cdc.catalogue import read_catalogue
from cdc.errors import CdcError
from cdc.questionnaire import Condition, Questionnaire, condition_problems
from cdc.wording import Answers, contract, fill, quantity

ENTRY = """module: loyalty
prefix: LOY
requirements:
  - id: LOY-001
    priority: should
    verification: test
    statement: {{fr: Le CRM doit faire, en: The CRM shall do}}
    acceptance: {{fr: Faire, en: Do}}
{extra}"""


def problems(tmp_path: Path, bank: Questionnaire, extra: str) -> list[str]:
    (tmp_path / "loyalty.yaml").write_text(ENTRY.format(extra=extra), encoding="utf-8")
    with pytest.raises(CdcError) as info:
        read_catalogue(tmp_path, bank)
    assert all(p.location.line > 0 for p in info.value.problems)
    return [p.message for p in info.value.problems]


def test_a_sound_entry_loads(tmp_path: Path, bank: Questionnaire) -> None:
    extra = """    when: {question: loyalty_kinds, contains: points}
    capability: email_campaigns
    subject: [points]
    kept:
      statement:
        fr: "Le CRM doit alimenter {tool:email_campaigns}."
        en: "The CRM shall feed {tool:email_campaigns}."
      acceptance: {fr: Alimenter, en: Feed}
    variants:
      - when: {question: existing_tools.keeps, contains: bi}
        statement: {fr: "Le CRM doit parler {à tool:bi}.", en: "The CRM shall talk to {tool:bi}."}
    priority_when:
      - when: {question: blockers, mentions: [hors connexion]}
        priority: must
        reason: {fr: un frein, en: a blocker}
"""
    (tmp_path / "loyalty.yaml").write_text(ENTRY.format(extra=extra), encoding="utf-8")
    [entry] = read_catalogue(tmp_path, bank)["loyalty"]
    assert entry.when == Condition("loyalty_kinds", "contains", "points")
    assert entry.kept is not None and entry.capability == "email_campaigns"
    assert entry.priority_rules[0].priority == "must"


@pytest.mark.parametrize(("extra", "message"), [
    ("    when: {question: loyalty_sorts, contains: points}\n",
     "'when' names 'loyalty_sorts', which is not a question of the bank"),
    ("    when: {question: loyalty_kinds, contains: stars}\n",
     "'when' tests 'stars', not a choice of 'loyalty_kinds'"),
    ("    when: {question: existing_tools.keeps, equals: bi}\n",
     "'when' on the group field 'existing_tools.keeps' can only use contains"),
    ("    when: {question: loyalty_kinds}\n", "'when' needs exactly one of"),
    ("    capability: teleportation\n", "unknown capability 'teleportation'"),
    ("    kept: {statement: {fr: a, en: b}, acceptance: {fr: a, en: b}}\n",
     "'kept' texts need a 'capability'"),
    ("    variants: [{statement: {fr: a, en: b}}]\n", "a variant needs a 'when'"),
    ("    priority_when: [{when: {question: mobile_offline, equals: true}, priority: urgent,"
     " reason: {fr: a, en: b}}]\n", "priority 'urgent' is not must, should, could or wont"),
    ("    priority_when: [{when: {question: mobile_offline, equals: yes}, priority: must}]\n",
     "'reason' needs a French and an English text"),
    ("    subject: hors connexion\n", "'subject' must be a list of words"),
])
def test_unsound_entries_are_refused_with_the_reason(tmp_path: Path, bank: Questionnaire,
                                                     extra: str, message: str) -> None:
    found = problems(tmp_path, bank, extra)
    assert any(message in m for m in found), found


def test_placeholders_are_checked(tmp_path: Path, bank: Questionnaire) -> None:
    extra = """    variants:
      - when: {question: mobile_offline, equals: true}
        statement:
          fr: "Le CRM doit {de nowhere} et {tool:fax} et {tool}."
          en: "The CRM shall {de segment}."
"""
    found = " | ".join(problems(tmp_path, bank, extra))
    assert "unknown placeholder 'nowhere'" in found
    assert "'{tool:fax}' needs one of: email_campaigns" in found
    assert "'{tool}' needs one of" in found
    assert "only French texts contract a preposition" in found


def test_bank_conditions_accept_group_fields_and_mentions(bank: Questionnaire) -> None:
    known = bank.by_id
    assert condition_problems(Condition("existing_tools.keeps", "contains", "bi"), known) == []
    assert condition_problems(Condition("blockers", "mentions", ["hors ligne"]), known) == []
    assert condition_problems(Condition("target_markets", "not_equals", ["b2c"]), known) == []
    [(message, _)] = condition_problems(Condition("target_markets", "equals", "b2c"), known)
    assert "multiple choice" in message
    [(message, _)] = condition_problems(Condition("blockers", "mentions", []), known)
    assert "needs a word" in message


def test_group_field_and_mentions_evaluate_on_the_answers(bank: Questionnaire) -> None:
    data = {"company": {
        "existing_tools": [{"name": "Brevo", "future": "retire", "keeps": ["email_campaigns"]},
                           {"name": "3CX", "future": "keep", "keeps": ["telephony"]}],
        "blockers": [{"category": "human", "description": "Peur du changement"},
                     {"category": "technological", "description": "Aucun réseau, HORS-LIGNE"}]}}
    kept = Condition("existing_tools.keeps", "contains", "telephony")
    assert condition_holds(kept, data, bank)
    [evidence] = condition_evidence(kept, data, bank)
    assert (evidence.path, evidence.label) == ("company.existing_tools[1].keeps",
                                               "company.existing_tools[2]")
    # the field applies only to tools that stay: a retired tool keeps nothing
    assert not condition_holds(Condition("existing_tools.keeps", "contains", "email_campaigns"),
                               data, bank)
    offline = Condition("blockers", "mentions", ["hors ligne"])
    [evidence] = condition_evidence(offline, data, bank)
    assert evidence.path == "company.blockers[1].description"
    assert evidence.text == "Aucun réseau, HORS-LIGNE"
    assert not condition_holds(Condition("blockers", "mentions", ["ligne de crédit"]), data, bank)
    assert condition_evidence(Condition("blockers", "mentions", ["grève"]), data, bank) == []


def test_french_prepositions_and_agreement() -> None:
    assert contract("de", "le directeur commercial") == "du directeur commercial"
    assert contract("de", "les responsables") == "des responsables"
    assert contract("de", "la direction") == "de la direction"
    assert contract("de", "un segment") == "d'un segment"
    assert contract("de", "Éric Martin") == "d'Éric Martin"
    assert contract("de", "Brevo") == "de Brevo"
    assert contract("à", "le directeur") == "au directeur"
    assert contract("à", "les agences") == "aux agences"
    assert contract("à", "Sage 100") == "à Sage 100"
    assert quantity(1, "fr", "heure ouvrée", "working hour") == "1 heure ouvrée"
    assert quantity(48, "fr", "heure ouvrée", "working hour") == "48 heures ouvrées"
    assert quantity(1, "en", "jour", "day") == "1 day"
    assert quantity(31000, "fr", "fiche", "record") == "31\u202f000 fiches"
    assert quantity(31000, "en", "fiche", "record") == "31,000 records"


def test_fill_uses_answers_then_fallbacks(bank: Questionnaire) -> None:
    answers = Answers({"mapping": {"quote_approver": "le directeur commercial"}}, bank)
    text, sources = fill("Validation {de approver} ; {tool:telephony}.", answers, "fr")
    assert text == "Validation du directeur commercial\u202f; la téléphonie de l'entreprise."
    assert sources == ("mapping.quote_approver",)
    text, sources = fill("Approval by {approver}.", None, "en")
    assert (text, sources) == ("Approval by the designated manager.", ())


def test_answers_stay_text_inside_requirement_texts(bank: Questionnaire) -> None:
    """A placeholder typed in an answer is not filled again: answers never become wording code."""
    from cdc.requirements import build_requirements

    data = {"mapping": {"crm_modules": ["quotes"], "quote_approver": "{de segment} **Zoé**",
                        "quote_approval_amount": 15},
            "technical": {"sso_required": True, "identity_provider": "{tool:bi}"}}
    got = {r.id: r for r in build_requirements(data, bank, "fr")}
    assert "la validation de {de segment} **Zoé** tout devis" in got["QUO-003"].statement
    assert "le fournisseur d'identité est {tool:bi}" in got["NFR-004"].statement
