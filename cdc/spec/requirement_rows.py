"""Parts 3 and 4: the requirements as the document prints them, per module, and their summary.

Part 3 prints the functional modules and, under the interfaces table, the interfaces'
requirements; part 4 the non-functional ones.

The ids, statements and priorities come from :mod:`cdc.requirements`, the same list as the vendor
grid's; requirements do not depend on the edition.
"""

from __future__ import annotations

from typing import Any

from cdc.interfaces import INT_MODULE
from cdc.requirements import NFR_MODULE, by_module, summary
from cdc.spec.model import Requirement, RequirementModule, SummaryLine
from cdc.spec.values import Missing, Value, clean_text

_ELIMINATORY = {"fr": "éliminatoire", "en": "eliminatory"}


def requirement(req: Any, lang: str, internal: bool = False) -> Requirement:
    """A :class:`cdc.requirements.Requirement` as plain text for the templates; the reasons
    behind its priority only for the internal edition."""
    priority = req.priority_label
    if req.eliminatory:
        priority = f"{priority}, {_ELIMINATORY['en' if lang == 'en' else 'fr']}"
    criterion = clean_text(req.acceptance_criterion).strip()
    return Requirement(
        req.id, req.module, clean_text(req.module_label), clean_text(req.statement).strip(),
        req.priority, req.priority_label, bool(req.eliminatory), priority,
        Value(criterion, criterion) if criterion else Missing(req.id, required=True),
        req.verification_label or req.verification, req.source,
        tuple(clean_text(r) for r in req.reasons) if internal else (),
    )


def modules(reqs: list[Any], requirements: tuple[Requirement, ...]
            ) -> tuple[RequirementModule, ...]:
    """The functional requirements, one table per module (the interfaces' and the
    non-functional ones have their own sections)."""
    by_id = {r.id: r for r in requirements}
    return tuple(
        RequirementModule(module, label, tuple(by_id[r.id] for r in rows))
        for module, label, rows in by_module(reqs) if module not in (NFR_MODULE, INT_MODULE)
    )


def non_functional(requirements: tuple[Requirement, ...]) -> tuple[Requirement, ...]:
    return tuple(r for r in requirements if r.module == NFR_MODULE)


def interfaces(requirements: tuple[Requirement, ...]) -> tuple[Requirement, ...]:
    """One requirement per interface, printed under the interfaces table (part 3)."""
    return tuple(r for r in requirements if r.module == INT_MODULE)


def summary_lines(reqs: list[Any]) -> tuple[tuple[SummaryLine, ...], SummaryLine]:
    """One line per module, counts by priority, and the totals."""
    lines = tuple(
        SummaryLine(row.module, row.module_label, must=row.counts.get("must", 0),
                    should=row.counts.get("should", 0), could=row.counts.get("could", 0),
                    wont=row.counts.get("wont", 0), eliminatory=row.eliminatory,
                    total=row.total)
        for row in summary(reqs)
    )
    totals = SummaryLine(
        "", "Total", must=sum(r.must for r in lines), should=sum(r.should for r in lines),
        could=sum(r.could for r in lines), wont=sum(r.wont for r in lines),
        eliminatory=sum(r.eliminatory for r in lines), total=sum(r.total for r in lines),
    )
    return lines, totals
