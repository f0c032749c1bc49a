"""Builds templates/docx/reference.docx: the Word styles every generated specification uses.

Run it after changing a style here: ``python tools/make_reference_docx.py``. The output is
committed; users replace it with their own (``--templates DIR`` with ``DIR/docx/reference.docx``),
as with pandoc's reference-doc. The writer (cdc/writers/docx.py) takes from it the styles, the
numbering of lists, the page setup and the header/footer styles; it rewrites the body, the header
and footer texts and the document properties.

Starts from python-docx's default template, drops what a reference document does not need (the
thumbnail of an empty page, custom XML, 140 unused table styles) and defines our styles in XML,
so the result is plain to read in Word's style pane: Normal, Title, Subtitle, Heading 1-4,
Caption, List Bullet/Number 1-3, Quote, TOC Heading, TOC 1-3, Table Text, Table Heading, Figure,
Cover Company, Cover Text, Cover Label, a "Todo" character style (highlighted), "Code",
"Hyperlink" and the "CDC Table" table style with a navy header row. Measures and colours come
from cdc/writers/page.py, as for the PDFs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cdc.files import write_atomic  # noqa: E402
from cdc.typeface import WORD_FAMILY  # noqa: E402
from cdc.writers import page  # noqa: E402
from cdc.writers.docx import normalise_zip  # noqa: E402

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W_NS}"'
FONT = WORD_FAMILY  # metric-compatible with Liberation Sans, which LibreOffice substitutes for it


def colour(value: str) -> str:
    return value.lstrip("#").upper()


NAVY = colour(page.NAVY)
INK = colour(page.INK)
GREY = colour(page.MUTED)
RULE = colour(page.RULE)
TODO_FILL = colour(page.TODO_FILL)
TODO_INK = colour(page.TODO_INK)


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


TEXT_WIDTH = twips(page.PAGE_WIDTH_MM) - twips(page.MARGIN_LEFT_MM) - twips(page.MARGIN_RIGHT_MM)


def pitch(em: float) -> int:
    """Word's "auto" line spacing giving a line pitch of ``em`` (a single line of Arial, or of
    Liberation Sans in LibreOffice, is 1.149 em)."""
    return round(em / 1.149 * 240)


FONTS = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'

DOC_DEFAULTS = f"""
<w:docDefaults {NS}>
  <w:rPrDefault><w:rPr>{FONTS}<w:color w:val="{INK}"/>{"{BODY}"}
    <w:lang w:val="fr-FR" w:eastAsia="fr-FR" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
  <w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="{pitch(1.35)}" w:lineRule="auto"/>
  </w:pPr></w:pPrDefault>
</w:docDefaults>"""


def para(style_id: str, name: str, ppr: str = "", rpr: str = "", based: str = "Normal",
         nxt: str = "", extra: str = "") -> str:
    based_xml = f'<w:basedOn w:val="{based}"/>' if based else ""
    next_xml = f'<w:next w:val="{nxt}"/>' if nxt else ""
    return (f'<w:style {NS} w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f"{based_xml}{next_xml}{extra}<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr>"
            "</w:style>")


def char(style_id: str, name: str, rpr: str) -> str:
    return (f'<w:style {NS} w:type="character" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/>'
            f"<w:rPr>{rpr}</w:rPr></w:style>")


def size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def pt(points: float) -> str:
    return size(round(points * 2))


DOC_DEFAULTS = DOC_DEFAULTS.replace("{BODY}", pt(page.BODY_PT))


H1_RULE = f'<w:pBdr><w:bottom w:val="single" w:sz="10" w:space="4" w:color="{NAVY}"/></w:pBdr>'


def heading(level: int, before: int, after: int, indent: int) -> str:
    # The number is written as text, then a tab; the hanging indent puts the title in a column.
    rule = H1_RULE if level == 1 else ""
    return para(
        f"Heading{level}", f"heading {level}",
        ppr=(f'<w:keepNext/><w:keepLines/>{rule}<w:tabs><w:tab w:val="left" w:pos="{indent}"/>'
             f'</w:tabs><w:spacing w:before="{before}" w:after="{after}" w:line="240" '
             f'w:lineRule="auto"/><w:ind w:left="{indent}" w:hanging="{indent}"/>'
             f'<w:outlineLvl w:val="{level - 1}"/>'),
        rpr=f'{FONTS}<w:b/><w:bCs/><w:color w:val="{NAVY}"/>{pt(page.HEADING_PT[level - 1])}',
        nxt="Normal", extra='<w:uiPriority w:val="9"/>')


def toc(level: int, indent: int, hanging: int, bold: bool, before: int) -> str:
    return para(
        f"TOC{level}", f"toc {level}",
        ppr=(f'<w:tabs><w:tab w:val="left" w:pos="{indent}"/>'
             f'<w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
             f'<w:spacing w:before="{before}" w:after="0" w:line="{pitch(1.25)}" '
             'w:lineRule="auto"/>'
             f'<w:ind w:left="{indent}" w:right="567" w:hanging="{hanging}"/>'),
        rpr=("<w:b/><w:bCs/>" if bold else ""),
        nxt="Normal", extra='<w:uiPriority w:val="39"/><w:unhideWhenUsed/>')


def list_style(style_id: str, name: str, num_id: int, level: int) -> str:
    return para(style_id, name,
                ppr=(f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
                     '<w:spacing w:after="60"/>'),
                extra='<w:uiPriority w:val="99"/><w:unhideWhenUsed/>')


def continue_style(style_id: str, name: str, level: int) -> str:
    return para(style_id, name, ppr=f'<w:spacing w:after="60"/><w:ind w:left="{567 * level}"/>',
                extra='<w:uiPriority w:val="99"/><w:unhideWhenUsed/>')


# Horizontal rules only, as in the PDFs; the writer shades the header row and every other row
# itself (direct formatting reads the same in Word and LibreOffice).
BORDER = f'<w:{{side}} w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>'
BORDERS = "".join(BORDER.format(side=s) for s in ("bottom", "insideH"))
PAD_X, PAD_Y = round(page.CELL_PAD_X * 20), round(page.CELL_PAD_Y * 20)
TABLE_STYLE = f"""
<w:style {NS} w:type="table" w:styleId="CDCTable">
  <w:name w:val="CDC Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="{pitch(1.25)}" w:lineRule="auto"/></w:pPr>
  <w:rPr>{pt(page.TABLE_PT)}</w:rPr>
  <w:tblPr>
    <w:tblInd w:w="0" w:type="dxa"/>
    <w:tblBorders>{BORDERS}</w:tblBorders>
    <w:tblCellMar><w:top w:w="{PAD_Y}" w:type="dxa"/><w:left w:w="{PAD_X}" w:type="dxa"/>
      <w:bottom w:w="{PAD_Y}" w:type="dxa"/><w:right w:w="{PAD_X}" w:type="dxa"/></w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:pPr><w:keepNext/></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>
    <w:tblPr/>
    <w:trPr><w:tblHeader/></w:trPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{NAVY}"/></w:tcPr>
  </w:tblStylePr>
</w:style>"""

STYLES = [
    para("Normal", "Normal", based="", extra="<w:uiPriority w:val=\"0\"/>",
         ppr="<w:suppressAutoHyphens/>").replace(
        'w:styleId="Normal"', 'w:default="1" w:styleId="Normal"'),
    # The cover, as in the PDFs: the company in capitals 84 mm from the top (a navy band, drawn
    # by the writer, crosses the top of the page), the title, the subtitle, then the facts.
    para("CoverCompany", "Cover Company",
         ppr=f'<w:spacing w:before="{twips(84 - page.MARGIN_TOP_MM)}" w:after="60"/>',
         rpr=(f'<w:b/><w:bCs/><w:caps/><w:color w:val="{GREY}"/><w:spacing w:val="13"/>'
              f'{pt(11)}'), nxt="Title"),
    para("Title", "Title",
         ppr='<w:spacing w:before="227" w:after="454" w:line="240" w:lineRule="auto"/>',
         rpr=f'{FONTS}<w:b/><w:bCs/><w:color w:val="{NAVY}"/><w:kern w:val="28"/>'
             f'{pt(page.TITLE_PT)}',
         nxt="Subtitle", extra='<w:uiPriority w:val="10"/>'),
    para("Subtitle", "Subtitle",
         ppr=f'<w:spacing w:before="0" w:after="2268"/><w:ind w:right="{TEXT_WIDTH - 7937}"/>',
         rpr=f'<w:color w:val="{GREY}"/>{pt(12)}', nxt="CoverText",
         extra='<w:uiPriority w:val="11"/>'),
    para("CoverText", "Cover Text",
         ppr=(f'<w:tabs><w:tab w:val="left" w:pos="{twips(38)}"/></w:tabs>'
              f'<w:spacing w:after="85"/><w:ind w:left="{twips(38)}" w:hanging="{twips(38)}"/>'),
         rpr=pt(10.5)),
    heading(1, 0, 200, 567),
    heading(2, 280, 120, 737),
    heading(3, 220, 80, 907),
    heading(4, 180, 60, 0),
    para("Caption", "caption", ppr='<w:keepNext/><w:spacing w:before="200" w:after="80"/>',
         rpr=f'<w:b/><w:bCs/><w:color w:val="{NAVY}"/>{pt(page.CAPTION_PT)}', nxt="Normal",
         extra='<w:uiPriority w:val="35"/><w:unhideWhenUsed/>'),
    para("FigureCaption", "Figure Caption", based="Caption",
         ppr='<w:keepNext w:val="0"/><w:spacing w:before="120" w:after="200"/>'
             '<w:jc w:val="center"/>',
         extra='<w:uiPriority w:val="35"/>'),
    para("Figure", "Figure", ppr='<w:keepNext/><w:spacing w:before="200" w:after="0"/>'
         '<w:jc w:val="center"/>'),
    para("TableText", "Table Text", ppr='<w:spacing w:before="0" w:after="0"/>',
         rpr=pt(page.TABLE_PT)),
    para("TableHeading", "Table Heading", based="TableText", ppr="<w:keepNext/>",
         rpr='<w:b/><w:bCs/><w:color w:val="FFFFFF"/>'),
    # Tables whose header words would not fit at 8 pt use the small variants.
    para("TableTextSmall", "Table Text Small", based="TableText", rpr=pt(page.SMALL_TABLE_PT[0])),
    para("TableHeadingSmall", "Table Heading Small", based="TableHeading",
         rpr=pt(page.SMALL_TABLE_PT[0])),
    para("Quote", "Quote",
         ppr=(f'<w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="{RULE}"/>'
              '</w:pBdr><w:spacing w:before="120" w:after="120"/>'
              '<w:ind w:left="454" w:right="454"/>'),
         rpr=f'<w:color w:val="{GREY}"/>'),
    para("Rule", "Horizontal Rule",
         ppr=(f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="{RULE}"/></w:pBdr>'
              '<w:spacing w:before="0" w:after="240"/>'), rpr=size(8)),
    list_style("ListBullet", "List Bullet", 1, 0),
    list_style("ListBullet2", "List Bullet 2", 1, 1),
    list_style("ListBullet3", "List Bullet 3", 1, 2),
    list_style("ListNumber", "List Number", 2, 0),
    list_style("ListNumber2", "List Number 2", 2, 1),
    list_style("ListNumber3", "List Number 3", 2, 2),
    continue_style("ListContinue", "List Continue", 1),
    continue_style("ListContinue2", "List Continue 2", 2),
    continue_style("ListContinue3", "List Continue 3", 3),
    para("Header", "header",
         ppr=(f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="3" w:color="{RULE}"/></w:pBdr>'
              f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
              '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'),
         rpr=f'<w:color w:val="{GREY}"/>{pt(page.RUNNING_PT)}', extra='<w:uiPriority w:val="99"/>'),
    para("Footer", "footer",
         ppr=(f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
              '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'),
         rpr=f'<w:color w:val="{GREY}"/>{pt(page.RUNNING_PT)}', extra='<w:uiPriority w:val="99"/>'),
    para("TOCHeading", "TOC Heading", based="Heading1", nxt="Normal",
         ppr='<w:ind w:left="0" w:hanging="0"/><w:outlineLvl w:val="9"/>',
         extra='<w:uiPriority w:val="39"/><w:unhideWhenUsed/>'),
    toc(1, 397, 397, True, 120),
    toc(2, 907, 510, False, 0),
    toc(3, 1588, 680, False, 0),
    char("Todo", "Todo",
         f'<w:b/><w:bCs/><w:color w:val="{TODO_INK}"/>'
         f'<w:shd w:val="clear" w:color="auto" w:fill="{TODO_FILL}"/>'),
    char("CoverLabel", "Cover Label", f'<w:b/><w:bCs/><w:color w:val="{NAVY}"/>'),
    char("Code", "Code",
         '<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>'
         + size(17)),
    char("Hyperlink", "Hyperlink", f'<w:color w:val="{NAVY}"/>'),
    TABLE_STYLE,
]

# Bullets: •, –, ▪; numbers: 1., a., i. The writer restarts numbering per list with new w:num.
LEVEL = ('<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
         '<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
         '<w:pPr><w:ind w:left="{left}" w:hanging="284"/></w:pPr>{rpr}</w:lvl>')
SYMBOL_RPR = f"<w:rPr>{FONTS}</w:rPr>"
BULLET_LEVELS = "".join(
    LEVEL.format(i=i, fmt="bullet", text=t, left=567 * (i + 1), rpr=SYMBOL_RPR)
    for i, t in enumerate(("\u2022", "\u2013", "\u25aa")))
NUMBER_LEVELS = "".join(
    LEVEL.format(i=i, fmt=f, text=t, left=567 * (i + 1), rpr="")
    for i, (f, t) in enumerate((("decimal", "%1."), ("lowerLetter", "%2."), ("lowerRoman", "%3."))))
NUMBERING = f"""<w:numbering {NS}>
<w:abstractNum w:abstractNumId="0"><w:nsid w:val="2C0D1A01"/>
<w:multiLevelType w:val="hybridMultilevel"/>{BULLET_LEVELS}</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:nsid w:val="2C0D1A02"/>
<w:multiLevelType w:val="hybridMultilevel"/>{NUMBER_LEVELS}</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""

SECTION = f"""<w:sectPr {NS}>
<w:pgSz w:w="11906" w:h="16838"/>
<w:pgMar w:top="{twips(page.MARGIN_TOP_MM)}" w:right="{twips(page.MARGIN_RIGHT_MM)}"
 w:bottom="{twips(page.MARGIN_BOTTOM_MM)}" w:left="{twips(page.MARGIN_LEFT_MM)}"
 w:header="{twips(page.HEADER_MM)}" w:footer="{twips(page.FOOTER_MM)}" w:gutter="0"/>
<w:cols w:space="708"/><w:titlePg/><w:docGrid w:linePitch="360"/>
</w:sectPr>"""


def build(target: Path) -> None:
    """Writes the reference document to ``target``."""
    doc = Document()
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype in (RT.THUMBNAIL,) or rel.reltype.endswith("/customXml"):
            del package.rels[rel_id]
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith(("/customXml", "/stylesWithEffects")):
            doc.part.drop_rel(rel_id)

    styles = doc.styles.element
    keep_tables = {"TableNormal"}
    defined = {s.get(f"{{{W_NS}}}styleId") for s in map(parse_xml, STYLES)}
    for style in list(styles.findall(f"{{{W_NS}}}style")):
        sid = style.get(f"{{{W_NS}}}styleId")
        kind = style.get(f"{{{W_NS}}}type")
        if sid in defined or (kind == "table" and sid not in keep_tables):
            styles.remove(style)
    old_defaults = styles.find(f"{{{W_NS}}}docDefaults")
    styles.replace(old_defaults, parse_xml(DOC_DEFAULTS))
    for snippet in STYLES:
        styles.append(parse_xml(snippet))

    numbering = doc.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(NUMBERING):
        numbering.append(child)

    settings = doc.settings.element
    # No automatic hyphenation, as in the PDFs. compatibilityMode stays 14 (Word 2010).
    lang = settings.find(f"{{{W_NS}}}themeFontLang")
    if lang is not None:
        lang.set(f"{{{W_NS}}}val", "fr-FR")
        lang.attrib.pop(f"{{{W_NS}}}eastAsia", None)

    body = doc.element.body
    for child in list(body):
        body.remove(child)
    sample = doc.add_paragraph("Document de référence\u00a0: modifiez les styles, pas ce texte.")
    sample.style = doc.styles["Normal"]
    body.append(parse_xml(SECTION))
    section = doc.sections[0]
    section.header.paragraphs[0].text = "Titre du document"
    section.header.paragraphs[0].style = doc.styles["Header"]
    section.footer.paragraphs[0].text = "Page"
    section.footer.paragraphs[0].style = doc.styles["Footer"]
    section.first_page_header.is_linked_to_previous = False
    section.first_page_footer.is_linked_to_previous = False

    props = doc.core_properties
    props.title = "Cahier des charges\u00a0: document de référence"
    props.author = "cdc"
    props.last_modified_by = "cdc"
    props.comments = "Styles for the Word output of cdc."
    props.revision = 1
    import datetime as dt

    fixed = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    props.created = fixed
    props.modified = fixed

    import io

    buffer = io.BytesIO()
    doc.save(buffer)
    write_atomic(target, normalise_zip(buffer.getvalue(), fixed))


if __name__ == "__main__":
    out = ROOT / "templates" / "docx" / "reference.docx"
    build(out)
    print(f"wrote {out} ({out.stat().st_size} bytes)")
