"""WeasyPrint's PDF read back: pages, table of contents against the real pages, bookmarks,
metadata. (Typst's, the default engine's, is read back in tests/render_typst.)"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from cdc.render import render_file

from .helpers import DURAND, EPOCH, NORTHWIND, cdc, dump, load

pytestmark = pytest.mark.slow
pypdf = pytest.importorskip("pypdf")
pdfplumber = pytest.importorskip("pdfplumber")

_TOC_LINE = re.compile(r"^(?P<title>.+?)\s*\.{3,}\s*(?P<page>\d+)$")


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    result = cdc("render", DURAND, "-f", "pdf", "-o", out, "--pdf-engine", "weasyprint",
                 env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    (path,) = out.glob("*.pdf")
    return path


@pytest.fixture(scope="module")
def pages(pdf_path: Path) -> list[str]:
    with pdfplumber.open(pdf_path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _outline(reader: Any, items: list[Any], depth: int = 0) -> list[tuple[int, str, int]]:
    found: list[tuple[int, str, int]] = []
    for item in items:
        if isinstance(item, list):
            found += _outline(reader, item, depth + 1)
        else:
            found.append((depth, item.title, reader.get_destination_page_number(item) + 1))
    return found


def test_a4_pages_cover_and_running_header(pdf_path: Path, pages: list[str]) -> None:
    reader = pypdf.PdfReader(pdf_path)
    assert 15 <= len(reader.pages) <= 40
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)
    cover = " ".join(pages[0].split())
    assert "Cahier des charges – Projet CRM 2027" in cover and "MENUISERIES DURAND SAS" in cover
    assert f"1 / {len(pages)}" not in cover and "Diffusion restreinte" in cover
    body = pages[6]
    assert body.startswith("Cahier des charges – Projet CRM 2027")  # running header
    assert body.splitlines()[0].endswith("Menuiseries Durand SAS")  # the company on the right
    assert f"7 / {len(pages)}" in body and "Version 1.0 – Diffusion restreinte" in body


def test_toc_page_numbers_match_the_headings_real_pages(pdf_path: Path,
                                                        pages: list[str]) -> None:
    toc_pages = [i for i, text in enumerate(pages)
                 if sum(bool(_TOC_LINE.match(line.strip())) for line in text.splitlines()) >= 5]
    assert toc_pages, "no table of contents"
    entries = []
    for index in toc_pages:
        for line in pages[index].splitlines():
            match = _TOC_LINE.match(line.strip())
            if match:
                entries.append((match["title"].strip(), int(match["page"])))
    assert len(entries) > 30
    reader = pypdf.PdfReader(pdf_path)
    def norm(text: str) -> str:  # text extraction may drop a space after a dash
        return re.sub(r"\s+", "", text)

    bookmarks = {norm(title): page for _, title, page in _outline(reader, reader.outline)}
    checked = 0
    for title, page in entries:
        assert bookmarks.get(norm(title)) == page, (title, page, bookmarks.get(norm(title)))
        lines = [norm(line) for line in pages[page - 1].splitlines()]
        # a long heading wraps: it is the start of a line and the lines after it
        assert any(norm(title) == "".join(lines[i:i + 3])[:len(norm(title))]
                   and lines[i] and norm(title).startswith(lines[i])
                   for i in range(len(lines))), (title, page)
        checked += 1
    assert checked == len(entries)
    numbered = [t for t, _ in entries if re.match(r"^\d+(\.\d+)? ", t)]
    assert numbered[0] == "1 Présentation de l’entreprise"
    assert "6.4 Conduite du changement" in numbered


def test_bookmarks_and_metadata(pdf_path: Path) -> None:
    reader = pypdf.PdfReader(pdf_path)
    outline = _outline(reader, reader.outline)
    top = [title for depth, title, _ in outline if depth == 0]
    assert "1 Présentation de l’entreprise" in top and "Annexe A – Points ouverts" in top
    assert "Cahier des charges – Projet CRM 2027" not in top  # the cover title is no bookmark
    meta = reader.metadata
    assert meta.title == "Cahier des charges – Projet CRM 2027"
    assert meta.author == "Claire Martin, responsable commerciale"
    assert "Menuiseries Durand SAS" in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "fr"


def test_content_figures_and_todo_marks(pdf_path: Path, pages: list[str]) -> None:
    text = "\n".join(pages)
    flat = " ".join(text.split())
    assert "Figure 1 – Cartographie des flux de données" in flat
    assert "Figure 2 – Planning prévisionnel" in flat
    assert re.search(r"Tableau \d+ – Matrice des droits \(rôles × permissions\)", flat)
    assert "à compléter" in flat and "Annexe A – Points ouverts" in flat
    assert "29 novembre 2026" in flat and "14 000 fiches" in flat
    reader = pypdf.PdfReader(pdf_path)
    images = sum(len(page.images) for page in reader.pages)
    xobjects = sum(1 for page in reader.pages
                   for obj in (page.get("/Resources", {}).get("/XObject", {}) or {}).values()
                   if obj.get_object().get("/Subtype") == "/Form")
    assert images == 0 and xobjects >= 2  # the pictures are vector (SVG drawn as PDF forms)


def test_long_tables_split_with_their_header_repeated(tmp_path: Path) -> None:
    data = load(NORTHWIND)
    base = data["data_flows"]["sources"][0]
    data["data_flows"]["sources"] = [
        {**base, "name": f"Regional file no. {i}", "records": 1000 + i} for i in range(60)]
    answers = dump(data, tmp_path / "long.yaml")
    (path,) = render_file(answers, "pdf", tmp_path / "out", pdf_engine="weasyprint")
    with pdfplumber.open(path) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    holding = [t for t in texts if "Regional file" in t]
    assert len(holding) >= 2
    assert all("Source Kind Owner Format Volume Quality" in t for t in holding)


@pytest.mark.parametrize("variant", ["pdf/a-3b", "pdf/ua-1"])
def test_pdf_variants(tmp_path: Path, variant: str) -> None:
    result = cdc("render", DURAND, "-f", "pdf", "-o", tmp_path, "--pdf-variant", variant,
                 "--pdf-engine", "weasyprint")
    assert result.returncode == 0, result.stderr
    (path,) = tmp_path.glob("*.pdf")
    reader = pypdf.PdfReader(path)
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8", "replace")
    if variant == "pdf/a-3b":
        assert "pdfaid:part" in xmp and ("pdfaid:part=\"3\"" in xmp or ">3<" in xmp)
    else:
        assert "/StructTreeRoot" in root and "pdfuaid" in xmp


def test_a_pdf_made_after_another_in_one_process_is_the_pdf_made_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint's fonts are loaded once per process and shared by every document of a batch:
    what one document loaded must not change the next one's PDF."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    alone = cdc("render", DURAND, "-f", "pdf", "-o", tmp_path / "alone", "--pdf-engine",
                "weasyprint", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert alone.returncode == 0, alone.stderr
    render_file(NORTHWIND, "pdf", tmp_path / "first", pdf_engine="weasyprint")  # other tables
    (second,) = render_file(DURAND, "pdf", tmp_path / "second", pdf_engine="weasyprint")
    (expected,) = (tmp_path / "alone").glob("*.pdf")
    assert second.read_bytes() == expected.read_bytes()
