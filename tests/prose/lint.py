"""A prose lint for the documents cdc writes: the faults a French CRM consultant sees at once.

It reads the Markdown of a document (the same text as every other format) and reports, line by
line: a missing elision or contraction, a choice label pasted mid-sentence with its capital, the
buyer saying "vos", a number and its noun that do not agree, table rows of dashes, a word
repeated within four words, "nous"/"notre", two names for the vendor, a heading that restates a
question, and the priority method explained twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from cdc.language import starts_with_vowel_sound
from cdc.questionnaire import Questionnaire


@dataclass(frozen=True)
class Fault:
    rule: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.rule}: {self.text[:160]}"


# --------------------------------------------------------------------------- the document's lines

_DASH = {"—", "–", "-", ""}


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    kind: str  # heading, table, item, prose, caption, other
    raw_bold: bool = False  # starts with a bold run-in title


def lines_of(markdown: str) -> list[Line]:
    found = []
    for number, raw in enumerate(markdown.splitlines(), 1):
        text = raw.strip()
        if not text:
            continue
        if text.startswith("#"):
            kind = "heading"
        elif text.startswith("|"):
            kind = "table"
        elif text.startswith(("- ", "* ")):
            kind = "item"
        elif text.startswith("*") and text.endswith("*") and " – " in text:
            kind = "caption"
        elif text.startswith(("![", "---", "**Sommaire", "**Contents")):
            kind = "other"
        else:
            kind = "prose"
        found.append(Line(number, _plain(text), kind, text.startswith("**")))
    return found


def _plain(text: str) -> str:
    """Markdown escapes and emphasis removed; typography's spaces kept."""
    text = re.sub(r"\\(.)", r"\1", text)
    return text.replace("**", "").replace("’", "'")


_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\[(?:à compléter|to be completed)\]")


def unquoted(text: str) -> str:
    """The text without what it quotes (an interview question, a file's name)."""
    return _QUOTED.sub("«»", text)


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


# --------------------------------------------------------------------------- the rules

_WORD = r"[A-Za-zÀ-ÖØ-öø-ÿœŒ'-]+"


def elision(lines: list[Line], company: str) -> Iterable[Fault]:
    # "de le réutiliser": "le" is a pronoun before a verb, not an article.
    contraction = re.compile(r"\b(?:[Dd]e (?:le|les|des)|[Àà] (?:le|les))\b(?! \w+(?:er|ir|re)\b)")
    # "Complétez-le avant": a pronoun after a verb, not an article.
    particle = re.compile(rf"(?<![\w-])([Dd]e|[Qq]ue|[Ll]e|[Ll]a|[Nn]e|[Ss]e|[Jj]e) ({_WORD})")
    for line in lines:
        if line.kind not in ("prose", "item", "table", "caption", "heading"):
            continue
        if contraction.search(line.text):
            yield Fault("contraction (du, des, au, aux)", line.number, line.text)
        for match in particle.finditer(line.text):
            word = match.group(2)
            vowel = word[0].lower() in "aeiouyàâéèêëîïôûù" and word.lower() not in (
                "onze", "oui", "yacht", "yaourt", "yoga")
            named = company and word.startswith("H") and company.startswith(word) \
                and starts_with_vowel_sound(word)
            if vowel or named:
                yield Fault("missing elision", line.number, line.text)
                break


_PROPER = ("Excel", "OpenID", "SaaS", "Android", "iOS", "SecNumCloud", "Microsoft", "WCAG",
           "RGAA", "NPS", "CSAT",
           "SOC", "HDS", "ISO", "SAML", "API", "CSV", "JSON", "CRM", "ERP", "SQL", "French",
           "English", "European", "Monday", "Français", "Anglais", "Internet")


def labels(bank: Questionnaire, lang: str) -> list[str]:
    """The bank's choice labels that start with a capital only because they stand alone (the
    priorities are names the document defines: "Obligatoire" keeps its capital)."""
    found: set[str] = set()
    for q in bank.questions():
        for question in (q, *q.fields):
            if question.id == "priority" and question.group in ("custom_requirements",
                                                                 "requirement_changes"):
                continue
            for choice in question.choices:
                label = choice.label.get(lang)
                if len(label) > 2 and label[0].isupper() and (label[1].islower() or
                                                              label[1] == "'") \
                        and not label.startswith(_PROPER):
                    found.add(label)
    return sorted(found, key=len, reverse=True)


def pasted_labels(lines: list[Line], names: list[str]) -> Iterable[Fault]:
    if not names:
        return
    alternatives = "|".join(re.escape(n) for n in names)
    # A label followed by another capitalised word is part of a name ("Data Protection Officer").
    after = r"(?![\w])(?!\s+[A-ZÀ-Ý])"
    in_prose = re.compile(rf"(?:[:,(]|\bet|\bou|\band|\bor)\s+(?:{alternatives}){after}")
    in_cell = re.compile(rf"\(\s*(?:{alternatives}){after}")  # "Oui (L'un ou l'autre)"
    for line in lines:
        pattern = in_cell if line.kind == "table" else in_prose
        if line.kind not in ("prose", "item", "table"):
            continue
        match = pattern.search(unquoted(line.text))
        if match:
            yield Fault("capitalised choice label mid-sentence", line.number, match.group(0))


def buyer_voice(lines: list[Line], lang: str) -> Iterable[Fault]:
    you = re.compile(r"\b(?:[Vv]os|[Vv]otre)\b" if lang == "fr" else r"\b(?:[Yy]our|[Yy]ours)\b")
    we = re.compile(r"\b(?:[Nn]ous|[Nn]otre|[Nn]os)\b" if lang == "fr" else
                    r"\b(?:[Ww]e|[Oo]ur|[Oo]urs|us)\b")
    for line in lines:
        if you.search(unquoted(line.text)):
            yield Fault("'vos/your': the buyer does not address itself", line.number, line.text)
        if we.search(unquoted(line.text)):
            yield Fault("'nous/notre': the document speaks of the company, not as it",
                        line.number, line.text)


_PLURALS_FR = ("heures", "jours", "semaines", "personnes", "utilisateurs", "fichiers", "fiches",
               "clients", "ans", "années", "salariés", "membres", "demandes", "leads",
               "visiteurs", "prospects", "applications", "sites", "sources", "risques")
_PLURALS_EN = ("hours", "days", "weeks", "people", "users", "files", "records", "customers",
               "years", "employees", "members", "requests", "leads", "visitors", "prospects",
               "applications", "sites", "sources", "risks")
_SINGULARS_FR = (*tuple(w[:-1] for w in _PLURALS_FR if w != "ans"), "an")
_SINGULARS_EN = ("hour", "day", "week", "person", "user", "file", "record", "customer", "year",
                 "employee", "member", "request", "lead", "visitor", "prospect", "application",
                 "site", "source", "risk")
_SPACE = "[ \u00a0]"
_NOT_A_DIGIT_BEFORE = r"(?<![\d\u202f,.])"


def agreement(lines: list[Line], lang: str) -> Iterable[Fault]:
    plurals, singulars = ((_PLURALS_FR, _SINGULARS_FR) if lang == "fr" else
                          (_PLURALS_EN, _SINGULARS_EN))
    one = "(?:0|1)" if lang == "fr" else "1"
    many = r"(?:[2-9]|[1-9]\d+)" if lang == "fr" else r"(?:0|[2-9]|[1-9]\d+)"
    singular_after_many = re.compile(
        rf"{_NOT_A_DIGIT_BEFORE}{many}{_SPACE}(?:{'|'.join(singulars)})\b")
    plural_after_one = re.compile(
        rf"{_NOT_A_DIGIT_BEFORE}{one}(?![\d\u202f,.]){_SPACE}(?:{'|'.join(plurals)})\b")
    for line in lines:
        if line.kind == "heading":
            continue
        for pattern in (singular_after_many, plural_after_one):
            match = pattern.search(line.text)
            if match:
                yield Fault("number and noun disagree", line.number, match.group(0))


def dash_rows(lines: list[Line]) -> Iterable[Fault]:
    for line in lines:
        if line.kind != "table" or set(line.text) <= set("|-: "):
            continue
        row = cells(line.text)
        if len(row) >= 2 and all(c in _DASH for c in row[1:]):
            yield Fault("a table row of dashes (an unanswered row)", line.number, line.text)


_STOP = frozenset("""
entre ainsi avant après autre autres chaque comme contre depuis donc dont elles encore être
leurs leur lors mais même moins notamment pendant plus pour quand sans selon sous sont tous
toutes toute tout très vers avec cette ces celle celui their there these those which while
with within without about after before other under where would could should the and for from
into than that this have been will each also only than over such them then both between
aucun aucune chaque
""".split())  # noqa: SIM905


def repeated_words(lines: list[Line]) -> Iterable[Fault]:
    """At most four words apart, within one clause; names (a capital), numbers and compounds
    ("technico-commerciaux") apart."""
    word = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿœ]+(?:-[A-Za-zÀ-ÖØ-öø-ÿœ]+)*")
    run_in = re.compile(r"^[^.]{1,60}\. ")  # "**Réclamations.** Les réclamations…": a title
    for line in lines:
        if line.kind not in ("prose", "item"):
            continue
        text = unquoted(line.text)
        if line.raw_bold:
            text = run_in.sub("", text, count=1)
        for clause in re.split(r"[.;:!?()—]", text):
            # "exigence par exigence", "site by site": an idiom, not an echo
            clause = re.sub(r"\b(\w+) (?:par|by|après|after|à) \1\b", r"\1", clause)
            tokens = word.findall(clause)
            repeated = next((t for i, t in enumerate(tokens)
                             if len(t) >= 5 and t.lower() not in _STOP and t[0].islower()
                             and t in tokens[i + 1:i + 6]), None)
            if repeated:
                yield Fault("a word repeated within four words", line.number, repeated)
                break


_TERMS = {
    "fr": ({"prestataire", "prestataires"}, {"titulaire", "titulaires", "candidat", "candidats",
                                             "soumissionnaire", "soumissionnaires"}),
    # "contractor" is left out: English uses it for freelancers too.
    "en": ({"supplier", "suppliers"}, {"bidder", "bidders", "tenderer", "tenderers"}),
}
_EFFORT = {"fr": ("jours-personne", "jours-homme"), "en": ("person-days", "man-days")}


def vendor_terms(lines: list[Line], lang: str) -> Iterable[Fault]:
    private, public = _TERMS[lang]
    words = {w.lower() for line in lines for w in re.findall(r"[\w-]+", line.text)}
    if words & private and words & public:
        yield Fault("two names for the vendor", 0,
                    f"{sorted(words & private)} and {sorted(words & public)}")
    first, second = _EFFORT[lang]
    if first in words and second in words:
        yield Fault("two units of effort", 0, f"{first} and {second}")


def question_headings(lines: list[Line]) -> Iterable[Fault]:
    for line in lines:
        if line.kind == "heading" and line.text.rstrip().endswith("?"):
            yield Fault("a heading that restates a question", line.number, line.text)


def method_twice(lines: list[Line], lang: str) -> Iterable[Fault]:
    names = ("Obligatoire", "Souhaité", "Optionnel") if lang == "fr" else (
        "Must", "Should", "Could")
    explained = [line for line in lines if line.kind in ("prose", "item")
                 and all(n in line.text for n in names)]
    items = [line for line in lines if line.kind == "item"
             and any(line.text.startswith(f"- {n}") for n in names)]
    if len(explained) + (1 if len(items) >= 3 else 0) > 1:
        yield Fault("the priority method explained twice", explained[-1].number,
                    explained[-1].text)


def lint(markdown: str, bank: Questionnaire, lang: str, company: str = "") -> list[Fault]:
    """Every fault of the document, in rule order."""
    lines = lines_of(markdown)
    faults: list[Fault] = []
    if lang == "fr":
        faults += elision(lines, company)
    faults += pasted_labels(lines, labels(bank, lang))
    faults += buyer_voice(lines, lang)
    faults += agreement(lines, lang)
    faults += dash_rows(lines)
    faults += repeated_words(lines)
    faults += vendor_terms(lines, lang)
    faults += question_headings(lines)
    faults += method_twice(lines, lang)
    return faults
