"""Word writer: the document tree → a .docx styled by a reference document.

Styles come from ``templates/docx/reference.docx`` (or the user's ``docx/reference.docx`` in
``--templates DIR``), as with pandoc's reference-doc; the body is written by
:mod:`cdc.writers.docx_body`, then this module sets the language, the running header and footer,
the document properties, and writes the package.

The table of contents holds one linked entry per heading, each with a PAGEREF field:
LibreOffice computes their page numbers when it opens the file; Word shows the cached ones, an
estimate of :mod:`cdc.writers.docx_layout`, until its fields are updated (select all, F9).

With ``SOURCE_DATE_EPOCH`` set, the output is byte-identical from run to run: fixed property
dates and revision, zip entries with fixed timestamps and order, sequential ids only.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from html import escape as _html_escape
from pathlib import Path
from typing import Any

from cdc.document import Cover, Document
from cdc.errors import CdcError, Location
from cdc.files import write_atomic
from cdc.resources import find
from cdc.writers import Assets, page
from cdc.writers.docx_body import LABELS, Builder, clean, w

_HEADER_CHARS = 110  # the running header stays on one line


def _source_date() -> dt.datetime | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(value), tz=dt.UTC)


def normalise_zip(data: bytes, when: dt.datetime, patches: dict[str, bytes] | None = None) -> bytes:
    """Rewrites a zip package with fixed timestamps and a fixed entry order.

    ``patches`` replaces the content of named entries (used for docProps/app.xml).
    """
    stamp = max(when, dt.datetime(1980, 1, 1, tzinfo=dt.UTC))
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in names]
        for name in first + [n for n in names if n not in first]:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            payload = (patches or {}).get(name, source.read(name))
            target.writestr(info, payload, compresslevel=6)
    return out.getvalue()


def _set_language(docx: Any, lang: str) -> None:
    """Puts the language in the default run properties and Normal, so spell-checking works."""
    styles = docx.styles.element
    targets = styles.findall(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    for style in styles.iterfind(w("style")):
        if style.get(w("type")) == "paragraph" and style.get(w("default")) == "1":
            rpr = style.find(w("rPr"))
            if rpr is None:
                rpr = style.makeelement(w("rPr"), {})
                style.append(rpr)
            targets.append(rpr)
    for rpr in targets:
        element = rpr.find(w("lang"))
        if element is None:
            element = rpr.makeelement(w("lang"), {})
            rpr.append(element)
        element.set(w("val"), lang)
        element.set(w("eastAsia"), lang)
    settings = docx.settings.element
    proof = settings.find(w("proofState"))
    if proof is not None:  # "already checked" would hide the spelling marks
        settings.remove(proof)
    theme_lang = settings.find(w("themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(w("val"), lang)


def _headers(docx: Any, doc: Document, builder: Builder) -> None:
    section = docx.sections[0]
    # The cover page has no running header or footer, only the navy band of the PDFs' cover;
    # without a cover, page 1 has them.
    cover = any(isinstance(b, Cover) for b in doc.blocks)
    section.different_first_page_header_footer = cover
    for story in (section.first_page_header, section.first_page_footer):
        story.is_linked_to_previous = False
        for child in list(story._element):
            story._element.remove(child)
        builder.el(story._element, "p")
    if cover:
        _cover_band(section.first_page_header, builder)
    header, footer = section.header, section.footer
    header.is_linked_to_previous = False
    footer.is_linked_to_previous = False
    for story in (header, footer):
        for child in list(story._element):
            story._element.remove(child)
    texts = page.running_texts(doc.meta, doc.lang)
    p = builder.paragraph(builder.styles.para("header"), parent=header._element)
    title = texts.header_left
    builder.run(p, title if len(title) <= _HEADER_CHARS else title[:_HEADER_CHARS - 1] + "…")
    company = texts.header_right
    if company and len(title) + len(company) <= _HEADER_CHARS:  # else two lines: title only
        builder.el(builder.el(p, "r"), "tab")
        builder.run(p, company)
    p = builder.paragraph(builder.styles.para("footer"), parent=footer._element)
    builder.run(p, texts.footer_left[:120])
    builder.el(builder.el(p, "r"), "tab")
    builder.field(p, "PAGE", "1")
    builder.run(p, builder.labels["of"])
    builder.field(p, "NUMPAGES", "1")


_BAND = """<w:r xmlns:w="{w}"><w:drawing><wp:anchor xmlns:wp="{wp}" distT="0" distB="0" distL="0"
 distR="0" simplePos="0" relativeHeight="0" behindDoc="1" locked="1" layoutInCell="1"
 allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="page"><wp:posOffset>0
</wp:posOffset></wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>0</wp:posOffset>
</wp:positionV><wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>
<wp:wrapNone/><wp:docPr id="9999" name="Cover band"/><wp:cNvGraphicFramePr/><a:graphic
 xmlns:a="{a}"><a:graphicData uri="{pic}"><pic:pic xmlns:pic="{pic}"><pic:nvPicPr><pic:cNvPr
 id="0" name="band.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip xmlns:r="{r}"
 r:embed="{rel}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off
 x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>
</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"""


def _solid_png(colour: str) -> bytes:
    """A one-pixel PNG of ``colour`` ("#1f3a5f")."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    pixel = bytes.fromhex(colour.lstrip("#"))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" + pixel)) + chunk(b"IEND", b""))


def _cover_band(story: Any, builder: Builder) -> None:
    """The navy band across the top of the cover, as in the PDFs: a picture anchored to the
    page, behind the text, in the cover's own header."""
    from docx.oxml import parse_xml

    rel_id, _ = story.part.get_or_add_image(io.BytesIO(_solid_png(page.NAVY)))
    emu = 36000  # per millimetre
    xml = _BAND.format(
        w="http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        a="http://schemas.openxmlformats.org/drawingml/2006/main",
        pic="http://schemas.openxmlformats.org/drawingml/2006/picture",
        r="http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        rel=rel_id, cx=round(page.PAGE_WIDTH_MM * emu), cy=round(14 * emu))
    paragraph = story._element.find(w("p"))
    paragraph.append(parse_xml(xml.replace("\n", " ")))


def _properties(docx: Any, doc: Document, when: dt.datetime, lang: str) -> None:
    meta = doc.meta
    props = docx.core_properties

    def text(key: str) -> str:
        value = meta.get(key, "")
        if isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        return clean(str(value or ""))[:255]

    props.title = text("title")
    props.author = text("author")
    props.last_modified_by = text("author")
    props.subject = text("subject")
    props.keywords = text("keywords")
    props.comments = ""
    props.category = ""
    props.content_status = ""
    props.identifier = ""
    props.version = text("version")
    props.language = lang
    props.revision = 1
    props.created = when.replace(tzinfo=None)
    props.modified = when.replace(tzinfo=None)


def _app_xml(original: bytes, company: str) -> bytes:
    text = original.decode("utf-8")
    value = (f"<Company>{_html_escape(clean(company), quote=False)}</Company>" if company
             else "<Company/>")
    # A function, not a replacement string: a backslash in the name (Durand\Fils) is text.
    text = re.sub(r"<Company/>|<Company>.*?</Company>", lambda _: value, text, flags=re.S)
    text = re.sub(r"<Application>.*?</Application>", "<Application>cdc</Application>", text)
    return text.encode("utf-8")


def render_docx(doc: Document, assets: Assets) -> bytes:
    """The .docx bytes of ``doc``."""
    import docx as python_docx

    reference = find("docx/reference.docx", assets.templates_dir)
    try:
        word = python_docx.Document(str(reference))
    except Exception as exc:  # python-docx raises many kinds on a file that is not a .docx
        raise CdcError(f"not a Word document (.docx) cdc can use as reference "
                       f"({type(exc).__name__})", "Save the reference document from Word or "
                       "LibreOffice as .docx, or remove it to use the packaged one.",
                       Location(str(reference))) from None
    body = word.element.body
    section = body.find(w("sectPr"))
    for child in list(body):
        body.remove(child)
    lang = LABELS.get(doc.lang, LABELS["en"])["lang"]
    _set_language(word, lang)
    builder = Builder(word, doc, assets)
    builder.write()
    if section is not None:
        body.append(section)
    _headers(word, doc, builder)
    when = _source_date() or dt.datetime.now(dt.UTC).replace(microsecond=0)
    _properties(word, doc, when, lang)
    buffer = io.BytesIO()
    word.save(buffer)
    data = buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        patches = {}
        if "docProps/app.xml" in package.namelist():
            patches["docProps/app.xml"] = _app_xml(package.read("docProps/app.xml"),
                                                   str(doc.meta.get("company", "") or ""))
    return normalise_zip(data, when, patches)


class DocxWriter:
    """Writes the specification as a Word document."""

    extension = "docx"

    def write(self, doc: Document, assets: Assets, target: Path) -> list[Path]:
        write_atomic(target, render_docx(doc, assets))
        return [target]


WRITER = DocxWriter()
