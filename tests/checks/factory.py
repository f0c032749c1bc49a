"""Builds answers files for the check tests: a complete, clean one derived from the bank itself."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from cdc.answers import applies
from cdc.questionnaire import Question, Questionnaire

CLEAN_TEXT = "12 contacts par an"
"""Measurable and free of vague words: a valid answer to any text question, volumes included."""

DAY = dt.date(2027, 3, 1)


def _value(question: Question) -> Any:
    kind = question.type
    if kind in ("text", "long_text"):
        return CLEAN_TEXT
    if kind in ("integer", "number"):
        low = max(question.minimum if question.minimum is not None else 1, 1)
        return int(low) if kind == "integer" else float(low)
    if kind == "date":
        return DAY
    if kind == "choice":
        return question.choice_values()[0]
    if kind == "multi_choice":
        return [question.choice_values()[0]]
    if kind == "yes_no":
        return False
    raise AssertionError(kind)


def complete_answers(bank: Questionnaire, lang: str = "fr") -> dict[str, Any]:
    """Every applicable question answered with a clean value; groups hold one full record."""
    data: dict[str, Any] = {"schema_version": 1}
    for part in bank.parts:
        block: dict[str, Any] = {}
        data[part.key] = block
        for question in part.questions:
            if not applies(question, data, bank):
                continue
            if question.is_group:
                record: dict[str, Any] = {}
                for field in question.fields:
                    if applies(field, data, bank, record):
                        record[field.id] = _value(field)
                block[question.id] = [record]
            else:
                block[question.id] = _value(question)
    data["meta"]["language"] = lang
    # requirement ids are checked against the catalogue: use real ones
    mapping = data["mapping"]
    mapping["custom_requirements"][0].pop("ref", None)
    mapping["requirement_changes"][0]["id"] = "CON-001"
    # at most 60 % of "must" among all the requirements sent (functional, non-functional,
    # interfaces): a few non-functional ones become "should", as a buyer would rank them
    mapping["requirement_changes"] += [
        {"id": rid, "action": "reprioritise", "priority": "should"}
        for rid in ("NFR-009", "NFR-010", "NFR-015", "NFR-016", "NFR-017", "NFR-018")]
    # the consultation's rules: weights and shares add up to 100, a time, addresses, dates in
    # order, and a scenario change that names a scenario
    consultation = data.get("consultation")
    if consultation is not None:
        consultation.update(
            response_deadline_time="12:00", submission_address="offres@exemple.fr",
            questions_contact="offres@exemple.fr", questions_deadline=DAY - dt.timedelta(21),
            response_deadline=DAY - dt.timedelta(14), shortlist_date=DAY - dt.timedelta(10),
            demonstrations_date=DAY - dt.timedelta(7))
        consultation["award_criteria"][0]["weight"] = 100.0
        consultation["payment_milestones"][0]["share"] = 100.0
        consultation["demo_scenarios"][0]["id"] = "DEMO-01"
    data["company"]["decision_date"] = DAY - dt.timedelta(3)
    return data


def with_answers(data: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A deep copy with answers replaced: ``with_answers(d, technical__hosting_mode="saas")``."""
    out = copy.deepcopy(data)
    for key, value in changes.items():
        part, question = key.split("__", 1)
        out.setdefault(part, {})[question] = value
    return out
