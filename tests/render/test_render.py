"""`cdc render` as a user runs it: Markdown and HTML read back, golden files, reproducibility.

Regenerate the golden files after an intended change: CDC_UPDATE_GOLDEN=1 pytest tests/render
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cdc.document import Heading, Table, parse_markdown
from cdc.errors import CdcError, ExitCode
from cdc.render import render_file

from .helpers import DURAND, EPOCH, GOLDEN, NORTHWIND, cdc, dump, load, normalise_html, only


@pytest.fixture(autouse=True)
def _epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.mark.parametrize("answers", [DURAND, NORTHWIND], ids=["durand", "northwind"])
def test_golden_markdown_and_html(tmp_path: Path, answers: Path) -> None:
    render_file(answers, "md,html", tmp_path)
    produced = {
        "md": only(tmp_path, ".md").read_text(encoding="utf-8"),
        "html": normalise_html(only(tmp_path, ".html").read_text(encoding="utf-8")),
    }
    for ext, text in produced.items():
        golden = GOLDEN / f"{answers.stem}.{ext}"
        if os.environ.get("CDC_UPDATE_GOLDEN") == "1" or not golden.exists():
            golden.parent.mkdir(exist_ok=True)
            golden.write_text(text, encoding="utf-8")
        assert text == golden.read_text(encoding="utf-8"), (
            f"{golden.name} changed; if intended: CDC_UPDATE_GOLDEN=1 pytest tests/render")


def test_cli_writes_markdown_html_and_pictures(tmp_path: Path) -> None:
    result = cdc("render", DURAND, "-f", "md,html", "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    stem = "menuiseries-durand-sas-cahier-des-charges-projet-crm-2027-v1-0"
    assert names == sorted([f"{stem}.md", f"{stem}.html", f"{stem}-dataflow.svg",
                            f"{stem}-gantt.svg"])
    assert f"wrote {tmp_path / (stem + '.md')}" in result.stdout
    md = (tmp_path / f"{stem}.md").read_text(encoding="utf-8")
    assert f"![Figure 1 – Cartographie des flux de données]({stem}-dataflow.svg)" in md
    doc = parse_markdown(md)
    numbered = [b for b in doc.blocks if isinstance(b, Heading) and b.level == 1]
    titles = [" ".join(t.text for t in h.children if hasattr(t, "text")) for h in numbered]
    assert any(t.startswith("1 Présentation de l") for t in titles)
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) > 25
    html = (tmp_path / f"{stem}.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="fr">' in html
    assert "<style>" in html and 'src="data:image/svg+xml;base64,' in html
    assert '<link ' not in html and 'src="http' not in html  # standalone
    assert '<a href="#sec-1"><span class="num">1</span>' in html  # TOC linked to headings
    assert '<h1 id="sec-1"><span class="num">1</span> Présentation de l’entreprise</h1>' in html
    assert "29\u00a0novembre 2026" in html and "14\u202f000\u00a0fiches" in html
    assert "La solution doit être hébergée en mode SaaS" in html  # the choice's prose form
    assert "d’un chat en ligne" in html or "d’une mesure" in html  # elision
    assert "Diffusion restreinte" in html


def test_same_answers_give_byte_identical_markdown_html_and_svg(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        assert cdc("render", DURAND, "-f", "md,html", "-o", out,
                   env={"SOURCE_DATE_EPOCH": EPOCH}).returncode == 0
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name
    html = only(first, ".html").read_text(encoding="utf-8")
    assert '<meta name="dcterms.created" content="2026-11-30T00:00:00Z">' in html


def test_missing_answers_show_the_mark_and_the_annex(tmp_path: Path) -> None:
    render_file(NORTHWIND, "md,html", tmp_path)
    md = only(tmp_path, ".md").read_text(encoding="utf-8")
    assert md.count("**\\[to be completed\\]**") >= 4
    annex = md.split("# Appendix A – Open points")[1]
    assert "| 1 | 1. Company presentation | “What are your lines of business" in annex
    assert "waiting for the finance split" not in annex  # the author's note stays internal
    html = only(tmp_path, ".html").read_text(encoding="utf-8")
    assert '<mark class="todo">to be completed</mark>' in html
    render_file(NORTHWIND, "md", tmp_path, edition="internal")
    internal = only(tmp_path, "-internal.md").read_text(encoding="utf-8")
    annex = internal.split("# Appendix A – Open points")[1]
    assert "waiting for the finance split per activity" in annex
    assert "Answer the question (cdc interview FILE --part 3" in annex


def test_invalid_answers_render_nothing_and_say_why(tmp_path: Path) -> None:
    data = load()
    data["company"]["employees"] = "eighty"
    bad = dump(data, tmp_path / "bad.yaml")
    result = cdc("render", bad, "-f", "md", "-o", tmp_path / "out")
    assert result.returncode == ExitCode.INVALID
    # a French answers file: the messages are in French (issue 13)
    assert "employees" in result.stderr and "aucun document n'a été produit" in result.stderr
    assert not (tmp_path / "out").exists()


def test_usage_errors(tmp_path: Path) -> None:
    assert cdc("render", tmp_path / "none.yaml", "-f", "md").returncode == ExitCode.USAGE
    result = cdc("render", DURAND, "-f", "odt", "-o", tmp_path)
    assert result.returncode == ExitCode.USAGE and "unknown format 'odt'" in result.stderr
    result = cdc("render", DURAND, "-f", "pdf", "--pdf-variant", "pdf/x", "-o", tmp_path)
    assert result.returncode == ExitCode.USAGE


def test_file_names_never_come_from_answers_unsanitised(tmp_path: Path) -> None:
    data = load()
    data["meta"]["company"] = "../../etc/passwd"
    data["meta"]["title"] = "/tmp/x\\y:*?<>|"
    data["meta"]["version"] = "../1"
    answers = dump(data, tmp_path / "a.yaml")
    written = render_file(answers, "md", tmp_path / "out")
    assert all(p.parent == tmp_path / "out" for p in written)
    assert written[0].name == "etc-passwd-tmp-x-y-v1.md"


def test_templates_override_and_sandbox_through_the_cli(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    (folder / "fr").mkdir(parents=True)
    (folder / "html").mkdir()
    (folder / "fr" / "introduction.md.j2").write_text(
        "# Avant-propos {-}\n\nDocument préparé pour {{ q.company }}.\n", encoding="utf-8")
    (folder / "html" / "style.css").write_text("body { color: #123456; }\n", encoding="utf-8")
    result = cdc("render", DURAND, "-f", "md,html", "-o", tmp_path / "out",
                 "--templates", folder)
    assert result.returncode == 0, result.stderr
    md = only(tmp_path / "out", ".md").read_text(encoding="utf-8")
    assert "# Avant-propos" in md and "Document préparé pour Menuiseries Durand SAS." in md
    html = only(tmp_path / "out", ".html").read_text(encoding="utf-8")
    assert "color: #123456" in html
    (folder / "fr" / "introduction.md.j2").write_text(
        "{{ q.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8")
    result = cdc("render", DURAND, "-f", "md", "-o", tmp_path / "out2", "--templates", folder)
    assert result.returncode == ExitCode.INVALID
    assert "unsafe template code" in result.stderr and "introduction.md.j2" in result.stderr


def test_a_missing_template_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(CdcError) as info:
        render_file(DURAND, "md", tmp_path, templates=tmp_path / "nope")
    assert info.value.exit_code == ExitCode.USAGE


def test_english_document_uses_english_conventions(tmp_path: Path) -> None:
    render_file(NORTHWIND, "md", tmp_path)
    md = only(tmp_path, ".md").read_text(encoding="utf-8")
    assert "29 November 2026" in md and "1,240\xa0employees" in md
    assert "\u202f" not in md.split("## Glossary")[1].split("# 1 ")[0]
    assert "| Annual revenue | €96.5M |" in md
