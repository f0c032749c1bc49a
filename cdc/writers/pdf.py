"""PDF writer: WeasyPrint on the HTML writer's page, styled by ``templates/html/print.css``.

A4, cover without a page number, table of contents with page numbers (``target-counter``),
running header and footer, bookmarks from the headings, metadata (title, author, language),
tables split with their header row repeated. ``--pdf-variant pdf/a-3b|pdf/ua-1`` is passed to
WeasyPrint.

The engine fetches nothing but ``data:`` URIs that cdc itself embedded and files inside the
packaged templates or the user's template folder: a file or network URL written in an answer or a
template is never read.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from cdc import typeface
from cdc.document import Document
from cdc.errors import CdcError
from cdc.files import write_atomic
from cdc.resources import packaged_dir
from cdc.writers import Assets
from cdc.writers.html import render_html, stylesheet


class FetchRefused(Exception):
    """Raised by the URL fetcher for anything outside the allowed folders."""


def allowed_url(url: str, roots: list[Path]) -> bool:
    """data: URIs, and files inside one of ``roots``; nothing else (no network, no other file)."""
    parsed = urlparse(url)
    if parsed.scheme == "data":
        return True
    if parsed.scheme == "file" and parsed.netloc in ("", "localhost"):
        path = Path(unquote(parsed.path)).resolve()
        return path.is_file() and any(path.is_relative_to(root) for root in roots)
    return False


def make_url_fetcher(allowed: list[Path]) -> Any:
    """A WeasyPrint URL fetcher limited to :func:`allowed_url`."""
    from weasyprint.urls import URLFetcher

    roots = [p.resolve() for p in allowed]

    class _Fetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not allowed_url(url, roots):
                raise FetchRefused(f"cdc does not fetch {url[:80]}")
            return super().fetch(url, headers)

    return _Fetcher(allowed_protocols=("data", "file"), allow_redirects=False)


@functools.cache
def font_configuration() -> Any:
    """WeasyPrint's font configuration, made once per process and shared by every document.

    Left to itself, WeasyPrint makes a new one per document: fontconfig's configuration read
    again and a new Pango font map, whose fonts, glyph and shaping caches and line-height struts
    are then found and filled again. A batch makes it in the parent before forking its workers
    (:func:`cdc.render.warm_up`), so each worker starts with the fonts loaded. Fonts of a user's
    ``@font-face`` rules are added to it under a key of their own descriptors and source.
    """
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def pdf_bytes(doc: Document, assets: Assets) -> bytes:
    """The PDF of ``doc``."""
    import weasyprint

    html = typeface.drawable_text(render_html(doc, assets))
    allowed = [packaged_dir("templates")]
    if assets.templates_dir is not None:
        allowed.append(assets.templates_dir)
    base = stylesheet("style.css", assets.templates_dir)[1].resolve()  # CSS-relative URLs
    options: dict[str, Any] = {}
    if assets.pdf_variant:
        options["pdf_variant"] = assets.pdf_variant
        if assets.pdf_variant == "pdf/ua-1":
            options["pdf_tags"] = True
    logger = logging.getLogger("weasyprint")
    previous = logger.level
    logger.setLevel(logging.ERROR)  # refused fetches are expected, not worth a warning
    try:
        document = weasyprint.HTML(string=html, base_url=str(base) + "/",
                                   url_fetcher=make_url_fetcher(allowed))
        result = document.write_pdf(font_config=font_configuration(), **options)
    except (ValueError, TypeError) as exc:
        raise CdcError(f"the PDF engine failed: {exc}",
                       "Try without --pdf-variant, or report the problem with --debug.") from None
    finally:
        logger.setLevel(previous)
    assert isinstance(result, bytes)
    return result


class PdfWriter:
    extension = "pdf"

    def write(self, doc: Document, assets: Assets, target: Path) -> list[Path]:
        write_atomic(target, pdf_bytes(doc, assets))
        return [target]


WRITER = PdfWriter()
