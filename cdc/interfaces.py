"""Interface requirements: one per record of ``mapping.interfaces``, ``INT-001`` onwards.

The interfaces table of part 3 says which data goes from which tool to which, how often and
how; a vendor can only price and answer what is a requirement, so each interface becomes one:
the technical exchange (what data, between which tools, direction, frequency, method, format)
and an acceptance test derived from the frequency. The business requirements of the catalogue
("a signed quote creates the order in the ERP") stay as they are: this is the pipe, not the
feature.

Ids follow the table's rows: ``INT-003`` is the third interface, whatever the others hold.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cdc.answers import is_answered
from cdc.language import capitalise, elide
from cdc.questionnaire import normal_text
from cdc.typography import cut_long_words, french
from cdc.wording import Answers, quoted

INT_MODULE = "interfaces"
INT_PREFIX = "INT"

_OLD = re.compile(r"\b(?:ancien|anciens|old|legacy|previous|actuel|current|existant|existing)\b")


@dataclass(frozen=True)
class InterfaceRequirement:
    """One interface as a requirement, in the document's language."""

    id: str
    statement: str
    acceptance: str
    source: str


def is_crm(tool: str) -> bool:
    """True when a source or target names the CRM being bought ("CRM", "le nouveau CRM"), not
    an old one ("ancien CRM GRC-Pro") nor another tool."""
    words = normal_text(tool)
    return bool(re.search(r"\bcrm\b", words)) and not _OLD.search(words)


# Phrases per choice value: the bank's ``text`` forms are labels for tables and adjectives
# ("quotidienne"), while a requirement needs adverbs ("chaque jour") and articles ("through an
# API").
_FREQUENCY = {
    "realtime": ("en temps réel (à chaque événement)", "in real time (on each event)"),
    "hourly": ("toutes les heures", "every hour"),
    "daily": ("chaque jour", "every day"),
    "weekly": ("chaque semaine", "every week"),
    "monthly": ("chaque mois", "every month"),
    "on_demand": ("à la demande d'un utilisateur habilité", "on demand by an authorised user"),
}
_METHOD = {
    "api": ("par API", "through an API"),
    "file": ("par échange de fichiers", "by file transfer"),
    "connector": ("par un connecteur standard du CRM", "through a standard CRM connector"),
    "manual": ("par saisie ou import manuel", "by manual entry or import"),
}
_DELAY = {
    "realtime": ("en moins d'une minute", "within one minute"),
    "hourly": ("dans l'heure", "within the hour"),
    "daily": ("le lendemain matin", "by the next morning"),
    "weekly": ("après l'échange hebdomadaire suivant, sept jours au plus tard",
               "after the next weekly run, at most seven days later"),
    "monthly": ("après l'échange mensuel suivant, un mois au plus tard",
                "after the next monthly run, at most one month later"),
}
_NEXT_RUN = ("après l'exécution suivante de l'échange", "after the next run of the exchange")
_REJECTED = ("Les enregistrements rejetés sont journalisés avec leur motif et signalés à "
             "l'administrateur du CRM.",
             "Rejected records are logged with their reason and reported to the CRM "
             "administrator.")


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if is_answered(value) else ""


def _sentence(text: str) -> str:
    """A free answer closed as a sentence: its own final stop kept, one added otherwise. Its
    first letter stays as written: "Aircall" or "Sage" must not lose their capital."""
    return text if text.endswith((".", "!", "?", "…")) else text + "."


@dataclass(frozen=True)
class _Ends:
    """Who sends and who receives, seen from the CRM as the direction says."""

    origin: str  # where the data comes from ("le CRM" when it leaves the CRM)
    destination: str
    partner: str  # the other tool, "" when neither end is the CRM
    both_ways: bool


def _ends(record: Mapping[str, Any], lang: str) -> _Ends:
    source, target = _text(record.get("source")), _text(record.get("target"))
    crm = _pick(("le CRM", "the CRM"), lang)
    both = record.get("direction") == "bidirectional"
    crm_source, crm_target = is_crm(source), is_crm(target)
    if crm_source == crm_target:  # neither end (or both) is the CRM: say it as written
        return _Ends(source or crm, target or crm, "", both)
    partner = target if crm_source else source
    if record.get("direction") == "outbound":
        return _Ends(crm, partner, partner, both)
    if record.get("direction") == "inbound":
        return _Ends(partner, crm, partner, both)
    return _Ends(source if not crm_source else crm, target if not crm_target else crm,
                 partner, both)


def _core(ends: _Ends, direction: Any, lang: str) -> str:
    """"le CRM doit recevoir des données depuis Sage": the exchange without its manner."""
    if not ends.partner:
        if ends.both_ways:
            return _pick((f"la solution doit échanger des données dans les deux sens entre "
                          f"{ends.origin} et {ends.destination}",
                          f"the solution shall exchange data in both directions between "
                          f"{ends.origin} and {ends.destination}"), lang)
        return _pick((f"la solution doit transférer des données depuis {ends.origin} vers "
                      f"{ends.destination}",
                      f"the solution shall transfer data from {ends.origin} to "
                      f"{ends.destination}"), lang)
    if direction not in ("inbound", "outbound", "bidirectional"):
        # no direction answered: the data goes from the source to the target, as written
        direction = "inbound" if ends.origin == ends.partner else "outbound"
    if ends.both_ways or direction == "bidirectional":
        return _pick((f"le CRM doit échanger des données dans les deux sens avec {ends.partner}",
                      f"the CRM shall exchange data in both directions with {ends.partner}"),
                     lang)
    if direction == "inbound":
        return _pick((f"le CRM doit recevoir des données depuis {ends.partner}",
                      f"the CRM shall receive data from {ends.partner}"), lang)
    return _pick((f"le CRM doit envoyer des données vers {ends.partner}",
                  f"the CRM shall send data to {ends.partner}"), lang)


def _method(record: Mapping[str, Any], lang: str) -> str:
    first = _METHOD.get(str(record.get("method")))
    later = _METHOD.get(str(record.get("target_method")))
    if first and later and later != first:
        return _pick((f"{first[0]} au démarrage, puis {later[0]}",
                      f"{first[1]} at go-live, then {later[1]}"), lang)
    chosen = first or later
    return _pick(chosen, lang) if chosen else ""


def _statement(record: Mapping[str, Any], lang: str) -> str:
    ends = _ends(record, lang)
    frequency = _FREQUENCY.get(str(record.get("frequency")))
    core = _core(ends, record.get("direction"), lang)
    if frequency:
        core += " " + _pick(frequency, lang)
    body = ", ".join(c for c in (core, _method(record, lang)) if c) + "."
    name = _text(record.get("name"))
    text = (f"Interface {quoted(name, lang)}{_pick((' : ', ': '), lang)}{body}" if name
            else capitalise(body))
    data, form = _text(record.get("data")), _text(record.get("format"))
    if data:
        text += _pick((" Données : ", " Data: "), lang) + _sentence(data)
    if form:
        text += _pick((" Format : ", " Format: "), lang) + _sentence(form)
    return text


def _acceptance(record: Mapping[str, Any], lang: str) -> str:
    ends = _ends(record, lang)
    frequency = str(record.get("frequency"))
    if frequency == "on_demand":
        if ends.both_ways:
            data = _pick(("les données de chaque outil apparaissent dans l'autre",
                          "the data of each tool appears in the other"), lang)
        else:
            data = _pick((f"les données {elide('de', ends.origin)} apparaissent dans "
                          f"{ends.destination}",
                          f"the data from {ends.origin} appears in {ends.destination}"), lang)
        test = _pick((f"Un utilisateur habilité lance l'échange et {data} ; un utilisateur "
                      "sans ce droit ne peut pas le lancer.",
                      f"An authorised user launches the exchange and {data}; a user without "
                      "that right cannot launch it."), lang)
    else:
        delay = _pick(_DELAY.get(frequency, _NEXT_RUN), lang)
        if ends.both_ways:
            test = _pick((f"Un enregistrement créé ou modifié dans {ends.origin} ou dans "
                          f"{ends.destination} apparaît dans l'autre outil {delay}.",
                          f"A record created or changed in {ends.origin} or in "
                          f"{ends.destination} appears in the other tool {delay}."), lang)
        else:
            test = _pick((f"Un enregistrement créé ou modifié dans {ends.origin} apparaît dans "
                          f"{ends.destination} {delay}.",
                          f"A record created or changed in {ends.origin} appears in "
                          f"{ends.destination} {delay}."), lang)
    return f"{test} {_pick(_REJECTED, lang)}"


def _described(record: Mapping[str, Any]) -> bool:
    return any(_text(record.get(key)) for key in ("name", "source", "target", "data"))


def interface_requirements(a: Answers, lang: str) -> list[InterfaceRequirement]:
    """One requirement per interface described, ``INT-<row>``, in the table's order."""
    result = []
    for index, record in a.records("interfaces"):
        if not _described(record):
            continue
        statement, acceptance = _statement(record, lang), _acceptance(record, lang)
        if lang != "en":
            statement, acceptance = french(statement), french(acceptance)
        # a pasted block in an answer is cut once, here, for the documents, the grid and score
        statement, acceptance = cut_long_words(statement, lang), cut_long_words(acceptance, lang)
        result.append(InterfaceRequirement(f"{INT_PREFIX}-{index + 1:03d}", statement,
                                           acceptance, f"mapping.interfaces[{index + 1}]"))
    return result
