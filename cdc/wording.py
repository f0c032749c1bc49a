"""Words taken from the answers for the requirements' texts, with neutral fallbacks.

A catalogue text names a *slot* between braces: ``{identity_provider}``, ``{tool:telephony}``.
The slot reads the typed answers and returns a phrase in the document's language, with the
answers it came from; when the answer is missing the slot's fallback is a neutral phrase that
names no place, company, product or figure ("the company's identity provider"), never another
company's example data.

French texts may ask for the preposition to be contracted with the phrase: ``{de segment}``
gives "du segment « Agroalimentaire »" or "d'un segment de clientèle", ``{à approver}`` "au
directeur commercial" or "à Claire Martin".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cdc.answers import answer_of, applies, is_answered
from cdc.questionnaire import Localized, Questionnaire
from cdc.typography import french

NBSP = "\u00a0"
NNBSP = "\u202f"

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_SLOT_SYNTAX = re.compile(r"^(?:(de|à) )?([a-z_]+)(?::([a-z_]+))?$")

KEPT_FUTURES = ("keep", "integrate")
"""A tool whose future is one of these stays beside the CRM."""


class Answers:
    """Read access to the answers: empty values and open points read as None."""

    def __init__(self, data: Any, bank: Questionnaire) -> None:
        self.data = data
        self.bank = bank
        self._kept: dict[str, list[tuple[int, str]]] = {}

    def get(self, qid: str) -> Any:
        value = answer_of(self.data, self.bank, qid)
        return value if is_answered(value) else None

    def path(self, qid: str) -> str:
        part = self.bank.part_of.get(qid)
        return f"{part.key}.{qid}" if part else qid

    def source(self, *qids: str) -> str:
        return ", ".join(self.path(qid) for qid in qids)

    def records(self, qid: str) -> list[tuple[int, Mapping[str, Any]]]:
        """(index from 0, record) for each record of a group answer."""
        raw = self.get(qid)
        if not isinstance(raw, list):
            return []
        return [(i, r) for i, r in enumerate(raw) if isinstance(r, Mapping)]

    def label(self, qid: str, value: Any, lang: str) -> str:
        question = self.bank.by_id.get(qid)
        choice = question.choice(value) if question else None
        return choice.label.get(lang) if choice else str(value)

    def label_field(self, group: str, field: str, value: Any, lang: str) -> str:
        question = self.bank.by_id.get(group)
        sub = question.field(field) if question else None
        choice = sub.choice(value) if sub else None
        return choice.label.get(lang).lower() if choice else str(value)

    def kept_tools(self, capability: str) -> list[tuple[int, str]]:
        """(record index, name) of the existing tools that stay and keep ``capability``."""
        if capability not in self._kept:
            self._kept[capability] = self._find_kept(capability)
        return self._kept[capability]

    def _find_kept(self, capability: str) -> list[tuple[int, str]]:
        group = self.bank.by_id.get("existing_tools")
        keeps = group.field("keeps") if group else None
        found = []
        for index, record in self.records("existing_tools"):
            name = record.get("name")
            kept = record.get("keeps")
            if (keeps is not None and applies(keeps, self.data, self.bank, record)
                    and record.get("future") in KEPT_FUTURES and isinstance(kept, list)
                    and capability in kept and isinstance(name, str) and name.strip()):
                found.append((index, name.strip()))
        return found


# --------------------------------------------------------------------------- formatting


def number(value: float, lang: str) -> str:
    """``15 000``, ``99,5`` in French; ``15,000``, ``99.5`` in English."""
    if float(value).is_integer():
        text = f"{int(value):,}"
        return text.replace(",", NNBSP) if lang == "fr" else text
    text = f"{float(value):,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", NNBSP).replace(".", ",") if lang == "fr" else text


def quantity(value: float, lang: str, fr: str, en: str) -> str:
    """``24 heures``, ``1 hour``: the number and its noun agreed (regular plural)."""
    plural = value >= 2 if lang == "fr" else value != 1
    noun = (fr if lang == "fr" else en)
    if plural:
        noun = " ".join(word + "s" for word in noun.split(" ")) if lang == "fr" else noun + "s"
    return f"{number(value, lang)} {noun}"


def join(items: list[str], lang: str) -> str:
    """``a, b et c`` / ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    last = " et " if lang == "fr" else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def quoted(text: str, lang: str) -> str:
    return f"«{NBSP}{text}{NBSP}»" if lang == "fr" else f"“{text}”"


_VOWEL = re.compile(r"^[aeiouyhàâäéèêëîïôöùûüœæ]", re.IGNORECASE)


def contract(preposition: str, phrase: str) -> str:
    """French ``de``/``à`` before a phrase: du, des, au, aux, d', de l'…"""
    lower = phrase.lower()
    if preposition == "de":
        if lower.startswith("le "):
            return "du " + phrase[3:]
        if lower.startswith("les "):
            return "des " + phrase[4:]
        if lower.startswith(("la ", "l'", "l’")):
            return "de " + phrase
        return ("d'" if _VOWEL.match(phrase) else "de ") + phrase
    if lower.startswith("le "):
        return "au " + phrase[3:]
    if lower.startswith("les "):
        return "aux " + phrase[4:]
    return "à " + phrase


# --------------------------------------------------------------------------- slots


@dataclass(frozen=True)
class Phrase:
    """A slot's value: the words, and the answers they came from (dotted paths, records
    counted from 1 as people read them)."""

    text: str
    sources: tuple[str, ...] = ()


SlotRule = Callable[[Answers, str, str], "Phrase | None"]


@dataclass(frozen=True)
class Slot:
    rule: SlotRule
    fallback: Callable[[str], Localized]  # the argument → the neutral phrase
    args: tuple[str, ...] = ()  # the arguments it takes, if any


CAPABILITY_FALLBACKS = {
    "email_campaigns": Localized("l'outil d'e-mailing {de org}",
                                 "{org}'s e-mailing tool"),
    "sms_campaigns": Localized("l'outil d'envoi de SMS {de org}",
                               "{org}'s SMS tool"),
    "marketing_automation": Localized("l'outil d'automatisation marketing {de org}",
                                      "{org}'s marketing automation tool"),
    "web_forms": Localized("le site web {de org}", "{org}'s website"),
    "email_calendar": Localized("la messagerie et les agendas des utilisateurs",
                                "the users' e-mail and calendars"),
    "identity": Localized("l'annuaire {de org}", "{org}'s directory"),
    "telephony": Localized("la téléphonie {de org}", "{org}'s phone system"),
    "e_signature": Localized("l'outil de signature électronique {de org}",
                             "{org}'s e-signature tool"),
    "document_storage": Localized("la gestion documentaire {de org}",
                                  "{org}'s document management system"),
    "bi": Localized("l'outil décisionnel {de org}", "{org}'s BI tool"),
    "helpdesk": Localized("l'outil de support {de org}",
                          "{org}'s support desk"),
    "pricing": Localized("l'outil de gestion commerciale {de org}",
                         "{org}'s sales management system"),
    "orders": Localized("l'outil de gestion commerciale {de org}",
                        "{org}'s sales management system"),
    "invoicing": Localized("l'outil de facturation {de org}",
                           "{org}'s invoicing system"),
}
CAPABILITIES = tuple(CAPABILITY_FALLBACKS)


def _tool(a: Answers, lang: str, capability: str) -> Phrase | None:
    tools = a.kept_tools(capability)
    if not tools:
        return None
    return Phrase(join([name for _, name in tools], lang),
                  tuple(f"company.existing_tools[{i + 1}]" for i, _ in tools))


def _identity_provider(a: Answers, lang: str, _: str) -> Phrase | None:
    answer = a.get("identity_provider")
    if isinstance(answer, str) and answer.strip():
        return Phrase(answer.strip(), (a.path("identity_provider"),))
    return _tool(a, lang, "identity")


def _segment(a: Answers, lang: str, _: str) -> Phrase | None:
    for index, record in a.records("customer_segments"):
        name = record.get("name")
        if isinstance(name, str) and name.strip():
            # unquoted: the catalogue quotes the whole segment definition around it
            text = (f"le segment {name.strip()}" if lang == "fr"
                    else f"the {name.strip()} segment")
            return Phrase(text, (f"company.customer_segments[{index + 1}]",))
    return None


def _text_answer(qid: str) -> SlotRule:
    def rule(a: Answers, lang: str, _: str) -> Phrase | None:
        value = a.get(qid)
        return Phrase(str(value).strip(), (a.path(qid),)) if isinstance(value, str) else None
    return rule


def _number_answer(qid: str, fr: str, en: str, scale: float = 1) -> SlotRule:
    def rule(a: Answers, lang: str, _: str) -> Phrase | None:
        value = a.get(qid)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return Phrase(quantity(value * scale, lang, fr, en), (a.path(qid),))
    return rule


def _threshold(a: Answers, lang: str, _: str) -> Phrase | None:
    amount, discount = a.get("quote_approval_amount"), a.get("quote_approval_discount")
    parts, sources = [], []
    if isinstance(amount, int | float) and not isinstance(amount, bool):
        euros = number(amount * 1000, lang)
        parts.append(f"dont le montant dépasse {euros}{NBSP}€ HT" if lang == "fr" else
                     f"whose amount exceeds €{euros} excluding VAT")
        sources.append(a.path("quote_approval_amount"))
    if isinstance(discount, int | float) and not isinstance(discount, bool):
        rate = number(discount, lang)
        parts.append(f"dont la remise dépasse {rate}{NBSP}%" if lang == "fr" else
                     f"whose discount exceeds {rate}%")
        sources.append(a.path("quote_approval_discount"))
    if not parts:
        return None
    return Phrase(" ou ".join(parts) if lang == "fr" else " or ".join(parts), tuple(sources))


def _channels(a: Answers, lang: str, _: str) -> Phrase | None:
    chosen = a.get("sales_channels") or []
    names = {"stores": ("en magasin", "in store"), "ecommerce": ("en ligne", "online"),
             "field_sales": ("par les commerciaux", "through the sales reps"),
             "inside_sales": ("par téléphone", "by phone")}
    items = [names[c][0 if lang == "fr" else 1] for c in chosen if c in names]
    if not items:
        return None
    return Phrase(join(items, lang), (a.path("sales_channels"),))


def _records_volume(a: Answers, lang: str, _: str) -> Phrase | None:
    value = a.get("migration_records") if a.get("migration_needed") is True else None
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return Phrase(quantity(value, lang, "fiche", "record"), (a.path("migration_records"),))


def _stages(a: Answers, lang: str, _: str) -> Phrase | None:
    names = [str(r["stage"]).strip() for _, r in a.records("sales_stages")
             if isinstance(r.get("stage"), str) and r["stage"].strip()]
    if len(names) < 2:
        return None
    first, last = quoted(names[0], lang), quoted(names[-1], lang)
    org = organisation(a, lang)
    text = (f"les {len(names)} étapes de vente {contract('de', org)}, de {first} à {last}"
            if lang == "fr" else
            f"{org}'s {len(names)} sales stages, from {first} to {last}")
    return Phrase(text, (a.path("sales_stages"),))


def _platforms(a: Answers, lang: str, _: str) -> Phrase | None:
    chosen = a.get("mobile_platforms") or []
    names = [{"ios": "iOS", "android": "Android"}[c] for c in chosen if c in ("ios", "android")]
    return Phrase(join(names, lang), (a.path("mobile_platforms"),)) if names else None


def organisation(a: Answers | None, lang: str) -> str:
    """How a sentence names the buyer: the answers' meta.company_in_text ("l'AREI"), else
    "l'entreprise" / "the company"."""
    phrase = _organisation(a, lang, "") if a is not None else None
    return phrase.text if phrase else ("l'entreprise" if lang == "fr" else "the company")


def _organisation(a: Answers, lang: str, _: str) -> Phrase | None:
    """The buyer as the answers name it in a sentence (meta.company_in_text: "l'AREI")."""
    value = a.get("company_in_text")
    if not isinstance(value, str) or not value.strip():
        return None
    return Phrase(value.strip(), (a.path("company_in_text"),))


def _fixed(fr: str, en: str) -> Callable[[str], Localized]:
    return lambda _: Localized(fr, en)


SLOTS: Mapping[str, Slot] = {
    "org": Slot(_organisation, _fixed("l'entreprise", "the company")),
    "tool": Slot(_tool, lambda cap: CAPABILITY_FALLBACKS[cap], CAPABILITIES),
    "identity_provider": Slot(_identity_provider, _fixed(
        "le fournisseur d'identité {de org}", "{org}'s identity provider")),
    "segment": Slot(_segment, _fixed("un segment de clientèle", "a customer segment")),
    "approver": Slot(_text_answer("quote_approver"), _fixed(
        "le responsable désigné", "the designated manager")),
    "quote_threshold": Slot(_threshold, _fixed(
        "dont le montant ou la remise dépasse un seuil paramétrable",
        "whose amount or discount exceeds a configurable threshold")),
    "quote_follow_up": Slot(_number_answer("quote_follow_up_days", "jour", "day"), _fixed(
        "le délai paramétré", "the configured delay")),
    "approval_escalation": Slot(_number_answer("approval_escalation_hours", "heure ouvrée",
                                               "working hour"),
                                _fixed("le délai paramétré", "the configured delay")),
    "request_response": Slot(_number_answer("request_response_hours", "heure ouvrée",
                                            "working hour"),
                             _fixed("le délai de prise en charge paramétré",
                                    "the configured response time")),
    "sales_channels": Slot(_channels, _fixed("sur chacun des canaux de vente {de org}",
                                             "on each of {org}'s sales channels")),
    "stages": Slot(_stages, _fixed("les étapes de vente {de org}", "{org}'s sales stages")),
    "mobile_platforms": Slot(_platforms, _fixed("les téléphones des utilisateurs",
                                                "the users' phones")),
    "records": Slot(_records_volume, _fixed("le volume de fiches de la reprise",
                                            "the volume of records migrated")),
}


def slot_problems(text: str, lang: str) -> list[str]:
    """What is wrong with the placeholders of a catalogue text (empty when every one is known)."""
    problems = []
    for match in PLACEHOLDER.finditer(text):
        syntax = _SLOT_SYNTAX.match(match.group(1).strip())
        if syntax is None:
            problems.append(f"'{{{match.group(1)}}}' is not a placeholder "
                            "({slot}, {slot:argument}, or in French {de slot}, {à slot})")
            continue
        preposition, name, arg = syntax.groups()
        slot = SLOTS.get(name)
        if slot is None:
            problems.append(f"unknown placeholder '{name}' (known: {', '.join(sorted(SLOTS))})")
        elif slot.args and arg not in slot.args:
            problems.append(f"'{{{match.group(1)}}}' needs one of: {', '.join(slot.args)}")
        elif not slot.args and arg:
            problems.append(f"'{name}' takes no argument")
        if preposition and lang != "fr":
            problems.append(f"'{{{match.group(1)}}}': only French texts contract a preposition")
    return problems


def fill(text: str, answers: Answers | None, lang: str) -> tuple[str, tuple[str, ...]]:
    """The text with every placeholder replaced, and the answers used (dotted paths).

    ``answers`` None fills every slot with its neutral fallback. French typography is applied
    to French texts.
    """
    sources: list[str] = []

    def replace(match: re.Match[str]) -> str:
        syntax = _SLOT_SYNTAX.match(match.group(1).strip())
        assert syntax is not None, match.group(0)  # checked when the catalogue loads
        preposition, name, arg = syntax.groups()
        arg = arg or ""
        phrase = SLOTS[name].rule(answers, lang, arg) if answers is not None else None
        if phrase is not None:
            words = phrase.text
            sources.extend(s for s in phrase.sources if s not in sources)
        else:
            words = SLOTS[name].fallback(arg).get(lang)
            if "{" in words:  # a neutral phrase names the buyer: "l'annuaire {de org}"
                words = PLACEHOLDER.sub(replace, words)
        return contract(preposition, words) if preposition else words

    filled = PLACEHOLDER.sub(replace, text) if "{" in text else text
    return (_french(filled) if lang == "fr" else filled), tuple(sources)


@lru_cache(maxsize=4096)
def _french(text: str) -> str:
    """French typography, cached: most catalogue texts come back unchanged build after build."""
    return french(text)
