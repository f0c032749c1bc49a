from __future__ import annotations

import pytest

from cdc.questionnaire import Questionnaire, load_questionnaire


@pytest.fixture(scope="session")
def bank() -> Questionnaire:
    """The real question bank, with its roles."""
    return load_questionnaire()
