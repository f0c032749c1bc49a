"""Two examples in the three outputs, read back page by page: the PDF through WeasyPrint, the PDF
through Typst, and the Word file as LibreOffice prints it. Rows are never split across pages,
captions sit on their table's or figure's page, the table of contents gives each heading's real
page, one font family, and every PDF passes ``qpdf --check``."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from cdc.document import (
    Document,
    Figure,
    Heading,
    Paragraph,
    Table,
    TocPlaceholder,
    caption_label,
    heading_label,
    plain,
    toc_headings,
)
from cdc.render import build_document, load_spec, render_file
from cdc.writers import page
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow
pypdf = pytest.importorskip("pypdf")

EXAMPLE_NAMES = ("industrie-b2b", "english-saas-company")
OUTPUTS = ("weasyprint", "typst", "libreoffice")


def norm(text: str) -> str:
    """Text with every run of white space (non-breaking ones too) made one space, and words
    broken after their own hyphen ("rendez- vous" at a line's end) joined again."""
    flat = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u00ad", "-")
                    .split())
    return re.sub(r"(?<=\w)- ", "-", flat)


@dataclass
class Rendered:
    tree: Document
    pdfs: dict[str, Path]
    html: str
    docx: Path

    def pages(self, output: str) -> list[str]:
        return [norm(p.extract_text() or "") for p in pypdf.PdfReader(self.pdfs[output]).pages]


def _libreoffice(docx: Path, out: Path) -> Path:
    profile = out / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(docx)],
                   check=True, capture_output=True, timeout=300)
    return out / (docx.stem + ".pdf")


@pytest.fixture(scope="module", params=EXAMPLE_NAMES)
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
             ) -> Rendered:
    answers = next(p for p in EXAMPLES if p.stem == request.param)
    out = tmp_path_factory.mktemp(request.param)
    written = render_file(answers, ["pdf", "docx", "html"], out / "w", pdf_engine="weasyprint")
    (typst,) = render_file(answers, ["pdf"], out / "t", pdf_engine="typst")
    pdfs = {"weasyprint": next(p for p in written if p.suffix == ".pdf"), "typst": typst}
    if shutil.which("soffice"):
        pdfs["libreoffice"] = _libreoffice(next(p for p in written if p.suffix == ".docx"),
                                           out / "lo")
    html = next(p for p in written if p.suffix == ".html").read_text(encoding="utf-8")
    docx = next(p for p in written if p.suffix == ".docx")
    return Rendered(build_document(load_spec(answers)), pdfs, html, docx)


def _pdf(rendered: Rendered, output: str) -> list[str]:
    if output not in rendered.pdfs:
        pytest.skip("LibreOffice (soffice) not installed")
    return rendered.pages(output)


def _pages_with(pages: list[str], text: str) -> list[int]:
    return [i for i, content in enumerate(pages) if text in content]


@pytest.mark.parametrize("output", OUTPUTS)
def test_no_table_row_is_split_across_pages(rendered: Rendered, output: str) -> None:
    pages = _pdf(rendered, output)
    checked = 0
    for table in (b for b in rendered.tree.blocks if isinstance(b, Table)):
        for row in table.rows:
            longest = max((norm(plain(c)) for c in row), key=len, default="")
            words = longest.split()
            if len(words) < 12:  # a cell of one or two lines: nothing to split
                continue
            start, end = " ".join(words[:4]), " ".join(words[-4:])
            found = _pages_with(pages, start)
            assert found, (output, start)
            assert any(end in pages[i] for i in found), (output, longest[:80], found)
            checked += 1
    assert checked >= 40


@pytest.mark.parametrize("output", OUTPUTS)
def test_no_word_is_hyphenated_by_the_engine(rendered: Rendered, output: str) -> None:
    """No "Situa-tion ac-tuelle": lines break between words (or after a word's own hyphen)."""
    _pdf(rendered, output)
    raw = [" ".join((p.extract_text() or "").replace("\u00ad", "-").split())  # Typst's "-"
           for p in pypdf.PdfReader(rendered.pdfs[output]).pages]
    words = set(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", rendered.html)))
    broken = [f"{a}-{b}" for text in raw for a, b in re.findall(r"(\w+)- (\w+)", text)
              if a + b in words and f"{a}-{b}" not in rendered.html]
    assert not broken, (output, broken[:10])


@pytest.mark.parametrize("output", OUTPUTS)
def test_captions_are_on_the_page_of_their_table_or_figure(rendered: Rendered,
                                                           output: str) -> None:
    pages = _pdf(rendered, output)
    lang = rendered.tree.lang
    tables = figures = 0
    for block in rendered.tree.blocks:
        if isinstance(block, Table) and block.caption and block.rows:
            caption = norm(f"{caption_label('table', block.number, lang)} "
                           f"{plain(block.caption)}")
            (where,) = _pages_with(pages, caption)
            first = norm(max((plain(c) for c in block.rows[0]), key=len)).split()
            assert " ".join(first[:3]) in pages[where].split(caption, 1)[1], (output, caption)
            tables += 1
        elif isinstance(block, Figure):
            caption = norm(f"{caption_label('figure', block.number, lang)} "
                           f"{plain(block.caption)}")
            (where,) = _pages_with(pages, caption)
            if output != "libreoffice":  # Word's pictures are PNG, without text
                spec_words = {"dataflow": ("CRM",), "gantt": ("2027",)}[block.name]
                assert all(w in pages[where].split(caption)[0] for w in spec_words), output
            # the sentence that introduces the figure is on its page, not left behind
            index = rendered.tree.blocks.index(block)
            lead_in = rendered.tree.blocks[index - 1]
            if isinstance(lead_in, Paragraph):
                assert " ".join(norm(plain(lead_in.children)).split()[-4:]) in pages[where]
            figures += 1
    assert tables >= 20 and figures == 2


@pytest.mark.parametrize("output", OUTPUTS)
def test_table_of_contents_gives_each_headings_real_page(rendered: Rendered,
                                                         output: str) -> None:
    pages = _pdf(rendered, output)
    leaders = re.compile(r"\.(?: ?\.){3,}")  # Typst's leaders read ". . . ."
    toc_pages = [i for i, text in enumerate(pages) if len(leaders.findall(text)) >= 5]
    assert toc_pages and toc_pages == list(range(toc_pages[0], toc_pages[-1] + 1))
    toc = " ".join(pages[i] for i in toc_pages)
    entries = toc_headings(rendered.tree, 2)
    assert len(entries) >= 40
    blocks = rendered.tree.blocks
    front = [b for b in blocks[:next(i for i, b in enumerate(blocks)
                                     if isinstance(b, TocPlaceholder))]
             if isinstance(b, Heading) and b.level > 1]
    assert front  # the document sheet's sections: before the contents, not listed in them
    for heading in front:
        assert norm(plain(heading.children)) not in toc, (output, plain(heading.children))
    for heading in entries:
        text = norm(f"{heading_label(heading, rendered.tree.lang)} {plain(heading.children)}")
        listed = re.search(re.escape(text) + r"[ .…]*(\d+)", toc)
        assert listed is not None, (output, text)
        real = next(i + 1 for i, content in enumerate(pages)
                    if i > toc_pages[-1] and text in content)
        assert int(listed.group(1)) == real, (output, text, listed.group(1), real)


def test_words_cached_page_numbers_are_the_pages_libreoffice_lays_out(
        rendered: Rendered) -> None:
    """Word shows the cached PAGEREF results until its fields are updated: the page model's
    estimates, which should be the real pages nearly everywhere."""
    import zipfile

    pages = _pdf(rendered, "libreoffice")
    xml = zipfile.ZipFile(rendered.docx).read("word/document.xml").decode("utf-8")
    cached = re.findall(r"PAGEREF \S+ \\h </w:instrText>.*?<w:t>(\d+)</w:t>", xml)
    entries = toc_headings(rendered.tree, 2)
    assert len(cached) == len(entries)
    leaders = re.compile(r"\.(?: ?\.){3,}")
    last_toc = max(i for i, text in enumerate(pages) if len(leaders.findall(text)) >= 5)
    right = 0
    for heading, number in zip(entries, cached, strict=True):
        text = norm(f"{heading_label(heading, rendered.tree.lang)} {plain(heading.children)}")
        real = next(i + 1 for i, content in enumerate(pages) if i > last_toc and text in content)
        assert abs(int(number) - real) <= 1, text
        right += int(number) == real
    assert right >= 0.9 * len(entries), (right, len(entries))


@pytest.mark.parametrize("output", OUTPUTS)
def test_one_font_family_and_a_clean_pdf(rendered: Rendered, output: str) -> None:
    _pdf(rendered, output)
    path = rendered.pdfs[output]
    fonts: set[str] = set()
    for pdf_page in pypdf.PdfReader(path).pages:
        resources = pdf_page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont", "")).split("+")[-1])
    families = {re.sub(r"[-,]?(Bold|Italic|Regular|Oblique)+$", "", f).replace("-", "")
                for f in fonts}
    from cdc import typeface

    if typeface.installed():
        assert families <= {"LiberationSans", "LiberationMono"}, fonts
    if shutil.which("qpdf"):
        check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr


def test_the_running_texts_are_not_hidden_text_in_the_page(rendered: Rendered) -> None:
    meta = rendered.tree.meta
    texts = page.running_texts(meta, rendered.tree.lang)
    assert 'class="running"' not in rendered.html
    assert f'data-header-left="{texts.header_left}"' in rendered.html.replace("&#x27;", "'")
    pages = rendered.pages("weasyprint")
    # the sheet page shows the title in its header and in its table, nowhere else
    assert pages[1].count(norm(texts.header_left)) == 2
    assert pages[6].count(norm(texts.header_left)) == 1
