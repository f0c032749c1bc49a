"""Vague wording in every free-text answer (text and long_text questions, and group fields).

Which answers are free text comes from the question bank; names of people, systems and places are
not requirement text and are skipped. The language of each answer is ``--lang`` when given, else
what its function words clearly say, else the document's language (meta.language), else French.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from cdc.checks.lexicon import Hit, guess_language, load_lexicon
from cdc.checks.model import Finding, part_number
from cdc.questionnaire import Question, Questionnaire

SEVERITY = {
    "subjective": "warning",
    "vague_quantity": "warning",
    "weak_verb": "info",
    "loophole": "warning",
    "open_ended": "warning",
    "tbd": "warning",
    "absolute_comparative": "warning",
}

SKIPPED_PARTS = frozenset({"meta"})
"""The document sheet holds names, versions and the glossary itself: not requirement text."""

SKIPPED_FIELDS = frozenset({
    "name", "owner", "city", "sponsor", "project_lead", "dpo_name", "identity_provider",
    "headquarters", "legal_form", "validator", "validated_by", "responsible", "accountable",
    "consulted", "informed", "role", "profile", "stage", "activity", "pilot_group", "key_fields",
    "master_system", "format", "term", "department", "ref", "id",
})
"""Field ids whose answers are names (people, systems, places), never requirement text."""

SKIPPED_KEYS = frozenset({"interfaces.source", "interfaces.target", "interfaces.data"})

DESCRIPTIVE_KEYS = frozenset({
    "company_history", "activities", "sites.role", "customer_segments.description",
    "project_trigger", "spreadsheet_examples", "expected_benefits", "existing_tools.scope",
    "existing_tools.pains", "current_process", "previous_crm_attempts", "who_needs_tool",
    "data_location", "data_producers", "change_drivers", "blockers.description",
    "lead_qualification", "lead_routing", "client_data", "order_process", "complaint_process",
    "activity_peaks", "loyalty_description", "churn_reasons", "data_quality_issues",
    "existing_infrastructure", "shortlisted_vendors.reason", "members.concerns",
    "steering_committee", "requirement_changes.note", "sales_stages.description",
    "data_objects.description",
})
"""Answers that describe today's situation, not what is required: "les commandes sont souvent
ressaisies" is a fact, not a vague requirement. Only to-be-defined markers are reported there."""

DESCRIPTIVE_CATEGORIES = frozenset({"tbd"})

TEXT_TYPES = ("text", "long_text")


def scan_text(text: str, lang: str, allowed: tuple[str, ...] = (),
              categories: frozenset[str] | None = None) -> list[Hit]:
    """The vague terms of one text in ``lang`` ("fr" or "en"), optionally of some categories."""
    return load_lexicon(lang).scan(text, allowed, categories)


def allowed_terms(data: Any) -> tuple[str, ...]:
    """Terms the project accepts: those its glossary defines and those of its allow-list."""
    meta = data.get("meta") if isinstance(data, Mapping) else None
    if not isinstance(meta, Mapping):
        return ()
    terms = []
    for key in ("glossary", "allowed_terms"):
        records = meta.get(key)
        if isinstance(records, list):
            for record in records:
                if isinstance(record, Mapping) and isinstance(record.get("term"), str):
                    terms.append(record["term"].strip())
    return tuple(t for t in terms if t)


def free_texts(data: Any, bank: Questionnaire) -> Iterator[tuple[str, str, str]]:
    """(path, key, text) of every free-text answer, in file order; key is the bank's dotted id."""
    if not isinstance(data, Mapping):
        return
    for part_key, block in data.items():
        if part_key in SKIPPED_PARTS or not isinstance(block, Mapping):
            continue
        for qid, value in block.items():
            question = bank.by_id.get(str(qid))
            path = f"{part_key}.{qid}"
            if isinstance(value, list):
                yield from _group_texts(path, question, value)
            elif _is_free_text(question, str(qid), str(qid)) and isinstance(value, str):
                yield path, str(qid), value


def _group_texts(path: str, question: Question | None, records: list[Any]) -> Iterator[
        tuple[str, str, str]]:
    if question is not None and not question.is_group:
        return
    group_id = question.id if question is not None else path.rsplit(".", 1)[-1]
    for index, record in enumerate(records):
        if not isinstance(record, Mapping):
            continue
        for fid, value in record.items():
            field = question.field(str(fid)) if question is not None else None
            if question is not None and field is None:
                continue
            if isinstance(value, str) and _is_free_text(field, str(fid), f"{group_id}.{fid}"):
                yield f"{path}[{index}].{fid}", f"{group_id}.{fid}", value


def _is_free_text(question: Question | None, field_id: str, key: str) -> bool:
    if field_id in SKIPPED_FIELDS or key in SKIPPED_KEYS:
        return False
    # A question the bank does not know (yet) is read as text: validation reports it anyway.
    return question is None or question.type in TEXT_TYPES


def answer_language(text: str, forced: str | None, document: str | None) -> str:
    """The lexicon to use for one answer."""
    if forced in ("fr", "en"):
        return forced
    return guess_language(text) or (document if document in ("fr", "en") else "fr")


def vague_findings(data: Any, bank: Questionnaire, forced: str | None,
                   document: str | None) -> list[Finding]:
    """Findings for every vague term of every free-text answer."""
    allowed = allowed_terms(data)
    findings = []
    for path, key, text in free_texts(data, bank):
        lang = answer_language(text, forced, document)
        categories = DESCRIPTIVE_CATEGORIES if key in DESCRIPTIVE_KEYS else None
        for hit in scan_text(text, lang, allowed, categories):
            findings.append(Finding(
                path=path,
                term=hit.term,
                category=hit.category,
                severity=SEVERITY[hit.category],
                message=hit.message,
                hint=hit.hint,
                part=part_number(path),
                rule="vague_wording",
            ))
    return findings
