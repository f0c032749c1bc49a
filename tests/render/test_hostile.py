"""Hostile answers stay text in every format: Markdown, HTML and PDF (read back)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from cdc.document import Heading, parse_markdown
from cdc.render import render_file
from cdc.writers import pdf as pdf_writer

from .helpers import dump, load, only

TEMPLATE_CODE = "{{ 7*7 }} {% if true %}x{% endif %}"
SCRIPT = "<script>alert(1)</script>"
IMAGE = "![x](file:///etc/passwd)"
PIPE_TABLE = "| a | b |\n|---|---|\n| c | d |"
ANSI = "\x1b[31mROUGE\x1b[0m vif"
CONTROL = "avant\x00\x07\x1f\x7fapres\x0bensuite"
EMOJI = "Lancement 🚀 réussi 👍"
LONG_WORD = "x" * 3000
MEGABYTE = "Texte très long. " * 62_000  # about 1 MB


def hostile_answers() -> dict[str, Any]:
    data = load()
    company = data["company"]
    company["company_history"] = MEGABYTE
    company["activities"] = f"{TEMPLATE_CODE}\n\n{SCRIPT}\n\n{IMAGE}\n\n# Heading\n\n{PIPE_TABLE}"
    company["project_trigger"] = f"{ANSI} {CONTROL} {EMOJI}"
    company["objectives"][0]["objective"] = PIPE_TABLE
    company["objectives"][1]["objective"] = f"# Heading {SCRIPT} {IMAGE}"
    company["objectives"][2]["objective"] = LONG_WORD
    data["meta"]["author"] = f"{TEMPLATE_CODE} {SCRIPT}"
    data["team"]["sponsor"] = "[[pagebreak]] [[toc]] [x](#todo)"
    return data


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    answers = dump(hostile_answers(), folder / "hostile.yaml")
    render_file(answers, "md,html", folder / "out")
    return folder / "out"


def test_markdown_keeps_hostile_answers_as_text(rendered: Path) -> None:
    md = only(rendered, ".md").read_text(encoding="utf-8")
    assert "\\{\\{ 7\\*7 \\}\\}" not in md  # re-escaped from the tree, minimal escaping
    assert "{{ 7\\*7 }} {% if true %}x{% endif %}" in md
    assert "\\<script\\>alert(1)\\</script\\>" in md
    assert "!\\[x\\](file:///etc/passwd)" in md
    assert "\x1b" not in md and "[31m" not in md and "ROUGE vif" in md
    assert "avantapres" in md and "\x00" not in md and "\x07" not in md
    assert "🚀" in md
    doc = parse_markdown(md)
    headings = [h for h in doc.blocks if isinstance(h, Heading)]
    assert not any("Heading" in str(h.children) for h in headings)
    objectives = md.split("### 1.3.2 Objectifs mesurables")[1].split("\n\n")[2]
    rows = objectives.splitlines()[2:]
    assert len(rows) == 3 and all(len(re.findall(r"(?<!\\)\|", r)) == 7 for r in rows)
    assert "réponse tronquée" in md and len(md) < 400_000


def test_html_keeps_hostile_answers_as_text(rendered: Path) -> None:
    html = only(rendered, ".html").read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "file:///etc/passwd" in html and 'src="file:' not in html
    assert "{{ 7*7 }}" in html
    assert "\x1b" not in html and "\x00" not in html
    assert "<h1" not in html.split("Activités")[1].split("Chiffres clés")[0]
    assert html.count("<table") == html.count("</table>")
    assert "[[pagebreak]] [[toc]] [x](#todo)" in html


@pytest.mark.slow
def test_pdf_keeps_hostile_answers_as_text_and_fetches_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    asked: list[str] = []
    original = pdf_writer.allowed_url

    def spy(url: str, roots: list[Path]) -> bool:
        asked.append(url)
        return original(url, roots)

    monkeypatch.setattr(pdf_writer, "allowed_url", spy)
    answers = dump(hostile_answers(), tmp_path / "hostile.yaml")
    (path,) = render_file(answers, "pdf", tmp_path / "out", pdf_engine="weasyprint")
    with pdfplumber.open(path) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    flat = " ".join(text.split())
    assert "{{ 7*7 }}" in flat and "<script>alert(1)</script>" in flat
    assert "![x](file:///etc/passwd)" in flat and "# Heading" in flat
    assert "ROUGE vif" in flat and "avantapres" in flat and "Lancement" in flat
    assert "[[pagebreak]] [[toc]] [x](#todo)" in flat
    assert not any("passwd" in url or url.startswith("http") for url in asked)


def test_the_pdf_fetcher_refuses_files_and_network(tmp_path: Path) -> None:
    from cdc.resources import packaged_dir

    roots = [packaged_dir("templates"), tmp_path]
    css = packaged_dir("templates") / "html" / "print.css"
    assert pdf_writer.allowed_url(css.resolve().as_uri(), roots)
    assert pdf_writer.allowed_url("data:image/svg+xml;base64,PHN2Zy8+", roots)
    assert not pdf_writer.allowed_url("file:///etc/passwd", roots)
    assert not pdf_writer.allowed_url("http://127.0.0.1/x.css", roots)
    assert not pdf_writer.allowed_url("https://example.org/x.png", roots)
    escape = (packaged_dir("templates") / ".." / ".." / "etc" / "passwd").as_uri()
    assert not pdf_writer.allowed_url(escape, roots)


@pytest.mark.slow
def test_user_css_cannot_pull_files_or_urls_into_the_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, bool]] = []
    original = pdf_writer.allowed_url

    def spy(url: str, roots: list[Path]) -> bool:
        result = original(url, roots)
        asked.append((url, result))
        return result

    monkeypatch.setattr(pdf_writer, "allowed_url", spy)
    folder = tmp_path / "tpl" / "html"
    folder.mkdir(parents=True)
    (folder / "style.css").write_text(
        '@import url("http://127.0.0.1:9/evil.css");\n'
        'body { background: url("file:///etc/passwd"); }\n'
        'h1 { background: url("logo.svg"); }\n', encoding="utf-8")
    (folder / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" '
                                     'height="1"/>', encoding="utf-8")
    data = load()
    answers = dump(data, tmp_path / "a.yaml")
    (path,) = render_file(answers, "pdf", tmp_path / "out", templates=tmp_path / "tpl")
    assert path.stat().st_size > 10_000
    refused = {url for url, ok in asked if not ok}
    allowed = {url for url, ok in asked if ok}
    assert not any("passwd" in u for u in allowed)
    assert any(u.startswith("http") for u in refused)
    assert any(u.endswith("logo.svg") for u in allowed)
