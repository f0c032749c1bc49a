"""Markdown writer: the document tree as clean CommonMark with pipe tables.

Pictures are written beside the file as SVG (``<stem>-dataflow.svg``) and linked relatively. Text
is escaped again here, from the tree, so what an answer said stays text in the output too.
"""

from __future__ import annotations

import re
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
from cdc.writers import Assets

# --------------------------------------------------------------------------- escaping

_INLINE = re.compile(r"([\\`*_\[\]<>|])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def escape(text: str) -> str:
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    return text.replace("~~", r"\~\~")


def _block_start(text: str) -> str:
    """Escapes what would turn a paragraph's first characters into a block construct."""
    return _START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


class _Writer:
    def __init__(self, doc: Document, images: dict[str, str]) -> None:
        self.doc = doc
        self.lang = doc.lang
        self.images = images

    def inline(self, nodes: tuple[Inline, ...]) -> str:
        out: list[str] = []
        for node in nodes:
            if isinstance(node, Text):
                out.append(escape(node.text))
            elif isinstance(node, Strong):
                out.append(f"**{self.inline(node.children)}**")
            elif isinstance(node, Emph):
                out.append(f"*{self.inline(node.children)}*")
            elif isinstance(node, Code):
                ticks = "`" * (max((len(m) for m in re.findall(r"`+", node.text)), default=0) + 1)
                pad = " " if node.text.startswith("`") or node.text.endswith("`") else ""
                out.append(f"{ticks}{pad}{node.text}{pad}{ticks}")
            elif isinstance(node, Link):
                out.append(f"[{self.inline(node.children)}]({node.href})")
            elif isinstance(node, Todo):
                out.append(f"**\\[{escape(node.text)}\\]**")
            elif isinstance(node, LineBreak):
                out.append("\\\n")
        return "".join(out)

    def cell(self, nodes: tuple[Inline, ...]) -> str:
        return self.inline(nodes).replace("\\\n", " ").replace("\n", " ").strip() or " "

    def blocks(self, blocks: tuple[Block, ...] | list[Block]) -> list[str]:
        out: list[str] = []
        for block in blocks:
            text = self.block(block)
            if text is not None:
                out.append(text)
        return out

    def block(self, block: Block) -> str | None:
        if isinstance(block, Heading):
            number = heading_label(block, self.lang)
            title = self.inline(block.children)
            return "#" * block.level + " " + (f"{number} {title}" if number else title)
        if isinstance(block, Paragraph):
            return _block_start(self.inline(block.children))
        if isinstance(block, BulletList):
            return "\n".join(self.item("- ", item) for item in block.items)
        if isinstance(block, OrderedList):
            return "\n".join(self.item(f"{block.start + i}. ", item)
                             for i, item in enumerate(block.items))
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Figure):
            caption = f"{caption_label('figure', block.number, self.lang)} " \
                      f"{self.inline(block.caption)}"
            src = self.images.get(block.name, "")
            return f"![{caption}]({src})\n\n*{caption}*"
        if isinstance(block, BlockQuote):
            inner = "\n\n".join(self.blocks(block.children))
            return "\n".join("> " + line if line else ">" for line in inner.split("\n"))
        if isinstance(block, Rule):
            return "---"
        if isinstance(block, PageBreak):
            return None
        if isinstance(block, TocPlaceholder):
            return self.toc()
        if isinstance(block, Cover):
            return "\n\n".join(self.blocks(block.children)) + "\n\n---"
        return None

    def item(self, marker: str, blocks: tuple[Block, ...]) -> str:
        body = "\n\n".join(self.blocks(blocks)) or ""
        indent = " " * len(marker)
        lines = body.split("\n")
        return marker + lines[0] + "".join(
            "\n" + (indent + line if line else "") for line in lines[1:])

    def table(self, table: Table) -> str:
        lines: list[str] = []
        if table.caption:
            lines += [f"*{caption_label('table', table.number, self.lang)} "
                      f"{self.inline(table.caption)}*", ""]
        lines.append("| " + " | ".join(self.cell(c) for c in table.header) + " |")
        marks = {"left": "---", "right": "--:", "center": ":-:"}
        lines.append("|" + "|".join(marks.get(a, "---") for a in table.align) + "|")
        for row in table.rows:
            lines.append("| " + " | ".join(self.cell(c) for c in row) + " |")
        return "\n".join(lines)

    def toc(self) -> str:
        lines = [f"**{labels(self.lang)['toc']}**", ""]
        for heading in toc_headings(self.doc, 2):
            number = heading_label(heading, self.lang)
            title = escape(plain(heading.children))
            lines.append("  " * (heading.level - 1) + "- " + (f"{number} {title}"
                                                               if number else title))
        return "\n".join(lines)


def render(doc: Document, images: dict[str, str] | None = None) -> str:
    """The tree as CommonMark text (``images``: figure name → relative path)."""
    return "\n\n".join(_Writer(doc, images or {}).blocks(doc.blocks)).rstrip() + "\n"


def figures(doc: Document) -> list[Figure]:
    found: list[Figure] = []

    def walk(blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            if isinstance(block, Figure):
                found.append(block)
            elif isinstance(block, Cover | BlockQuote):
                walk(block.children)
            elif isinstance(block, BulletList | OrderedList):
                for item in block.items:
                    walk(item)

    walk(doc.blocks)
    return found


class MarkdownWriter:
    extension = "md"

    def write(self, doc: Document, assets: Assets, target: Path) -> list[Path]:
        written: list[Path] = []
        images: dict[str, str] = {}
        for fig in figures(doc):
            if fig.name in images:
                continue
            path = target.with_name(f"{target.stem}-{fig.name}.svg")
            write_atomic(path, assets.svg(fig.name))
            images[fig.name] = path.name
            written.append(path)
        write_atomic(target, render(doc, images))
        return [target, *written]


WRITER = MarkdownWriter()
