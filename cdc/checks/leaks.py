"""What the vendor edition would tell vendors that the answers keep internal.

The editions take internal answers out of the vendor edition (:mod:`cdc.audience`), but a
free-text answer vendors read may still say what an internal one holds: the name of a product on
the shortlist ("In 2021 the company trialled Pipedrive…", read by Pipedrive's competitors), or the
budget the file does not disclose ("the contract signed within the approved budget", "a budget of
25 partner days a year"). These findings point at the answer to rephrase before sending.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from cdc.answers import answer_of, is_answered
from cdc.audience import internal_record, is_internal
from cdc.checks.model import Finding, part_number, say
from cdc.questionnaire import Question, Questionnaire

TEXT_TYPES = ("text", "long_text")
# "the budget" followed, in the same sentence and within a few words, by a figure that is not
# a year: "a budget of 25 partner days", "le budget d'évolution, fixé à 15 jours-personne".
# A share ("26 % budget cuts, 21 % a move") is not an amount: percentages do not count.
_BUDGET_FIGURE = re.compile(r"\b(budg[eé]t(?:s|aire|aires|ed)?)\b(?:[^.;!?\d\n]|\d{4}\b){0,40}?"
                            r"(?<![\d,.])(?!(?:19|20)\d\d\b)"
                            r"(?!\d+(?:[.,]\d+)?\s*(?:%|pour\s?cent|per\s?cent))\d", re.I)


def vendor_texts(data: Any, bank: Questionnaire) -> Iterator[tuple[str, str]]:
    """(path, text) of every free-text answer the vendor edition prints."""
    for q in bank.questions():
        if q.group or is_internal(q, data, bank):
            continue
        part = bank.part_of.get(q.id)
        if part is None:
            continue
        value = answer_of(data, bank, q.id)
        path = f"{part.key}.{q.id}"
        if q.type in TEXT_TYPES and isinstance(value, str):
            yield path, value
        elif q.is_group and isinstance(value, list):
            yield from _record_texts(path, q, value)


def _record_texts(path: str, group: Question, records: list[Any]) -> Iterator[tuple[str, str]]:
    for index, record in enumerate(records):
        if not isinstance(record, Mapping) or internal_record(group, record):
            continue
        for f in group.fields:
            value = record.get(f.id)
            if f.type in TEXT_TYPES and f.audience != "internal" and isinstance(value, str):
                yield f"{path}[{index}].{f.id}", value


_GENERIC = frozenset({
    "sales", "service", "services", "cloud", "hub", "enterprise", "crm", "customer", "marketing",
    "engagement", "insights", "management", "loyalty", "suite", "edition", "premises", "online",
    "professional", "business", "platform", "plateforme", "solution", "solutions", "entreprise",
    # placeholders for an anonymised shortlist ("Éditeur A", "Vendor B") name nobody
    "éditeur", "editeur", "vendor", "intégrateur", "integrator", "offre", "offer", "candidat",
    "candidate", "prestataire", "supplier", "fournisseur",
})


def _names_to_find(data: Any, bank: Questionnaire) -> list[str]:
    """The distinctive words of each shortlisted product ("Pipedrive", "Dynamics" of "Microsoft
    Dynamics 365 Sales"), leaving out generic words and the words of the tools the company
    already runs: naming its current Microsoft 365 or HubSpot describes today, it does not
    reveal a preference."""
    tools = answer_of(data, bank, "existing_tools")
    in_use = {w.lower() for t in (tools if isinstance(tools, list) else ())
              if isinstance(t, Mapping) for w in re.findall(r"\w+", str(t.get("name", "")))}
    records = answer_of(data, bank, "shortlisted_vendors")
    words: list[str] = []
    for record in records if isinstance(records, list) else ():
        name = record.get("name") if isinstance(record, Mapping) else None
        if not isinstance(name, str):
            continue
        head = re.split(r"[,(;]", name, maxsplit=1)[0]
        found = [w for w in re.findall(r"[\w-]+", head)
                 if len(w) >= 4 and w[0].isupper() and w.lower() not in _GENERIC]
        if len(found) >= 2:  # "Microsoft Dynamics": the maker makes other products too
            found = found[1:]
        words += [w for w in found if w.lower() not in in_use and w not in words]
    return words


def leak_findings(data: Any, bank: Questionnaire, lang: str) -> list[Finding]:
    """A shortlisted product named, or the withheld budget given a figure, where vendors read
    ("the budget" followed by an amount, a share, a count of days; "the steering committee
    approves the budget" or "the 2027 budget" reveal nothing)."""
    findings = []
    texts = list(vendor_texts(data, bank))
    for brand in _names_to_find(data, bank):
        pattern = re.compile(rf"(?<![\w-]){re.escape(brand)}(?![\w-])", re.I)
        for path, text in texts:
            if pattern.search(text):
                findings.append(Finding(
                    path, brand, "edition", "warning",
                    say(lang, f"« {brand} », sur la liste des solutions repérées, est cité dans "
                              "une réponse que les éditeurs lisent : ses concurrents sauront "
                              "qu'il est envisagé",
                        f"'{brand}', on the shortlist, is named in an answer vendors read: its "
                        "competitors will know it is considered"),
                    say(lang, "Reformulez sans le nom (« un CRM commercial testé en 2021 »), "
                              "sauf si c'est voulu.",
                        "Rephrase without the name ('a sales-only CRM trialled in 2021'), unless "
                        "that is intended."),
                    part_number(path), rule="shortlist_named"))
    meta = data.get("meta") if isinstance(data, Mapping) else None
    disclosed = isinstance(meta, Mapping) and meta.get("disclose_budget") is True
    if not disclosed and is_answered(answer_of(data, bank, "budget_amount")):
        for path, text in texts:
            match = _BUDGET_FIGURE.search(text)
            if match:
                findings.append(Finding(
                    path, match.group(1), "edition", "warning",
                    say(lang, "cette réponse, que les éditeurs lisent, chiffre le budget, que le "
                              "cahier des charges ne leur donne pas (meta.disclose_budget)",
                        "this answer, which vendors read, puts a figure on the budget the "
                        "specification does not give them (meta.disclose_budget)"),
                    say(lang, "Retirez la mention du budget ou son montant, ou divulguez le "
                              "budget (meta.disclose_budget à true).",
                        "Remove the mention of the budget or its amount, or disclose the budget "
                        "(meta.disclose_budget set to true)."),
                    part_number(path), rule="budget_mentioned"))
    return findings
