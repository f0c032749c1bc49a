"""HTML writer: one standalone file (CSS inline, pictures embedded as data: URIs).

The same HTML feeds the PDF writer: ``templates/html/style.css`` styles the screen and the page
content, ``templates/html/print.css`` adds the paged-media rules (A4, running header and footer,
table-of-contents page numbers). Both can be overridden from the user's template folder
(``DIR/html/style.css``). Every text of the tree is HTML-escaped here.
"""

from __future__ import annotations

import base64
import os
from html import escape
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
    labels,
    plain,
    toc_headings,
)
from cdc.files import write_atomic
from cdc.resources import find
from cdc.writers import Assets, page


def stylesheet(name: str, templates_dir: Path | None) -> tuple[str, Path]:
    """The CSS ``name`` (style.css, print.css) and the folder it came from."""
    path = find(f"html/{name}", templates_dir)
    if templates_dir is not None and not path.is_file():
        path = find(name, templates_dir)
    return path.read_text(encoding="utf-8"), path.parent


TOC_LEVELS = 2


def column_widths(table: Table) -> tuple[float, list[float]]:
    """The table's type size and its column widths in percent (:func:`page.table_columns`)."""
    size, fractions = page.table_columns(table)
    return size, [round(f * 100, 2) for f in fractions]


def _attr(text: str) -> str:
    return escape(text, quote=True)


class _Html:
    def __init__(self, doc: Document, assets: Assets) -> None:
        self.doc = doc
        self.lang = doc.lang
        self.assets = assets

    def inline(self, nodes: tuple[Inline, ...]) -> str:
        out: list[str] = []
        for node in nodes:
            if isinstance(node, Text):
                out.append(escape(node.text, quote=False))
            elif isinstance(node, Strong):
                out.append(f"<strong>{self.inline(node.children)}</strong>")
            elif isinstance(node, Emph):
                out.append(f"<em>{self.inline(node.children)}</em>")
            elif isinstance(node, Code):
                out.append(f"<code>{escape(node.text, quote=False)}</code>")
            elif isinstance(node, Link):
                out.append(f'<a href="{_attr(node.href)}">{self.inline(node.children)}</a>')
            elif isinstance(node, Todo):
                out.append(f'<mark class="todo">{escape(node.text, quote=False)}</mark>')
            elif isinstance(node, LineBreak):
                out.append("<br>")
        return "".join(out)

    def blocks(self, blocks: tuple[Block, ...]) -> str:
        out: list[str] = []
        previous: Block | None = None
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            # The cover always ends its page: a page break right after it would leave a blank.
            if isinstance(block, PageBreak) and isinstance(previous, Cover):
                pass
            elif isinstance(block, Paragraph) and isinstance(following, Table | Figure) \
                    and len(plain(block.children)) < 400:
                # an introduction stays with its table or figure
                out.append(f'<p class="lead-in">{self.inline(block.children)}</p>')
            else:
                out.append(self.block(block))
            previous = block
        return "\n".join(out)

    def block(self, block: Block) -> str:
        if isinstance(block, Heading):
            number = heading_label(block, self.lang)
            num = f'<span class="num">{escape(number)}</span> ' if number else ""
            cls = ' class="unnumbered"' if not number else (
                ' class="annex"' if block.level == 1 and block.number.isalpha() else "")
            return (f'<h{block.level} id="{_attr(block.anchor)}"{cls}>{num}'
                    f"{self.inline(block.children)}</h{block.level}>")
        if isinstance(block, Paragraph):
            return f"<p>{self.inline(block.children)}</p>"
        if isinstance(block, BulletList):
            items = "".join(f"<li>{self.item(i)}</li>" for i in block.items)
            return f"<ul>{items}</ul>"
        if isinstance(block, OrderedList):
            items = "".join(f"<li>{self.item(i)}</li>" for i in block.items)
            start = f' start="{block.start}"' if block.start != 1 else ""
            return f"<ol{start}>{items}</ol>"
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Figure):
            data = base64.b64encode(self.assets.svg(block.name)).decode("ascii")
            caption = (f"{caption_label('figure', block.number, self.lang)} "
                       f"{self.inline(block.caption)}")
            alt = _attr(plain(block.caption))
            return (f'<figure class="figure" id="{_attr(block.anchor)}">'
                    f'<img src="data:image/svg+xml;base64,{data}" alt="{alt}">'
                    f"<figcaption>{caption}</figcaption></figure>")
        if isinstance(block, BlockQuote):
            return f"<blockquote>{self.blocks(block.children)}</blockquote>"
        if isinstance(block, Rule):
            return "<hr>"
        if isinstance(block, PageBreak):
            return '<div class="page-break"></div>'
        if isinstance(block, TocPlaceholder):
            return self.toc()
        if isinstance(block, Cover):
            return f'<section class="cover">\n{self.blocks(block.children)}\n</section>'
        return ""

    def item(self, blocks: tuple[Block, ...]) -> str:
        if len(blocks) == 1 and isinstance(blocks[0], Paragraph):
            return self.inline(blocks[0].children)
        return self.blocks(blocks)

    def table(self, table: Table) -> str:
        def cells(tag: str, row: tuple[tuple[Inline, ...], ...]) -> str:
            out = []
            for i, cell in enumerate(row):
                align = table.align[i] if i < len(table.align) else "left"
                cls = f' class="{align}"' if align != "left" else ""
                scope = ' scope="col"' if tag == "th" else ""
                out.append(f"<{tag}{scope}{cls}>{self.inline(cell)}</{tag}>")
            return "".join(out)

        caption = ""
        ident = ""
        if table.caption:
            caption = (f"<caption>{caption_label('table', table.number, self.lang)} "
                       f"{self.inline(table.caption)}</caption>")
            ident = f' id="{_attr(table.anchor)}"'
        size, percents = column_widths(table)
        widths = "".join(f'<col style="width:{w}%">' for w in percents)
        head = f"<colgroup>{widths}</colgroup><thead><tr>{cells('th', table.header)}</tr></thead>"
        body = "".join(f"<tr>{cells('td', row)}</tr>" for row in table.rows)
        cols = f" cols-{min(len(table.header), 9)}"
        small = "" if size == page.TABLE_PT else f" small-{round(size * 10)}"
        short = " short" if len(table.rows) <= 6 else ""  # kept on one page when printed
        return (f'<div class="table-wrap{short}"><table{ident} class="data{cols}{small}">'
                f"{caption}{head}<tbody>{body}</tbody></table></div>")

    def toc(self) -> str:
        items = []
        for heading in toc_headings(self.doc, TOC_LEVELS):
            number = heading_label(heading, self.lang)
            num = f'<span class="num">{escape(number)}</span> ' if number else ""
            items.append(
                f'<li class="toc-l{heading.level}"><a href="#{_attr(heading.anchor)}">'
                f'{num}<span class="toc-text">{self.inline(heading.children)}</span></a></li>')
        title = escape(labels(self.lang)["toc"])
        return (f'<nav class="toc" aria-label="{_attr(title)}">'
                f'<h2 class="toc-title">{title}</h2><ul>{"".join(items)}</ul></nav>')


def _created() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return ""
    import datetime as dt

    stamp = dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (f'<meta name="dcterms.created" content="{stamp}">'
            f'<meta name="dcterms.modified" content="{stamp}">')


def render_html(doc: Document, assets: Assets) -> str:
    """The whole standalone HTML page."""
    meta = doc.meta
    style, _ = stylesheet("style.css", assets.templates_dir)
    printing, _ = stylesheet("print.css", assets.templates_dir)
    title = str(meta.get("title", ""))
    # The running header and footer read these attributes (print.css: string-set ... attr()):
    # text in the page would be found by search and copy, even hidden.
    texts = page.running_texts(meta, doc.lang)
    running = (f' data-header-left="{_attr(texts.header_left)}"'
               f' data-header-right="{_attr(texts.header_right)}"'
               f' data-footer-left="{_attr(texts.footer_left)}"')
    body = _Html(doc, assets).blocks(doc.blocks)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_attr(doc.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        f'<meta name="author" content="{_attr(str(meta.get("author", "")))}">\n'
        f'<meta name="description" content="{_attr(str(meta.get("subject", "")))}">\n'
        f'<meta name="keywords" content="{_attr(str(meta.get("keywords", "")))}">\n'
        '<meta name="generator" content="cdc">\n'
        f"{_created()}"
        f"<style>\n{style}\n</style>\n<style>\n{printing}\n</style>\n</head>\n"
        f'<body>\n<main{running}>\n{body}\n</main>\n</body>\n</html>\n'
    )


class HtmlWriter:
    extension = "html"

    def write(self, doc: Document, assets: Assets, target: Path) -> list[Path]:
        write_atomic(target, render_html(doc, assets))
        return [target]


WRITER = HtmlWriter()
