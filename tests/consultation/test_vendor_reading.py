"""Chapter 7 and annex C as the vendor who must answer and price them reads them: scenarios that
cite their requirements and their users by role, approvers said grammatically and by role,
the contract's term and the pricing period from the answers, English that reads natively."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from cdc.consultation import scenarios
from cdc.language import in_words, to_role
from cdc.questionnaire import Questionnaire
from cdc.render import build_document, load_spec
from cdc.requirements import build_requirements
from cdc.scenario_roles import approver, roles_of_people
from cdc.spec.consultation import contract_term, tco_period
from cdc.writers.markdown import render
from tests.conftest import ROOT
from tests.render.helpers import dump


def example(name: str) -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "examples" / f"{name}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return copy.deepcopy(data)


def markdown_of(data: dict[str, Any], tmp_path: Path) -> str:
    path = dump(data, tmp_path / "answers.yaml")
    return render(build_document(load_spec(path, edition="vendor")))


def chapter_7(markdown: str) -> str:
    return markdown.split("\n# 7 ")[1].split("\n# ")[0]


def annex_c(markdown: str) -> str:
    return markdown.split("– Scénarios de démonstration")[-1].split(
        "– Demonstration scenarios")[-1].split("\n# ")[0]


def by_id(data: dict[str, Any], bank: Questionnaire, lang: str) -> dict[str, Any]:
    reqs = build_requirements(data, bank, lang)
    return {s.id: s for s in scenarios(data, bank, lang, reqs)}


# --------------------------------------------------------------------------- point 1


def test_approvers_are_roles_with_their_article(tmp_path: Path) -> None:
    annex = annex_c(markdown_of(example("industrie-b2b"), tmp_path))
    assert "est soumise au responsable des ventes sédentaires, qui la valide ou la refuse" \
        in annex
    # A name alone takes the role its owner has among the respondents.
    assert "soumise au directeur commercial, puis à la directrice générale au-delà de " \
        "150 k€ HT" in annex
    assert "soumise au DAF" in annex
    for name in ("Paul Chabert", "Sarah Lefebvre", "Anne-Sophie Reynaud", "Émilie Garcia"):
        assert name not in annex
    assert "soumise à Responsable" not in annex and "soumise à Paul" not in annex


def test_a_flow_without_approval_says_so(tmp_path: Path, bank: Questionnaire) -> None:
    found = by_id(example("retail-b2c"), bank, "fr")
    withdrawal = next(s for s in found.values() if s.title == "Retrait d'un consentement")
    assert withdrawal.approval == \
        "Sans objet : le flux ne comporte pas d'étape de validation."
    assert "WFL-002" not in withdrawal.requirements  # no approval circuit to show
    assert "soumise" not in withdrawal.expected
    annex = annex_c(markdown_of(example("retail-b2c"), tmp_path))
    assert "Sans objet, qui valide" not in annex and "soumise à Sans objet" not in annex
    assert "soumise au client lui-même (double opt-in)" in annex


def generated(name: str) -> dict[str, Any]:
    """The example without its demo_scenarios edits: the scenarios as cdc writes them."""
    data = example(name)
    data["consultation"]["demo_scenarios"] = []
    return data


def test_english_approvers(bank: Questionnaire) -> None:
    found = by_id(generated("english-saas-company"), bank, "en")
    assert "is submitted to the Sales Director, then to the CRO above 20" in \
        found["DEMO-02"].approval
    assert "submitted to Legal and the DPO" in found["DEMO-05"].approval
    assert "Aoife" not in found["DEMO-05"].approval


def test_scenarios_cite_the_requirements_they_show(bank: Questionnaire) -> None:
    data = example("industrie-b2b")
    reqs = build_requirements(data, bank, "fr")
    order = [r.id for r in reqs]
    found = by_id(data, bank, "fr")
    claim = found["DEMO-05"]  # Réclamation
    assert claim.title == "Réclamation"
    assert {"SRV-002", "SRV-102"} <= set(claim.requirements)
    assert not any(i.startswith(("OPP-", "LEA-")) for i in claim.requirements)
    assert {"WFL-002", "WFL-003"} <= set(claim.requirements)  # its approval step
    quote = found["DEMO-02"]  # Devis catalogue
    assert {"QUO-001", "QUO-005"} <= set(quote.requirements)
    for scenario in found.values():
        if scenario.id != "DEMO-04":  # its ids are the answers'
            assert list(scenario.requirements) == sorted(scenario.requirements,
                                                         key=order.index)
    english = by_id(generated("english-saas-company"), bank, "en")
    assert "QUO-003" in english["DEMO-02"].requirements  # the discount approval itself
    # "support staff" in a hosting requirement is not a support escalation.
    assert not {"GEN-102", "LEA-005", "CON-001"} & set(english["DEMO-04"].requirements)


def test_scenarios_name_the_profiles_that_run_them(tmp_path: Path,
                                                   bank: Questionnaire) -> None:
    found = by_id(example("english-saas-company"), bank, "en")
    inbound = found["DEMO-01"]
    assert inbound.actors == ("Sales Development Representative (SDR)",
                              "Account Executive and Account Manager")
    assert inbound.actor == ("Sales Development Representative (SDR), as well as Account "
                             "Executive and Account Manager")  # not "A and B and C"
    annex = annex_c(markdown_of(example("english-saas-company"), tmp_path))
    assert "**Users.** Sales Development Representative (SDR), as well as Account" in annex
    assert "User concerned" not in annex


def test_role_articles() -> None:
    assert to_role("Responsable d'antenne", "fr") == "au responsable d'antenne"
    assert to_role("Directrice générale (ordonnateur)", "fr") == \
        "à la directrice générale (ordonnateur)"
    assert to_role("Assistante d'antenne", "fr") == "à l'assistante d'antenne"
    assert to_role("Ressources humaines", "fr") == "aux ressources humaines"
    assert to_role("Comité de direction", "fr") == "au comité de direction"
    assert to_role("Le client lui-même", "fr") == "au client lui-même"
    assert to_role("DPO", "fr") == "au DPO"
    assert to_role("Sales Director", "en") == "to the Sales Director"
    assert to_role("Finance", "en") == "to Finance"


def test_approver_keeps_a_role_it_cannot_trace_to_a_name() -> None:
    people = roles_of_people({"respondents": [{"name": "Jo Durand", "role": "DAF, siège"}]})
    assert people == {"Jo Durand": "DAF"}
    assert approver("Jo Durand", people, "fr") == "au DAF"
    assert approver("Directeur de magasin", people, "fr") == "au directeur de magasin"


# --------------------------------------------------------------------------- points 2 to 8


def test_mobile_title_is_compte_rendu(bank: Questionnaire) -> None:
    titles = [s.title for s in by_id(example("industrie-b2b"), bank, "fr").values()]
    assert "Préparer une visite sur mobile et en saisir le compte rendu, hors connexion" \
        in titles
    assert not any("compte rendre" in t for t in titles)


def test_contract_term_and_renewals_in_words() -> None:
    assert str(contract_term(4, 0, "fr")) == "quatre ans, non reconductible"
    assert str(contract_term(3, 1, "fr")) == \
        "trois ans, reconductible une fois, pour un an (quatre ans au plus)"
    assert str(contract_term(3, 2, "fr")) == \
        "trois ans, reconductible deux fois, pour un an chacune (cinq ans au plus)"
    assert str(contract_term(4, 0, "en")) == "four years, not renewable"
    assert str(contract_term(3, 2, "en")) == \
        "three years, renewable twice, for one year each (five years at most)"
    assert str(contract_term(1, 3, "en")) == \
        "one year, renewable three times, for one year each (four years at most)"
    assert not contract_term(None, 2, "fr")
    assert in_words(17, "fr") == "17"


def test_the_pricing_period_is_the_contract(tmp_path: Path) -> None:
    data = example("industrie-b2b")
    data["consultation"]["contract_years"] = 4
    data["consultation"]["renewals"] = 0
    chapter = chapter_7(markdown_of(data, tmp_path))
    assert "coûts récurrents sur quatre ans (durée du contrat)\u202f;" in chapter
    assert "coût total de possession sur quatre ans (durée du contrat) calculé" in chapter
    assert "cinq ans" not in chapter
    assert "| Durée du contrat | Quatre ans, non reconductible |" in chapter
    assert "reconductible 0" not in chapter
    assert tco_period(3, 2, "en") == \
        "over five years (the contract's term, renewals included)"
    del data["consultation"]["contract_years"]
    chapter = chapter_7(markdown_of(data, tmp_path))
    assert "coûts récurrents sur la durée du contrat\u202f;" in chapter


def test_lots_licences_and_procedure_wording(tmp_path: Path) -> None:
    public = chapter_7(markdown_of(example("association-publique"), tmp_path))
    assert "La consultation est divisée en deux lots, attribués séparément" in public
    assert "Elle est divisée" not in public
    assert ("| Licences | Chiffrées par utilisateur nommé\u00a0: 168 licences au total, dont 153 "
            "en accès complet et 15 en lecture seule |") in public
    private = chapter_7(markdown_of(example("industrie-b2b"), tmp_path))
    assert "La consultation porte sur un lot unique" in private
    assert "| Diffusion du cahier des charges | 15\u00a0février 2027 |" in private


def test_english_chapter_reads_like_an_rfp(tmp_path: Path) -> None:
    chapter = chapter_7(markdown_of(example("english-saas-company"), tmp_path))
    assert "| Specification issued | 11 January 2027 |" in chapter
    assert "| Shortlist announced | 10 February 2027 |" in chapter
    assert "| Functional coverage | 30% |" in chapter and " %" not in chapter.split(
        "## 7.6")[1].split("|")[2]
    assert "| Delay penalties | €200 per day of delay" in chapter
    assert "A project briefing is held:" in chapter
    assert "briefing on the project is offered" not in chapter
    assert "Licences | Priced per named user: 158 licences in all, 138 full-access and 20 " \
        "read-only |" in chapter
    assert "renewable twice, for one year each" in chapter


@pytest.mark.parametrize("name", ["industrie-b2b", "association-publique", "retail-b2c",
                                  "english-saas-company"])
def test_every_example_scenario_is_complete(name: str, bank: Questionnaire) -> None:
    data = example(name)
    lang = data["meta"]["language"]
    for scenario in by_id(data, bank, lang).values():
        if scenario.id.startswith("DEMO-1"):
            continue  # added by the answers
        assert scenario.approval, scenario.id
        assert scenario.expected.endswith("."), scenario.id
        for word in ("Utilisateur concerné", "User concerned"):
            assert word not in scenario.actor


def test_a_body_named_with_an_article_supplies_the_demonstration_data(tmp_path: Path) -> None:
    public = markdown_of(example("association-publique"), tmp_path)  # company_in_text: l'AREI
    annex = annex_c(public)
    assert "fournies par l’AREI" in annex and "fourni par l’AREI" in annex
    assert "par l’entreprise" not in annex
    assert "Il présente l’AREI, ses données" in public
    company = markdown_of(example("industrie-b2b"), tmp_path)  # no company_in_text
    assert "fourni par l’entreprise" in annex_c(company)
