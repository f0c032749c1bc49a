"""Every example, in both editions, passes the prose lint: the document reads as written by a
consultant, in French or in English."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cdc.questionnaire import Questionnaire
from cdc.render import build_document, load_spec
from cdc.writers.markdown import render
from tests.conftest import EXAMPLES, ROOT

from .lint import lint

DRAFTS = [ROOT / "tests" / "render" / "data" / "durand.yaml",
          ROOT / "tests" / "render" / "data" / "northwind-draft.yaml"]


@pytest.mark.parametrize("edition", ["vendor", "internal"])
@pytest.mark.parametrize("path", EXAMPLES + DRAFTS, ids=lambda p: p.stem)
def test_the_document_passes_the_prose_lint(path: Path, edition: str,
                                            bank: Questionnaire) -> None:
    spec = load_spec(path, edition=edition)
    markdown = render(build_document(spec))
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))["meta"]
    faults = lint(markdown, bank, spec.lang, meta["company"])
    assert not faults, "\n".join(map(str, faults))
