"""The Typst PDF engine: the same document as WeasyPrint's, read back with pypdf."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from cdc import typeface
from cdc.render import render_file
from tests.conftest import EXAMPLES
from tests.render.helpers import dump
from tests.render.test_hostile import ANSI, IMAGE, SCRIPT, TEMPLATE_CODE, hostile_answers


def _outline(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))  # type: ignore[attr-defined]

    walk(reader.outline)
    return titles


def _norm(title: str) -> str:
    return re.sub(r"\s+", " ", title.replace("\u00a0", " ").replace("\u202f", " ")).strip()


@pytest.fixture(scope="module")
def english_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    example = next(p for p in EXAMPLES if "english" in p.name)
    out = tmp_path_factory.mktemp("typst")
    (pdf,) = render_file(example, ["pdf"], out, pdf_engine="typst")
    return pdf


def test_structure_metadata_and_bookmarks(english_pdf: Path) -> None:
    reader = PdfReader(english_pdf)
    assert len(reader.pages) >= 20
    info = reader.metadata
    assert info is not None and info.title and "CRM" in info.title
    assert info.author and "Murphy" in info.author
    titles = [_norm(t) for t in _outline(reader)]
    assert "1 Company presentation" in titles
    assert any(t.startswith("1.1 ") for t in titles)
    assert any(t.startswith("Appendix A –") for t in titles)
    catalog = reader.trailer["/Root"]
    assert catalog.get("/Lang") in ("en", "en-US")
    cover = reader.pages[0].extract_text()
    assert "CRM requirements specification" in cover
    assert "1 / " not in cover  # no page number on the cover
    assert re.search(r"\b2 / \d+", reader.pages[1].extract_text())


def test_table_of_contents_page_numbers_match_the_headings(english_pdf: Path) -> None:
    reader = PdfReader(english_pdf)
    toc = "\n".join(reader.pages[i].extract_text() for i in range(1, 6))
    checked = 0
    for entry in reader.outline:
        if isinstance(entry, list):
            continue
        title = _norm(str(entry.title))
        match = re.match(r"^(\d+) (.+)$", title)
        if not match:
            continue
        page = reader.get_destination_page_number(entry) + 1
        line = re.search(rf"{re.escape(match.group(2))}[ .]*?(\d+)\s*$",
                         toc.replace("\u00a0", " "), re.MULTILINE)
        assert line is not None, title
        assert int(line.group(1)) == page, title
        checked += 1
    assert checked >= 6


@pytest.mark.slow
def test_both_engines_give_the_same_headings(tmp_path: Path) -> None:
    example = next(p for p in EXAMPLES if "english" in p.name)
    (typst_pdf,) = render_file(example, ["pdf"], tmp_path / "t", pdf_engine="typst")
    (weasy_pdf,) = render_file(example, ["pdf"], tmp_path / "w", pdf_engine="weasyprint")
    typst_titles = [_norm(t) for t in _outline(PdfReader(typst_pdf))]
    weasy_titles = [_norm(t) for t in _outline(PdfReader(weasy_pdf))]
    numbered = [t for t in weasy_titles if re.match(r"^(\d+(\.\d+)*|[A-Z](\.\d+)*) ", t)]
    assert numbered
    for title in numbered:
        assert title in typst_titles, title


def test_hostile_answers_stay_text(tmp_path: Path) -> None:
    answers = dump(hostile_answers(), tmp_path / "hostile.yaml")
    (pdf,) = render_file(answers, ["pdf"], tmp_path / "out", pdf_engine="typst")
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    flat = re.sub(r"\s+", " ", text)
    assert TEMPLATE_CODE.split()[0] in flat  # "{{" printed, never evaluated
    assert "49" not in re.findall(r"\{\{ ?(\d+)", flat)
    assert "<script>alert(1)</script>" in flat.replace(" ", "") or SCRIPT in flat
    assert "file:///etc/passwd" in flat.replace(" ", "") or IMAGE in flat
    assert "ROUGE vif" in flat and "\x1b" not in text and ANSI not in text
    assert "réussi" in flat


@pytest.mark.parametrize("engine", ["typst", "weasyprint"])
def test_pictographs_no_font_draws_are_left_out_not_boxed(tmp_path: Path, engine: str) -> None:
    """An emoji or dingbat no installed font has would print as an empty box (.notdef): both
    engines leave it out; a symbol a font has (★ in DejaVu Sans) stays."""
    pdfplumber = pytest.importorskip("pdfplumber")
    data = hostile_answers()
    data["company"]["project_trigger"] = "Lancement 🚀 réussi 👍 ✅ fait ★ ok"
    answers = dump(data, tmp_path / "emoji.yaml")
    (pdf,) = render_file(answers, ["pdf"], tmp_path / "out", pdf_engine=engine)
    with pdfplumber.open(pdf) as opened:
        flat = " ".join(" ".join(page.extract_text() or "" for page in opened.pages).split())
    assert "(cid:0)" not in flat  # pdfplumber's name for a glyph the font does not have
    kept = [c for c in "🚀👍✅★" if typeface.drawable(c)]
    found = flat[flat.index("Lancement"):][:40]
    assert [c for c in "🚀👍✅★" if c in found] == kept, found
    assert "réussi" in found and "fait" in found


@pytest.mark.parametrize("variant", ["pdf/a-3b", "pdf/ua-1"])
def test_archiving_and_accessibility_variants(tmp_path: Path, variant: str) -> None:
    example = next(p for p in EXAMPLES if "english" in p.name)
    (pdf,) = render_file(example, ["pdf"], tmp_path, pdf_engine="typst", pdf_variant=variant)
    data = pdf.read_bytes()
    if variant == "pdf/a-3b":
        assert b"pdfaid:part" in data and b"pdfaid:conformance" in data
    else:
        assert b"pdfuaid:part" in data
    assert len(PdfReader(pdf).pages) >= 20


def test_reproducible_with_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795996800")
    example = next(p for p in EXAMPLES if "association" in p.name)
    (first,) = render_file(example, ["pdf"], tmp_path / "a", pdf_engine="typst")
    (second,) = render_file(example, ["pdf"], tmp_path / "b", pdf_engine="typst")
    assert first.read_bytes() == second.read_bytes()
    assert os.environ["SOURCE_DATE_EPOCH"] == "1795996800"
