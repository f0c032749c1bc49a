"""What a demonstration scenario shows, read from the flow it comes from.

A flow of part 3 says what happens ("Saisie du devis par le sédentaire → contrôle de la remise →
envoi PDF…") but not which requirements it puts on screen nor which user profile is at the
keyboard. What it shows is read from the flow's own words:

- **requirements shown**: the requirements whose statement says what the flow does. Each word is
  reduced to its stem (Snowball, French or English) and weighted by its rarity among the
  specification's requirements, so that "DocuSign", "purge" or "renouvellement" count and
  "fiche" or "création" hardly do; a requirement is shown when it shares enough rare words with
  the flow (a tool the flow names counts a lot, a catalogue entry's subject phrase too), fewer
  and right rather than many and loose. A flow with a real approval step also shows the approval
  circuit and its log (WFL-002, WFL-003), which its expected result describes.

Who runs it and who approves it: :mod:`cdc.scenario_roles`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

import snowballstemmer  # type: ignore[import-untyped]

# Words that say nothing about what a requirement or a flow is about.
STOP_WORDS = frozenset({
    "le", "la", "les", "un", "une", "des", "du", "de", "d", "l", "à", "au", "aux", "et", "ou",
    "en", "par", "pour", "sur", "dans", "avec", "sans", "sous", "chaque", "tout", "toute", "tous",
    "toutes", "son", "sa", "ses", "leur", "leurs", "ce", "cet", "cette", "ces", "qui", "que",
    "dont", "est", "sont", "être", "doit", "doivent", "peut", "plus", "moins", "ne", "pas", "se",
    "lui", "elle", "il", "ils", "y", "a", "entre", "après", "avant", "selon", "ainsi", "comme",
    "si", "afin", "lors", "depuis", "vers", "chez", "vous", "nous", "on", "soit", "the", "an",
    "and", "or", "of", "to", "in", "at", "by", "for", "with", "from", "into", "each", "every",
    "any", "all", "its", "their", "his", "her", "this", "that", "these", "those", "which", "who",
    "is", "are", "be", "shall", "must", "should", "may", "can", "not", "no", "more", "less",
    "than", "after", "before", "within", "without", "per", "as", "via", "it", "they", "them",
    "one",
})
# Words every CRM flow and requirement use: they tell nothing apart.
_GENERIC = frozenset({
    "crm", "créer", "crée", "création", "créé", "nouveau", "nouvelle", "fiche", "fiches",
    "enregistrement", "enregistrer", "date", "jour", "jours", "heure", "heures", "automatique",
    "automatiquement", "utilisateur", "entreprise", "mail", "email", "create", "created",
    "creation", "new", "record", "records", "day", "days", "hour", "hours", "time", "automatic",
    "automatically", "user", "company", "client", "clients", "customer", "customers", "account",
    "accounts", "compte", "comptes", "contact", "contacts",
})
_WORD = re.compile(r"[\w+]+")
# The words by which a flow names a module (folded, matched at the start of a word: "reclamation").
MODULE_WORDS: Mapping[str, tuple[str, ...]] = {
    "leads": ("lead", "formulaire", "prospect", "inquiry", "enquiry", "form"),
    "opportunities": ("affaire", "opportunit", "pipeline", "deal", "proposal", "renouvel",
                      "renewal"),
    "quotes": ("devis", "commande", "quote", "order", "tarif", "price", "remise", "discount"),
    "service": ("reclamation", "ticket", "incident", "sav", "support", "complaint", "claim",
                "assistance", "escalat"),
    "campaigns": ("campagne", "newsletter", "e-mailing", "campaign", "mailing"),
    "loyalty": ("fidelit", "adhesion", "loyalty", "membership", "points"),
    "workflows": ("validation", "approbation", "approv", "seuil", "threshold"),
    "documents": ("document", "piece jointe", "attachment", "signature", "justificatif"),
    "activities": ("visite", "rendez-vous", "appel", "relance", "visit", "meeting", "call",
                   "follow-up", "tache", "task"),
    "portal": ("portail", "espace client", "portal"),
    "contacts": ("consentement", "consent", "doublon", "duplicate", "fiche compte"),
    "mobile": ("mobile", "hors connexion", "offline"),
}
_MAX_SHOWN = 5  # besides the approval circuit
_APPROVAL_IDS = ("WFL-002", "WFL-003")  # the approval circuit and its log (catalogue ids)
_NO_APPROVAL = re.compile(
    r"^\W*(aucune?|sans objet|neant|non|pas de validation|none|no approval|not applicable|"
    r"n/?a|nil|-+|—)\b", re.IGNORECASE)


class RequirementLike(Protocol):
    """What the matching reads of a requirement (:class:`cdc.requirements.Requirement`)."""

    @property
    def id(self) -> str: ...
    @property
    def module(self) -> str: ...
    @property
    def statement(self) -> str: ...
    @property
    def priority(self) -> str: ...
    @property
    def verification(self) -> str: ...


@dataclass(frozen=True)
class Flow:
    """One information flow of part 3, as the scenarios read it."""

    name: str
    trigger: str
    steps: tuple[str, ...]
    validation_step: str
    validator: str

    @property
    def approval(self) -> bool:
        """True when the flow has a real approval step ("Aucune", "Sans objet", "None"… are
        none)."""
        return bool(self.validation_step and self.validator) and not (
            has_no_approval(self.validation_step) or has_no_approval(self.validator))

    @property
    def text(self) -> str:
        return " ".join((self.name, self.trigger, *self.steps, self.validation_step))


def has_no_approval(text: str) -> bool:
    """True for the answers that say there is no approval: "Aucune ; …", "Sans objet", "N/A"."""
    return bool(_NO_APPROVAL.match(fold(text)))


def fold(text: str) -> str:
    """Lower case without accents: "Réclamation" → "reclamation"."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=2)
def _stemmer(lang: str) -> Any:
    return snowballstemmer.stemmer("english" if lang == "en" else "french")


@lru_cache(maxsize=8192)
def _stem(word: str, lang: str) -> str:
    return fold(_stemmer(lang).stemWord(word))


@lru_cache(maxsize=2)
def _generic_stems(lang: str) -> frozenset[str]:
    return frozenset(_stem(w, lang) for w in _GENERIC)


def stems(text: str, lang: str) -> set[str]:
    """The stems of the words of ``text`` that carry meaning (no stop word, no generic CRM
    word, no lone digit); two-letter words count only as acronyms (AE, TC)."""
    found = set()
    generic = _generic_stems(lang)
    for word in _WORD.findall(text):
        word = word.strip("+")
        lower = word.lower()
        if lower in STOP_WORDS or not word:
            continue
        if len(word) < 3 and not (len(word) == 2 and word.isupper() and word.isalpha()):
            continue
        stem = _stem(lower, lang)
        if stem and stem not in generic:
            found.add(stem)
    return found


# --------------------------------------------------------------------------- requirements


def _head(statement: str) -> str:
    """What a requirement asks, without the list of answers it quotes after a colon ("…la base
    légale de chaque traitement : Accompagnement…, Relations avec les employeurs…")."""
    return re.split(r"\s:\s|:\s", statement, maxsplit=1)[0]


def _subjects() -> Mapping[str, tuple[str, ...]]:
    from cdc.catalogue import load_catalogue

    return {e.id: e.subject for entries in load_catalogue().values() for e in entries}


class Matcher:
    """The requirements of one specification, ready to be matched against its flows."""

    def __init__(self, requirements: Sequence[RequirementLike], lang: str,
                 tools: Iterable[str] = ()) -> None:
        self.lang = lang
        # Out of scope requirements are never demonstrated, nor those a demonstration cannot
        # show (certifications, hosting: non-functional ones verified otherwise).
        self.candidates = [r for r in requirements if r.priority != "wont" and (
            r.module != "nfr" or r.verification == "demonstration")]
        self.ids = {r.id for r in self.candidates}
        self.module = {r.id: r.module for r in self.candidates}
        self.order = {r.id: i for i, r in enumerate(self.candidates)}
        self.words = {r.id: stems(_head(r.statement), lang) for r in self.candidates}
        count = len(self.candidates)
        frequency: dict[str, int] = {}
        for found in self.words.values():
            for stem in found:
                frequency[stem] = frequency.get(stem, 0) + 1
        self.rarity = {s: math.log((count + 1) / (n + 0.5)) for s, n in frequency.items()}
        # A rare word is one at most one requirement in ten uses.
        self.rare = math.log((count + 1) / (count / 10 + 0.5))
        self.norm = {i: math.sqrt(sum(self.rarity[s] ** 2 for s in found)) or 1.0
                     for i, found in self.words.items()}
        # A tool is named by its proper words ("Sage", "3CX"), not by "gestion commerciale".
        self.tools = {_stem(w.lower(), lang) for t in tools for w in _WORD.findall(t)
                      if w[:1].isupper() or any(c.isdigit() for c in w)} - {""}
        subjects = _subjects()
        self.subjects = {r.id: tuple(stems(p, lang) for p in subjects.get(r.id, ()))
                         for r in self.candidates}

    def shown(self, flow: Flow) -> tuple[str, ...]:
        """The ids of the requirements ``flow`` demonstrates, in the specification's order."""
        weights: dict[str, float] = {}
        for part, weight in ((flow.name, 2.0), (flow.trigger, 1.0),
                             (" ".join(flow.steps), 1.0), (flow.validation_step, 1.0)):
            for stem in stems(part, self.lang):
                weights[stem] = max(weights.get(stem, 0.0), weight)
        norm = math.sqrt(sum((w * self.rarity.get(s, 0.0)) ** 2
                             for s, w in weights.items())) or 1.0
        named = self._modules_named(flow)
        scores: dict[str, float] = {}
        for rid, words in self.words.items():
            shared = words & weights.keys()
            if not shared:
                continue
            score = sum(weights[s] * self.rarity[s] ** 2 for s in shared) / (
                self.norm[rid] * norm)
            rare_shared = {s for s in shared if self.rarity[s] >= self.rare}
            rare = len(rare_shared)
            tool = bool(rare_shared & self.tools)
            # A subject phrase of one word ("appel", "account") names the flow's subject only
            # in its name.
            subject = any(p and p <= weights.keys() and (
                len(p) > 1 or (p <= rare_shared and weights[next(iter(p))] > 1))
                for p in self.subjects.get(rid, ()))
            in_module = self.module[rid] in named
            # Words in common are a coincidence unless the flow names the requirement's tool or
            # subject, or its module and two rare words, or three rare words (four outside the
            # modules the flow names): "support staff" in a hosting requirement is not part of
            # a support escalation.
            enough = 4 if named else 3
            if not (tool or subject or (in_module and rare >= 2) or rare >= enough):
                continue
            scores[rid] = score + 0.2 * tool + 0.15 * subject + 0.15 * in_module
        best = max(scores.values(), default=0.0)
        chosen = sorted((rid for rid, s in scores.items() if s >= max(0.15, best / 2)),
                        key=lambda rid: (-scores[rid], rid))[:_MAX_SHOWN]
        if not chosen:  # no requirement says what the flow does: its modules' core ones
            chosen = [r.id for r in self.candidates
                      if r.module in named and r.module != "workflows"
                      and r.priority == "must"][:3]
        if flow.approval:
            chosen += [rid for rid in _APPROVAL_IDS if rid in self.ids and rid not in chosen]
        return tuple(sorted(chosen, key=self.order.__getitem__))  # as the grid lists them

    def _modules_named(self, flow: Flow) -> set[str]:
        """The modules whose words the flow's name (counting three times) and text use most."""
        title, rest = fold(flow.name), fold(flow.text)

        def uses(text: str, word: str) -> bool:
            return re.search(rf"\b{re.escape(word)}", text) is not None

        scores = {m: 3 * sum(uses(title, w) for w in words) + sum(uses(rest, w) for w in words)
                  for m, words in MODULE_WORDS.items()}
        best = max(scores.values(), default=0)
        return {m for m, s in scores.items() if s and s * 2 >= best}
