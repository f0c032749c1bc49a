"""The README's two set-up commands stay true: CI runs the second, a fresh venv the first."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _setup_commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", README)[:2]


def test_readme_opens_with_the_two_setup_commands() -> None:
    install, tests = _setup_commands()
    assert "pip install ." in install and "cdc render examples/" in install
    assert "'.[test]'" in tests and "pytest" in tests
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines(), "CI must run the README's test command"


def test_every_command_is_documented() -> None:
    from cdc.cli import app

    names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    for name in names:
        assert f"`cdc {name}" in README, name
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 130 |"):
        assert code in README


@pytest.mark.slow
def test_non_editable_install_in_a_fresh_virtualenv(tmp_path: Path) -> None:
    """pip install . (a real wheel) then the commands of the README, away from the checkout."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv", ".git", "out", "__pycache__", "*.egg-info", ".mypy_cache", ".ruff_cache",
        ".pytest_cache", "build", "dist"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(source)], check=True, env=env,
                   cwd=tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    cdc = str(venv / "bin" / "cdc")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([cdc, *args], cwd=work, env=env, capture_output=True,
                                text=True, timeout=300)
        assert result.returncode == 0, (args, result.stdout[-2000:], result.stderr[-2000:])
        return result

    location = subprocess.run(
        [str(python), "-c", "import cdc, pathlib; print(pathlib.Path(cdc.__file__).parent)"],
        cwd=work, env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert location.startswith(str(venv)), location
    assert (Path(location) / "questionnaires" / "0-meta.yaml").is_file()
    assert run("--version").stdout.startswith("cdc ")
    run("new", "projet.yaml")
    assert (work / "projet.yaml").is_file()
    examples = sorted(str(p) for p in (source / "examples").glob("*.yaml"))
    assert examples
    assert "valid" in run("validate", *examples).stdout
    assert '"$schema"' in run("schema").stdout
    assert "hosting_mode" in run("questions").stdout
    # the README's first command ends by rendering a bundled example to Word and PDF
    example = source / "examples" / "industrie-b2b.yaml"
    run("render", str(example), "-o", "out")
    written = sorted(p.suffix for p in (work / "out").iterdir())
    assert ".docx" in written and ".pdf" in written
