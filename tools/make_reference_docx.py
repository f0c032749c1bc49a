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
Cover Text, a "Todo" character style (highlighted), "Code", "Hyperlink" and the "CDC Table" table
style with a shaded header row.
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
from cdc.writers.docx import normalise_zip  # noqa: E402

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W_NS}"'
FONT = "Arial"  # metric-compatible with Liberation Sans, which LibreOffice substitutes for it
NAVY = "1F3864"
BLUE = "2E5C8A"
GREY = "595959"
TEXT_WIDTH = 9072  # twips: A4 (11906) minus two 2.5 cm margins (1417 each)

FONTS = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'

DOC_DEFAULTS = f"""
<w:docDefaults {NS}>
  <w:rPrDefault><w:rPr>{FONTS}<w:sz w:val="21"/><w:szCs w:val="21"/>
    <w:lang w:val="fr-FR" w:eastAsia="fr-FR" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
  <w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr>
  </w:pPrDefault>
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


def heading(level: int, pt: int, before: int, after: int, indent: int, color: str) -> str:
    # The number is written as text, then a tab; the hanging indent puts the title in a column.
    return para(
        f"Heading{level}", f"heading {level}",
        ppr=(f'<w:keepNext/><w:keepLines/><w:tabs><w:tab w:val="left" w:pos="{indent}"/></w:tabs>'
             f'<w:spacing w:before="{before}" w:after="{after}" w:line="240" w:lineRule="auto"/>'
             f'<w:ind w:left="{indent}" w:hanging="{indent}"/><w:outlineLvl w:val="{level - 1}"/>'),
        rpr=f'{FONTS}<w:b/><w:bCs/><w:color w:val="{color}"/>{size(pt * 2)}',
        nxt="Normal", extra='<w:uiPriority w:val="9"/>')


def toc(level: int, indent: int, hanging: int, bold: bool, before: int) -> str:
    return para(
        f"TOC{level}", f"toc {level}",
        ppr=(f'<w:tabs><w:tab w:val="left" w:pos="{indent}"/>'
             f'<w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
             f'<w:spacing w:before="{before}" w:after="40"/>'
             f'<w:ind w:left="{indent}" w:right="567" w:hanging="{hanging}"/>'),
        rpr=("<w:b/><w:bCs/>" if bold else "") + size(21 if level < 3 else 20),
        nxt="Normal", extra='<w:uiPriority w:val="39"/><w:unhideWhenUsed/>')


def list_style(style_id: str, name: str, num_id: int, level: int) -> str:
    return para(style_id, name,
                ppr=(f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
                     '<w:spacing w:after="60"/>'),
                extra='<w:uiPriority w:val="99"/><w:unhideWhenUsed/>')


def continue_style(style_id: str, name: str, level: int) -> str:
    return para(style_id, name, ppr=f'<w:spacing w:after="60"/><w:ind w:left="{567 * level}"/>',
                extra='<w:uiPriority w:val="99"/><w:unhideWhenUsed/>')


BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="A6B4C8"/>'
BORDERS = "".join(BORDER.format(side=s)
                  for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
TABLE_STYLE = f"""
<w:style {NS} w:type="table" w:styleId="CDCTable">
  <w:name w:val="CDC Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>
  <w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr>{size(19)}</w:rPr>
  <w:tblPr>
    <w:tblInd w:w="0" w:type="dxa"/>
    <w:tblBorders>{BORDERS}</w:tblBorders>
    <w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:pPr><w:keepNext/></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:color w:val="{NAVY}"/></w:rPr>
    <w:tblPr/>
    <w:trPr><w:tblHeader/></w:trPr>
    <w:tcPr>
      <w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="{NAVY}"/></w:tcBorders>
      <w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/>
    </w:tcPr>
  </w:tblStylePr>
</w:style>"""

STYLES = [
    para("Normal", "Normal", based="", extra="<w:uiPriority w:val=\"0\"/>",
         ppr="<w:suppressAutoHyphens/>").replace(
        'w:styleId="Normal"', 'w:default="1" w:styleId="Normal"'),
    para("Title", "Title",
         ppr=('<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="8" w:color="2E5C8A"/></w:pBdr>'
              '<w:spacing w:before="2400" w:after="360" w:line="240" w:lineRule="auto"/>'),
         rpr=f'{FONTS}<w:b/><w:bCs/><w:color w:val="{NAVY}"/><w:kern w:val="28"/>{size(56)}',
         nxt="Subtitle", extra='<w:uiPriority w:val="10"/>'),
    para("Subtitle", "Subtitle", ppr='<w:spacing w:before="120" w:after="240"/>',
         rpr=f'<w:color w:val="{BLUE}"/>{size(32)}', nxt="CoverText",
         extra='<w:uiPriority w:val="11"/>'),
    para("CoverText", "Cover Text", ppr='<w:spacing w:after="80"/>',
         rpr=f'<w:color w:val="{GREY}"/>{size(24)}'),
    heading(1, 16, 0, 240, 567, NAVY),
    heading(2, 13, 300, 120, 737, NAVY),
    heading(3, 11, 240, 80, 907, BLUE),
    heading(4, 11, 200, 60, 0, BLUE).replace("<w:b/><w:bCs/>", "<w:b/><w:bCs/><w:i/><w:iCs/>"),
    para("Caption", "caption", ppr='<w:keepNext/><w:spacing w:before="160" w:after="80"/>',
         rpr=f'<w:b/><w:bCs/><w:color w:val="{GREY}"/>{size(18)}', nxt="Normal",
         extra='<w:uiPriority w:val="35"/><w:unhideWhenUsed/>'),
    para("FigureCaption", "Figure Caption", based="Caption",
         ppr='<w:spacing w:before="60" w:after="240"/><w:jc w:val="center"/>',
         extra='<w:uiPriority w:val="35"/>'),
    para("Figure", "Figure", ppr='<w:keepNext/><w:spacing w:before="120" w:after="0"/>'
         '<w:jc w:val="center"/>'),
    # Only table text is hyphenated (by Word; LibreOffice needs its hyphenation patterns).
    para("TableText", "Table Text",
         ppr='<w:suppressAutoHyphens w:val="0"/><w:spacing w:before="0" w:after="0"/>',
         rpr=size(19)),
    para("TableHeading", "Table Heading", based="TableText", ppr="<w:keepNext/>",
         rpr=f'<w:b/><w:bCs/><w:color w:val="{NAVY}"/>'),
    # Tables of six columns or more use the small variants, so that words fit their columns.
    para("TableTextSmall", "Table Text Small", based="TableText", rpr=size(16)),
    para("TableHeadingSmall", "Table Heading Small", based="TableHeading", rpr=size(16)),
    para("Quote", "Quote",
         ppr=('<w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="A6B4C8"/></w:pBdr>'
              '<w:spacing w:before="120" w:after="120"/><w:ind w:left="454" w:right="454"/>'),
         rpr=f'<w:i/><w:iCs/><w:color w:val="{GREY}"/>'),
    para("Rule", "Horizontal Rule",
         ppr=('<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="A6B4C8"/></w:pBdr>'
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
         ppr=(f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="A6B4C8"/></w:pBdr>'
              f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
              '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'),
         rpr=f'<w:color w:val="{GREY}"/>{size(16)}', extra='<w:uiPriority w:val="99"/>'),
    para("Footer", "footer",
         ppr=(f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_WIDTH // 2}"/>'
              f'<w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
              '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'),
         rpr=f'<w:color w:val="{GREY}"/>{size(16)}', extra='<w:uiPriority w:val="99"/>'),
    para("TOCHeading", "TOC Heading", based="Heading1", nxt="Normal",
         ppr='<w:ind w:left="0" w:hanging="0"/><w:outlineLvl w:val="9"/>',
         extra='<w:uiPriority w:val="39"/><w:unhideWhenUsed/>'),
    toc(1, 567, 567, True, 120),
    toc(2, 1304, 737, False, 0),
    toc(3, 2211, 907, False, 0),
    char("Todo", "Todo",
         '<w:b/><w:bCs/><w:color w:val="9C2A00"/><w:highlight w:val="yellow"/>'
         '<w:shd w:val="clear" w:color="auto" w:fill="FFE97F"/>'),
    char("Code", "Code",
         '<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>'
         + size(19)),
    char("Hyperlink", "Hyperlink", '<w:color w:val="1F5FA8"/><w:u w:val="single"/>'),
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
<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="709" w:footer="709"
 w:gutter="0"/>
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
    # compatibilityMode stays 14 (Word 2010): with 15, LibreOffice 7.4 drops the cached page
    # numbers of the table of contents; Word shows "Compatibility Mode" in its title bar.
    tab_stop = settings.find(f"{{{W_NS}}}defaultTabStop")
    if tab_stop is not None:  # schema order: autoHyphenation right after defaultTabStop
        tab_stop.addnext(parse_xml(f"<w:autoHyphenation {NS}/>"))
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
