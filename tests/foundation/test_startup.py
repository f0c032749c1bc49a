"""`cdc --help` and `cdc --version` stay fast: no heavy library is imported for them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

HEAVY = ("questionary", "docx", "jinja2", "weasyprint", "matplotlib", "openpyxl", "typst",
         "markdown_it", "ruamel", "yaml")

PROBE = """
import runpy, sys
sys.argv = ["cdc", *{args!r}]
try:
    runpy.run_module("cdc", run_name="__main__")
except SystemExit:
    pass
print("HEAVY=" + ",".join(m for m in {heavy!r} if m in sys.modules))
"""


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["render", "--help"]])
def test_no_heavy_import_for_help_and_version(args: list[str]) -> None:
    result = subprocess.run([sys.executable, "-c", PROBE.format(args=args, heavy=HEAVY)],
                            capture_output=True, text=True, cwd=ROOT, check=True)
    assert "HEAVY=\n" in result.stdout, result.stdout[-300:]


def test_python_m_cdc_version() -> None:
    result = subprocess.run([sys.executable, "-m", "cdc", "--version"], capture_output=True,
                            text=True, cwd=ROOT, check=True)
    assert result.stdout.startswith("cdc ")
