"""The check every command starts from: an answers file read and validated as a whole.

The answers are checked against the question bank (:mod:`cdc.answers`), the requirement ids
they name against the catalogue (:mod:`cdc.requirements`) and the consultation's rules (weights
adding up to 100, addresses, dates in order: :mod:`cdc.consultation`), so that ``cdc validate``
and ``cdc render`` report exactly the same problems, every one at once, with its line.
"""

from __future__ import annotations

from pathlib import Path

from cdc.answers import Validation, validate_document
from cdc.consultation import check_consultation
from cdc.memo import share
from cdc.questionnaire import Questionnaire
from cdc.requirements import check_requirements
from cdc.yamlsource import load


def validate_project(path: Path, bank: Questionnaire, lang: str | None = None) -> Validation:
    """Reads and validates one answers file; never raises for a user's mistake.

    ``lang`` chooses the language of the questions quoted in hints (default: the file's)."""
    doc = load(path)
    validation = validate_document(doc, bank, lang)
    if isinstance(validation.data, dict) and validation.data:
        extra = check_requirements(validation.data, bank, doc)
        extra += check_consultation(validation.data, bank, doc)
        validation.problems.extend(extra)
        validation.problems.sort(key=lambda p: (p.location.line, p.location.column))
    share("validation", validation.data, validation)  # the internal edition's checks read it
    return validation
