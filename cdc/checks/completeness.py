"""Completeness: the share of applicable questions answered, required answers missing, open points.

Counting reuses ``cdc.answers`` (the same rules as ``cdc validate``); this module turns its
result into findings, adding the required fields left empty inside repeating groups.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cdc.answers import Validation, applies, is_answered, is_open_point
from cdc.checks.model import Finding, part_number, say
from cdc.questionnaire import Questionnaire


def completeness_summary(validation: Validation, bank: Questionnaire, lang: str) -> dict[str, Any]:
    """Per part and overall: applicable, answered, open points, percent, missing required ids."""
    parts = []
    for stats in validation.parts:
        part = bank.part_by_key(stats.key)
        parts.append({
            "part": stats.number,
            "key": stats.key,
            "title": part.title.get(lang) if part else stats.key,
            "applicable": stats.applicable,
            "answered": stats.answered,
            "open_points": stats.open_points,
            "percent": stats.percent,
            "missing_required": list(stats.missing_required),
        })
    return {
        "percent": validation.percent,
        "applicable": sum(p.applicable for p in validation.parts),
        "answered": sum(p.answered for p in validation.parts),
        "missing_required": sum(len(p.missing_required) for p in validation.parts),
        "open_points": [{"path": o.path, "question": o.question_id, "note": o.note}
                        for o in validation.open_points],
        "parts": parts,
    }


def completeness_findings(validation: Validation, bank: Questionnaire, lang: str) -> list[Finding]:
    """A finding per required answer missing and per open point ({todo: ...})."""
    findings = []
    for stats in validation.parts:
        part = bank.part_by_key(stats.key)
        for qid in stats.missing_required:
            question = bank.by_id.get(qid)
            prompt = question.prompt.get(lang) if question else qid
            findings.append(Finding(
                path=f"{stats.key}.{qid}",
                term="",
                category="missing",
                severity="warning",
                message=say(lang, f"réponse obligatoire manquante : {prompt}",
                            f"required answer missing: {prompt}"),
                hint=say(lang, f"Répondez avec cdc interview --part {stats.number}, ou marquez "
                         "la réponse {todo: ...} comme point ouvert.",
                         f"Answer it with cdc interview --part {stats.number}, or mark it "
                         "{todo: ...} as an open point."),
                part=part.number if part else stats.number,
                rule="required",
            ))
    findings.extend(_missing_fields(validation.data, bank, lang))
    for point in validation.open_points:
        note = point.note.strip()
        findings.append(Finding(
            path=point.path,
            term=note,
            category="open_point",
            severity="warning",
            message=say(lang, f"point ouvert : {note or 'à préciser'}",
                        f"open point: {note or 'to be specified'}"),
            hint=say(lang, "Tranchez-le avant diffusion, ou laissez-le dans l'annexe des points "
                     "ouverts pour que les éditeurs le sachent.",
                     "Settle it before sending, or leave it in the open-points annex so that "
                     "vendors know."),
            part=part_number(point.path),
            rule="open_point",
        ))
    return findings


def _missing_fields(data: Any, bank: Questionnaire, lang: str) -> list[Finding]:
    findings: list[Finding] = []
    if not isinstance(data, Mapping):
        return findings
    for question in bank.questions():
        if not question.is_group or not applies(question, data, bank):
            continue
        part = bank.part_of[question.id]
        block = data.get(part.key)
        records = block.get(question.id) if isinstance(block, Mapping) else None
        if not isinstance(records, list):
            continue
        for index, record in enumerate(records):
            if not isinstance(record, Mapping):
                continue
            for field in question.fields:
                value = record.get(field.id)
                if (not field.required or is_answered(value) or is_open_point(value)
                        or not applies(field, data, bank, record)):
                    continue
                prompt = field.prompt.get(lang)
                findings.append(Finding(
                    path=f"{part.key}.{question.id}[{index}].{field.id}",
                    term="",
                    category="missing",
                    severity="warning",
                    message=say(lang, f"champ obligatoire vide : {prompt}",
                                f"required field empty: {prompt}"),
                    hint=say(lang, "Complétez-le, ou marquez-le {todo: ...} comme point ouvert.",
                             "Fill it in, or mark it {todo: ...} as an open point."),
                    part=part.number,
                    rule="required",
                ))
    return findings
