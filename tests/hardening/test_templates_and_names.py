"""Issue 14, item 8: user templates that never end, recurse or link out of --templates; a
reference.docx that is not one; output names Windows would take for devices."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.hardening.helpers import EXAMPLE, cdc, clean_failure, replace_line, success

LOOP = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
RUN_WITH_A_SHORT_LIMIT = (
    "import sys, cdc.templating as t; t.TEMPLATE_SECONDS = 2\n"
    "from cdc.launcher import main; sys.argv = ['cdc', *sys.argv[1:]]; main()")


def _templates(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "templates"
    (folder / "fr").mkdir(parents=True)
    (folder / "fr" / name).write_text(text, encoding="utf-8")
    return folder


def test_a_template_that_never_ends_is_stopped(tmp_path: Path) -> None:
    folder = _templates(tmp_path, "document.md.j2", LOOP)
    result = cdc("render", EXAMPLE, "-f", "md", "-o", tmp_path / "out", "--templates", folder,
                 python=RUN_WITH_A_SHORT_LIMIT)
    clean_failure(result, f"{folder}/fr/document.md.j2", "ran for more than 2 seconds")


@pytest.mark.parametrize(("text", "message"), [
    ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "calls itself without end"),
    ("{% include 'document.md.j2' %}", "calls itself without end"),
    ("{{ 'x' * 10**10 }}", "too long for a document"),
    ("{{ 2 ** 100000000 }}", "the power is too large"),
    ("{{ ''.__class__.__mro__ }}", "unsafe template code"),
])
def test_hostile_templates_fail_cleanly(text: str, message: str, tmp_path: Path) -> None:
    folder = _templates(tmp_path, "document.md.j2", text)
    result = cdc("render", EXAMPLE, "-f", "md", "-o", tmp_path / "out", "--templates", folder)
    clean_failure(result, f"{folder}/fr/document.md.j2", message)


def test_links_out_of_the_template_folder_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("mot de passe", encoding="utf-8")
    folder = tmp_path / "templates"
    (folder / "fr").mkdir(parents=True)
    (folder / "fr" / "document.md.j2").symlink_to(secret)
    result = cdc("render", EXAMPLE, "-f", "md", "-o", tmp_path / "out", "--templates", folder)
    clean_failure(result, f"{folder}/fr/document.md.j2", "a link to a file outside the "
                  "template folder")
    (folder / "fr" / "document.md.j2").unlink()
    (folder / "html").mkdir()
    (folder / "html" / "style.css").symlink_to(secret)
    result = cdc("render", EXAMPLE, "-f", "html", "-o", tmp_path / "out", "--templates", folder)
    clean_failure(result, f"{folder}/html/style.css", "outside the template folder")
    assert not (tmp_path / "out").exists() or "mot de passe" not in "".join(
        p.read_text(encoding="utf-8") for p in (tmp_path / "out").glob("*.html"))
    # A link inside the folder is fine.
    (folder / "html" / "style.css").unlink()
    (folder / "html" / "real.css").write_text("body { color: black; }", encoding="utf-8")
    (folder / "html" / "style.css").symlink_to(folder / "html" / "real.css")
    success(cdc("render", EXAMPLE, "-f", "html", "-o", tmp_path / "out", "--templates", folder))


def test_a_reference_docx_that_is_not_one(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    (folder / "docx").mkdir(parents=True)
    (folder / "docx" / "reference.docx").write_text("not a docx", encoding="utf-8")
    result = cdc("render", EXAMPLE, "-f", "docx", "-o", tmp_path / "out", "--templates", folder)
    clean_failure(result, f"{folder}/docx/reference.docx", "not a Word document")


@pytest.mark.parametrize("company", ["Con", "NUL", "com1"])
def test_output_names_are_never_windows_device_names(company: str, tmp_path: Path) -> None:
    path = replace_line(EXAMPLE, tmp_path / "a.yaml", "company", company)
    path = replace_line(path, path, "title", '""')
    path = replace_line(path, path, "version", '""')
    success(cdc("render", path, "-f", "md", "-o", tmp_path / "out"))
    [written] = (tmp_path / "out").glob("*.md")
    assert written.name == f"{company.lower()}-.md"
    device = tmp_path / "batch" / f"{company}.yaml"
    device.parent.mkdir()
    shutil.copy(path, device)
    success(cdc("batch", device, "-o", tmp_path / "bout", "-f", "md"))
    assert [p.name for p in (tmp_path / "bout").iterdir()] == [f"{company.lower()}-"]
