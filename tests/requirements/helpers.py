"""Shared helpers for the requirements, grid and scoring tests."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data"
ANSWERS = DATA / "answers.yaml"


def answers() -> dict[str, Any]:
    """A fresh copy of the test answers (each test may edit it)."""
    with ANSWERS.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return copy.deepcopy(data)


def ids(requirements: list[Any]) -> list[str]:
    return [r.id for r in requirements]
