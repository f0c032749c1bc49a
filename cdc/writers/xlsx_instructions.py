"""The pack's first sheet, "Instructions": the project, the deadline and the contact of part 7,
the cells the vendor fills (its name first), how to answer each sheet, and what the coverage
levels and priorities mean.

Its fact rows and the vendor's name stay where every grid made so far has them (B7, B9 to B12,
B15): :mod:`cdc.grid_reading` compares and reads them there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl.styles import Alignment, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cdc.answers import answer_of
from cdc.language import capitalise, elide
from cdc.pack import sheet_names, terms, text_answer
from cdc.questionnaire import Questionnaire
from cdc.requirements import (
    COVERAGE_LABELS,
    COVERAGES,
    PRIORITIES,
    PRIORITY_LABELS,
    Requirement,
    fingerprint,
)
from cdc.typography import french
from cdc.writers.xlsx_style import (
    BLUE,
    BORDER,
    INPUT,
    NAVY,
    PALE_GREY,
    WHITE,
    WRAP_TOP,
    font,
    lines_needed,
    print_setup,
    put,
)

COVERAGE_HELP = {
    "standard": ("Couvert par le produit tel que livré, sans paramétrage.",
                 "Covered by the product as delivered, without configuration."),
    "configuration": ("Couvert par paramétrage (écrans, règles, champs) sans code.",
                      "Covered by configuration (screens, rules, fields) without code."),
    "specific": ("Nécessite un développement spécifique : chiffrez-le dans « Effort ou coût ».",
                 "Needs specific development: price it in \"Effort or cost\"."),
    "third_party": ("Couvert par un module ou un partenaire tiers : nommez-le en commentaire.",
                    "Covered by a third-party module or partner: name it in the comment."),
    "future": ("Prévu dans une version future : donnez la date en commentaire.",
               "Planned in a future release: give the date in the comment."),
    "not_covered": ("Non couvert par la solution proposée.",
                    "Not covered by the proposed solution."),
}
PRIORITY_HELP = {
    "must": ("Indispensable, sans solution de contournement.",
             "Essential, with no workaround."),
    "should": ("Important, mais un contournement existe.", "Important, but a workaround exists."),
    "could": ("Un plus apprécié.", "A welcome bonus."),
    "wont": ("Hors périmètre de ce projet ; réponse pour information.",
             "Out of this project's scope; answer for information."),
}

COVERAGE_FILLS = {"standard": "C6EFCE", "configuration": "E2EFDA", "specific": "FFEB9C",
                  "third_party": "DDEBF7", "future": "FCE4D6", "not_covered": "FFC7CE"}



def _l(lang: str, pair: tuple[str, str]) -> str:
    return pair[1] if lang == "en" else french(pair[0])


def _deadline(data: Any, bank: Questionnaire, lang: str) -> str:
    """The response deadline of part 7, with its time ("26 mars 2027 à 12 h"); "" when not
    answered."""
    from cdc.spec.consultation import deadline_text

    day = answer_of(data, bank, "response_deadline")
    if not isinstance(day, dt.date):
        return ""
    return str(deadline_text(day, answer_of(data, bank, "response_deadline_time"), lang))


def _submission(data: Any, bank: Questionnaire, lang: str) -> str:
    """" par e-mail à x@y.fr" / " on the platform https://…"; the address to be completed, as
    the document prints it, when not known."""
    channel = text_answer(data, bank, "submission_channel")
    address = text_answer(data, bank, "submission_address")
    if not address:
        return _l(lang, (" à l'adresse de remise des offres (à compléter)",
                         ", to the submission address (to be completed)"))
    if channel == "platform":
        return _l(lang, (f" sur la plateforme {address}", f", on the platform {address}"))
    return _l(lang, (f" par e-mail à {address}", f", by e-mail to {address}"))


class Instructions:
    """Writes the Instructions sheet; :attr:`vendor_cell` is where the vendor's name goes."""

    def __init__(self, data: Any, bank: Questionnaire, lang: str,
                 requirements: Sequence[Requirement], project: str,
                 names: Mapping[str, str]) -> None:
        self.data = data
        self.bank = bank
        self.lang = lang
        self.reqs = requirements
        self.project = project
        self.names = names
        self.pack = sheet_names(lang)
        self.terms = terms(data, bank, lang)
        self.vendor_cell = ""

    def t(self, fr: str, en: str) -> str:
        return en if self.lang == "en" else french(fr)

    def write(self, ws: Worksheet) -> None:
        ws.sheet_view.showGridLines = False
        ws.column_dimensions["A"].width = 34
        ws.column_dimensions["B"].width = 70
        ws.column_dimensions["C"].width = 12
        title = text_answer(self.data, self.bank, "title") or self.t("Cahier des charges CRM",
                                                                     "CRM specification")
        company = text_answer(self.data, self.bank, "company")
        bidder = self.terms.bidder
        put(ws, "A1", self.t(f"Dossier de réponse {elide('de', self.terms.bidders)}",
                             f"{capitalise(self.terms.bidder_noun)} response pack"),
            style=font(size=18, bold=True, color=NAVY))
        put(ws, "A2", f"{title} — {company}" if company else title,
            style=font(size=12, italic=True, color=BLUE))
        row = 4
        row = self.section(ws, row, self.t("Le projet", "The project"))
        deadline = _deadline(self.data, self.bank, self.lang)
        facts = [
            (self.t("Projet", "Project"), title),
            (self.t("Client", "Buyer"), company),
            (self.t("Identifiant du projet", "Project id"), self.project),
            (self.t("Version du cahier des charges", "Specification version"),
             text_answer(self.data, self.bank, "version")),
            (self.t("Date limite de réponse", "Response deadline"),
             deadline or self.t("À compléter", "To be completed")),
            (self.t("Contact pour les questions", "Contact for questions"),
             text_answer(self.data, self.bank, "questions_contact")
             or self.t("À compléter", "To be completed")),
            (self.t("Nombre d'exigences", "Number of requirements"), len(self.reqs)),
            (self.t("Empreinte des exigences", "Requirements fingerprint"), fingerprint(self.reqs)),
        ]
        for label, value in facts:
            self.fact(ws, row, label, value)
            row += 1
        row += 1
        row = self.section(ws, row, self.t(f"À compléter par {bidder}",
                                           f"For {bidder} to fill in"))
        inputs = [
            self.t(f"Nom {elide('de', bidder)}", f"{capitalise(self.terms.bidder_noun)} name"),
            self.t("Solution proposée (nom et version)", "Proposed solution (name and version)"),
            self.t("Contact (nom, e-mail, téléphone)", "Contact (name, email, phone)"),
            self.t("Date de la réponse", "Response date"),
        ]
        for i, label in enumerate(inputs):
            self.fact(ws, row, label, "")
            cell = ws[f"B{row}"]
            cell.fill = PatternFill("solid", fgColor=INPUT)
            cell.protection = Protection(locked=False)
            if i == 0:
                self.vendor_cell = f"B{row}"
            row += 1
        row += 1
        row = self.section(ws, row, self.t("Comment répondre", "How to answer"))
        for i, step in enumerate(self.steps(deadline), 1):
            put(ws, f"A{row}", f"{i}. {step}", align=WRAP_TOP)
            ws.merge_cells(f"A{row}:C{row}")
            ws.row_dimensions[row].height = 12.75 * lines_needed(step, 116) + 4
            row += 1
        row += 1
        row = self.section(ws, row, self.t("Niveaux de couverture", "Coverage levels"))
        self.table_header(ws, row, (self.t("Couverture", "Coverage"),
                                    self.t("Signification", "Meaning")))
        row += 1
        for key in COVERAGES:
            put(ws, f"A{row}", COVERAGE_LABELS[key].get(self.lang),
                fill=COVERAGE_FILLS[key], align=WRAP_TOP)
            put(ws, f"B{row}", _l(self.lang, COVERAGE_HELP[key]), align=WRAP_TOP)
            for c in "AB":
                ws[f"{c}{row}"].border = BORDER
            row += 1
        row += 1
        row = self.section(ws, row, self.t("Priorités", "Priorities"))
        self.table_header(ws, row, (self.t("Priorité", "Priority"),
                                    self.t("Signification", "Meaning")))
        row += 1
        for key in PRIORITIES:
            put(ws, f"A{row}", PRIORITY_LABELS[key].get(self.lang), align=WRAP_TOP)
            put(ws, f"B{row}", _l(self.lang, PRIORITY_HELP[key]), align=WRAP_TOP)
            for c in "AB":
                ws[f"{c}{row}"].border = BORDER
            row += 1
        ws.protection.sheet = True
        print_setup(ws, self.project, landscape=False)

    def steps(self, deadline: str) -> list[str]:
        grid, price = self.names["grid"], self.pack["price"]
        form, demos = self.pack["questionnaire"], self.pack["demonstrations"]
        by = self.t(f"au plus tard le {deadline}" if deadline else "au plus tard à la date "
                    "limite de réponse (à compléter)", f"no later than {deadline}" if deadline
                    else "by the response deadline (to be completed)")
        return [
            self.t(f"Renseignez votre nom en {self.vendor_cell} : il identifie votre réponse.",
                   f"Enter your name in {self.vendor_cell}: it identifies your response."),
            self.t(f"Dans la feuille « {grid} », répondez à chaque ligne dans les colonnes "
                   "jaunes : la couverture (liste déroulante) est obligatoire, le commentaire "
                   "l'est pour toute couverture autre que « Standard ».",
                   f"In the \"{grid}\" sheet, answer each row in the yellow columns: the "
                   "coverage (drop-down) is required, the comment is required for any coverage "
                   "other than \"Standard\"."),
            self.t(f"Dans la feuille « {price} », chiffrez en euros hors taxes chaque cellule "
                   "jaune, 0 pour un poste sans coût : les licences par profil d'utilisateurs, "
                   "les prestations en jours et taux journalier, les coûts récurrents année par "
                   "année. Les totaux et le coût total sur cinq ans se calculent seuls ; les "
                   "options se chiffrent à part, hors total.",
                   f"In the \"{price}\" sheet, price every yellow cell in euros excluding VAT, 0 "
                   "for an item that costs nothing: licences per user profile, services in days "
                   "and daily rate, recurring costs year by year. The totals and the five-year "
                   "total cost compute themselves; optional items are priced apart, outside the "
                   "total."),
            self.t(f"Dans la feuille « {form} », répondez à chaque question dans la colonne C : "
                   "l'entreprise, ses références, l'équipe proposée, l'hébergement, la "
                   "réversibilité et le support.",
                   f"In the \"{form}\" sheet, answer each question in column C: the company, "
                   "its references, the proposed team, hosting, reversibility and support."),
            self.t(f"Dans la feuille « {demos} », notez vos remarques sur chaque scénario : "
                   "données à préparer, durée, étapes que la solution traite autrement.",
                   f"In the \"{demos}\" sheet, add your remarks on each scenario: data to "
                   "prepare, duration, steps the solution handles differently."),
            self.t("Ne modifiez ni les identifiants, ni les exigences, ni les priorités, ni les "
                   "postes du bordereau : les feuilles sont protégées sans mot de passe contre "
                   "les modifications accidentelles, et toute modification est détectée à "
                   "l'analyse des réponses.",
                   "Do not change the ids, requirements, priorities or pricing items: the sheets "
                   "are protected without a password against accidental edits, and any change "
                   "is detected when the responses are analysed."),
            self.t("Une exigence éliminatoire non couverte écarte l'offre. Une question sur une "
                   "exigence ? Écrivez au contact ci-dessus en citant son identifiant.",
                   "An eliminatory requirement that is not covered rules the offer out. A "
                   "question about a requirement? Write to the contact above, quoting its id."),
            self.t("Renvoyez ce fichier au format .xlsx, sans mot de passe, sous le nom de votre "
                   f"société, {by}{_submission(self.data, self.bank, self.lang)}.",
                   "Return this file as .xlsx, without a password, named after your company, "
                   f"{by}{_submission(self.data, self.bank, self.lang)}."),
        ]

    def section(self, ws: Worksheet, row: int, title: str) -> int:
        put(ws, f"A{row}", title, style=font(size=13, bold=True, color=WHITE), fill=NAVY)
        for c in "BC":
            ws[f"{c}{row}"].fill = PatternFill("solid", fgColor=NAVY)
        ws.row_dimensions[row].height = 20
        return row + 1

    def fact(self, ws: Worksheet, row: int, label: str, value: Any) -> None:
        put(ws, f"A{row}", label, style=font(bold=True), fill=PALE_GREY, align=WRAP_TOP)
        put(ws, f"B{row}", value, align=Alignment(horizontal="left", vertical="top",
                                                  wrap_text=True))
        ws[f"A{row}"].border = BORDER
        ws[f"B{row}"].border = BORDER

    def table_header(self, ws: Worksheet, row: int, labels: Sequence[str]) -> None:
        for i, label in enumerate(labels):
            ref = f"{get_column_letter(i + 1)}{row}"
            put(ws, ref, label, style=font(bold=True, color=WHITE), fill=BLUE,
                align=Alignment(horizontal="center", vertical="center"))
            ws[ref].border = BORDER

