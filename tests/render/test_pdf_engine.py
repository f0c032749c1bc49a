"""Which engine typesets the PDF: Typst by default (fast, tagged), WeasyPrint when asked or when
the user's template folder holds a stylesheet (the CSS only WeasyPrint reads)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cdc.writers import pdf_engine_for

from .helpers import DURAND, cdc

pypdf = pytest.importorskip("pypdf")


def _engine(pdf: Path) -> str:
    info = pypdf.PdfReader(pdf).metadata or {}
    made_by = f"{info.get('/Creator', '')} {info.get('/Producer', '')}"
    assert ("Typst" in made_by) != ("WeasyPrint" in made_by), made_by
    return "typst" if "Typst" in made_by else "weasyprint"


def test_the_choice(tmp_path: Path) -> None:
    assert pdf_engine_for(None) == "typst"
    assert pdf_engine_for("weasyprint") == "weasyprint"
    assert pdf_engine_for(None, tmp_path) == "typst"  # an empty folder
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "cover.md.j2").write_text("# Cover\n", encoding="utf-8")
    assert pdf_engine_for(None, tmp_path) == "typst"  # Markdown templates: both engines read them
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "print.css").write_text("h1 { color: red }\n", encoding="utf-8")
    assert pdf_engine_for(None, tmp_path) == "weasyprint"
    assert pdf_engine_for("typst", tmp_path) == "typst"  # asked for, it is kept


@pytest.mark.slow
def test_render_uses_typst_unless_the_templates_hold_css(tmp_path: Path) -> None:
    plain = cdc("render", DURAND, "-f", "pdf", "-o", tmp_path / "plain")
    assert plain.returncode == 0, plain.stderr
    assert _engine(next((tmp_path / "plain").glob("*.pdf"))) == "typst"

    styled = tmp_path / "tpl" / "html"
    styled.mkdir(parents=True)
    (styled / "print.css").write_text("h1 { color: #8b0000 }\n", encoding="utf-8")
    result = cdc("render", DURAND, "-f", "pdf", "-o", tmp_path / "css", "--templates",
                 tmp_path / "tpl")
    assert result.returncode == 0, result.stderr
    assert _engine(next((tmp_path / "css").glob("*.pdf"))) == "weasyprint"

    asked = cdc("render", DURAND, "-f", "pdf", "-o", tmp_path / "asked", "--pdf-engine",
                "weasyprint")
    assert asked.returncode == 0, asked.stderr
    assert _engine(next((tmp_path / "asked").glob("*.pdf"))) == "weasyprint"


@pytest.mark.slow
def test_batch_uses_typst_by_default(tmp_path: Path) -> None:
    result = cdc("batch", DURAND, "-o", tmp_path, "-f", "pdf")
    assert result.returncode == 0, result.stderr
    assert _engine(next(tmp_path.glob("*/*.pdf"))) == "typst"
