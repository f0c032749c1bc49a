"""``cdc schema``: a JSON Schema (draft 2020-12) of answers files, derived from the bank.

Editors that speak the YAML language server read it through the modeline that ``cdc new`` writes,
and then complete keys, list choices and show the French and English help on hover.
"""

from __future__ import annotations

from typing import Any

from cdc.answers import SCHEMA_VERSION, TODO_KEY
from cdc.questionnaire import Question, Questionnaire

SCHEMA_ID = "https://cdc.invalid/schema/answers-v1.json"

_OPEN_POINT: dict[str, Any] = {
    "type": "object",
    "description": "Open point / point ouvert: {todo: \"what is missing\"}",
    "properties": {TODO_KEY: {"type": ["string", "null"]}},
    "required": [TODO_KEY],
    "additionalProperties": False,
}


def _description(q: Question) -> str:
    text = f"{q.prompt.fr}\n{q.help.fr}\n\n{q.prompt.en}\n{q.help.en}"
    if q.example is not None:
        text += f"\n\nExemple : {q.example.fr}\nExample: {q.example.en}"
    if q.audience == "internal":
        text += ("\n\nInterne : absent du cahier des charges envoyé aux éditeurs (seulement dans "
                 "la note interne).\nInternal: left out of the specification sent to vendors "
                 "(internal note only).")
        if q.disclose_when is not None:
            text += (f"\nSauf si / unless {q.disclose_when.question} "
                     f"{q.disclose_when.op} {q.disclose_when.value}.")
    return text


def _value_schema(q: Question) -> dict[str, Any]:
    kind = q.type
    schema: dict[str, Any]
    if kind in ("text", "long_text"):
        schema = {"type": ["string", "number"]}
    elif kind == "integer":
        schema = {"type": "integer"}
    elif kind == "number":
        schema = {"type": "number"}
    elif kind == "date" and q.precision == "month":  # a day, or a month: 2027-06
        schema = {"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"}
    elif kind == "date":
        schema = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    elif kind == "yes_no":
        schema = {"type": "boolean"}
    elif kind == "choice":
        schema = {
            "enum": q.choice_values(),
            "oneOf": [
                {"const": c.value, "description": f"{c.label.fr} / {c.label.en}"}
                for c in q.choices
            ],
        }
    elif kind == "multi_choice":
        schema = {
            "type": "array",
            "uniqueItems": True,
            "items": {
                "enum": q.choice_values(),
                "oneOf": [
                    {"const": c.value, "description": f"{c.label.fr} / {c.label.en}"}
                    for c in q.choices
                ],
            },
        }
    elif kind == "group":
        schema = {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {f.id: _question_schema(f) for f in q.fields},
                "additionalProperties": False,
            },
        }
    else:  # pragma: no cover - the bank loader refuses unknown types
        raise AssertionError(kind)
    if q.minimum is not None:
        schema["minimum"] = q.minimum
    if q.maximum is not None:
        schema["maximum"] = q.maximum
    return schema


def _question_schema(q: Question) -> dict[str, Any]:
    return {
        "title": q.prompt.fr,
        "description": _description(q),
        # Who reads the answer: "vendor" (the specification sent to vendors) or "internal".
        "x-audience": q.audience,
        "anyOf": [_value_schema(q), {"type": "null"}, _OPEN_POINT],
    }


def json_schema(questionnaire: Questionnaire) -> dict[str, Any]:
    """The JSON Schema of an answers file."""
    properties: dict[str, Any] = {
        "schema_version": {
            "const": SCHEMA_VERSION,
            "description": "Version du format du fichier / answers-file format version",
        }
    }
    properties["provenance"] = {
        "type": "object",
        "description": "Écrit par cdc merge : qui a donné chaque réponse / written by cdc "
                       "merge: who gave each answer",
    }
    for part in questionnaire.parts:
        properties[part.key] = {
            "title": f"{part.number}. {part.title.fr} / {part.title.en}",
            "description": f"{part.intro.fr}\n\n{part.intro.en}",
            "type": ["object", "null"],
            "properties": {q.id: _question_schema(q) for q in part.questions},
            "additionalProperties": False,
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "cdc answers file / fichier de réponses cdc",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
