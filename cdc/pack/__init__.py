"""The tender pack: the workbook ``cdc render -f xlsx`` sends to vendors, as plain data.

The pack is one workbook: the instructions, the response grid (requirements, see
:mod:`cdc.requirements`), the pricing form (:mod:`cdc.pack.pricing`), the vendor questionnaire
(:mod:`cdc.pack.questionnaire`) and the demonstration scenarios, plus the hidden ``_cdc``
sheet. This package says where everything is; the writer (:mod:`cdc.writers.xlsx`) and the
reader of returned packs (:mod:`cdc.pack.reading`) both take their cell addresses from it, so
that they cannot drift apart. Everything is built from the buyer's answers, never from a
returned file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cdc.answers import answer_of, is_answered
from cdc.language import VendorTerms, vendor_terms
from cdc.questionnaire import Questionnaire

PACK_FORMAT = "cdc-pack/1"
"""Written in the ``_cdc`` sheet (row :data:`PACK_META_ROW`): the grid was sent with the
pricing form and the questionnaire. Grids made before have no such row."""

PACK_META_ROW = 9

SHEETS: Mapping[str, Mapping[str, str]] = {
    "fr": {"price": "Prix", "questionnaire": "Questionnaire", "demonstrations": "Démonstrations"},
    "en": {"price": "Pricing", "questionnaire": "Questionnaire",
           "demonstrations": "Demonstrations"},
}

DEMO_COLUMNS = ("id", "title", "actor", "steps", "data", "requirements", "expected", "remarks")
DEMO_HEADER_ROW = 3
DEMO_FIRST_ROW = 4


def words(lang: str) -> str:
    """The key of the language tables: "en", or "fr" for anything else."""
    return "en" if lang == "en" else "fr"


def sheet_names(lang: str) -> Mapping[str, str]:
    return SHEETS[words(lang)]


def terms(data: Any, bank: Questionnaire, lang: str) -> VendorTerms:
    """The vendor's names the document uses (éditeur or candidat), for the pack's texts."""
    procedure = answer_of(data, bank, "procedure")
    return vendor_terms(lang, procedure if isinstance(procedure, str) else None)


def text_answer(data: Any, bank: Questionnaire, qid: str) -> str:
    value = answer_of(data, bank, qid)
    if not is_answered(value) or isinstance(value, Mapping | list):
        return ""
    return str(value).strip()


def records(data: Any, bank: Questionnaire, qid: str) -> list[Mapping[str, Any]]:
    value = answer_of(data, bank, qid)
    if not isinstance(value, list):
        return []
    return [r for r in value if isinstance(r, Mapping)]


def number(value: Any) -> float | None:
    """A validated numeric answer, or None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)
