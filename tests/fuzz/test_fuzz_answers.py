"""Fuzzing the commands that read answers files (validate, check, render, interview, glossary).

The property, for every generated file: the command's library function succeeds or raises a
CdcError (which the CLI prints with its file and line); it never raises anything else and never
hangs. validate never raises at all, and every problem it reports is located in the file.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cdc.errors import CdcError
from cdc.project import validate_project
from tests.fuzz.guards import no_hang, outcome, scaled
from tests.fuzz.strategies import BANK, EXAMPLES, yaml_bytes


def _file(folder: str, raw: bytes, name: str = "answers.yaml") -> Path:
    path = Path(folder) / name
    path.write_bytes(raw)
    return path


@settings(max_examples=scaled(120))
@given(raw=yaml_bytes())
def test_validate_reports_every_problem_with_its_place(raw: bytes) -> None:
    EXAMPLES["validate"] += 1
    with tempfile.TemporaryDirectory() as folder:
        path = _file(folder, raw)
        with no_hang():
            validation = validate_project(path, BANK)
        for problem in validation.problems:
            assert problem.location.file == str(path), problem
            assert problem.message
            problem.message.encode("utf-8")  # printable: no lone surrogate reaches a terminal
        if validation.ok:
            assert isinstance(validation.data, dict)


@settings(max_examples=scaled(40))
@given(raw=yaml_bytes())
def test_check_succeeds_or_says_why(raw: bytes) -> None:
    from cdc.checks import check_file
    from cdc.checks.present import report_json

    EXAMPLES["check"] += 1
    with tempfile.TemporaryDirectory() as folder:
        result = outcome(lambda: check_file(_file(folder, raw), BANK))
        if not isinstance(result, CdcError) and result.valid:
            report_json(result).encode("utf-8")


@settings(max_examples=scaled(10))
@given(raw=yaml_bytes(), formats=st.sampled_from(["md,xlsx", "md,docx", "html,xlsx", "docx"]))
def test_render_succeeds_or_says_why(raw: bytes, formats: str) -> None:
    from cdc.render import render_file

    EXAMPLES["render"] += 1
    with tempfile.TemporaryDirectory() as folder:
        path = _file(folder, raw)
        valid = validate_project(path, BANK).ok
        result = outcome(lambda: render_file(path, formats, Path(folder) / "out"))
        if valid and isinstance(result, CdcError):
            # A valid file may still lack what a format needs (no requirement for the grid).
            assert "no requirements" in str(result), result
        if not valid:
            assert isinstance(result, CdcError)


@settings(max_examples=scaled(40))
@given(raw=yaml_bytes())
def test_interview_opens_or_refuses_and_saves_what_it_opened(raw: bytes) -> None:
    from cdc.interview import store
    from cdc.yamlsource import parse

    EXAMPLES["interview"] += 1
    with tempfile.TemporaryDirectory() as folder:
        path = _file(folder, raw)
        data = outcome(lambda: store.load(path, BANK))
        if isinstance(data, CdcError):
            assert path.read_bytes() == raw  # refused: nothing was changed
            return
        saved = outcome(lambda: store.save(path, data, BANK))
        assert not isinstance(saved, CdcError), saved
        assert not [p for p in parse(path.read_text(encoding="utf-8"), str(path)).problems
                    if "duplicate" not in p.message and p.is_error]


@settings(max_examples=scaled(40))
@given(raw=yaml_bytes(), lang=st.sampled_from(["fr", "en"]))
def test_a_user_glossary_is_read_safely(raw: bytes, lang: str) -> None:
    from cdc.render import standard_terms

    EXAMPLES["glossary"] += 1
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / lang).mkdir()
        _file(folder, raw, f"{lang}/glossary.yaml")
        result = outcome(lambda: standard_terms(lang, Path(folder)))
        if not isinstance(result, CdcError):
            assert all(isinstance(k, str) and isinstance(v, str) for k, v in result.items())
