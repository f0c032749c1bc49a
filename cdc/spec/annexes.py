"""The annexes and the document sheet's derived data: open points, quality findings, glossary.

Open points are listed in both editions; the vendor edition lists only the questions it carries,
without the author's notes. The quality findings of ``cdc check`` are advice to the author: only
the internal edition has them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from cdc.answers import applies, is_answered, is_open_point
from cdc.audience import VENDOR
from cdc.questionnaire import Part, Question, Questionnaire
from cdc.spec.model import OpenPoint, Risk, Term, Vigilance
from cdc.spec.values import Formatter, Missing, Record, clean_text, join_words

_ACTIONS = {
    "fr": {
        "missing": "Répondre à la question (cdc interview FICHIER --part {part}, ou éditer le "
                   "fichier de réponses).",
        "todo": "Obtenir l'information, puis remplacer la marque {{todo}} par la réponse.",
        "risk": "Évaluer le risque avec l'équipe projet : impact, probabilité et parade.",
    },
    "en": {
        "missing": "Answer the question (cdc interview FILE --part {part}, or edit the answers "
                   "file).",
        "todo": "Obtain the information, then replace the {{todo}} mark with the answer.",
        "risk": "Assess the risk with the project team: impact, likelihood and mitigation.",
    },
}


def quote(text: str, lang: str) -> str:
    """A question of the interview quoted as such: its "vous" is the interview's, not the
    document's."""
    return f"« {text} »" if lang != "en" else f"“{text}”"


def _part_title(part: Part, lang: str) -> str:
    return f"{part.number}. {part.title.get(lang)}" if part.number else part.title.get(lang)


def open_points(fmt: Formatter, risks: tuple[Risk, ...]) -> tuple[OpenPoint, ...]:
    """Every answer still missing or marked {todo}, in plan order, for ``fmt``'s edition."""
    bank, data, lang = fmt.bank, fmt.data, fmt.lang
    internal = fmt.edition != VENDOR
    actions = _ACTIONS["en" if lang == "en" else "fr"]
    points: list[OpenPoint] = []

    def add(part: Part, section: str, question: str, raw: Any) -> None:
        kind = "todo" if is_open_point(raw) else "missing"
        note = clean_text(str(raw.get("todo") or "")).strip() if is_open_point(raw) else ""
        points.append(OpenPoint(
            len(points) + 1, _part_title(part, lang), section, question,
            note if internal else "", kind,
            actions[kind].format(part=part.number) if internal else ""))

    def risk_points(part: Part, section: str) -> None:
        """Risks the document marks "to be completed" are open points too."""
        for risk in risks:
            gaps = []
            if not risk.level:
                gaps.append("impact et probabilité" if lang == "fr" else "impact and likelihood")
            if not risk.mitigation and not getattr(risk.mitigation, "open_point", False):
                gaps.append("mesure de maîtrise" if lang == "fr" else "mitigation")
            if gaps:
                what = join_words(gaps, lang)
                question = (f"Risque {risk.id} « {risk.description} » : {what} à évaluer"
                            if lang == "fr" else
                            f"Risk {risk.id} “{risk.description}”: {what} to be assessed")
                points.append(OpenPoint(len(points) + 1, _part_title(part, lang), section,
                                        question, "", "missing",
                                        actions["risk"] if internal else ""))

    def record_points(part: Part, section: str, q: Question, raw: list[Any]) -> None:
        prompt = quote(q.prompt.get(lang), lang)
        item = q.item.get(lang) if q.item else ("record" if lang == "en" else "ligne")
        for index, rec in enumerate(fmt.raw_records(q, raw), start=1):
            first = fmt.value(q.fields[0], rec.get(q.fields[0].id), rec) \
                if q.fields else Missing()
            named = f" « {first} »" if lang == "fr" else f" “{first}”"
            label = f"{prompt} ({item} {index}{named if first else ''})"
            for f in q.fields:
                if fmt.withholds(f) or not applies(f, data, bank, rec):
                    continue
                fraw = rec.get(f.id)
                if is_open_point(fraw) or (f.required and not is_answered(fraw)):
                    add(part, section, f"{label} : {f.prompt.get(lang)}"
                        if lang == "fr" else f"{label}: {f.prompt.get(lang)}", fraw)

    for part in bank.parts:
        block = data.get(part.key)
        block = block if isinstance(block, Mapping) else {}
        for section in part.sections:
            title = section.title.get(lang)
            for q in section.questions:
                if fmt.withholds(q) or not applies(q, data, bank):
                    continue
                raw = block.get(q.id)
                if q.id == "blockers":
                    risk_points(part, title)
                if is_open_point(raw) or (q.required and not is_answered(raw)):
                    add(part, title, quote(q.prompt.get(lang), lang), raw)
                elif q.type == "group" and isinstance(raw, list):
                    record_points(part, title, q, raw)
    return tuple(points)


_PATH_STEP = re.compile(r"([^.\[\]]+)(?:\[(\d+)\])?")
_NOT_IN_TABLE = ("missing", "open_point", "disagreement")  # listed elsewhere: open points,
# and the interviews on the document sheet


def _answer_label(path: str, bank: Questionnaire, lang: str) -> str:
    """company.blockers[2].mitigation → "Freins identifiés (ligne 3) : Parade"."""
    steps = [(m.group(1), m.group(2)) for m in _PATH_STEP.finditer(path)]
    if len(steps) < 2:
        return path
    part = next((p for p in bank.parts if p.key == steps[0][0]), None)
    qid, index = steps[1]
    question = bank.by_id.get(qid)
    if part is None or question is None:
        return path
    label = quote(question.prompt.get(lang), lang)
    if index is not None:
        item = question.item.get(lang) if question.item else ("record" if lang == "en" else
                                                               "ligne")
        label += f" ({item} {int(index) + 1})"
    if len(steps) > 2 and question.type == "group":
        field = next((f for f in question.fields if f.id == steps[2][0]), None)
        if field is not None:
            label += (": " if lang == "en" else " : ") + field.prompt.get(lang)
    return label


_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def findings(data: Mapping[str, Any], bank: Questionnaire, lang: str,
             edition: str = VENDOR) -> tuple[Vigilance, ...]:
    """The findings of ``cdc check`` (one implementation, two presentations), except missing
    answers and open points, which the open-points table already lists: errors, then warnings,
    then the "info" ones (advice worth reading, not a fault). None in the vendor edition:
    they are advice to the author, whatever a template asks for."""
    if edition == VENDOR:
        return ()
    from cdc.checks import check_answers

    meta = data.get("meta")
    written = meta.get("language") if isinstance(meta, Mapping) else None
    report = check_answers(data, bank, None if written == lang else lang)
    titles = {p.number: _part_title(p, lang) for p in bank.parts}
    shown = sorted((f for f in report.findings if f.category not in _NOT_IN_TABLE),
                   key=lambda f: _SEVERITY_ORDER.get(f.severity, len(_SEVERITY_ORDER)))
    return tuple(
        Vigilance(titles.get(f.part, "") if f.part is not None else "",
                  _answer_label(f.path, bank, lang), clean_text(f.message),
                  clean_text(f.hint), f.severity)
        for f in shown
    )


def _sort_key(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def glossary(standard_terms: Mapping[str, str] | None,
             records: tuple[Record, ...]) -> tuple[Term, ...]:
    """The standard terms and the project's own (which win), in alphabetical order."""
    terms: dict[str, Term] = {}
    for term, definition in (standard_terms or {}).items():
        terms[term.casefold()] = Term(term, definition)
    for rec in records:
        if rec.term:
            terms[str(rec.term).casefold()] = Term(str(rec.term), str(rec.definition))
    return tuple(sorted(terms.values(), key=lambda t: _sort_key(t.term)))
