"""The vendor questionnaire ("Questionnaire"): the questions a vendor answers about itself.

The company (revenue, headcount, CRM staff), references of similar size or sector with a contact,
the team proposed and its experience, the method, hosting and sub-processors, the certifications
the specification asks for, reversibility and exit terms, and the support organisation. One
question per row, its answer in column C; a question whose answer is a choice has a drop-down.
The rows come from :func:`questionnaire_layout`, shared by the writer and the reader.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cdc.answers import answer_of
from cdc.language import VendorTerms, elide
from cdc.pack import number, sheet_names, terms, words
from cdc.questionnaire import Localized, Questionnaire
from cdc.requirements import YES_NO
from cdc.typography import french

HEADER_ROW = 4
FIRST_ROW = 5
NUMBER_COLUMN = "A"
QUESTION_COLUMN = "B"
ANSWER_COLUMN = "C"
REFERENCES = 3


@dataclass(frozen=True)
class VendorQuestion:
    """One question; ``kind`` is text, number, choice or yes_no (a drop-down for the last two)."""

    key: str
    number: str
    text: str
    kind: str = "text"
    choices: tuple[str, ...] = ()
    required: bool = True
    row: int = 0

    @property
    def cell(self) -> str:
        return f"{ANSWER_COLUMN}{self.row}"


@dataclass(frozen=True)
class QuestionnaireLayout:
    sheet: str
    intro: str
    sections: tuple[tuple[str, int], ...]  # (title, row)
    questions: tuple[VendorQuestion, ...]
    yes_no: tuple[str, str]

    @property
    def last_row(self) -> int:
        return max((q.row for q in self.questions), default=FIRST_ROW)


_CHOICES: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "fr": {
        "role": ("Éditeur de la solution", "Intégrateur", "Éditeur et intégrateur"),
        "method": ("Agile (itérations courtes)", "Cycle en V (séquentiel)", "Hybride"),
        "hosting": ("SaaS (mutualisé)", "Cloud privé (instance dédiée)",
                    "Sur site (serveurs de l'entreprise)"),
        "location": ("En France", "Dans l'Union européenne", "Hors de l'Union européenne"),
        "reversibility": ("Comprise dans l'offre", "Chiffrée dans le bordereau de prix",
                          "Facturée au temps passé"),
        "hours": ("Heures ouvrées", "Horaires étendus", "24 h/24 et 7 j/7"),
    },
    "en": {
        "role": ("Software vendor", "Integrator", "Vendor and integrator"),
        "method": ("Agile (short iterations)", "Sequential (V-model)", "Hybrid"),
        "hosting": ("SaaS (multi-tenant)", "Private cloud (dedicated instance)",
                    "On premises (the company's servers)"),
        "location": ("In France", "In the European Union", "Outside the European Union"),
        "reversibility": ("Included in the offer", "Priced in the pricing form",
                          "Billed on time spent"),
        "hours": ("Business hours", "Extended hours", "24/7"),
    },
}

# (section, key, kind, choices, required, French, English); {bidder} is the vendor's name.
_QUESTIONS: tuple[tuple[str, str, str, str, bool, str, str], ...] = (
    ("company", "company_name", "text", "", True,
     "Raison sociale, forme juridique et numéro SIREN",
     "Company name, legal form and registration number"),
    ("company", "role", "choice", "role", True,
     "Rôle dans l'offre", "Role in the offer"),
    ("company", "revenue", "number", "", True,
     "Chiffre d'affaires du dernier exercice clos (en euros)",
     "Revenue of the last financial year (in euros)"),
    ("company", "headcount", "number", "", True,
     "Effectif total (personnes)", "Total headcount (people)"),
    ("company", "crm_staff", "number", "", True,
     "Effectif consacré à la solution proposée (conseil, support, développement)",
     "Staff working on the proposed solution (consulting, support, development)"),
    ("company", "crm_projects", "number", "", True,
     "Projets CRM mis en œuvre sur la solution proposée ces trois dernières années",
     "CRM projects delivered on the proposed solution over the last three years"),
    ("company", "partners", "text", "", True,
     "Partenaires et sous-traitants intervenant dans le projet, avec leur rôle (« aucun » s'il "
     "n'y en a pas)",
     "Partners and subcontractors working on the project, with their role (\"none\" if "
     "there are none)"),
    ("team", "project_manager", "text", "", True,
     "Chef de projet proposé : années d'expérience et projets CRM conduits",
     "Proposed project manager: years of experience and CRM projects led"),
    ("team", "consultants", "text", "", True,
     "Consultants : nombre, profils, certifications sur la solution",
     "Consultants: number, profiles, certifications on the solution"),
    ("team", "location", "text", "", True,
     "Part du travail sur site et à distance ; localisation de l'équipe",
     "Share of work on site and remote; where the team is based"),
    ("team", "method", "choice", "method", True,
     "Méthode de projet", "Project method"),
    ("team", "method_detail", "text", "", True,
     "La méthode en pratique : jalons, livrables, comités, place des utilisateurs clés",
     "The method in practice: milestones, deliverables, steering, the key users' part"),
    ("hosting", "hosting_mode", "choice", "hosting", True,
     "Mode d'hébergement proposé", "Hosting mode proposed"),
    ("hosting", "data_location", "choice", "location", True,
     "Localisation des données, sauvegardes comprises",
     "Where the data is kept, backups included"),
    ("hosting", "sub_processors", "text", "", True,
     "Hébergeur et sous-traitants ultérieurs au sens du RGPD, avec leur pays",
     "Host and sub-processors under the GDPR, with their country"),
    ("hosting", "other_certifications", "text", "", False,
     "Autres certifications détenues ({examples}…)",
     "Other certifications held ({examples}…)"),
    ("exit", "exit_formats", "text", "", True,
     "Formats dans lesquels les données et documents sont restitués en fin de contrat",
     "Formats in which data and documents are returned at the end of the contract"),
    ("exit", "exit_days", "number", "", True,
     "Délai de restitution des données (jours)", "Time to return the data (days)"),
    ("exit", "exit_cost", "choice", "reversibility", True,
     "Coût de la réversibilité", "Cost of reversibility"),
    ("exit", "exit_terms", "text", "", True,
     "Accès aux données après la fin du contrat, puis suppression attestée : délais",
     "Access to the data after the contract ends, then certified deletion: time limits"),
    ("support", "support_hours", "choice", "hours", True,
     "Horaires du support", "Support hours"),
    ("support", "support_channels", "text", "", True,
     "Canaux (téléphone, e-mail, portail), langues et outil de suivi des demandes",
     "Channels (phone, e-mail, portal), languages and ticket tracking tool"),
    ("support", "critical_hours", "number", "", True,
     "Délai de prise en charge d'un incident bloquant (heures)",
     "Response time for a blocking incident (hours)"),
    ("support", "support_organisation", "text", "", True,
     "Organisation du support : niveaux, interlocuteur dédié, suivi du contrat",
     "Support organisation: levels, dedicated contact, contract reviews"),
)

_SECTIONS: Mapping[str, Mapping[str, str]] = {
    "fr": {"company": "L'entreprise", "references": "Références",
           "team": "Équipe proposée et méthode", "hosting": "Hébergement et sécurité",
           "exit": "Réversibilité et sortie du contrat", "support": "Support"},
    "en": {"company": "The company", "references": "References",
           "team": "Proposed team and method", "hosting": "Hosting and security",
           "exit": "Reversibility and exit", "support": "Support"},
}
_ORDER = ("company", "references", "team", "hosting", "exit", "support")

_REFERENCE: Mapping[str, tuple[tuple[str, str], ...]] = {
    "fr": (("client", "Référence {n} : client, secteur et nombre d'utilisateurs du CRM"),
           ("scope", "Référence {n} : périmètre, modules déployés et date de mise en service"),
           ("contact", "Référence {n} : contact chez le client (nom, fonction, téléphone ou "
                       "e-mail)")),
    "en": (("client", "Reference {n}: customer, sector and number of CRM users"),
           ("scope", "Reference {n}: scope, modules deployed and go-live date"),
           ("contact", "Reference {n}: contact at the customer (name, position, phone or "
                       "e-mail)")),
}

_INTRO: Mapping[str, str] = {
    "fr": "Répondez à chaque question dans la colonne C ; une liste déroulante propose les "
          "réponses possibles quand la réponse est un choix. Les références portent sur des "
          "projets CRM comparables par leur taille ou leur secteur{size}.",
    "en": "Answer each question in column C; a drop-down offers the possible answers when the "
          "answer is a choice. References are CRM projects comparable in size or sector{size}.",
}


_KNOWN_CERTIFICATIONS = (("iso27001", "ISO/IEC 27001"), ("soc2", "SOC 2"), ("hds", "HDS"),
                         ("secnumcloud", "SecNumCloud"))
"""The examples of the "other certifications" question: those the specification does not ask
for already (a vendor asked about ISO/IEC 27001 on the line above is not asked again)."""


def _other_certifications(data: Any, bank: Questionnaire) -> str:
    asked = {value for value, _ in _asked_certifications(data, bank)}
    return ", ".join(name for value, name in _KNOWN_CERTIFICATIONS if value not in asked) or \
        "ISO 9001"


def _asked_certifications(data: Any, bank: Questionnaire) -> list[tuple[str, Localized]]:
    asked = answer_of(data, bank, "certifications")
    if not isinstance(asked, list) or "certifications" not in bank.part_of:
        return []
    question = bank.question("certifications")
    found = []
    for value in asked:
        choice = question.choice(value)
        if choice is not None and value != "none":
            found.append((str(value), choice.label))
    return found


def _certifications(data: Any, bank: Questionnaire, lang: str) -> list[tuple[str, str]]:
    """One yes/no question per certification the specification asks for."""
    found = []
    for value, label in _asked_certifications(data, bank):
        name = label.get(lang)
        found.append((f"certification_{value}",
                      f"Certification {name} détenue (joindre le certificat en cours de "
                      "validité)" if lang != "en" else
                      f"{name} certification held (attach the current certificate)"))
    return found


def questionnaire_layout(data: Any, bank: Questionnaire, lang: str) -> QuestionnaireLayout:
    """The questionnaire's rows, built from the buyer's answers (size, certifications asked)."""
    key = words(lang)
    vendor: VendorTerms = terms(data, bank, lang)
    choices = _CHOICES[key]
    yes_no = YES_NO[key]
    row = FIRST_ROW
    sections: list[tuple[str, int]] = []
    questions: list[VendorQuestion] = []

    def add(qkey: str, text: str, kind: str = "text", options: tuple[str, ...] = (),
            required: bool = True) -> None:
        nonlocal row
        if not required:
            text += " (facultatif)" if key == "fr" else " (optional)"
        shown = french(text) if key == "fr" else text
        questions.append(VendorQuestion(qkey, f"Q{len(questions) + 1:02d}", shown, kind,
                                        options, required, row))
        row += 1

    for section in _ORDER:
        sections.append((_SECTIONS[key][section], row))
        row += 1
        if section == "references":
            for n in range(1, REFERENCES + 1):
                for part, text in _REFERENCE[key]:
                    add(f"reference_{n}_{part}", text.format(n=n))
        for s, qkey, kind, choice_key, required, fr, en in _QUESTIONS:
            if s != section:
                continue
            text = (en if key == "en" else fr).replace(
                "{examples}", _other_certifications(data, bank))
            if qkey == "role":
                text = f"Rôle {elide('de', vendor.bidder)} dans l'offre" if key == "fr" \
                    else f"Role of {vendor.bidder} in the offer"
            add(qkey, text, kind, choices[choice_key] if choice_key else (), required)
            if qkey == "sub_processors":
                for ckey, ctext in _certifications(data, bank, lang):
                    add(ckey, ctext, "yes_no", yes_no)
        row += 1  # a blank row between sections
    users = number(answer_of(data, bank, "total_users"))
    size = ""
    if users:
        size = (f" (le CRM comptera environ {users:g} utilisateurs)" if key == "fr"
                else f" (the CRM will have about {users:g} users)")
    intro = _INTRO[key].format(size=size)
    return QuestionnaireLayout(sheet_names(lang)["questionnaire"],
                               french(intro) if key == "fr" else intro, tuple(sections),
                               tuple(questions), yes_no)
