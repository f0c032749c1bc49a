"""Non-functional requirements that agree with the answers and with each other: MFA under
single sign-on, the depth of history, SecNumCloud as a qualification, the incident response
within the support hours, the hosting place as part 4 says it."""

from __future__ import annotations

from typing import Any

import pytest

from cdc.questionnaire import Questionnaire
from cdc.render import build_document
from cdc.requirements import build_requirements
from cdc.spec import build_spec
from cdc.writers.markdown import render
from tests.requirements.helpers import answers


def nfr(data: dict[str, Any], bank: Questionnaire, lang: str = "fr") -> dict[str, Any]:
    return {r.id: r for r in build_requirements(data, bank, lang) if r.id.startswith("NFR-")}


def technical(**values: Any) -> dict[str, Any]:
    data = answers()
    for key, value in values.items():
        if value is None:
            data["technical"].pop(key, None)
        else:
            data["technical"][key] = value
    return data


def test_mfa_under_sso_is_the_identity_providers_or_the_crms(bank: Questionnaire) -> None:
    """With SSO the CRM never sees a password: the requirement asks for a second factor
    enforced by the identity provider or by the CRM, and no local account escaping it."""
    data = technical(mfa_scope="everyone")
    mfa = nfr(data, bank)["NFR-005"]
    assert not mfa.statement.startswith("Le CRM doit exiger")
    assert "par le CRM ou par le fournisseur d'identité, Microsoft Entra ID" in mfa.statement
    assert "aucun compte local du CRM" in mfa.statement
    assert "seul mot de passe" not in mfa.acceptance_criterion
    assert "sans second facteur est refusée" in mfa.acceptance_criterion
    assert "technical.sso_required" in mfa.source
    english = nfr(data, bank, "en")["NFR-005"]
    assert "enforced by the CRM or by the identity provider, Microsoft Entra ID" in \
        english.statement
    # without single sign-on, the CRM itself checks the password and the second factor
    alone = nfr(technical(mfa_scope="everyone", sso_required=False), bank)["NFR-005"]
    assert alone.statement.startswith("Le CRM doit exiger une authentification à plusieurs")
    assert "seul mot de passe est refusée" in alone.acceptance_criterion
    assert "fournisseur d'identité" not in alone.statement


@pytest.mark.parametrize(("years", "fr", "en"), [
    (4, "les 4 dernières années", "the last 4 years"),
    (1, "la dernière année", "the last year"),
])
def test_history_says_the_years_the_answers_give(bank: Questionnaire, years: int, fr: str,
                                                 en: str) -> None:
    data = technical(history_years=years)
    history = nfr(data, bank)["NFR-022"]
    assert fr in history.statement and fr.split(" ", 1)[1] in history.acceptance_criterion
    assert "tickets" not in history.statement and "devis" not in history.statement
    assert en in nfr(data, bank, "en")["NFR-022"].statement
    assert "NFR-022" not in nfr(technical(history_years=0), bank)


def test_secnumcloud_is_a_qualification(bank: Questionnaire) -> None:
    listed = nfr(technical(certifications=["iso27001", "secnumcloud"],
                           secnumcloud_required=False), bank)["NFR-008"]
    assert listed.statement == ("Le prestataire doit détenir la certification ISO/IEC 27001 et la "
                                "qualification SecNumCloud de l'ANSSI couvrant le service "
                                "proposé.")
    assert "qualification" in listed.acceptance_criterion
    english = nfr(technical(certifications=["secnumcloud"], secnumcloud_required=False), bank,
                  "en")["NFR-008"]
    assert english.statement == ("The vendor shall hold the ANSSI SecNumCloud qualification "
                                 "covering the service offered.")
    # required for the hosting (NFR-003), it is not asked twice
    required = nfr(technical(certifications=["iso27001", "secnumcloud"],
                             secnumcloud_required=True), bank)
    assert "SecNumCloud" not in required["NFR-008"].statement
    assert "qualifié SecNumCloud" in required["NFR-003"].statement
    only = nfr(technical(certifications=["secnumcloud"], secnumcloud_required=True), bank)
    assert "NFR-008" not in only and "NFR-003" in only


def test_incident_response_runs_within_the_support_hours(bank: Questionnaire) -> None:
    office = nfr(technical(support_hours="business_hours"), bank)["NFR-019"]
    assert "4 heures au plus, délai décompté pendant les horaires du support (du lundi au " \
           "vendredi de 9 h à 18 h" in office.statement
    assert "24 h sur 24" not in office.statement
    always = nfr(technical(support_hours="always"), bank)["NFR-019"]
    assert always.statement.endswith("en 4 heures au plus, 24 h sur 24, 7 jours sur 7.")
    unknown = nfr(technical(support_hours=None), bank)["NFR-019"]
    assert "horaires du support fixés au contrat" in unknown.statement
    assert "7 jours sur 7" not in unknown.statement
    english = nfr(technical(support_hours="extended"), bank, "en")["NFR-019"]
    assert "counted within the support hours (Monday to Saturday, 8 am to 8 pm" in \
        english.statement


@pytest.mark.parametrize(("lang", "place", "not_written"), [
    ("fr", "dans l'UE/EEE", "Union européenne"), ("en", "in the EU/EEA", "European Union")])
def test_the_hosting_place_is_the_same_in_part_4_and_nfr_002(
        bank: Questionnaire, lang: str, place: str, not_written: str) -> None:
    data = technical(hosting_location="eu")
    hosting = nfr(data, bank, lang)["NFR-002"]
    assert place in hosting.statement and place in hosting.acceptance_criterion
    markdown = render(build_document(build_spec(data, bank, lang))).replace("’", "'")
    part4 = markdown[markdown.index("\n# 4 "):markdown.index("\n# 5 ")]
    narrative = part4[:part4.index("\n## ", part4.index("\n## ") + 1)]
    assert place in narrative
    assert not_written not in narrative and not_written not in hosting.statement
    france = nfr(technical(hosting_location="france"), bank, lang)["NFR-002"]
    assert ("en France" if lang == "fr" else "in France") in france.statement


@pytest.mark.parametrize(("lang", "sentence"), [
    ("fr", "Aucune localisation n'est imposée aux données"),
    ("en", "No location is imposed on the data")])
def test_no_location_constraint_is_not_a_must(bank: Questionnaire, lang: str,
                                              sentence: str) -> None:
    data = technical(hosting_location="anywhere")
    assert "NFR-002" not in nfr(data, bank, lang)
    markdown = render(build_document(build_spec(data, bank, lang))).replace("’", "'")
    part4 = markdown[markdown.index("\n# 4 "):markdown.index("\n# 5 ")]
    assert sentence in part4
    assert "hébergées sans contrainte" not in part4 and "hosted with no location" not in part4
