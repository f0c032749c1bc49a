"""Shared helpers for the render tests: answers files built from the test data, CLI runs."""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
GOLDEN = HERE / "golden"
DURAND = DATA / "durand.yaml"
NORTHWIND = DATA / "northwind-draft.yaml"
EPOCH = "1795996800"  # 2026-11-30T00:00:00Z


def load(path: Path = DURAND) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return copy.deepcopy(data)


def dump(data: dict[str, Any], path: Path) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def cdc(*args: str | Path, env: dict[str, str] | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Runs the real CLI in a subprocess, as a user would."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "cdc", *map(str, args)], capture_output=True,
                          text=True, env=full_env, cwd=cwd, timeout=300)


def only(folder: Path, suffix: str) -> Path:
    found = [p for p in folder.iterdir() if p.name.endswith(suffix)]
    assert len(found) == 1, found
    return found[0]


_DATA_URI = re.compile(r"data:image/svg\+xml;base64,[A-Za-z0-9+/=]+")


def normalise_html(text: str) -> str:
    """Golden HTML without the embedded pictures (their bytes depend on matplotlib's version)."""
    return _DATA_URI.sub("data:image/svg+xml;base64,…", text)
