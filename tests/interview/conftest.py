"""A small question bank of three parts, so that the interview's rules are tested on questions
that do not change while the real bank is being written: conditions (one chained on another, one
inside a group's record), a repeating group, every widget type."""

from __future__ import annotations

from pathlib import Path

import pytest

from cdc.questionnaire import Questionnaire, load_questionnaire

PART0 = """
part: 0
key: meta
title: {fr: Fiche document, en: Document sheet}
intro: {fr: Le document., en: The document.}
minutes: 2
sections:
  - id: identity
    title: {fr: Identité, en: Identity}
    questions:
      - id: title
        type: text
        required: true
        default: Cahier des charges CRM
        prompt: {fr: "Quel est le titre ?", en: "What is the title?"}
        help: {fr: Sur la page de garde., en: On the cover page.}
        example: {fr: Projet CRM 2027, en: CRM project 2027}
      - id: respondents
        type: group
        item: {fr: personne interrogée, en: respondent}
        prompt: {fr: "Qui a répondu ?", en: "Who answered?"}
        help: {fr: Traçabilité., en: Traceability.}
        fields:
          - id: name
            type: text
            required: true
            prompt: {fr: "Nom", en: "Name"}
            help: {fr: Prénom et nom., en: First and last name.}
          - id: role
            type: text
            required: true
            prompt: {fr: "Fonction", en: "Position"}
            help: {fr: Sa fonction., en: Their position.}
          - id: date
            type: date
            prompt: {fr: "Date", en: "Date"}
            help: {fr: AAAA-MM-JJ., en: YYYY-MM-DD.}
"""

PART1 = """
part: 1
key: company
title: {fr: Entreprise, en: Company}
intro: {fr: L'entreprise., en: The company.}
minutes: 5
sections:
  - id: facts
    title: {fr: Faits, en: Facts}
    questions:
      - id: employees
        type: integer
        required: true
        min: 1
        max: 100000
        prompt: {fr: "Combien de salariés ?", en: "How many employees?"}
        help: {fr: L'effectif., en: The headcount.}
        example: {fr: "85", en: "85"}
      - id: revenue
        type: number
        unit: {fr: M€, en: M€}
        prompt: {fr: "Chiffre d'affaires ?", en: "Revenue?"}
        help: {fr: Le dernier exercice., en: Last year.}
      - id: has_website
        type: yes_no
        required: true
        prompt: {fr: "Avez-vous un site web ?", en: "Do you have a website?"}
        help: {fr: Un site public., en: A public site.}
      - id: monthly_visitors
        type: integer
        when: {question: has_website, equals: true}
        prompt: {fr: "Combien de visiteurs par mois ?", en: "How many visitors a month?"}
        help: {fr: Environ., en: Roughly.}
      - id: visitor_source
        type: choice
        when: {question: monthly_visitors, answered: true}
        prompt: {fr: "D'où viennent-ils ?", en: "Where do they come from?"}
        help: {fr: La source principale., en: The main source.}
        choices:
          - {value: ads, fr: Publicité, en: Advertising, text: {fr: publicité, en: advertising}}
          - {value: seo, fr: Référencement, en: Search engines, text: {fr: seo, en: seo}}
      - id: markets
        type: multi_choice
        required: true
        prompt: {fr: "Quels marchés ?", en: "Which markets?"}
        help: {fr: Tous ceux qui comptent., en: All that matter.}
        choices:
          - {value: b2b, fr: Entreprises, en: Businesses, text: {fr: entreprises, en: businesses}}
          - {value: b2c, fr: Particuliers, en: Consumers, text: {fr: particuliers, en: consumers}}
          - {value: b2g, fr: Secteur public, en: Public sector, text: {fr: public, en: public}}
      - id: history
        type: long_text
        prompt: {fr: "Votre histoire ?", en: "Your history?"}
        help: {fr: Quelques lignes., en: A few lines.}
      - id: start
        type: date
        prompt: {fr: "Date de démarrage ?", en: "Start date?"}
        help: {fr: Le lancement., en: The kick-off.}
      - id: sites
        type: group
        item: {fr: site, en: site}
        prompt: {fr: "Quels sont vos sites ?", en: "Which sites do you have?"}
        help: {fr: Un par adresse., en: One per address.}
        fields:
          - id: name
            type: text
            required: true
            prompt: {fr: "Nom", en: "Name"}
            help: {fr: Le nom du site., en: The site's name.}
          - id: kind
            type: choice
            required: true
            prompt: {fr: "Type", en: "Kind"}
            help: {fr: Siège ou magasin., en: Head office or shop.}
            choices:
              - {value: hq, fr: Siège, en: Head office, text: {fr: siège, en: head office}}
              - {value: shop, fr: Magasin, en: Shop, text: {fr: magasin, en: shop}}
          - id: staff
            type: integer
            when: {question: kind, equals: shop}
            prompt: {fr: "Effectif", en: "Staff"}
            help: {fr: Le nombre de vendeurs., en: The number of sellers.}
"""

PART2 = """
part: 2
key: team
title: {fr: Équipe, en: Team}
intro: {fr: L'équipe projet., en: The project team.}
minutes: 3
sections:
  - id: lead
    title: {fr: Pilotage, en: Leadership}
    questions:
      - id: sponsor
        type: text
        required: true
        prompt: {fr: "Qui est le sponsor ?", en: "Who is the sponsor?"}
        help: {fr: Le décideur., en: The decision maker.}
      - id: members
        type: group
        required: true
        item: {fr: membre, en: member}
        prompt: {fr: "Qui fait partie de l'équipe ?", en: "Who is in the team?"}
        help: {fr: Les personnes du projet., en: The project's people.}
        fields:
          - id: name
            type: text
            required: true
            prompt: {fr: "Nom", en: "Name"}
            help: {fr: Prénom et nom., en: First and last name.}
"""


@pytest.fixture(scope="session")
def mini_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mini-bank")
    for name, text in (("0-meta.yaml", PART0), ("1-company.yaml", PART1),
                       ("2-team.yaml", PART2)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def mini(mini_dir: Path) -> Questionnaire:
    """The small bank."""
    return load_questionnaire(mini_dir)
