"""Writers turn the one document tree into a file format; one module per format, one registry.

Nothing outside a writer imports its library (python-docx, WeasyPrint, openpyxl). Adding a format
is adding a module here and a line in ``_REGISTRY``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from cdc.document import Document
from cdc.errors import UsageError


@dataclass
class Assets:
    """What writers need beside the tree: generated pictures and the user's template folder.

    Pictures are made on demand (SVG for HTML/PDF, PNG at print resolution for DOCX) and cached,
    so a run that writes only Markdown never imports Pillow for a PNG it does not need.
    """

    make_svg: Callable[[str], bytes]
    make_png: Callable[[str], bytes]
    templates_dir: Path | None = None
    pdf_variant: str | None = None
    answers: dict[str, Any] | None = None  # validated answers, for writers built from the model
    lang: str = "fr"
    _svg: dict[str, bytes] = field(default_factory=dict)
    _png: dict[str, bytes] = field(default_factory=dict)

    def svg(self, name: str) -> bytes:
        if name not in self._svg:
            self._svg[name] = self.make_svg(name)
        return self._svg[name]

    def png(self, name: str) -> bytes:
        if name not in self._png:
            self._png[name] = self.make_png(name)
        return self._png[name]


class Writer(Protocol):
    """One output format."""

    extension: str

    def write(self, doc: Document, assets: Assets, target: Path) -> list[Path]:
        """Writes ``target`` (atomically) and any side files; returns every path written."""
        ...


_REGISTRY: dict[str, str] = {
    "md": "cdc.writers.markdown",
    "html": "cdc.writers.html",
    "pdf": "cdc.writers.pdf",
    "docx": "cdc.writers.docx",
    "xlsx": "cdc.writers.xlsx",
}


def formats() -> list[str]:
    return list(_REGISTRY)


PDF_ENGINES: dict[str, str] = {
    "typst": "cdc.writers.typst_pdf",  # the default: about twelve times faster, tagged PDF
    "weasyprint": "cdc.writers.pdf",  # styled by CSS: chosen when the user's templates hold CSS
}

_USER_CSS = ("html/print.css", "html/style.css", "print.css", "style.css")


def pdf_engine_for(pdf_engine: str | None, templates: Path | None = None) -> str:
    """The PDF engine asked for; by default Typst, unless the user's template folder holds a
    stylesheet: the PDF is then WeasyPrint's, which is the engine styled by that CSS."""
    if pdf_engine is not None:
        return pdf_engine
    if templates is not None and any((templates / name).is_file() for name in _USER_CSS):
        return "weasyprint"
    return "typst"


def get_writer(fmt: str, pdf_engine: str | None = None) -> Writer:
    """The writer for ``fmt`` (and, for PDF, the engine), its module imported only now."""
    if fmt not in _REGISTRY:
        raise UsageError(f"unknown format '{fmt}'", f"Formats: {', '.join(_REGISTRY)}.")
    name = _REGISTRY[fmt]
    if fmt == "pdf":
        pdf_engine = pdf_engine_for(pdf_engine)
        if pdf_engine not in PDF_ENGINES:
            raise UsageError(f"unknown PDF engine '{pdf_engine}'",
                             f"Engines: {', '.join(PDF_ENGINES)}.")
        name = PDF_ENGINES[pdf_engine]
    module = importlib.import_module(name)
    writer: Writer = module.WRITER
    return writer
