"""Words in one place: elision, contraction, agreement, lists, gender and the vendor's name.

Templates hold no grammar: they call these functions (as Jinja filters and globals, see
:mod:`cdc.templating`) to write "d'Hydrotec", "aux entreprises", "1 heure" and "2 heures",
"A, B et C", "utilisatrice clé", and the same word for the vendor from the first page to the
last. French and English; anything else is treated as English.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Words beginning with an aspirated h take no elision ("la hiérarchie", "de hors-ligne").
_ASPIRATED_H = frozenset({
    "hache", "haie", "haine", "hall", "halte", "hameau", "hanche", "handicap", "hangar",
    "harcèlement", "hardi", "hareng", "haricot", "hasard", "hâte", "hausse", "haut", "haute",
    "hauteur", "héros", "hérisson", "hernie", "hiérarchie", "hiérarchique", "hiérarchiques",
    "hiérarchies", "hockey", "homard", "honte", "hors", "hotte", "houx", "huit", "huitième",
    "hurler", "hutte",
})
_VOWELS = "aeiouyàâäéèêëîïôöûùüœæ"


def starts_with_vowel_sound(word: str) -> bool:
    """True when French elides before ``word``: a vowel, or a mute h ("Hydrotec", "hôtel")."""
    word = word.lstrip("«“\"'(‘ \u00a0")
    if not word:
        return False
    first = word[0].lower()
    if first in _VOWELS:
        # "un", "une", "onze", "oui" are not elided in front of numbers or as words apart.
        return word.lower() not in ("onze", "oui", "ouate", "yacht", "yaourt", "yoga")
    if first == "h":
        bare = re.split(r"[\s\-'’]", word.lower(), maxsplit=1)[0]
        return bare not in _ASPIRATED_H
    return False


def elide(particle: str, text: str) -> str:
    """"de" + "Hydrotec" → "d'Hydrotec"; "de" + "le secteur public" → "du secteur public".

    ``particle`` is one of de, à, le, la, que (French); ``text`` may start with an article,
    which contracts with de and à (du, des, au, aux); "de" + "des formulaires" gives "de
    formulaires". Any other particle (an English word) is simply put in front.
    """
    text = text.strip()
    if not text:
        return particle
    lower = particle.lower()
    if lower == "de" and text.lower().startswith("des "):  # "de des formulaires" → "de formulaires"
        return elide(particle, text[4:])
    if lower in ("de", "à"):
        for article, de_form, a_form in (("le ", "du ", "au "), ("les ", "des ", "aux ")):
            if text.lower().startswith(article):
                contracted = de_form if lower == "de" else a_form
                if particle[0].isupper():
                    contracted = contracted.capitalize()
                return contracted + text[len(article):]
    if lower in ("de", "le", "la", "que", "je", "ne", "se") and starts_with_vowel_sound(text):
        return particle[:-1] + "'" + text
    return f"{particle} {text}"


# --------------------------------------------------------------------------- agreement

_INVARIABLE_FR = frozenset({"mois", "fois", "devis", "prix", "taux", "cas", "pas", "avis",
                            "accès", "corps", "temps", "dos", "poids", "fonds", "%", "€",
                            "k€", "M€"})
_IRREGULAR_EN = {"people": "person", "children": "child", "men": "man", "women": "woman",
                 "data": "data", "series": "series"}


def singular(word: str, lang: str) -> str:
    """The singular of a plural noun: "heures" → "heure", "people" → "person"."""
    if lang != "en":
        if word in _INVARIABLE_FR or not word.endswith(("s", "x")):
            return word
        if word.endswith("aux"):
            return word[:-3] + "al"
        return word[:-1]
    if word in _IRREGULAR_EN:
        return _IRREGULAR_EN[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def is_singular_count(number: float, lang: str) -> bool:
    """French writes 0 and 1 (and 1,5) in the singular; English only exactly 1."""
    if lang == "en":
        return number == 1
    return abs(number) < 2


def agree(number: float, unit: str, lang: str) -> str:
    """``unit`` (written in the plural, as the bank gives it) agreed with ``number``.

    Only the first word agrees: "heures" → "heure", "clients par an" → "client par an",
    "visiteurs/mois" → "visiteur/mois".
    """
    if not is_singular_count(number, lang) or not unit:
        return unit
    match = re.match(r"([^\s/]+)(.*)", unit, flags=re.S)
    if match is None:
        return unit
    return singular(match.group(1), lang) + match.group(2)


def count(number: float, noun: str, lang: str, plural: str | None = None,
          shown: str | None = None) -> str:
    """"2 personnes", "1 personne": ``noun`` is singular; ``plural`` when irregular; ``shown``
    is the number as the document writes it ("1 150"), by default as Python does."""
    word = noun if is_singular_count(number, lang) else (plural or _plural(noun, lang))
    if shown is None:
        shown = f"{number:g}" if isinstance(number, float) else str(number)
    return f"{shown}\u00a0{word}"


def _plural(noun: str, lang: str) -> str:
    if lang == "en":
        if noun.endswith("y") and noun[-2:-1] not in _VOWELS:
            return noun[:-1] + "ies"
        if noun.endswith(("s", "x", "ch", "sh")):
            return noun + "es"
        return {v: k for k, v in _IRREGULAR_EN.items()}.get(noun, noun + "s")
    if noun.endswith(("s", "x", "z")):
        return noun
    if noun.endswith("al"):
        return noun[:-2] + "aux"
    if noun.endswith(("eau", "au", "eu")):
        return noun + "x"
    return noun + "s"


# --------------------------------------------------------------------------- lists


def join(items: list[str] | tuple[str, ...], lang: str, last: str | None = None) -> str:
    """"A, B et C" / "A, B and C"; ``last`` replaces the final conjunction ("ou", "or").

    When an item already holds the conjunction ("le support et la maintenance"), the last one
    is joined by "ainsi que" / "as well as": "A, B et C et D" would read as a stutter."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    word = last or ("and" if lang == "en" else "et")
    if last is None and any(re.search(rf"\b{word}\b", re.sub(r"\([^)]*\)", "", i))
                            for i in items):
        tail = items[-1]
        link = ", as well as " if lang == "en" else \
            ", ainsi qu'" if starts_with_vowel_sound(tail) else ", ainsi que "
        return ", ".join(items[:-1]) + link + tail
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


# --------------------------------------------------------------------------- gender

_FEMININE = re.compile(
    r"\b(?:\w+trice|\w+euse|\w+ière|cheffe|présidente|assistante|commerciale|déléguée|"
    r"chargée|référente|technicienne|ingénieure|consultante|adjointe|employée)\b", re.IGNORECASE)
_MASCULINE = re.compile(
    r"\b(?:\w+teur|\w+eur|\w+ier|chef|président|assistant|commercial|délégué|chargé|"
    r"référent|technicien|consultant|adjoint|employé)\b", re.IGNORECASE)


def feminine_role(role: str) -> bool:
    """True when a role as entered is written in the feminine ("Utilisatrice clé", "cheffe
    de projet") and not also in the masculine: the document then agrees with it."""
    text = unicodedata.normalize("NFC", role)
    return bool(_FEMININE.search(text)) and not _MASCULINE.search(text)


def key_user(role: str, lang: str) -> str:
    """"utilisateur clé" or "utilisatrice clé" as the role is written; "key user" in English."""
    if lang == "en":
        return "key user"
    return "utilisatrice clé" if feminine_role(role) else "utilisateur clé"


# --------------------------------------------------------------------------- the vendor


@dataclass(frozen=True)
class VendorTerms:
    """The names of the party that answers and of the one that delivers, chosen once for the
    whole document: a private consultation and public procurement do not say the same."""

    bidder: str  # who answers the consultation: "l'éditeur", "le candidat"
    bidders: str  # "les éditeurs", "les candidats"
    contractor: str  # who delivers once chosen: "le prestataire retenu", "le titulaire"
    bidder_noun: str  # without article: "éditeur", "candidat"
    contractor_noun: str  # "prestataire", "titulaire"


_TERMS = {
    ("fr", "private"): VendorTerms("l'éditeur", "les éditeurs", "le prestataire retenu",
                                   "éditeur", "prestataire"),
    ("fr", "public"): VendorTerms("le candidat", "les candidats", "le titulaire", "candidat",
                                  "titulaire"),
    ("en", "private"): VendorTerms("the vendor", "the vendors", "the selected supplier",
                                   "vendor", "supplier"),
    ("en", "public"): VendorTerms("the bidder", "the bidders", "the contractor", "bidder",
                                  "contractor"),
}

PUBLIC_PROCEDURES = frozenset({"public_adapted", "public_tender", "public"})


def vendor_terms(lang: str, procedure: str | None = None) -> VendorTerms:
    """The vendor's names for ``lang`` and the consultation's procedure (private by default)."""
    kind = "public" if procedure in PUBLIC_PROCEDURES else "private"
    return _TERMS[("en" if lang == "en" else "fr", kind)]


def capitalise(text: str) -> str:
    """The first letter in upper case, the rest as it is ("l'éditeur" → "L'éditeur")."""
    return text[:1].upper() + text[1:] if text else text


# --------------------------------------------------------------------------- roles

_FEMININE_NOUN = re.compile(
    r"^(?!comité$)(?:\w+tion|\w+sion|\w+ité|équipe|cellule|hotline|plateforme|personne|cheffe|"
    r"direction|comptabilité|DSI|DRH)$", re.IGNORECASE)
_DEPARTMENTS_EN = frozenset({"legal", "finance", "procurement", "hr", "it", "marketing",
                             "sales", "support", "management", "security", "compliance"})
_ARTICLE = re.compile(r"^(?:le |la |les |l'|l’|the |a |an )", re.IGNORECASE)


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalpha()


def to_role(role: str, lang: str) -> str:
    """``role`` as the one something is submitted to: "Responsable d'antenne" → "au
    responsable d'antenne", "Directrice générale" → "à la directrice générale", "DPO" → "au
    DPO"; "Sales Director" → "to the Sales Director", "Legal" → "to Legal"."""
    role = role.strip()
    if not role:
        return role
    first = role.split()[0]
    if lang == "en":
        # "Legal and DPO" → "Legal and the DPO": a department takes no article.
        return "to " + " and ".join(
            part if _ARTICLE.match(part) or part.lower() in _DEPARTMENTS_EN else "the " + part
            for part in role.split(" and "))
    if _ARTICLE.match(role):
        return elide("à", role[0].lower() + role[1:])
    word = first.strip("(),;")
    lowered = role if _is_acronym(word) else role[0].lower() + role[1:]
    if not _is_acronym(word) and word.lower().endswith(("s", "x")) and len(word) > 3 \
            and word.lower() not in _INVARIABLE_FR and not word.lower().endswith("ss"):
        return "aux " + lowered
    if starts_with_vowel_sound(lowered) and not _is_acronym(word):
        return "à l'" + lowered
    feminine = _FEMININE_NOUN.match(word) is not None or feminine_role(first)
    return ("à la " if feminine else "au ") + lowered


# --------------------------------------------------------------------------- numbers in words

_WORDS_FR = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
             "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize")
_WORDS_EN = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
             "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen")


def in_words(number: int, lang: str, feminine: bool = False) -> str:
    """A small whole number as French typography writes it in running text ("deux", "une"
    before a feminine noun), digits from 17 on; "two" in English, digits from 17 on."""
    words = _WORDS_EN if lang == "en" else _WORDS_FR
    if not 0 <= number < len(words):
        return str(number)
    if number == 1 and feminine and lang != "en":
        return "une"
    return words[number]
