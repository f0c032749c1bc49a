"""LibreOffice opens the DOCX and shows the table of contents, with each heading's real page,
without any refresh (tests/render/test_pages.py checks the same on two examples)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from cdc.document import Heading, heading_label, plain
from cdc.writers.docx import render_docx
from tests.render_docx.sample import fake_assets, sample_document

pytestmark = pytest.mark.slow


def words(text: str) -> str:
    """Text with every run of white space (non-breaking ones too) made one space."""
    return " ".join(text.split())


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_shows_the_toc_entries_and_the_headings(tmp_path: Path) -> None:
    tree = sample_document()
    source = tmp_path / "spec.docx"
    source.write_bytes(render_docx(tree, fake_assets()))
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    pages = [page.extract_text() or "" for page in PdfReader(tmp_path / "spec.pdf").pages]
    assert len(pages) >= 10
    assert "Cahier des charges CRM" in pages[0]
    assert "Page" not in pages[0]  # no header or footer on the cover

    toc_pages = [i for i, text in enumerate(pages[:3]) if "Sommaire" in text]
    assert toc_pages and toc_pages[0] in (1, 2)  # page 2 or 3
    toc = words(pages[toc_pages[0]])
    headings = [h for h in tree.blocks if isinstance(h, Heading) and h.number and h.level <= 2]
    for heading in headings:
        label = heading_label(heading, "fr")
        assert words(f"{label} {plain(heading.children)}") in toc, heading.number

    # Every heading is in the body, on the page the table of contents gives.
    body = [words(text) for text in pages]
    for heading in headings:
        title = words(plain(heading.children))
        label = words(heading_label(heading, "fr"))
        real = next(i + 1 for i, text in enumerate(body)
                    if i > toc_pages[0] and f"{label} {title}" in text)
        cached = re.search(re.escape(f"{label} {title}") + r"\s*\.*\s*(\d+)", toc)
        assert cached is not None, title
        assert int(cached.group(1)) == real, (title, cached.group(1), real)
