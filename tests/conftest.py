"""Shared fixtures: the packaged question bank, the examples, a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cdc.questionnaire import Questionnaire, load_questionnaire

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture(scope="session")
def bank() -> Questionnaire:
    return load_questionnaire()


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()
