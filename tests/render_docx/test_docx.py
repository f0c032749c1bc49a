"""The Word output read back with python-docx: styles, numbers, TOC, tables, pictures, metadata."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from cdc.document import Document, Heading, Paragraph, Table, Text, Todo, heading_label, plain
from cdc.writers import get_writer
from cdc.writers.docx import render_docx
from tests.render_docx.conftest import Rendered, open_rendered
from tests.render_docx.sample import NBSP, fake_assets, sample_document


def body_headings(tree: Document) -> list[Heading]:
    return [b for b in tree.blocks if isinstance(b, Heading)]


def bookmarks(word: docx.document.Document) -> dict[str, object]:
    """Bookmark name → the paragraph element holding it."""
    return {b.get(qn("w:name")): b.getparent()
            for b in word.element.body.iter(qn("w:bookmarkStart"))}


def test_the_writer_is_registered_and_writes_the_file(tmp_path: Path) -> None:
    writer = get_writer("docx")
    assert writer.extension == "docx"
    target = tmp_path / "out" / "spec.docx"
    written = writer.write(sample_document(rows=3, parts=2), fake_assets(), target)
    assert written == [target]
    assert docx.Document(str(target)).core_properties.title == "Cahier des charges CRM"
    assert [p.name for p in target.parent.iterdir()] == ["spec.docx"]  # no temporary left


def test_headings_carry_the_numbers_of_the_tree(rendered: Rendered) -> None:
    expected = [(f"Heading {min(h.level, 4)}",
                 f"{h.number}\t{plain(h.children)}" if heading_label(h, "fr") == h.number
                 else f"{heading_label(h, 'fr')} {plain(h.children)}")
                for h in body_headings(rendered.tree) if h.number]
    actual = [(name, p.text) for p, name in rendered.styled() if name.startswith("Heading")]
    assert actual == expected
    texts = [t for _, t in actual]
    assert "1\tContexte et objectifs" in texts
    assert "1.3.1\tSous-section après un saut de page" in texts
    assert f"2\tPartie 2{NBSP}: analyse détaillée" in texts
    assert "Annexe A – Points ouverts" in texts and "A.1\tListe" in texts


def test_cover_uses_title_styles_and_has_no_header(rendered: Rendered) -> None:
    first = [(name, p.text) for p, name in rendered.styled()[:3]]
    assert first[0] == ("Title", "Cahier des charges CRM")
    assert first[1] == ("Subtitle", "Société Exemple SAS")
    assert first[2][0] == "Cover Text"
    section = rendered.word.sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    # the cover's navy band, as in the PDFs: a picture anchored to the page, behind the text
    band = section.first_page_header._element.findall(".//" + qn("wp:anchor"))
    assert len(band) == 1 and band[0].get("behindDoc") == "1"
    assert section.header.paragraphs[0].text == "Cahier des charges CRM\tSociété Exemple SAS"
    footer = rendered.parts["word/footer1.xml"] + rendered.parts.get("word/footer2.xml", "")
    assert " PAGE " in footer and " NUMPAGES " in footer


def test_toc_entries_are_written_and_linked_to_heading_bookmarks(rendered: Rendered) -> None:
    xml = rendered.parts["word/document.xml"]
    # no TOC field: LibreOffice would print its cached text; PAGEREF fields it computes
    assert " TOC " not in xml
    marks = bookmarks(rendered.word)
    entries = [p for p, name in rendered.styled() if name.startswith("toc ")]
    headings = [h for h in body_headings(rendered.tree) if h.level <= 2 and h.number]
    assert len(entries) == len(headings) == 16
    levels = [name for _, name in rendered.styled() if name.startswith("toc ")]
    assert levels == [f"toc {h.level}" for h in headings]
    for entry, heading in zip(entries, headings, strict=True):
        links = entry._p.findall(qn("w:hyperlink"))
        assert len(links) == 1
        target = links[0].get(qn("w:anchor"))
        assert target in marks, target
        heading_paragraph = marks[target]
        assert "".join(heading_paragraph.itertext()).startswith(heading.number)
        instructions = "".join(t.text for t in links[0].iter(qn("w:instrText")))
        assert f"PAGEREF {target}" in instructions
        # the cached result shows the title and an estimated page number before any refresh
        assert plain(heading.children) in entry.text
        assert entry.text.rstrip()[-1].isdigit()
    # the TOC title is not an entry of itself
    assert rendered.paragraphs("TOC Heading")[0].text == "Sommaire"


def test_bookmark_names_are_valid_for_word(rendered: Rendered) -> None:
    marks = bookmarks(rendered.word)
    assert marks
    ids = [b.get(qn("w:id")) for b in rendered.word.element.body.iter(qn("w:bookmarkStart"))]
    assert len(set(ids)) == len(ids)
    for name in marks:
        assert len(name) <= 40 and name.replace("_", "a").isalnum(), name


def test_parts_start_on_a_new_page(rendered: Rendered) -> None:
    body = rendered.word.paragraphs

    def breaks(p: docx.text.paragraph.Paragraph) -> bool:
        return p._p.pPr is not None and p._p.pPr.find(qn("w:pageBreakBefore")) is not None

    for p in rendered.paragraphs("Heading 1"):
        assert breaks(p), p.text
    assert breaks(rendered.paragraphs("TOC Heading")[0])  # after the cover
    after_break = next(p for p in rendered.paragraphs("Heading 3") if p.text.startswith("1.3.1"))
    assert breaks(after_break)  # [[pagebreak]]
    assert sum(breaks(p) for p in body) == len(rendered.paragraphs("Heading 1")) + 2


def test_tables_have_style_repeated_header_and_captions(rendered: Rendered) -> None:
    tables = rendered.word.tables
    assert len(tables) == 2
    trees = [b for b in rendered.tree.blocks if isinstance(b, Table)]
    for table, tree in zip(tables, trees, strict=True):
        assert table.style.name == "CDC Table"
        rows = table._tbl.tr_lst
        assert len(rows) == len(tree.rows) + 1
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(r.trPr is None or r.trPr.find(qn("w:tblHeader")) is None for r in rows[1:])
    big = tables[1]
    assert len(big.rows) == 201
    assert [c.text for c in big.rows[0].cells] == ["N°", "Exigence", "Priorité", "Volume"]
    assert big.rows[200].cells[3].text == f"250{NBSP}000"
    assert big.rows[5].cells[0].paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    captions = [p.text for p in rendered.paragraphs("Caption")]
    assert captions == [f"Tableau{NBSP}1 – Objectifs mesurables",
                        f"Tableau{NBSP}2 – Inventaire des exigences"]
    grid = [int(c.get(qn("w:w"))) for c in big._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert sum(grid) == 9638 and min(grid) >= 400  # 170 mm, the PDFs' text width


def test_picture_is_embedded_at_print_resolution(rendered: Rendered) -> None:
    shapes = rendered.word.inline_shapes
    assert len(shapes) == 1
    picture = rendered.word.part.related_parts[
        shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed].image
    dpi = picture.px_width / (shapes[0].width / 914400)
    assert dpi >= 200
    assert picture.content_type == "image/png"
    caption = rendered.paragraphs("Figure Caption")
    assert [p.text for p in caption] == [f"Figure{NBSP}1 – Carte des flux de données"]
    assert rendered.word.styles["Figure Caption"].base_style.name == "Caption"


def test_inline_formatting_todo_links_and_lists(rendered: Rendered) -> None:
    runs = [r for p in rendered.word.paragraphs for r in p.runs]
    todo = [r.text for r in runs if r.style is not None and r.style.name == "Todo"]
    assert todo == ["à compléter"] * 7
    assert any(r.bold and r.text == "cahier des charges" for r in runs)
    assert any(r.italic and r.text == "CRM" for r in runs)
    assert any(r.style.name == "Code" and r.text == "code" for r in runs if r.style)
    rels = rendered.parts["word/_rels/document.xml.rels"]
    assert 'Target="https://example.com/crm" TargetMode="External"' in rels
    marks = bookmarks(rendered.word)
    body_links = [h.get(qn("w:anchor")) for h in rendered.word.element.body.iter(qn("w:hyperlink"))
                  if h.get(qn("w:anchor"))]
    assert all(a in marks for a in body_links)
    numbered = rendered.paragraphs("List Number")
    assert [p.text for p in numbered] == ["Premier objectif", "Second objectif",
                                          "Troisième objectif"]
    assert [p.text for p in rendered.paragraphs("List Bullet 2")] == ["détail imbriqué",
                                                                      "autre détail"]
    assert len(rendered.paragraphs("List Bullet")) == 15
    assert "<w:startOverride" in rendered.parts["word/numbering.xml"]  # each list restarts at 1
    assert len(rendered.paragraphs("Quote")) == 1


def test_properties_and_language(rendered: Rendered, rendered_en: Rendered) -> None:
    props = rendered.word.core_properties
    assert props.title == "Cahier des charges CRM"
    assert props.author == "Marie Dupont"
    assert props.subject == "Projet CRM de Société Exemple"
    assert props.keywords == "CRM, cahier des charges"
    assert props.language == "fr-FR"
    assert "<Company>Société Exemple SAS</Company>" in rendered.parts["docProps/app.xml"]
    styles = rendered.word.styles.element
    default_lang = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/"
                               f"{qn('w:lang')}")
    assert default_lang.get(qn("w:val")) == "fr-FR"
    normal = rendered.word.styles["Normal"].element
    assert normal.find(f"{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")) == "fr-FR"
    assert 'w:val="en-US"' in rendered_en.parts["word/styles.xml"]
    assert rendered_en.word.core_properties.language == "en-US"
    captions = [p.text for p in rendered_en.paragraphs("Caption")]
    assert captions[0] == f"Table{NBSP}1 – Objectifs mesurables"
    assert rendered_en.paragraphs("TOC Heading")[0].text == "Sommaire"  # the template's own title


def test_page_setup_is_a4_with_the_pdfs_margins(rendered: Rendered) -> None:
    section = rendered.word.sections[0]
    assert (section.page_width.cm, section.page_height.cm) == pytest.approx((21.0, 29.7), abs=0.01)
    margins = (section.top_margin, section.right_margin, section.bottom_margin,
               section.left_margin)
    assert [m.cm for m in margins] == pytest.approx([2.5, 2.0, 2.2, 2.0], abs=0.01)


def test_a_toc_without_a_title_gets_one() -> None:
    tree = Document((Paragraph((Text("Intro"),)), Heading(1, (Text("Un"),), "1", "sec-1"),
                     Heading(2, (Text("Deux"),), "1.1", "sec-1-1")), "en", {"title": "T"})
    tree = Document((tree.blocks[0], *_toc(), *tree.blocks[1:]), "en", tree.meta)
    out = open_rendered(tree, render_docx(tree, fake_assets()))
    assert out.paragraphs("TOC Heading")[0].text == "Contents"
    assert not out.word.sections[0].different_first_page_header_footer  # no cover
    assert [p.text.split("\t")[:2] for p, name in out.styled()
            if name.startswith("toc")] == [["1", "Un"], ["1.1", "Deux"]]


def _toc() -> tuple[object, ...]:
    from cdc.document import TocPlaceholder

    return (TocPlaceholder(),)


def test_same_answers_give_the_same_bytes_with_source_date_epoch(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    tree = sample_document(rows=30, parts=3)
    first = render_docx(tree, fake_assets())
    second = render_docx(sample_document(rows=30, parts=3), fake_assets())
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        stamps = {i.date_time for i in package.infolist()}
        assert package.namelist()[0] == "[Content_Types].xml"
    when = dt.datetime.fromtimestamp(1795000000, tz=dt.UTC)
    assert stamps == {(when.year, when.month, when.day, when.hour, when.minute, when.second)}
    props = docx.Document(io.BytesIO(first)).core_properties
    assert props.created == props.modified
    assert props.created.year == 2026 and props.revision == 1


def test_hostile_text_stays_text_and_xml_forbidden_characters_go() -> None:
    nasty = "{{ 7*7 }} <script>alert(1)</script> \x1b[31mrouge\x00\x07\x0b\ud800 fin"
    tree = Document((
        Heading(1, (Text(nasty),), "1", "sec-1"),
        Paragraph((Text(nasty), Todo("à\x01 compléter"), Text("x" * 1_000_000))),
        Table(((Text("a\x02"),),), (((Text(nasty),),),), ("left",), (Text("c\x03"),), 1, "t-1"),
    ), "fr", {"title": "Titre\x04", "author": "A\x05", "company": "<Acme & Co>"})
    data = render_docx(tree, fake_assets())
    out = open_rendered(tree, data)
    clean = "{{ 7*7 }} <script>alert(1)</script> [31mrouge fin"
    assert out.paragraphs("Heading 1")[0].text == f"1\t{clean}"
    assert out.word.paragraphs[1].text.startswith(clean + "à compléter")
    assert out.word.tables[0].rows[1].cells[0].text == clean
    assert out.word.core_properties.title == "Titre"
    assert "<Company>&lt;Acme &amp; Co&gt;</Company>" in out.parts["docProps/app.xml"]


def test_a_user_reference_document_replaces_the_styles(tmp_path: Path) -> None:
    from cdc.resources import packaged_dir

    reference = docx.Document(str(packaged_dir("templates") / "docx" / "reference.docx"))
    reference.styles["Normal"].font.name = "Georgia"
    (tmp_path / "docx").mkdir()
    reference.save(str(tmp_path / "docx" / "reference.docx"))
    tree = sample_document(rows=2, parts=2)
    out = open_rendered(tree, render_docx(tree, fake_assets(templates_dir=tmp_path)))
    assert out.word.styles["Normal"].font.name == "Georgia"
    assert out.paragraphs("Heading 1")  # the rest still works
