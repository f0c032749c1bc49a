"""The bundled examples: no contradiction left for `cdc check`, and each one shows requirements
that follow its answers (wording, selection and priority)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cdc.checks import check_file
from cdc.project import validate_project
from cdc.questionnaire import Questionnaire
from cdc.requirements import build_requirements, tailored_catalogue

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
NEW_RULES = {
    "requirement_excluded_kept", "requirement_capability_excluded",
    "requirement_priority_against_answers", "requirement_answers_disagree",
    "custom_contradicts_catalogue", "custom_duplicates_catalogue", "custom_capability_excluded",
    "nfr_scope_differs", "mfa_scope_missing", "requirement_condition_unanswered",
    "tools_count", "users_count", "staff_count", "sites_count", "active_vs_erp",
    "segments_vs_active", "rights_text",
}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_has_no_contradiction(example: Path, bank: Questionnaire) -> None:
    report = check_file(example, bank)
    assert report.valid
    assert [f.message for f in report.findings if f.severity == "error"] == []
    assert [f.message for f in report.findings if f.rule in NEW_RULES] == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_requirements_follow_its_answers(example: Path, bank: Questionnaire) -> None:
    data = validate_project(example, bank).data
    lang = data["meta"]["language"]
    tailored = tailored_catalogue(data, bank, lang)
    worded = [t.entry.id for t in tailored if t.selected and t.sources
              and (t.capability == "kept" or t.statement != t.entry.statement.get(lang)
                   or t.acceptance != t.entry.acceptance.get(lang))]
    # selection: an entry in or out because of an answer (not as it would be without answers)
    blank = {t.entry.id: t.selected for t in tailored_catalogue(
        {"mapping": {"crm_modules": data["mapping"]["crm_modules"]}}, bank, lang)}
    selected = [t.entry.id for t in tailored if t.selected != blank[t.entry.id]]
    prioritised = [t.entry.id for t in tailored if t.selected and t.reasons]
    assert worded and selected and prioritised, (worded, selected, prioritised)
    final = {r.id: r for r in build_requirements(data, bank, lang)}
    assert any(final[rid].reasons and "requirement_changes" not in final[rid].reasons[0]
               for rid in prioritised if rid in final)
