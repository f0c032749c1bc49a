"""Requirements that follow the answers: the faults of issue 12, built from a joinery maker's
answers, each corrected by the answers and reported by `cdc check` when forced back."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from cdc.catalogue import load_catalogue
from cdc.checks import Finding, check_answers
from cdc.questionnaire import Questionnaire
from cdc.requirements import Requirement, build_requirements, check_requirements
from cdc.wording import fill

ALL_MODULES = ["contacts", "leads", "opportunities", "quotes", "campaigns", "service", "loyalty",
               "activities", "documents", "reporting", "mobile", "workflows", "portal"]

# Format and standard acronyms: no place, company or product.
GENERIC = {"API", "BI", "CRM", "CSV", "HT", "OR", "OU", "PDF", "SIRET", "SMS", "STOP", "TTC",
           "TVA", "UTM", "VAT", "XLSX", "DOCX", "AND", "ET", "CSAT"}


def joinery() -> dict[str, Any]:
    """A joinery maker in the Loire valley: field sales without a network on building sites,
    newsletters kept in Mailchimp, loyalty through maintenance contracts and installers'
    referrals, MFA for administrators, Microsoft 365 as the directory, a 15 k€ quote threshold."""
    return {
        "schema_version": 1,
        "meta": {"title": "Cahier des charges CRM", "company": "Menuiseries du Val de Loire",
                 "language": "fr"},
        "company": {
            "customer_segments": [{"name": "Particuliers", "customers": 2400},
                                  {"name": "Artisans poseurs", "customers": 140}],
            "existing_tools": [
                {"name": "Mailchimp", "category": "emailing", "future": "integrate",
                 "keeps": ["email_campaigns"]},
                {"name": "Microsoft 365", "category": "other", "future": "integrate",
                 "keeps": ["email_calendar", "identity"]},
            ],
            "user_profiles": [{"profile": "Commerciaux terrain", "count": 6, "mobile": True,
                               "missions": "Métrés et devis sur chantier, souvent hors connexion"}],
            "blockers": [{"category": "technological",
                          "description": "Pas de réseau dans les caves et sur les chantiers"}],
        },
        "mapping": {
            "crm_modules": ["contacts", "opportunities", "quotes", "campaigns", "loyalty",
                            "mobile"],
            "loyalty_kinds": ["contracts", "referral"],
            "quote_approval_amount": 15,
            "quote_approver": "le directeur commercial",
        },
        "technical": {"sso_required": True, "sso_protocol": "oidc", "mfa_required": True,
                      "mfa_scope": "administrators"},
    }


def reqs(data: dict[str, Any], bank: Questionnaire, lang: str = "fr") -> dict[str, Requirement]:
    return {r.id: r for r in build_requirements(data, bank, lang)}


def findings(data: dict[str, Any], bank: Questionnaire, rule: str) -> list[Finding]:
    return [f for f in check_answers(data, bank).findings if f.rule == rule]


def change(data: dict[str, Any], **record: Any) -> dict[str, Any]:
    out = copy.deepcopy(data)
    out["mapping"].setdefault("requirement_changes", []).append(record)
    return out


def custom(data: dict[str, Any], **record: Any) -> dict[str, Any]:
    out = copy.deepcopy(data)
    out["mapping"].setdefault("custom_requirements", []).append(record)
    return out


# --------------------------------------------------------------------------- the catalogue


def _texts(entry: Any) -> list[Any]:
    texts = [entry.statement, entry.acceptance]
    for variant in (*entry.variants, *([entry.kept] if entry.kept else [])):
        texts += [t for t in (variant.statement, variant.acceptance) if t is not None]
    return texts + [rule.reason for rule in entry.priority_rules]


def _own_words(text: str) -> list[str]:
    """Digits, and capitalised words that do not start a sentence."""
    found = re.findall(r"\d+", text)
    for sentence in re.split(r"(?<=[.;:!?])\s+", text):
        found += [w for w in re.findall(r"[\w'’@-]+", sentence)[1:]
                  if any(c.isupper() for c in w) and w not in GENERIC]
    return found


def test_catalogue_names_nothing_the_answers_did_not_give(bank: Questionnaire) -> None:
    """Every text of every entry, variants and integration texts included, with the answers
    missing: no place, company, product or figure of its own."""
    catalogue = load_catalogue()
    checked = 0
    for entries in catalogue.values():
        for entry in entries:
            for text in _texts(entry):
                for lang in ("fr", "en"):
                    filled, sources = fill(text.get(lang), None, lang)
                    assert sources == ()
                    assert "{" not in filled, (entry.id, filled)
                    assert _own_words(filled) == [], (entry.id, lang, filled)
                    checked += 1
    assert checked > 400
    # the same holds for the list a company with no answer at all would get
    empty = {"mapping": {"crm_modules": ALL_MODULES}}
    for req in build_requirements(empty, bank, "fr") + build_requirements(empty, bank, "en"):
        assert _own_words(f"{req.statement} {req.acceptance_criterion}") == [], req.id
        assert req.reasons == () and req.source == "catalogue", req.id


def test_the_detector_would_see_other_companies_data() -> None:
    """The neutrality test is not blind: the old catalogue's texts fail it."""
    for old in ("Créer le segment « clients de Bretagne ayant acheté en 2025 »",
                "Avec un seuil de 15 %, un devis à 20 % de remise ne peut être envoyé.",
                "Il apparaît dans le dossier SharePoint du compte.",
                "The CRM shall expose its data to the company's BI tool (Power BI or the "
                "designated tool)."):
        assert _own_words(old)


# --------------------------------------------------------------------------- the faults


def test_offline_named_in_a_blocker_or_profile_makes_mob_offline_mandatory(
        bank: Questionnaire) -> None:
    data = joinery()
    got = reqs(data, bank)
    assert got["MOB-002"].priority == "must"
    assert got["MOB-003"].priority == "must"
    [why] = got["MOB-002"].reasons
    assert why.startswith("Obligatoire\u00a0: un frein au projet cite le travail sans réseau")
    assert "company.blockers[1]" in why and "Pas de réseau dans les caves" in why
    assert "company.blockers[1]" in got["MOB-002"].source
    # named only in a user profile
    del data["company"]["blockers"]
    got = reqs(data, bank)
    assert got["MOB-002"].priority == "must" and "company.user_profiles[1]" in got["MOB-002"].source
    # an explicit "no" lowers it, and leaves the conflicts requirement out
    data["company"]["user_profiles"][0]["missions"] = "Devis en agence"
    data["mapping"]["mobile_offline"] = False
    got = reqs(data, bank, "en")
    assert got["MOB-002"].priority == "could" and "MOB-003" not in got
    assert "working without a connection is not needed" in got["MOB-002"].reasons[0]


def test_offline_forced_back_or_restated_higher_is_reported(bank: Questionnaire) -> None:
    lowered = change(joinery(), id="MOB-002", action="reprioritise", priority="should")
    assert reqs(lowered, bank)["MOB-002"].priority == "should"  # the user has the last word
    [found] = findings(lowered, bank, "requirement_priority_against_answers")
    assert found.path == "mapping.requirement_changes[0]" and found.severity == "error"
    assert found.related == ("company.blockers[0].description",)
    assert found.requirements == ("MOB-002",)
    assert "Obligatoire" in found.message and "Souhaité" in found.message
    mine = custom(joinery(), module="mobile", priority="must", eliminatory=True,
                  statement="L'application mobile doit fonctionner hors connexion sur les "
                            "chantiers.")
    [found] = findings(mine, bank, "custom_contradicts_catalogue")
    assert found.requirements == ("MOB-101", "MOB-002")
    assert found.path == "mapping.custom_requirements[0].statement"
    assert "Obligatoire, éliminatoire" in found.message
    # the same priority is a duplicate, not a contradiction; a lower one is a refinement
    same = custom(joinery(), module="mobile", priority="must",
                  statement="L'application mobile doit fonctionner hors connexion.")
    assert findings(same, bank, "custom_contradicts_catalogue") == []
    assert [f.severity for f in findings(same, bank, "custom_duplicates_catalogue")] == [
        "warning"]
    lower = custom(joinery(), module="mobile", priority="should",
                   statement="L'application mobile doit synchroniser hors connexion en 4G.")
    assert findings(lower, bank, "custom_contradicts_catalogue") == []
    assert findings(lower, bank, "custom_duplicates_catalogue") == []


def test_campaigns_kept_in_mailchimp_become_integrations_by_name(bank: Questionnaire) -> None:
    got = reqs(joinery(), bank)
    cam = got["CAM-003"]
    assert "envoyer des campagnes" not in cam.statement
    assert cam.statement.startswith("Le CRM doit alimenter Mailchimp avec ses segments")
    assert "Mailchimp" in cam.acceptance_criterion and "company.existing_tools[1]" in cam.source
    assert "à Mailchimp" in got["CAM-002"].statement
    assert "envoyées par Mailchimp" in got["CAM-004"].statement
    # without the tool, the CRM sends them itself
    data = joinery()
    data["company"]["existing_tools"][0]["future"] = "retire"
    assert reqs(data, bank)["CAM-003"].statement.startswith(
        "Le CRM doit envoyer des campagnes e-mail")


def test_campaigns_forced_back_are_reported(bank: Questionnaire) -> None:
    own = custom(joinery(), module="campaigns", priority="must",
                 statement="Le CRM doit envoyer la newsletter mensuelle aux particuliers.")
    [found] = findings(own, bank, "custom_capability_excluded")
    assert found.related == ("company.existing_tools[0].keeps",)
    assert "Mailchimp" in found.message and found.requirements == ("CAM-101",)
    # naming the tool makes it an integration: no finding
    fine = custom(joinery(), module="campaigns", priority="must",
                  statement="Le CRM doit reporter chaque désinscription de la newsletter "
                            "enregistrée dans Mailchimp.")
    assert findings(fine, bank, "custom_capability_excluded") == []
    # a capability out of scope makes the entry won't; a change bringing it back is reported
    data = joinery()
    data["mapping"]["out_of_scope_capabilities"] = ["sms_campaigns"]
    assert reqs(data, bank)["CAM-007"].priority == "wont"
    assert "exclue du projet" in reqs(data, bank)["CAM-007"].reasons[0]
    forced = change(data, id="CAM-007", action="reprioritise", priority="must")
    assert reqs(forced, bank)["CAM-007"].priority == "must"
    [found] = findings(forced, bank, "requirement_capability_excluded")
    assert found.related == ("mapping.out_of_scope_capabilities",)
    assert found.requirements == ("CAM-007",)
    assert findings(data, bank, "requirement_capability_excluded") == []


def test_loyalty_follows_the_kinds_of_scheme(bank: Questionnaire) -> None:
    got = reqs(joinery(), bank)
    loyalty = {rid: r for rid, r in got.items() if rid.startswith("LOY-")}
    assert set(loyalty) == {"LOY-006", "LOY-007", "LOY-008"}
    text = " ".join(f"{r.statement} {r.acceptance_criterion}" for r in loyalty.values())
    assert "points" not in text and " Or " not in text and "niveau Or" not in text
    assert "contrats d'entretien" in loyalty["LOY-007"].statement
    assert "apporteur" in loyalty["LOY-008"].statement
    data = joinery()
    data["mapping"]["loyalty_kinds"] = ["points", "tiers"]
    got = reqs(data, bank)
    assert {"LOY-001", "LOY-002", "LOY-003", "LOY-004"} <= set(got)
    assert "son niveau" in got["LOY-002"].statement  # the tiers variant
    assert "LOY-005" not in got and "LOY-007" not in got


def test_loyalty_forced_back_is_reported(bank: Questionnaire) -> None:
    forced = change(joinery(), id="LOY-003", action="keep")
    got = reqs(forced, bank)
    assert "LOY-003" in got  # the user has the last word
    assert "bien que sa condition ne soit pas remplie" in got["LOY-003"].reasons[-1]
    assert check_requirements(forced, bank) == []  # the change takes effect: no validate warning
    [found] = findings(forced, bank, "requirement_excluded_kept")
    assert found.related == ("mapping.loyalty_kinds",) and found.requirements == ("LOY-003",)
    assert "« Niveaux de statut selon les achats »" in found.message.replace("\u00a0", " ")
    # dropping an entry the answers already leave out has no effect: validate says so
    dropped = change(joinery(), id="LOY-003", action="drop")
    [problem] = check_requirements(dropped, bank)
    assert "condition on mapping.loyalty_kinds does not hold" in problem.message


def test_mfa_states_the_scope_answered(bank: Questionnaire) -> None:
    got = reqs(joinery(), bank)
    nfr = got["NFR-005"].statement
    assert "administrateur" in nfr and "utilisateur interne" not in nfr and "tout" not in nfr
    assert "technical.mfa_scope" in got["NFR-005"].source
    data = joinery()
    del data["technical"]["mfa_scope"]
    assert "par rôle d'utilisateur" in reqs(data, bank)["NFR-005"].statement
    [found] = findings(data, bank, "mfa_scope_missing")
    assert found.requirements == ("NFR-005",)
    data["technical"]["mfa_scope"] = "everyone"
    assert "tout utilisateur" in reqs(data, bank)["NFR-005"].statement


def test_mfa_restated_broader_is_reported(bank: Questionnaire) -> None:
    broader = custom(joinery(), module="other", priority="must",
                     statement="Le CRM doit exiger la double authentification pour tous les "
                               "utilisateurs.")
    [found] = findings(broader, bank, "nfr_scope_differs")
    assert "plus large" in found.message and found.related == ("technical.mfa_scope",)
    assert found.requirements == ("GEN-101", "NFR-005")
    same = custom(joinery(), module="other", priority="must",
                  statement="Le CRM doit exiger la double authentification des administrateurs.")
    assert findings(same, bank, "nfr_scope_differs") == []
    data = joinery()
    data["technical"]["mfa_scope"] = "everyone"
    narrower = custom(data, module="other", priority="must",
                      statement="Le CRM doit exiger le MFA pour les administrateurs.")
    [found] = findings(narrower, bank, "nfr_scope_differs")
    assert "plus étroite" in found.message


def test_sso_names_the_known_identity_provider(bank: Questionnaire) -> None:
    got = reqs(joinery(), bank)
    assert "le fournisseur d'identité est Microsoft 365" in got["NFR-004"].statement
    assert "compte d'entreprise, géré dans Microsoft 365," in got["NFR-004"].acceptance_criterion
    assert "company.existing_tools[2]" in got["NFR-004"].source
    other = custom(joinery(), module="other", priority="must",
                   statement="Le CRM doit proposer le SSO avec Okta.")
    [found] = findings(other, bank, "nfr_scope_differs")
    assert found.related == ("company.existing_tools[1].keeps",) and "okta" in found.message


def test_quote_approval_uses_the_stated_threshold_and_approver(bank: Questionnaire) -> None:
    got = reqs(joinery(), bank)
    quo = got["QUO-003"]
    assert quo.statement == ("Le CRM doit soumettre à la validation du directeur commercial tout "
                             "devis dont le montant dépasse 15\u202f000\u00a0€ HT.")
    assert "remise" not in quo.statement and "%" not in quo.acceptance_criterion
    assert "mapping.quote_approval_amount" in quo.source
    data = joinery()
    data["mapping"]["quote_approval_discount"] = 12.5
    data["mapping"]["quote_approver"] = "the sales director"
    english = reqs(data, bank, "en")["QUO-003"].statement
    assert english == ("The CRM shall submit any quote whose amount exceeds €15,000 excluding "
                       "VAT or whose discount exceeds 12.5% to the sales director for approval.")
    stricter = custom(joinery(), module="quotes", priority="must", eliminatory=True,
                      statement="Le CRM doit bloquer l'envoi sans validation des devis au-delà "
                                "d'un seuil de remise de 10 %.")
    [found] = findings(stricter, bank, "custom_contradicts_catalogue")
    assert found.requirements == ("QUO-101", "QUO-003")


def test_campaign_test_targets_this_company_segment(bank: Questionnaire) -> None:
    cam = reqs(joinery(), bank)["CAM-001"]
    assert "contacts du segment Particuliers ayant une activité" in cam.acceptance_criterion
    assert "Bretagne" not in cam.acceptance_criterion
    data = joinery()
    del data["company"]["customer_segments"]
    assert "contacts d'un segment de clientèle" in reqs(data, bank)["CAM-001"].acceptance_criterion


def test_reasons_stay_out_of_the_vendor_documents(bank: Questionnaire, tmp_path: Path) -> None:
    """Reasons may quote internal answers: the grid and the current document do not print them."""
    openpyxl = pytest.importorskip("openpyxl")
    from cdc.render import render_file

    data = joinery()
    data["company"]["blockers"][0]["description"] = (
        "Pas de réseau sur les chantiers, selon Jean-Marc Rivière")
    source = tmp_path / "joinery.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    render_file(source, "xlsx,md", out)
    book = openpyxl.load_workbook(next(out.glob("*.xlsx")), read_only=True)
    cells = " ".join(str(c) for sheet in book.worksheets
                     for row in sheet.iter_rows(values_only=True) for c in row if c)
    book.close()
    markdown = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert "MOB-002" in cells and "MOB-002" in markdown
    for text in (cells, markdown):
        assert "cite le travail sans réseau" not in text and "requirement_changes" not in text
    assert "Rivière" not in cells


@pytest.mark.parametrize(("lang", "name", "expected"), [
    ("fr", "le Département du Loiret", ("du Département du Loiret", "au Département du Loiret")),
    ("fr", "l'Agence régionale", ("de l'Agence régionale", "à l'Agence régionale")),
    ("en", "the Regional Agency", ("the Regional Agency's", "the Regional Agency")),
])
def test_requirements_name_the_buyer_as_the_answers_do(bank: Questionnaire, lang: str, name: str,
                                                       expected: tuple[str, ...]) -> None:
    """A public body names itself in a sentence (meta.company_in_text): the requirements that
    speak of the buyer ('le site web de l'entreprise', 'notifier à l'entreprise') use that name,
    contracted; those about a customer's company do not change."""
    data = joinery()
    data["meta"]["language"] = lang
    data["technical"].update(hosting_mode="private_cloud", breach_notification_hours=24,
                             ai_training_allowed=False)
    data["mapping"]["crm_modules"].append("leads")
    generic = {i: r.statement for i, r in reqs(data, bank, lang).items()}
    data["meta"]["company_in_text"] = name
    named = {i: r.statement for i, r in reqs(data, bank, lang).items()}
    assert generic.keys() == named.keys()
    changed = [i for i in generic if generic[i] != named[i]]
    assert len(changed) >= 4, changed  # quotes, hosting, breach, data reuse at least
    for i in changed:
        assert any(e in named[i] for e in expected), named[i]
        assert "de le " not in named[i] and "à le " not in named[i], named[i]
    word = "l'entreprise" if lang == "fr" else "the company"
    assert not [i for i in changed if word in named[i]]
