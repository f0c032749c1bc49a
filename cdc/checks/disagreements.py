"""Disagreements between the people interviewed, as ``cdc merge`` recorded them.

A disagreement is an open point that quotes each version with its authors; it stays a finding
until the project lead replaces the ``{todo}`` with the answer kept (:mod:`cdc.provenance`).
"""

from __future__ import annotations

from typing import Any

from cdc.checks.model import Finding, part_number, say
from cdc.provenance import disagreements
from cdc.questionnaire import Questionnaire


def disagreement_findings(data: Any, bank: Questionnaire, lang: str) -> list[Finding]:
    """A finding per disagreement still open in the answers."""
    findings = []
    for found in disagreements(data, bank):
        if not found.open or found.place is None:
            continue
        value = found.place.value
        quoted = str(value.get("todo") or "") if isinstance(value, dict) else ""
        prompt = found.place.question.prompt.get(lang)
        findings.append(Finding(
            path=found.place.path,
            term=quoted,
            category="disagreement",
            severity="warning",
            message=say(lang, f"désaccord entre les personnes interrogées sur « {prompt} » : "
                              f"{quoted}",
                        f"the people interviewed disagree on “{prompt}”: {quoted}"),
            hint=say(lang, "Tranchez avec les personnes citées, puis remplacez le {todo} par la "
                           "réponse retenue (cdc merge garde votre choix).",
                     "Settle it with the people quoted, then replace the {todo} with the answer "
                     "kept (cdc merge keeps your choice)."),
            part=part_number(found.place.path),
            rule="disagreement",
        ))
    return findings
