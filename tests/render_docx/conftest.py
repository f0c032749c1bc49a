"""Renders the sample specification once per session and opens it with python-docx."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

import docx
import pytest

from cdc.document import Document
from cdc.writers.docx import render_docx
from tests.render_docx.sample import fake_assets, sample_document


@dataclass
class Rendered:
    tree: Document
    data: bytes
    word: Any  # docx.Document
    parts: dict[str, str]  # XML parts by name

    def styled(self) -> list[tuple[Any, str]]:
        """Every body paragraph with its style name (python-docx's ``p.style`` is slow)."""
        if not hasattr(self, "_styled"):
            from docx.styles.style import BaseStyle

            names = {s.style_id: BaseStyle(s._element).name for s in self.word.styles}
            default = self.word.styles.default(docx.enum.style.WD_STYLE_TYPE.PARAGRAPH).name
            self._styled = [(p, names.get(p._p.style, default) if p._p.style else default)
                            for p in self.word.paragraphs]
        return self._styled

    def paragraphs(self, style: str) -> list[Any]:
        return [p for p, name in self.styled() if name == style]


def open_rendered(tree: Document, data: bytes) -> Rendered:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {n: package.read(n).decode("utf-8") for n in package.namelist()
                 if n.endswith((".xml", ".rels"))}
    return Rendered(tree, data, docx.Document(io.BytesIO(data)), parts)


@pytest.fixture(scope="session")
def rendered() -> Rendered:
    tree = sample_document()
    return open_rendered(tree, render_docx(tree, fake_assets()))


@pytest.fixture(scope="session")
def rendered_en() -> Rendered:
    tree = sample_document(rows=5, parts=2, lang="en")
    return open_rendered(tree, render_docx(tree, fake_assets()))
