"""PDF through Typst: the fast engine (``--pdf-engine typst``), from the same document tree.

WeasyPrint stays the default PDF engine, its CSS being what users customise; Typst typesets the
same tree about a hundred times faster, in-process (the ``typst`` package ships the compiler, no
system dependency). Every piece of text is written as a Typst string literal, so nothing an
answer contains can become Typst markup or code.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

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
    plain,
)
from cdc.errors import CdcError
from cdc.files import write_atomic
from cdc.writers import Assets

_FORBIDDEN = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))

_PREAMBLE = """\
#let accent = rgb("#1f3a5f")
#let todo-fill = rgb("#ffe08a")
#set document(title: {title}, author: {authors}, keywords: {keywords}, date: {date})
#set text(lang: {lang}, region: {region}, font: ("DejaVu Sans", "Liberation Sans"), size: 9.5pt,
  hyphenate: true)
#set par(justify: true, leading: 0.6em, spacing: 0.9em)
#set page(paper: "a4", margin: (x: 2.2cm, top: 2.6cm, bottom: 2.4cm),
  header: context {{
    if counter(page).get().first() > 1 [
      #set text(size: 8pt, fill: luma(90))
      #{running} #h(1fr) #{company}
      #v(-0.6em) #line(length: 100%, stroke: 0.4pt + luma(160))
    ]
  }},
  footer: context {{
    if counter(page).get().first() > 1 [
      #set text(size: 8pt, fill: luma(90))
      #{confidentiality} #h(1fr) #counter(page).display("1 / 1", both: true)
    ]
  }})
#show heading: set text(fill: accent)
#show heading.where(level: 1): it => {{ pagebreak(weak: true); v(0.4em); text(size: 17pt, it);
  v(0.5em) }}
#show heading.where(level: 2): it => {{ v(0.6em); text(size: 13pt, it); v(0.3em) }}
#show heading.where(level: 3): it => {{ v(0.4em); text(size: 11pt, it); v(0.2em) }}
#show link: set text(fill: accent)
#set table(stroke: 0.4pt + luma(170), inset: 5pt,
  fill: (_, y) => if y == 0 {{ accent }} else if calc.even(y) {{ luma(245) }})
#show table.cell.where(y: 0): set text(fill: white, weight: "bold")
#show table: set text(size: 8.5pt)
#show table: set par(justify: false)
#show outline.entry.where(level: 1): set text(weight: "bold")
#show outline.entry.where(level: 1): set block(above: 0.9em)
"""


def _s(text: str) -> str:
    """A Typst string literal: the only way text enters the source."""
    cleaned = text.translate(_FORBIDDEN)
    return '"' + cleaned.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") \
        .replace("\r", "") + '"'


class _Typst:
    def __init__(self, doc: Document, assets: Assets, folder: Path) -> None:
        self.doc = doc
        self.assets = assets
        self.folder = folder
        self.skip_outline: set[int] = set()

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
                out.append(f"#highlight(fill: todo-fill)[#strong[#{_s(node.text)}]]")
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
            out.append(self.block(block, before_toc=isinstance(following, TocPlaceholder)))
        return out

    def block(self, block: Block, before_toc: bool = False) -> str:
        if isinstance(block, Heading):
            # the space is text so that bookmarks read "1.2 Title", the h() widens it on paper
            label = heading_label(block, self.doc.lang)
            number = f"#{_s(label + ' ')}#h(0.4em)" if label else ""
            outlined = "false" if before_toc else "true"
            return (f"#heading(level: {block.level}, outlined: {outlined}, "
                    f"bookmarked: {outlined})[{number}{self.inline(block.children)}] "
                    f"#label({_s(block.anchor)})\n")
        if isinstance(block, Paragraph):
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
            return f"#quote(block: true)[{''.join(self.blocks(block.children))}]\n"
        if isinstance(block, Rule):
            return "#line(length: 100%, stroke: 0.5pt + luma(160))\n"
        if isinstance(block, PageBreak):
            return "#pagebreak(weak: true)\n"
        if isinstance(block, TocPlaceholder):
            return "#outline(title: none, depth: 3, indent: auto)\n"
        if isinstance(block, Cover):
            return self.cover(block)
        raise AssertionError(type(block))

    def cover(self, block: Cover) -> str:
        parts: list[str] = []
        for child in block.children:
            if isinstance(child, Heading):
                parts.append(f"#text(size: 26pt, weight: \"bold\", fill: accent)"
                             f"[{self.inline(child.children)}]\n#v(1.2em)\n")
            else:
                parts.append(self.block(child))
        body = "".join(parts)
        return ("#page(header: none, footer: none)[#v(5cm)\n"
                "#line(length: 100%, stroke: 2pt + accent)\n#v(0.8em)\n"
                f"{body}\n]\n")

    def table(self, table: Table) -> str:
        columns = max(len(table.header), max((len(r) for r in table.rows), default=0), 1)
        align = ", ".join(
            {"right": "right", "center": "center"}.get(a, "left") for a in
            (list(table.align) + ["left"] * columns)[:columns])
        header = ", ".join(f"[{self.inline(c)}]" for c in table.header)
        cells: list[str] = []
        for row in table.rows:
            padded = list(row) + [()] * (columns - len(row))
            cells.extend(f"[{self.inline(c)}]" for c in padded[:columns])
        body = ", ".join(cells)
        out = (f"#table(columns: {_widths(table, columns)}, align: ({align},), "
               f"table.header(repeat: true, {header}){', ' + body if body else ''})\n")
        if table.caption:
            label = f"#label({_s(table.anchor)})" if table.anchor else ""
            out += (f"#align(center, text(size: 8.5pt, style: \"italic\")"
                    f"[#{_s(caption_label('table', table.number, self.doc.lang) + ' ')}"
                    f"{self.inline(table.caption)}]) {label}\n")
        return out

    def figure(self, figure: Figure) -> str:
        name = f"figure-{figure.number}.svg"
        (self.folder / name).write_bytes(self.assets.svg(figure.name))
        caption = self.inline(figure.caption)
        alt = _s(plain(figure.caption) or figure.name)
        return (f"#align(center, image({_s(name)}, width: 100%, alt: {alt}))\n"
                f"#align(center, text(size: 8.5pt, style: \"italic\")"
                f"[#{_s(caption_label('figure', figure.number, self.doc.lang) + ' ')}"
                f"{caption}]) #label({_s(figure.anchor)})\n")

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
        preamble = _PREAMBLE.format(
            date=date,
            title=_s(title),
            authors="(" + (_s(author) + ",") + ")" if author else "()",
            keywords="(" + "".join(_s(str(k)) + ", " for k in keywords) + ")",
            lang=_s(lang),
            region=_s("FR" if lang == "fr" else "US"),
            running=_s(title),
            company=_s(str(meta.get("company", ""))),
            confidentiality=_s(str(meta.get("confidentiality", ""))),
        )
        return preamble + "\n" + "".join(self.blocks(self.doc.blocks))


def _widths(table: Table, columns: int) -> str:
    """Columns that fill the line: short ones (ids, dates, priorities) as wide as their text,
    the others sharing the rest in proportion to how much text they hold."""
    longest = [0] * columns
    for row in (table.header, *table.rows):
        for index, cell in enumerate(row[:columns]):
            longest[index] = max(longest[index], len(plain(cell)))
    specs = ["auto" if length <= 14 else f"{min(length, 60) ** 0.75:.2f}fr"
             for length in longest]
    if all(spec == "auto" for spec in specs):
        specs = [f"{max(length, 4) ** 0.75:.2f}fr" for length in longest]
    return "(" + ", ".join(specs) + ",)"


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
                if standards:
                    pdf = typst.compile(str(main), root=str(folder),
                                        pdf_standards=standards)  # type: ignore[arg-type]
                else:
                    pdf = typst.compile(str(main), root=str(folder))
            except typst.TypstError as exc:  # a bug of ours, never a user's text
                raise CdcError(f"the Typst engine could not typeset the document: {exc}",
                               "Use --pdf-engine weasyprint, and report this.") from exc
        assert isinstance(pdf, bytes)
        write_atomic(target, pdf)
        return [target]


WRITER = TypstPdfWriter()
