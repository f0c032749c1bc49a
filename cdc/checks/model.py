"""What `cdc check` finds: findings, the completeness summary, and the readiness verdict.

One implementation, two presentations: the CLI prints a CheckReport (text or JSON) and the
document's open-points annex lists the same findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cdc.answers import Validation
from cdc.typography import french

SEVERITIES = ("error", "warning", "info")

PART_KEYS = ("meta", "company", "data_flows", "mapping", "technical", "planning", "team")
"""Answers-file blocks in plan order: a block's index is its part number."""


@dataclass(frozen=True)
class Finding:
    """One thing to fix or to consider before the specification goes to vendors.

    ``path`` is the answer's key path in the answers file, dotted, list items by index
    (``data_flows.sources[2].quality``). ``term`` holds the exact words found (vague wording) or
    the value at fault; ``rule`` names the consistency or measurability rule that fired. A
    contradiction between two answers also gives the other answer's path in ``related`` and, when
    requirements are concerned, their ids in ``requirements``.
    """

    path: str
    term: str
    category: str
    severity: str
    message: str
    hint: str = ""
    part: int | None = None
    rule: str = ""
    related: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "term": self.term,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
            "part": self.part,
            "rule": self.rule,
            "related": list(self.related),
            "requirements": list(self.requirements),
        }


french_spacing = french  # cdc.typography holds the one French typography


def say(lang: str, fr: str, en: str) -> str:
    """The message in the report's language (French spacing applied)."""
    return en if lang == "en" else french_spacing(fr)


def part_number(path: str) -> int | None:
    """The part an answer path belongs to, from its first key."""
    head = path.split(".", 1)[0].split("[", 1)[0]
    return PART_KEYS.index(head) if head in PART_KEYS else None


@dataclass(frozen=True)
class Verdict:
    """ready, nearly or not_ready, with the reasons in the report's language."""

    status: str
    reasons: tuple[str, ...]

    @property
    def ready(self) -> bool:
        return self.status == "ready"


@dataclass
class CheckReport:
    """Everything `cdc check` found in one answers file."""

    findings: list[Finding]
    validation: Validation
    verdict: Verdict
    language: str = "fr"
    completeness: dict[str, Any] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        """False when the answers file itself is invalid (see ``validation.errors``)."""
        return self.validation.ok

    def by_part(self) -> dict[int | None, list[Finding]]:
        """Findings grouped by part number, in plan order (None: not tied to a part)."""
        groups: dict[int | None, list[Finding]] = {}
        for f in sorted(self.findings, key=lambda f: (f.part is None, f.part or 0)):
            groups.setdefault(f.part, []).append(f)
        return groups

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape printed by ``cdc check --format json``."""
        return {
            "file": self.validation.file,
            "valid": self.valid,
            "language": self.language,
            "verdict": {"status": self.verdict.status, "reasons": list(self.verdict.reasons)},
            "findings": [f.as_dict() for f in self.findings],
            "completeness": self.completeness,
        }
