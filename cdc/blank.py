"""``cdc new``: an annotated blank answers file, every question a commented entry."""

from __future__ import annotations

import textwrap
from typing import Any

import yaml

from cdc.answers import SCHEMA_VERSION
from cdc.questionnaire import Question, Questionnaire

SCHEMA_FILENAME = "cdc.schema.json"

_WORDS: dict[str, dict[str, Any]] = {
    "fr": {
        "head": "Cahier des charges CRM : fichier de réponses",
        "how": [
            "Écrivez chaque réponse après les deux-points. Une valeur vide = pas encore répondu.",
            "Une réponse inconnue pour l'instant : {todo: \"ce qui manque\"} (un point ouvert,",
            "listé en annexe du document). Vérifiez le fichier : cdc validate <fichier>.",
            "Produisez le document : cdc render <fichier>.",
        ],
        "part": "Partie",
        "required": "obligatoire",
        "internal": "Réponse interne : absente du cahier des charges envoyé aux éditeurs, "
                    "seulement dans la note interne",
        "optional": "facultatif",
        "example": "Exemple",
        "choices": "Choix",
        "several": "plusieurs choix, en liste",
        "yes_no": "Répondez true (oui) ou false (non)",
        "date": "Date au format AAAA-MM-JJ",
        "month": "Date au format AAAA-MM-JJ, ou le mois seul au format AAAA-MM",
        "unit": "Unité",
        "integer": "Nombre entier",
        "number": "Nombre",
        "when": "Seulement si",
        "group": "Liste{none} ; chaque élément ({item}) commence par un tiret, avec les champs :",
        "none": " ([] si aucun)",
        "quote": "Entre guillemets, pour rester du texte",
        "colon": " :",
    },
    "en": {
        "head": "CRM requirements specification: answers file",
        "how": [
            "Write each answer after the colon. An empty value means not answered yet.",
            "An answer not known yet: {todo: \"what is missing\"} (an open point, listed in the",
            "document's annex). Check the file: cdc validate <file>.",
            "Produce the document: cdc render <file>.",
        ],
        "part": "Part",
        "required": "required",
        "internal": "Internal answer: left out of the specification sent to vendors, only in "
                    "the internal note",
        "optional": "optional",
        "example": "Example",
        "choices": "Choices",
        "several": "several choices, as a list",
        "yes_no": "Answer true (yes) or false (no)",
        "date": "Date as YYYY-MM-DD",
        "month": "Date as YYYY-MM-DD, or the month alone as YYYY-MM",
        "unit": "Unit",
        "integer": "Whole number",
        "number": "Number",
        "when": "Only if",
        "group": "A list{none}; each item ({item}) starts with a dash, with the fields:",
        "none": " ([] if none)",
        "quote": "In quotes, so that it stays text",
        "colon": ":",
    },
}


def _wrap(text: str, indent: str, lead: str = "", width: int = 98) -> list[str]:
    lines: list[str] = []
    for paragraph in text.strip().splitlines() or [""]:
        wrapped = textwrap.wrap(paragraph, width=width - len(indent) - 2 - len(lead)) or [""]
        lines.extend(f"{indent}# {lead}{w}".rstrip() for w in wrapped)
    return lines


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000)
    dumped = dumped.strip()
    if dumped.endswith("\n..."):
        dumped = dumped[:-4].strip()
    return dumped.removesuffix("...").strip()


def _reads_as_number(q: Question) -> bool:
    """A text answer such as a version, "1.0", that YAML would read as a number unquoted."""
    sample = q.example.fr if q.example is not None else q.default
    if not isinstance(sample, str):
        return False
    try:
        return isinstance(yaml.safe_load(sample), int | float)
    except yaml.YAMLError:
        return False


def _describe(q: Question, lang: str, indent: str) -> list[str]:
    w = _WORDS[lang]
    lines = _wrap(f"{q.prompt.get(lang)} ({w['required'] if q.required else w['optional']})",
                  indent)
    lines += _wrap(q.help.get(lang), indent, "  ")
    facts: list[str] = []
    if q.type == "integer":
        facts.append(w["integer"])
    elif q.type == "number":
        facts.append(w["number"])
    if q.unit is not None:
        facts.append(f"{w['unit']}{w['colon']} {q.unit.get(lang)}")
    if q.type == "date":
        facts.append(w["month" if q.precision == "month" else "date"])
    if q.type == "yes_no":
        facts.append(w["yes_no"])
    if q.when is not None:
        condition = f"{q.when.question} {q.when.op} {_scalar(q.when.value)}"
        facts.append(f"{w['when']}{w['colon']} {condition}")
    if q.audience == "internal":
        facts.append(w["internal"])
    if q.type == "text" and _reads_as_number(q):
        facts.append(w["quote"])
    if facts:
        lines += _wrap("; ".join(facts), indent, "  ")
    if q.choices:
        label = w["choices"] + (f" ({w['several']})" if q.type == "multi_choice" else "")
        lines.append(f"{indent}#   {label}{w['colon']}")
        for choice in q.choices:
            lines.append(f"{indent}#     {choice.value} = {choice.label.get(lang)}")
    if q.example is not None:
        lines += _wrap(f"{w['example']}{w['colon']} {q.example.get(lang)}", indent, "  ")
    return lines


def _group(q: Question, lang: str, indent: str) -> list[str]:
    w = _WORDS[lang]
    item = q.item.get(lang) if q.item else "item"
    lines = _wrap(w["group"].format(item=item, none="" if q.required else w["none"]), indent,
                  "  ")
    for position, f in enumerate(q.fields):
        lead = "- " if position == 0 else "  "
        example = f.example.get(lang) if f.example else ""
        detail = f.prompt.get(lang)
        if f.choices:
            detail += " [" + " | ".join(c.value for c in f.choices) + "]"
        elif f.type == "yes_no":
            detail += " [true | false]"
        elif f.type == "date":
            detail += " [AAAA-MM-JJ]" if lang == "fr" else " [YYYY-MM-DD]"
        elif f.unit is not None:
            detail += f" [{f.unit.get(lang)}]"
        if f.required:
            detail += f" ({w['required']})"
        if f.audience == "internal":
            detail += " (" + ("interne" if lang == "fr" else "internal") + ")"
        value = _scalar(example) if example else ""
        lines.append(f"{indent}#   {lead}{f.id}: {value}".rstrip() + f"   # {detail}")
    return lines


def blank_answers(questionnaire: Questionnaire, lang: str = "fr") -> str:
    """The text of an annotated blank answers file in ``lang``; it validates with warnings only."""
    w = _WORDS[lang]
    out = [f"# yaml-language-server: $schema={SCHEMA_FILENAME}", f"# {w['head']}", "#"]
    out += [f"# {line}" for line in w["how"]]
    out += ["", f"schema_version: {SCHEMA_VERSION}"]
    for part in questionnaire.parts:
        out += ["", "# " + "=" * 96]
        out += [f"# {w['part']} {part.number} : {part.title.get(lang)}" if lang == "fr"
                else f"# {w['part']} {part.number}: {part.title.get(lang)}"]
        out += _wrap(part.intro.get(lang), "")
        out += ["# " + "=" * 96, f"{part.key}:"]
        for section in part.sections:
            out += ["", f"  # --- {section.title.get(lang)} ---"]
            for q in section.questions:
                out += _describe(q, lang, "  ")
                if q.is_group:
                    out += _group(q, lang, "  ")
                    out.append(f"  {q.id}:")  # [] would say "none" (the interview's "no")
                    continue
                default = q.default
                if part.key == "meta" and q.id == "language":
                    default = lang
                out.append(f"  {q.id}: {_scalar(default)}".rstrip())
    return "\n".join(out) + "\n"
