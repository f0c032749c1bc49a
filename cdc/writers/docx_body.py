"""The document tree → WordprocessingML: the body of the Word output, element by element.

Written with lxml straight into python-docx's document: one element per node, each table row
built once (python-docx's ``table.cell(r, c)`` is quadratic). Styles are found by name in the
reference document, so a reference saved by a French Word (whose style ids read "Titre1") works.
"""

from __future__ import annotations

import io
import re
from typing import Any

from lxml.etree import SubElement  # type: ignore[import-untyped]  # python-docx's own XML

from cdc.document import (
    BlockQuote,
    BulletList,
    Code,
    Cover,
    Document,
    Emph,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    OrderedList,
    PageBreak,
    Paragraph,
    Rule,
    Strong,
    Table,
    Text,
    TocPlaceholder,
    Todo,
    heading_label,
    labels,
    plain,
    toc_headings,
)
from cdc.writers import Assets, page
from cdc.writers.docx_layout import (
    KEEP_TOGETHER_PT,
    LINE,
    PAGE_HEIGHT_PT,
    PARA_GAP,
    TEXT_WIDTH,
    TOC_ENTRY,
    Layout,
    paragraph_lines,
    row_height,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
RT_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
EMU_PER_TWIP = 635

# Characters XML 1.0 forbids; lxml refuses them, so answers that carry them are cleaned here.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

LABELS = {
    "fr": {"table": "Tableau", "figure": "Figure", "sep": " – ", "contents": "Sommaire",
           "of": " / ", "lang": "fr-FR"},
    "en": {"table": "Table", "figure": "Figure", "sep": " – ", "contents": "Contents",
           "of": " / ", "lang": "en-US"},
}
TOC_LEVELS = 2  # as in the PDFs
BAND = page.BAND.lstrip("#").upper()
NAVY = page.NAVY.lstrip("#").upper()

_RUN_FLAGS = ["b", "i", "highlight"]


def w(tag: str) -> str:
    """The qualified name of a WordprocessingML tag."""
    name = _QUALIFIED.get(tag)
    if name is None:
        name = _QUALIFIED[tag] = f"{{{W}}}{tag}"
    return name


_QUALIFIED: dict[str, str] = {}  # a document makes some 20,000 elements of 60 kinds


def clean(text: str) -> str:
    """``text`` without the characters XML forbids."""
    return _FORBIDDEN.sub("", text)


class Styles:
    """Style ids of the reference document, found by style name."""

    def __init__(self, styles_element: Any) -> None:
        self.ids: dict[tuple[str, str], str] = {}
        for style in styles_element.iterfind(w("style")):
            name = style.find(w("name"))
            if name is not None:
                key = (style.get(w("type"), ""), name.get(w("val"), "").lower())
                self.ids[key] = style.get(w("styleId"), "")

    def para(self, *names: str) -> str | None:
        for name in names:
            sid = self.ids.get(("paragraph", name.lower()))
            if sid:
                return sid
        return None

    def char(self, name: str) -> str | None:
        return self.ids.get(("character", name.lower()))

    def table(self, *names: str) -> str | None:
        for name in names:
            sid = self.ids.get(("table", name.lower()))
            if sid:
                return sid
        return None


class Builder:
    """Writes one document tree into a python-docx Document loaded from the reference."""

    def __init__(self, docx: Any, doc: Document, assets: Assets) -> None:
        self.docx = docx
        self.doc = doc
        self.assets = assets
        self.labels = LABELS.get(doc.lang, LABELS["en"])
        self.doc_lang = doc.lang
        self.styles = Styles(docx.styles.element)
        self.body = docx.element.body
        self.layout = Layout()
        self.pending_break = False
        self.emitted = False
        self.bookmark_id = 0
        self.drawing_id = 0
        self.bookmarks: dict[str, str] = {}
        self.bookmark_names: set[str] = set()
        self.next_num_id = 0
        self.toc_numbers: list[tuple[str, Any]] = []  # (bookmark, w:t element to fill)
        self.heading_pages: dict[str, int] = {}
        self.toc_title: int | None = None
        self.number_format = self._number_format()

    # ------------------------------------------------------------------ low-level XML

    def el(self, parent: Any, tag: str, **attrs: str) -> Any:
        return SubElement(parent, w(tag), {w(k): v for k, v in attrs.items()} if attrs else None)

    def paragraph(self, style: str | None, parent: Any = None) -> Any:
        """A new paragraph; at body level it takes the pending page break."""
        p = self.el(self.body if parent is None else parent, "p")
        ppr = self.el(p, "pPr")
        if style:
            self.el(ppr, "pStyle", val=style)
        if parent is None:
            if self.pending_break:
                self.el(ppr, "pageBreakBefore")
                self.pending_break = False
                self.layout.new_page()
            self.emitted = True
        return p

    def run(self, parent: Any, text: str, rpr: tuple[str, ...] = (), style: str | None = None,
            ) -> Any:
        r = self.el(parent, "r")
        if rpr or style:
            props = self.el(r, "rPr")
            if style:
                self.el(props, "rStyle", val=style)
            for flag in sorted(set(rpr), key=_RUN_FLAGS.index):  # the schema's order
                if flag == "highlight":
                    self.el(props, "highlight", val="yellow")
                else:
                    self.el(props, flag)
        lines = clean(text).replace("\t", "    ").split("\n")
        for i, line in enumerate(lines):
            if i:
                self.el(r, "br")
            if line:
                t = self.el(r, "t")
                t.text = line
                t.set(XML_SPACE, "preserve")
        return r

    def field(self, parent: Any, instruction: str, cached: str) -> Any:
        """A complex field; returns the w:t holding its cached result."""
        self.el(self.el(parent, "r"), "fldChar", fldCharType="begin")
        instr = self.el(self.el(parent, "r"), "instrText")
        instr.text = f" {instruction} "
        instr.set(XML_SPACE, "preserve")
        self.el(self.el(parent, "r"), "fldChar", fldCharType="separate")
        t = self.el(self.el(parent, "r"), "t")
        t.text = cached
        self.el(self.el(parent, "r"), "fldChar", fldCharType="end")
        return t

    def bookmark(self, anchor: str) -> str:
        """The Word bookmark name for an anchor: letters, digits and _, at most 40 characters."""
        if anchor not in self.bookmarks:
            base = "_Toc_" + re.sub(r"[^A-Za-z0-9_]", "_", anchor)[:30]
            name = base
            n = 2
            while name in self.bookmark_names:
                name = f"{base}_{n}"
                n += 1
            self.bookmarks[anchor] = name
            self.bookmark_names.add(name)
        return self.bookmarks[anchor]

    def bookmark_around(self, p: Any, anchor: str, first_child_index: int) -> None:
        self.bookmark_id += 1
        start = p.makeelement(w("bookmarkStart"), {w("id"): str(self.bookmark_id),
                                                    w("name"): self.bookmark(anchor)})
        p.insert(first_child_index, start)
        self.el(p, "bookmarkEnd", id=str(self.bookmark_id))

    # ------------------------------------------------------------------ inlines

    def inlines(self, parent: Any, nodes: tuple[Inline, ...], rpr: tuple[str, ...] = (),
                style: str | None = None) -> None:
        for node in nodes:
            if isinstance(node, Text):
                self.run(parent, node.text, rpr, style)
            elif isinstance(node, Strong):
                self.inlines(parent, node.children, (*rpr, "b"), style)
            elif isinstance(node, Emph):
                self.inlines(parent, node.children, (*rpr, "i"), style)
            elif isinstance(node, Code):
                self.run(parent, node.text, rpr, self.styles.char("Code") or style)
            elif isinstance(node, Todo):
                todo_style = self.styles.char("Todo")
                self.run(parent, node.text, rpr if todo_style else (*rpr, "b", "highlight"),
                         todo_style)
            elif isinstance(node, LineBreak):
                self.el(self.el(parent, "r"), "br")
            elif isinstance(node, Link):
                self.link(parent, node, rpr)

    def link(self, parent: Any, node: Link, rpr: tuple[str, ...]) -> None:
        link = self.el(parent, "hyperlink")
        if node.href.startswith("#"):
            link.set(w("anchor"), self.bookmark(node.href[1:]))
        else:
            rel_id = self.docx.part.relate_to(clean(node.href), RT_HYPERLINK, is_external=True)
            link.set(f"{{{R}}}id", rel_id)
        link.set(w("history"), "1")
        self.inlines(link, node.children, rpr, self.styles.char("Hyperlink"))

    # ------------------------------------------------------------------ blocks

    def write(self) -> None:
        blocks = self.doc.blocks
        for i, block in enumerate(blocks):
            if isinstance(block, TocPlaceholder) and i > 0:
                previous = blocks[i - 1]
                if isinstance(previous, Heading) and not previous.number:
                    self.toc_title = i - 1
        for i, block in enumerate(blocks):
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if i == self.toc_title and isinstance(block, Heading):
                self.toc_heading(block.children)
            elif isinstance(block, Paragraph) and isinstance(following, Table | Figure) \
                    and len(plain(block.children)) < 400:
                # an introduction stays with its table or figure
                p = self.paragraph(None)
                self.el(p[0], "keepNext")
                self.inlines(p, block.children)
                self.layout.add(paragraph_lines(block.children) * LINE + PARA_GAP,
                                keep_with=60)
            else:
                self.block(block)
        self.fill_toc_pages()

    def block(self, block: Any, depth: int = 0) -> None:
        if isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Paragraph):
            p = self.paragraph(None)
            self.inlines(p, block.children)
            self.layout.add_lines(paragraph_lines(block.children), LINE, PARA_GAP)
        elif isinstance(block, BulletList | OrderedList):
            self.bullet_list(block, depth)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Figure):
            self.figure(block)
        elif isinstance(block, BlockQuote):
            for child in block.children:
                if isinstance(child, Paragraph):
                    p = self.paragraph(self.styles.para("Quote"))
                    self.inlines(p, child.children)
                    self.layout.add(paragraph_lines(child.children, 0.9) * LINE + 2 * PARA_GAP)
                else:
                    self.block(child, depth)
        elif isinstance(block, Rule):
            self.paragraph(self.styles.para("Horizontal Rule"))
            self.layout.add(16)
        elif isinstance(block, PageBreak):
            if self.emitted:
                self.pending_break = True
        elif isinstance(block, TocPlaceholder):
            self.toc()
        elif isinstance(block, Cover):
            self.cover(block)

    def cover(self, cover: Cover) -> None:
        """The cover as in the PDFs: company, title, subtitle, then "label<tab>value" lines."""
        titled = subtitled = False
        for child in cover.children:
            if isinstance(child, Heading):
                p = self.paragraph(self.styles.para("Title" if child.level == 1 else "Subtitle"))
                self.inlines(p, child.children)
                subtitled = titled
                titled = True
            elif isinstance(child, Paragraph):
                labelled = bool(child.children) and isinstance(child.children[0], Strong)
                if labelled or subtitled:
                    style = self.styles.para("Cover Text")
                elif not titled:
                    style = self.styles.para("Cover Company", "Cover Text")
                else:
                    style = self.styles.para("Subtitle", "Cover Text")
                    subtitled = True
                p = self.paragraph(style)
                if labelled:
                    first = child.children[0]
                    assert isinstance(first, Strong)
                    self.inlines(p, first.children, ("b",), self.styles.char("Cover Label"))
                    self.el(self.el(p, "r"), "tab")
                    rest = child.children[1:]
                    if rest and isinstance(rest[0], Text):
                        rest = (Text(rest[0].text.lstrip()), *rest[1:])
                    self.inlines(p, rest)
                else:
                    self.inlines(p, child.children)
            else:
                self.block(child)
        self.layout.add(PAGE_HEIGHT_PT / 2)  # the cover fills its page, whatever it holds
        self.pending_break = True

    def number(self, parent: Any, heading: Heading) -> None:
        """The heading's number, then a tab; an annex label is too wide for the hanging
        indent (the tab would jump to the page-number stop in the TOC): a space instead."""
        label = heading_label(heading, self.doc_lang)
        if label == heading.number:
            self.run(parent, label)
            self.el(self.el(parent, "r"), "tab")
        else:
            self.run(parent, f"{label} ")

    def heading(self, heading: Heading) -> None:
        level = min(heading.level, 4)
        if heading.level == 1 and self.emitted:
            self.pending_break = True
        style = self.styles.para(f"heading {level}", "heading 3")
        p = self.paragraph(style)
        if heading.number:
            self.number(p, heading)
        else:
            self.el(p[0], "ind", left="0", hanging="0")
        self.inlines(p, heading.children)
        self.bookmark_around(p, heading.anchor, 1)
        height = {1: 45.0, 2: 34.0, 3: 28.0}.get(level, 24.0)
        self.heading_pages[heading.anchor] = self.layout.add(height, keep_with=2 * LINE)

    def bullet_list(self, block: BulletList | OrderedList, depth: int) -> None:
        level = min(depth, 2)
        suffix = "" if level == 0 else f" {level + 1}"
        ordered = isinstance(block, OrderedList)
        style = self.styles.para(("List Number" if ordered else "List Bullet") + suffix)
        cont = self.styles.para("List Continue" + suffix)
        num_id = self.restart_numbering(level, block.start) if isinstance(block, OrderedList) \
            else None
        for item in block.items:
            first = True
            for child in item:
                if isinstance(child, Paragraph):
                    p = self.paragraph(style if first else cont)
                    if first and num_id is not None:
                        num = self.el(p[0], "numPr")
                        self.el(num, "ilvl", val=str(level))
                        self.el(num, "numId", val=str(num_id))
                    self.inlines(p, child.children)
                    self.layout.add(paragraph_lines(child.children, 0.94) * LINE + 2)
                    first = False
                elif isinstance(child, BulletList | OrderedList):
                    self.bullet_list(child, depth + 1)
                else:
                    self.block(child, depth + 1)

    def _number_format(self) -> str | None:
        """The abstract numbering behind "List Number", to restart it for each list."""
        sid = self.styles.para("List Number")
        if sid is None:
            return None
        style = self.docx.styles.element.find(f"{w('style')}[@{w('styleId')}='{sid}']")
        num_id = style.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}") if style is not None \
            else None
        if num_id is None:
            return None
        numbering = self.docx.part.numbering_part.element
        for num in numbering.iterfind(w("num")):
            if num.get(w("numId")) == num_id.get(w("val")):
                abstract = num.find(w("abstractNumId"))
                return None if abstract is None else str(abstract.get(w("val")))
        return None

    def restart_numbering(self, level: int, start: int) -> int | None:
        if self.number_format is None:
            return None
        numbering = self.docx.part.numbering_part.element
        if not self.next_num_id:
            ids = [int(n.get(w("numId"), "0")) for n in numbering.iterfind(w("num"))]
            self.next_num_id = max(ids, default=0) + 1
        new_id = self.next_num_id
        self.next_num_id += 1
        num = self.el(numbering, "num", numId=str(new_id))
        cleanup = numbering.find(w("numIdMacAtCleanup"))
        if cleanup is not None:  # the schema wants it last
            cleanup.addprevious(num)
        self.el(num, "abstractNumId", val=self.number_format)
        override = self.el(num, "lvlOverride", ilvl=str(level))
        self.el(override, "startOverride", val=str(start))
        return new_id

    # ------------------------------------------------------------------ captions, tables, figures

    def caption(self, kind: str, number: int, children: tuple[Inline, ...], anchor: str,
                style: str | None) -> Any:
        p = self.paragraph(style)
        label = self.labels[kind]
        self.run(p, f"{label}\u00a0")
        self.field(p, f"SEQ {label} \\* ARABIC", str(number))
        self.run(p, self.labels["sep"])
        self.inlines(p, children)
        if anchor:
            self.bookmark_around(p, anchor, 1)
        return p

    def table(self, table: Table) -> None:
        if table.caption:
            self.caption("table", table.number, table.caption, table.anchor,
                         self.styles.para("caption"))
        elif self.pending_break:
            self.paragraph(None)
        columns = max([len(table.header), *(len(r) for r in table.rows)], default=0)
        if columns == 0:
            return
        size, fractions = page.table_columns(table)
        head_style = self.styles.para("Table Heading")
        body_style = self.styles.para("Table Text")
        if size < page.TABLE_PT and self.styles.para("Table Text Small"):
            head_style = self.styles.para("Table Heading Small", "Table Heading")
            body_style = self.styles.para("Table Text Small")
        widths = [int(f * TEXT_WIDTH) for f in fractions]
        widths[widths.index(max(widths))] += TEXT_WIDTH - sum(widths)
        tbl = self.el(self.body, "tbl")
        tblpr = self.el(tbl, "tblPr")
        style = self.styles.table("CDC Table", "Table Grid")
        if style:
            self.el(tblpr, "tblStyle", val=style)
        self.el(tblpr, "tblW", w=str(sum(widths)), type="dxa")
        self.el(tblpr, "tblLayout", type="fixed")
        self.el(tblpr, "tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="0",
                lastColumn="0", noHBand="1", noVBand="1")
        grid = self.el(tbl, "tblGrid")
        for width in widths:
            self.el(grid, "gridCol", w=str(width))
        align = [{"right": "right", "center": "center"}.get(a, "") for a in table.align]
        heights = [row_height(cells, fractions, size)
                   for cells in ((table.header,) if table.header else ()) + table.rows]
        # A short table is kept on one page (each row kept with the next): besides reading
        # better, LibreOffice loses the rows after the first when a table of unsplittable rows
        # starts at the foot of a page with room for its header and one row only.
        together = sum(heights) <= KEEP_TOGETHER_PT
        last = len(table.rows) - 1
        if table.header:
            self.row(tbl, table.header, widths, align, head_style, header=True, shade=NAVY,
                     keep=together and last >= 0)
        for index, row in enumerate(table.rows):
            self.row(tbl, row, widths, align, body_style, header=False,
                     shade=BAND if index % 2 else "", keep=together and index < last)
        caption = 24.0 if table.caption else 0.0
        self.layout.add_rows(caption, heights, together)
        self.layout.add(8)
        spacer = self.paragraph(None)  # Word needs a paragraph between consecutive tables
        self.el(spacer[0], "spacing", before="0", after="60")

    def row(self, tbl: Any, cells: tuple[tuple[Inline, ...], ...], widths: list[int],
            align: list[str], style: str | None, header: bool, shade: str = "",
            keep: bool = False) -> None:
        tr = self.el(tbl, "tr")
        whole = sum(len(plain(c)) for c in cells) < 2000  # a row taller than a page may split
        if header or whole:
            trpr = self.el(tr, "trPr")
            if whole:
                self.el(trpr, "cantSplit")
            if header:
                self.el(trpr, "tblHeader")
        for index, width in enumerate(widths):
            tc = self.el(tr, "tc")
            tcpr = self.el(tc, "tcPr")
            self.el(tcpr, "tcW", w=str(width), type="dxa")
            if shade:
                self.el(tcpr, "shd", val="clear", color="auto", fill=shade)
            p = self.paragraph(style, parent=tc)
            if keep:
                self.el(p[0], "keepNext")  # before jc: the schema's order
            if index < len(align) and align[index]:
                self.el(p[0], "jc", val=align[index])
            if index < len(cells):
                self.inlines(p, cells[index])

    def figure(self, figure: Figure) -> None:
        from docx.oxml.shape import CT_Inline
        from docx.shared import Emu

        data = self.assets.png(figure.name)
        rel_id, image = self.docx.part.get_or_add_image(io.BytesIO(data))
        dpi = image.horz_dpi or 96
        width = int(image.px_width / dpi * 914400)
        height = int(image.px_height / (image.vert_dpi or dpi) * 914400)
        max_width, max_height = TEXT_WIDTH * EMU_PER_TWIP, 620 * 12700
        scale = min(1.0, max_width / max(width, 1), max_height / max(height, 1))
        cx, cy = int(width * scale), int(height * scale)
        self.drawing_id += 1
        inline = CT_Inline.new_pic_inline(self.drawing_id, rel_id, f"{figure.name}.png",
                                          Emu(cx), Emu(cy))
        doc_pr = inline.find("{http://schemas.openxmlformats.org/drawingml/2006/"
                             "wordprocessingDrawing}docPr")
        if doc_pr is not None:
            doc_pr.set("name", f"Figure {figure.number}")
            doc_pr.set("descr", clean(plain(figure.caption)))
        p = self.paragraph(self.styles.para("Figure"))
        self.el(self.el(p, "r"), "drawing").append(inline)
        self.caption("figure", figure.number, figure.caption, figure.anchor,
                     self.styles.para("Figure Caption", "caption"))
        self.layout.add(cy / 12700 + 38)

    # ------------------------------------------------------------------ table of contents

    def toc_heading(self, children: tuple[Inline, ...]) -> None:
        p = self.paragraph(self.styles.para("TOC Heading", "heading 1"))
        self.inlines(p, children)
        self.layout.add(45)

    def toc(self) -> None:
        """The table of contents: one linked entry per heading after it, as in the PDFs, each
        with a PAGEREF field. No TOC field around them: LibreOffice keeps a TOC field's cached
        text as it is, whereas it computes every PAGEREF when it lays the pages out, so the
        numbers are right on opening. Word shows the cached numbers (the page model's estimate)
        until its fields are updated (select all, F9)."""
        if self.toc_title is None:
            self.toc_heading((Text(labels(self.doc_lang)["toc"]),))
        for heading in toc_headings(self.doc, TOC_LEVELS):
            p = self.paragraph(self.styles.para(f"toc {heading.level}"))
            mark = self.bookmark(heading.anchor)
            link = self.el(p, "hyperlink", anchor=mark, history="1")
            if heading.number:
                self.number(link, heading)
            self.inlines(link, heading.children)
            self.el(self.el(link, "r"), "tab")
            cached = self.field(link, f"PAGEREF {mark} \\h", "")
            self.toc_numbers.append((heading.anchor, cached))
            self.layout.add(TOC_ENTRY[heading.level - 1])

    def fill_toc_pages(self) -> None:
        for anchor, text in self.toc_numbers:
            text.text = str(self.heading_pages.get(anchor, ""))
