"""PDF through Typst, the default engine, from the same document tree as every format.

Typst typesets the tree about twelve times faster than WeasyPrint, in-process (the ``typst``
package ships the compiler, no system dependency), and tags the PDF. WeasyPrint is chosen when
the user's templates hold a stylesheet, which only it reads (``cdc.writers.pdf_engine_for``).
Every piece of text is written as a Typst string literal, so nothing an answer contains can
become Typst markup or code.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from cdc import typeface
from cdc.document import (
    Block,
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
    caption_label,
    heading_label,
    labels,
    plain,
    toc_headings,
)
from cdc.errors import CdcError
from cdc.files import write_atomic
from cdc.writers import Assets, page

_FORBIDDEN = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))

_PREAMBLE = """\
#let accent = rgb("{navy}")
#let ink = rgb("{ink}")
#let muted = rgb("{muted}")
#let rule = rgb("{rule}")
#let band = rgb("{band}")
#let todo-fill = rgb("{todo_fill}")
#let todo-ink = rgb("{todo_ink}")
#set document(title: {title}, author: {authors}, description: {subject}, keywords: {keywords},
  date: {date})
#set text(lang: {lang}, region: {region}, font: ("Liberation Sans", "Arial", "DejaVu Sans"),
  size: {body}pt, fill: ink, hyphenate: false, top-edge: "ascender", bottom-edge: "descender")
#set par(justify: false, leading: {leading}em, spacing: 6pt + {leading}em)
#set page(paper: "a4", margin: (left: {left}mm, right: {right}mm, top: {top}mm, bottom: {bottom}mm),
  header-ascent: {header_ascent}mm, footer-descent: {footer_descent}mm,
  header: context {{
    if counter(page).get().first() > 1 {{
      set text(size: {running}pt, fill: muted)
      block(width: 100%, stroke: (bottom: 0.5pt + rule), inset: (bottom: 3pt),
        grid(columns: (1fr, auto), column-gutter: 12pt, {header_left}, {header_right}))
    }}
  }},
  footer: context {{
    if counter(page).get().first() > 1 {{
      set text(size: {running}pt, fill: muted)
      grid(columns: (1fr, auto), column-gutter: 12pt, {footer_left},
        counter(page).display("1 / 1", both: true))
    }}
  }})
#show heading: set text(fill: accent, weight: "bold")
#show heading: set par(leading: 0.15em)
#show heading.where(level: 1): it => {{
  pagebreak(weak: true)
  block(width: 100%, below: 10pt, stroke: (bottom: 1.2pt + accent), inset: (bottom: 4pt),
    text(size: {h1}pt, it.body))
}}
#show heading.where(level: 2): set text(size: {h2}pt)
#show heading.where(level: 2): set block(above: 14pt, below: 6pt)
#show heading.where(level: 3): set text(size: {h3}pt)
#show heading.where(level: 3): set block(above: 11pt, below: 4pt)
#show heading.where(level: 4): set text(size: {h4}pt)
#show link: set text(fill: accent)
#show raw: set text(font: ("Liberation Mono", "Courier New", "DejaVu Sans Mono"))
#set list(indent: 0.6em, body-indent: 0.5em, marker: ([•], [–], [▪]))
#set enum(indent: 0.6em, body-indent: 0.5em)
#set table(stroke: (x: none, y: 0.5pt + rule),
  inset: (x: {pad_x}pt, y: {pad_y}pt + 0.155em + 0.25pt),
  fill: (_, y) => if y == 0 {{ accent }} else if calc.even(y) {{ band }})
#set table.cell(breakable: false)
#show table.cell.where(y: 0): set text(fill: white, weight: "bold")
#show table: set par(justify: false, leading: 0.31em)
#let caption(body) = block(sticky: true, above: 10pt, below: 4pt,
  text(size: {caption}pt, weight: "bold", fill: accent, body))
#let figure-caption(body) = align(center, block(above: 6pt, below: 10pt,
  text(size: {caption}pt, weight: "bold", fill: accent, body)))
#show outline.entry.where(level: 1): set text(weight: "bold")
#show outline: set par(leading: 0.31em)
#show outline.entry: set block(above: 0.31em, below: 0.31em)
#show outline.entry.where(level: 1): set block(above: 6pt + 0.31em)
"""


def _s(text: str) -> str:
    """A Typst string literal: the only way text enters the source (without the pictographs
    no installed font can draw, which Typst would print as boxes)."""
    cleaned = typeface.drawable_text(text.translate(_FORBIDDEN))
    return '"' + cleaned.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") \
        .replace("\r", "") + '"'


class _Typst:
    def __init__(self, doc: Document, assets: Assets, folder: Path) -> None:
        self.doc = doc
        self.assets = assets
        self.folder = folder
        self.listed = {h.anchor for h in toc_headings(doc, TOC_LEVELS)}

    def inline(self, nodes: tuple[Inline, ...]) -> str:
        out: list[str] = []
        for node in nodes:
            if isinstance(node, Text):
                out.append(f"#{_s(node.text)}")
            elif isinstance(node, Strong):
                out.append(f"#strong[{self.inline(node.children)}]")
            elif isinstance(node, Emph):
                out.append(f"#emph[{self.inline(node.children)}]")
            elif isinstance(node, Code):
                out.append(f"#raw({_s(node.text)})")
            elif isinstance(node, Todo):
                out.append(f"#highlight(fill: todo-fill)[#text(fill: todo-ink, weight: \"bold\")"
                           f"[#{_s(node.text)}]]")
            elif isinstance(node, LineBreak):
                out.append("#linebreak()")
            elif isinstance(node, Link):
                body = self.inline(node.children)
                if node.href.startswith("#") and len(node.href) > 1:
                    out.append(f"#link(label({_s(node.href[1:])}))[{body}]")
                else:
                    out.append(f"#link({_s(node.href)})[{body}]")
        return "".join(out)

    def blocks(self, blocks: tuple[Block, ...] | list[Block]) -> list[str]:
        out: list[str] = []
        items = list(blocks)
        for index, block in enumerate(items):
            following = items[index + 1] if index + 1 < len(items) else None
            out.append(self.block(block, following))
        return out

    def block(self, block: Block, following: Block | None = None) -> str:
        if isinstance(block, Heading):
            # the space is text so that bookmarks read "1.2 Title", the h() widens it on paper
            label = heading_label(block, self.doc.lang)
            number = f"#{_s(label + ' ')}#h(0.4em)" if label else ""
            outlined = "true" if block.anchor in self.listed else "false"
            return (f"#heading(level: {block.level}, outlined: {outlined}, "
                    f"bookmarked: true)[{number}{self.inline(block.children)}] "
                    f"#label({_s(block.anchor)})\n")
        if isinstance(block, Paragraph):
            if isinstance(following, Table | Figure) and len(plain(block.children)) < 400:
                # an introduction stays with its table or figure
                return f"#block(sticky: true)[#par[{self.inline(block.children)}]]\n"
            return f"#par[{self.inline(block.children)}]\n"
        if isinstance(block, BulletList):
            items = ", ".join(f"[{''.join(self.blocks(item))}]" for item in block.items)
            return f"#list({items})\n" if block.items else ""
        if isinstance(block, OrderedList):
            items = ", ".join(f"[{''.join(self.blocks(item))}]" for item in block.items)
            return f"#enum(start: {block.start}, {items})\n" if block.items else ""
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Figure):
            return self.figure(block)
        if isinstance(block, BlockQuote):
            return (f"#block(inset: (left: 10pt, y: 3pt), stroke: (left: 2pt + rule))"
                    f"[#set text(fill: muted)\n{''.join(self.blocks(block.children))}]\n")
        if isinstance(block, Rule):
            return "#line(length: 100%, stroke: 0.5pt + rule)\n"
        if isinstance(block, PageBreak):
            return "#pagebreak(weak: true)\n"
        if isinstance(block, TocPlaceholder):
            title = _s(labels(self.doc.lang)["toc"])
            return (f"#block(width: 100%, below: 10pt, stroke: (bottom: 1.2pt + accent), "
                    f"inset: (bottom: 4pt), text(size: {page.HEADING_PT[0]}pt, weight: \"bold\","
                    f" fill: accent, {title}))\n"
                    f"#outline(title: none, depth: {TOC_LEVELS}, indent: auto)\n")
        if isinstance(block, Cover):
            return self.cover(block)
        raise AssertionError(type(block))

    def cover(self, block: Cover) -> str:
        """The cover of the PDF through WeasyPrint: a navy band, the company, the title, the
        subtitle, then the document's facts in two columns."""
        parts: list[str] = []
        titled = subtitled = False
        subtitle = ("#block(width: 140mm, below: 40mm, text(size: 12pt, fill: muted)[{}])\n")
        for child in block.children:
            if isinstance(child, Heading) and (titled or child.level > 1):
                parts.append(subtitle.format(self.inline(child.children)))
                subtitled = titled = True
            elif isinstance(child, Heading):
                titled = True
                parts.append(f"#block(above: 4mm, below: 8mm, text(size: {page.TITLE_PT}pt, "
                             f"weight: \"bold\", fill: accent)[#par(leading: 0.2em)["
                             f"{self.inline(child.children)}]])\n")
            elif isinstance(child, Paragraph):
                body = self.inline(child.children)
                if child.children and isinstance(child.children[0], Strong):
                    value = self.inline(child.children[1:])
                    label = self.inline(child.children[0].children)
                    parts.append(f"#grid(columns: (38mm, 1fr), row-gutter: 0pt, "
                                 f"text(weight: \"bold\", fill: accent)[{label}], "
                                 f"[{value}])\n#v(1.5mm)\n")
                elif not titled:
                    parts.append(f"#text(size: 11pt, weight: \"bold\", fill: muted, "
                                 f"tracking: 0.06em)[#upper[{body}]]\n")
                elif not subtitled:
                    parts.append(subtitle.format(body))
                    subtitled = True
                else:
                    parts.append(f"#par[{body}]\n")
            else:
                parts.append(self.block(child))
        body = "".join(parts)
        return (f"#page(header: none, footer: none, margin: (left: 24mm, right: 22mm, top: 0mm,"
                f" bottom: 20mm))[#place(top + left, dx: -24mm, rect(width: "
                f"{page.PAGE_WIDTH_MM}mm, height: 14mm, fill: accent))\n#v(84mm)\n"
                f"#set text(size: 10.5pt)\n{body}\n]\n")

    def table(self, table: Table) -> str:
        columns = max(len(table.header), max((len(r) for r in table.rows), default=0), 1)
        size, fractions = page.table_columns(table)
        widths = "(" + ", ".join(f"{f * 100:.2f}%" for f in fractions[:columns]) + ",)"
        align = ", ".join(
            {"right": "right", "center": "center"}.get(a, "left") for a in
            (list(table.align) + ["left"] * columns)[:columns])
        header = ", ".join(f"[{self.inline(c)}]" for c in table.header)
        cells: list[str] = []
        for row in table.rows:
            padded = list(row) + [()] * (columns - len(row))
            cells.extend(f"[{self.inline(c)}]" for c in padded[:columns])
        body = ", ".join(cells)
        out = ""
        if table.caption:
            label = f" #label({_s(table.anchor)})" if table.anchor else ""
            out += (f"#caption[#{_s(caption_label('table', table.number, self.doc.lang) + ' ')}"
                    f"{self.inline(table.caption)}]{label}\n")
        out += (f"#block(above: 4pt, below: 10pt)[#set text(size: {size}pt)\n"
                f"#table(columns: {widths}, align: ({align},), "
                f"table.header(repeat: true, {header}){', ' + body if body else ''})]\n")
        return out

    def figure(self, figure: Figure) -> str:
        name = f"figure-{figure.number}.svg"
        (self.folder / name).write_bytes(self.assets.svg(figure.name))
        caption = self.inline(figure.caption)
        alt = _s(plain(figure.caption) or figure.name)
        # picture and caption in one unbreakable block: never a caption alone on a page
        return (f"#block(breakable: false, above: 10pt, below: 10pt)["
                f"#align(center, image({_s(name)}, width: 100%, alt: {alt}))\n"
                f"#figure-caption[#{_s(caption_label('figure', figure.number, self.doc.lang))}"
                f"#{_s(' ')}{caption}]] #label({_s(figure.anchor)})\n")

    def source(self) -> str:
        meta = self.doc.meta
        title = str(meta.get("title", ""))
        author = str(meta.get("author", ""))
        keywords = meta.get("keywords", [])
        if isinstance(keywords, str):
            keywords = [k.strip() for k in keywords.split(",") if k.strip()]
        lang = self.doc.lang if self.doc.lang in ("fr", "en") else "fr"
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        date = "auto"
        if epoch.isdigit():
            import datetime as dt

            when = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
            date = (f"datetime(year: {when.year}, month: {when.month}, day: {when.day}, "
                    f"hour: {when.hour}, minute: {when.minute}, second: {when.second})")
        running = page.running_texts(meta, lang)
        preamble = _PREAMBLE.format(
            date=date,
            title=_s(title),
            subject=_s(str(meta.get("subject", ""))) if meta.get("subject") else "none",
            authors="(" + (_s(author) + ",") + ")" if author else "()",
            keywords="(" + "".join(_s(str(k)) + ", " for k in keywords) + ")",
            lang=_s(lang),
            region=_s("FR" if lang == "fr" else "US"),
            header_left=_s(running.header_left),
            header_right=_s(running.header_right),
            footer_left=_s(running.footer_left),
            navy=page.NAVY, ink=page.INK, muted=page.MUTED, rule=page.RULE, band=page.BAND,
            todo_fill=page.TODO_FILL, todo_ink=page.TODO_INK,
            body=page.BODY_PT, leading=_LEADING, running=page.RUNNING_PT,
            caption=page.CAPTION_PT, h1=page.HEADING_PT[0], h2=page.HEADING_PT[1],
            h3=page.HEADING_PT[2], h4=page.HEADING_PT[3],
            left=page.MARGIN_LEFT_MM, right=page.MARGIN_RIGHT_MM, top=page.MARGIN_TOP_MM,
            bottom=page.MARGIN_BOTTOM_MM,
            header_ascent=page.MARGIN_TOP_MM - page.HEADER_MM - 4,
            footer_descent=page.MARGIN_BOTTOM_MM - page.FOOTER_MM - 3,
            pad_x=page.CELL_PAD_X, pad_y=page.CELL_PAD_Y,
        )
        return preamble + "\n" + "".join(self.blocks(self.doc.blocks))


# Line pitch 1.35 em, as in the other formats: Typst's line of Liberation Sans, from ascender to
# descender, is 0.94 em; the leading adds the rest.
_LEADING = 0.41
TOC_LEVELS = 2


_VARIANTS = {"pdf/a-3b": "a-3b", "pdf/ua-1": "ua-1", "pdf/a-2b": "a-2b"}


def typst_source(doc: Document, assets: Assets, folder: Path) -> str:
    """The Typst source of ``doc``; pictures are written into ``folder``."""
    return _Typst(doc, assets, folder).source()


class TypstPdfWriter:
    extension = "pdf"

    def write(self, doc: Document, assets: Assets, target: Path) -> list[Path]:
        import typst

        standards: list[str] = []
        if assets.pdf_variant:
            if assets.pdf_variant not in _VARIANTS:
                raise CdcError(f"unknown PDF variant '{assets.pdf_variant}'",
                               f"Use one of: {', '.join(_VARIANTS)}.")
            standards = [_VARIANTS[assets.pdf_variant]]
        with tempfile.TemporaryDirectory(prefix="cdc-typst-") as tmp:
            folder = Path(tmp)
            main = folder / "main.typ"
            main.write_text(typst_source(doc, assets, folder), encoding="utf-8")
            try:
                fonts = [str(p) for p in typeface.font_folders()]
                if standards:
                    pdf = typst.compile(str(main), root=str(folder), font_paths=fonts,
                                        pdf_standards=standards)  # type: ignore[arg-type]
                else:
                    pdf = typst.compile(str(main), root=str(folder), font_paths=fonts)
            except typst.TypstError as exc:  # a bug of ours, never a user's text
                raise CdcError(f"the Typst engine could not typeset the document: {exc}",
                               "Use --pdf-engine weasyprint, and report this.") from exc
        assert isinstance(pdf, bytes)
        write_atomic(target, pdf)
        return [target]


WRITER = TypstPdfWriter()
