"""The prose lint catches each fault it names, and lets clean prose through."""

from __future__ import annotations

import pytest

from cdc.questionnaire import Questionnaire

from .lint import lint

CLEAN_FR = """# 1 Présentation de l'entreprise

Le présent cahier des charges décrit le projet d'Hydrotec.
Hydrotec vend aux entreprises (B2B) et au secteur public (B2G), à l'échelle nationale.

| Indicateur | Valeur |
|---|---|
| Effectif | 140 salariés |
| Délai | 1 heure |
| Clients actifs | 1\u202f150 clients |

Il faut tenter de le réutiliser. Complétez-le avant la diffusion.
"""


def faults(markdown: str, bank: Questionnaire, lang: str = "fr") -> set[str]:
    return {f.rule for f in lint(markdown, bank, lang, "Hydrotec Pompes SAS")}


def test_clean_prose_passes(bank: Questionnaire) -> None:
    assert faults(CLEAN_FR, bank) == set()


@pytest.mark.parametrize(("text", "rule"), [
    ("Le projet de Hydrotec Pompes SAS commence.", "missing elision"),
    ("La solution de un éditeur unique.", "missing elision"),
    ("Il vend à les entreprises.", "contraction (du, des, au, aux)"),
    ("Marchés adressés : Entreprises (B2B) et Secteur public (B2G).",
     "capitalised choice label mid-sentence"),
    ("Rythme attendu des évolutions : Tous les trimestres.",
     "capitalised choice label mid-sentence"),
    ("| Authentification unique (SSO) | Oui (L'un ou l'autre) |",
     "capitalised choice label mid-sentence"),
    ("Intégration avec vos autres outils.", "'vos/your': the buyer does not address itself"),
    ("Nous voulons un CRM pour notre force de vente.",
     "'nous/notre': the document speaks of the company, not as it"),
    ("Le délai est de 1 heures.", "number and noun disagree"),
    ("Le délai est de 3 heure.", "number and noun disagree"),
    ("| Disponibilité | — |", "a table row of dashes (an unanswered row)"),
    ("| Service | — | — | — |", "a table row of dashes (an unanswered row)"),
    ("Demandes reçues : 380 demandes par mois.", None),  # the colon ends the clause
    ("L'entreprise compte 1\u202f150 clients actifs et en gagne 140 clients par an.",
     "a word repeated within four words"),
    ("Le prestataire livre. Le titulaire facture.", "two names for the vendor"),
    ("Budget : 15 jours-homme, puis 10 jours-personne.", "two units of effort"),
    ("## Qui a besoin de l'outil ?", "a heading that restates a question"),
])
def test_each_fault_is_caught(text: str, rule: str | None, bank: Questionnaire) -> None:
    found = faults(CLEAN_FR + "\n" + text + "\n", bank)
    if rule is None:
        assert found == set()
    else:
        assert rule in found


def test_english_faults(bank: Questionnaire) -> None:
    assert "number and noun disagree" in faults("The delay is 1 hours.\n", bank, "en")
    assert "number and noun disagree" in faults("Allow 0 hour.\n", bank, "en")
    assert "'vos/your': the buyer does not address itself" in faults(
        "Integration with your other tools.\n", bank, "en")
    assert "'nous/notre': the document speaks of the company, not as it" in faults(
        "In 2026 we lost customers.\n", bank, "en")
    assert "capitalised choice label mid-sentence" in faults(
        "Markets served: Businesses (B2B) and Public sector (B2G).\n", bank, "en")
    assert "two names for the vendor" in faults(
        "The supplier delivers. The bidder answers.\n", bank, "en")
    assert faults("Responses from Data Protection Officers and the US office.\n", bank,
                  "en") == set()


def test_the_method_explained_twice(bank: Questionnaire) -> None:
    twice = ("- **Obligatoire** : a\n- **Souhaité** : b\n- **Optionnel** : c\n\n"
             "Leur priorité suit la méthode : Obligatoire, Souhaité et Optionnel.\n")
    assert "the priority method explained twice" in faults(twice, bank)
    assert "the priority method explained twice" not in faults(twice.split("\n\n")[0], bank)
