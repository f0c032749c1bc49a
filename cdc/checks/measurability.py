"""Measurability: can a vendor, and later the acceptance tests, verify what is asked?

Objectives need an indicator, a numeric target and a deadline; requirements need an acceptance
criterion; volumes need a figure with a unit or a period ("12 000 contacts, +2 000 par an").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from cdc.answers import is_answered, is_open_point
from cdc.checks.model import Finding, part_number, say

_DIGIT = re.compile(r"\d")
# A figure followed by a word (its unit: "12 000 contacts", "3 Go") or a period ("par an").
_UNIT = re.compile(r"\d[\d\s.,  ]*\s*(?:%|€|k€|M€|[^\W\d_]{2,})", re.UNICODE)
_PERIOD = re.compile(r"(?:/|\bpar\s+|\bper\s+|\ba\s+)"
                     r"(?:an|année|mois|jour|semaine|heure|year|month|day|week|hour)\b"
                     r"|\b(?:annuel|mensuel|quotidien|yearly|monthly|daily)", re.IGNORECASE)


def records(data: Any, part: str, question: str) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """(index, record) of a repeating group's answers, skipping malformed items."""
    block = data.get(part) if isinstance(data, Mapping) else None
    items = block.get(question) if isinstance(block, Mapping) else None
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, Mapping):
                yield index, item


def _finding(path: str, lang: str, fr: tuple[str, str], en: tuple[str, str], term: str = "",
             rule: str = "", severity: str = "warning") -> Finding:
    return Finding(path, term, "measurability", severity, say(lang, fr[0], en[0]),
                   say(lang, fr[1], en[1]), part_number(path), rule)


def _empty(value: Any) -> bool:
    return not is_answered(value) and not is_open_point(value)


def measurability_findings(data: Any, lang: str) -> list[Finding]:
    """Objectives, requirements and volumes that cannot be measured."""
    findings = []
    for i, objective in records(data, "company", "objectives"):
        base = f"company.objectives[{i}]"
        name = str(objective.get("objective") or f"#{i + 1}")
        if _empty(objective.get("indicator")):
            findings.append(_finding(
                f"{base}.indicator", lang,
                (f"objectif sans indicateur : {name}",
                 "Dites ce qui sera mesuré (ex. délai moyen de réponse à un devis, en jours)."),
                (f"objective without an indicator: {name}",
                 "Say what will be measured (e.g. average quote turnaround, in days)."),
                name, "objective_indicator"))
        target = objective.get("target")
        if _empty(target):
            findings.append(_finding(
                f"{base}.target", lang,
                (f"objectif sans cible : {name}",
                 "Donnez la valeur visée (ex. 2 jours au lieu de 6)."),
                (f"objective without a target: {name}",
                 "Give the value aimed at (e.g. 2 days, from 6)."),
                name, "objective_target"))
        elif isinstance(target, str) and not _DIGIT.search(target):
            findings.append(_finding(
                f"{base}.target", lang,
                (f"cible non chiffrée : « {target} »",
                 "Une cible se mesure : un nombre, un taux, une durée."),
                (f'target without a figure: "{target}"',
                 "A target is measured: a number, a rate, a duration."),
                target, "objective_target"))
        if _empty(objective.get("deadline")):
            findings.append(_finding(
                f"{base}.deadline", lang,
                (f"objectif sans échéance : {name}",
                 "Donnez la date à laquelle la cible doit être atteinte."),
                (f"objective without a deadline: {name}",
                 "Give the date by which the target must be met."),
                name, "objective_deadline"))
    for i, requirement in records(data, "mapping", "custom_requirements"):
        if _empty(requirement.get("acceptance_criterion")):
            statement = str(requirement.get("statement") or f"#{i + 1}")
            minor = requirement.get("priority") in ("could", "wont")
            findings.append(_finding(
                f"mapping.custom_requirements[{i}].acceptance_criterion", lang,
                (f"exigence sans critère d'acceptation : {statement}",
                 "Écrivez le test qui prouvera qu'elle est couverte (donnée d'entrée, action, "
                 "résultat attendu, seuil)."),
                (f"requirement without an acceptance criterion: {statement}",
                 "Write the test that will prove it is met (input, action, expected result, "
                 "threshold)."),
                statement, "acceptance_criterion", "info" if minor else "warning"))
    findings.extend(_volumes(data, lang))
    return findings


def _volumes(data: Any, lang: str) -> list[Finding]:
    findings: list[Finding] = []
    for path, text in _volume_answers(data):
        problem = _volume_problem(text)
        if problem:
            findings.append(_finding(
                path, lang,
                (f"volume {problem[0]} : « {text} »",
                 "Écrivez un chiffre, son unité et sa période (ex. 12 000 contacts, "
                 "+1 500 par an)."),
                (f'volume {problem[1]}: "{text}"',
                 "Write a figure, its unit and its period (e.g. 12,000 contacts, +1,500 a year)."),
                text, "volume_unit"))
    return findings


def _volume_answers(data: Any) -> Iterator[tuple[str, str]]:
    """(path, text) of every group field whose id names a volume (existing_tools[].volume)."""
    if not isinstance(data, Mapping):
        return
    for part_key, block in data.items():
        if not isinstance(block, Mapping):
            continue
        for qid, value in block.items():
            for i, record in enumerate(value if isinstance(value, list) else []):
                if not isinstance(record, Mapping):
                    continue
                for fid, text in record.items():
                    if "volume" in str(fid) and isinstance(text, str) and text.strip():
                        yield f"{part_key}.{qid}[{i}].{fid}", text


def _volume_problem(text: str) -> tuple[str, str] | None:
    if not _DIGIT.search(text):
        return ("sans chiffre", "without a figure")
    if _UNIT.search(text) or _PERIOD.search(text):
        return None
    return ("sans unité ni période", "without a unit or period")
