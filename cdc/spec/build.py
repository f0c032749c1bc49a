"""Answers + question bank → the Spec of one edition: everything the templates print.

The templates loop and print; every decision happens here or in the part modules beside this
one: labels of choices in the document's language, numbers and dates, table rows sorted,
requirement ids, risks from blockers, the rights and RACI matrices, the team's balance, every
open point, and what the edition carries (:mod:`cdc.audience`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cdc.audience import VENDOR, check_edition, known_people
from cdc.language import vendor_terms
from cdc.questionnaire import Questionnaire
from cdc.requirements import build_requirements
from cdc.spec import (
    annexes,
    company,
    consultation,
    mapping,
    planning,
    requirement_rows,
    team,
)
from cdc.spec.interviews import Interviews, interviews
from cdc.spec.model import DocumentMeta, Spec
from cdc.spec.values import (
    Field,
    Formatter,
    Missing,
    Record,
    Value,
    Withheld,
    format_number,
    with_unit,
)


def build_spec(
    data: Mapping[str, Any],
    bank: Questionnaire,
    lang: str | None = None,
    standard_terms: Mapping[str, str] | None = None,
    edition: str = VENDOR,
) -> Spec:
    """Builds the Spec of ``edition`` from validated answers.

    ``lang`` defaults to the answers' meta.language. ``standard_terms`` (term → definition) joins
    the glossary; the project's own terms win. In the vendor edition internal answers are
    :class:`Withheld`, records holding an internal choice are left out, and the names of people
    are taken out of the risks.
    """
    edition = check_edition(edition)
    meta_block = data.get("meta") if isinstance(data.get("meta"), Mapping) else {}
    assert isinstance(meta_block, Mapping)
    if lang is None:
        lang = meta_block.get("language") if meta_block.get("language") in ("fr", "en") else "fr"
    assert lang is not None
    fmt = Formatter(bank, data, lang, edition)
    answers: dict[str, Any] = {}
    groups: dict[str, Any] = {}
    for q in bank.questions():
        if q.type == "group":
            records = fmt.records(q)
            groups[q.id] = Withheld(q.id) if fmt.withholds(q) else records
            answers[q.id] = (fmt.value(q, fmt.answer(q)) if not records else
                             Value(str(len(records)), fmt.answer(q)))
        else:
            answers[q.id] = fmt.value(q, fmt.answer(q))

    def plain(name: str) -> str:
        return str(answers.get(name, "")) if name in answers else ""

    def rows(name: str) -> tuple[Record, ...]:
        found = groups.get(name, ())
        return found if isinstance(found, tuple) else ()

    meta = DocumentMeta(answers["title"], answers["company"], answers["version"],
                        answers["author"], answers["date"], answers["confidentiality"],
                        plain("title"), plain("company"), plain("version"), plain("author"))
    people = known_people(data, bank) if edition == VENDOR else ()
    risks = company.risks(rows("blockers"), bank, lang, people)

    reqs = build_requirements(data, bank, lang)
    requirements = tuple(requirement_rows.requirement(r, lang, edition != VENDOR) for r in reqs)
    summary, totals = requirement_rows.summary_lines(reqs)

    phases = planning.phases(rows("phases"), lang)
    milestones = planning.milestones(rows("milestones"))
    sources = rows("sources")
    count = sum(r for s in sources if isinstance(r := getattr(s.records, "raw", None), int))
    unit = "records" if lang == "en" else "fiches"
    total_records: Field = (Value(with_unit(format_number(count, lang), unit, lang), count)
                            if count else Missing())
    total_users = company.total_users(rows("user_profiles"),
                                      answers.get("total_users", Missing()), lang)
    users = getattr(total_users, "raw", None)
    return Spec(
        lang=lang, edition=edition, meta=meta, q=Record(answers), groups=Record(groups),
        parts=Record({p.key: p.title.get(lang) for p in bank.parts}), risks=risks,
        requirements=requirements,
        requirement_modules=requirement_rows.modules(reqs, requirements),
        nfr_requirements=requirement_rows.non_functional(requirements),
        interface_requirements=requirement_rows.interfaces(requirements),
        requirement_summary=summary, requirement_totals=totals,
        findings=annexes.findings(data, bank, lang, edition),
        rights=mapping.rights_matrix(rows("roles"), bank, lang),
        raci=team.raci(rows("raci")),
        phases=phases, milestones=milestones,
        team=team.team_balance(rows("members"), bank, lang),
        total_users=total_users,
        total_records=total_records,
        sites=company.sites_total(rows("sites"), lang),
        poor_sources=tuple(str(s.name) for s in sources if "poor" in s.quality),
        glossary=annexes.glossary(standard_terms, rows("glossary")),
        open_points=annexes.open_points(fmt, risks),
        dataflow=mapping.dataflow(sources, rows("interfaces")),
        gantt=planning.gantt(phases, milestones, lang),
        duration_weeks=planning.duration_weeks(answers.get("project_start", Missing()),
                                               answers.get("go_live_target", Missing()), lang),
        vendor=vendor_terms(lang, getattr(answers.get("procedure"), "raw", None)),
        consultation=consultation.build(Record(answers), Record(groups), data, bank, lang,
                                        reqs, users if isinstance(users, int) else None),
        interviews=interviews(data, bank, fmt) if edition != VENDOR else Interviews(),
    )
