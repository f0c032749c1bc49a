"""A run of characters no engine may break (a pasted URL, a base64 block) is given break
opportunities, and cut visibly when it runs away, in every format; labels of the pictures too.
How long the engines take is measured by bench/long_answers.py, not here."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import docx
import pytest

from cdc import diagrams
from cdc.render import load_spec, render_file
from cdc.typography import LONG_WORD, MAX_WORD, WORD_PIECE, ZWSP, break_long_words

from .helpers import dump, load, only

RUNAWAY = "aB3x9Qz7" * 12_500  # 100,000 characters without a space
URL = "https://extranet.hydrotec-pompes.fr/catalogue/pieces-detachees?serie=HX&page=12&tri=prix"
SVG = "{http://www.w3.org/2000/svg}"


def _longest_run(text: str) -> int:
    return max((len(run) for run in re.split(rf"[\s{ZWSP}]+", text)), default=0)


def test_ordinary_words_and_scripts_without_spaces_are_left_alone() -> None:
    text = ("Les technico-commerciaux anticonstitutionnellement « relancent » ; "
            "顧客管理システムの導入と運用についての要件定義書を作成する。" * 3)
    assert break_long_words(text, "fr") == text


def test_a_long_url_may_break_but_keeps_every_character() -> None:
    broken = break_long_words(f"Voir {URL} pour le détail.", "fr")
    assert broken.replace(ZWSP, "") == f"Voir {URL} pour le détail."
    assert _longest_run(broken) <= WORD_PIECE
    assert break_long_words(broken, "fr") == broken  # idempotent


@pytest.mark.parametrize(("lang", "mark"), [
    ("fr", "(suite de 100\u202f000 caractères sans espace, tronquée)"),
    ("en", "(a run of 100,000 characters without a space, cut)")])
def test_a_runaway_run_is_cut_with_a_visible_mark(lang: str, mark: str) -> None:
    cut = break_long_words(f"début {RUNAWAY} fin", lang)
    assert cut.startswith("début ") and cut.endswith(f"[…] {mark} fin")
    kept = cut.split(" ")[1].replace(ZWSP, "")
    assert kept == RUNAWAY[:MAX_WORD]
    assert len(cut) < MAX_WORD + LONG_WORD * 3


@pytest.fixture(scope="module")
def runaway_answers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = load()
    for revision in data["meta"]["revisions"]:  # the table the issue timed: 9 cells
        revision.update(version=RUNAWAY, author=RUNAWAY, changes=RUNAWAY)
    data["company"]["company_history"] = f"Notre extranet : {URL}. {RUNAWAY}"
    data["mapping"]["interfaces"][0]["name"] = RUNAWAY  # a label of the data-flow map
    data["planning"]["phases"][0]["name"] = RUNAWAY  # a label of the Gantt chart
    data["mapping"]["custom_requirements"] = [{  # a row of the vendor grid
        "module": "contacts", "statement": f"Le CRM doit importer {RUNAWAY}",
        "priority": "must", "acceptance_criterion": RUNAWAY}]
    return dump(data, tmp_path_factory.mktemp("runaway") / "runaway.yaml")


@pytest.fixture(scope="module")
def rendered(runaway_answers: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    render_file(runaway_answers, "md,html,docx,xlsx", out)
    render_file(runaway_answers, "pdf", out / "typst", pdf_engine="typst")
    return out


def test_markdown_and_html_cut_the_runaway_runs_visibly(rendered: Path) -> None:
    md = only(rendered, ".md").read_text(encoding="utf-8")
    assert md.count("caractères sans espace, tronquée") >= 10  # 9 cells and the history
    text = re.sub(r"\]\([^)]*\)", "]", md.replace("\\", ""))  # cdc's own picture links
    assert _longest_run(text) <= LONG_WORD
    assert RUNAWAY[:1000] not in md
    assert URL in md.replace(ZWSP, "")  # the URL whole, only break opportunities added
    html = only(rendered, ".html").read_text(encoding="utf-8")
    assert html.count("caractères sans espace, tronquée") >= 10


def test_word_cells_hold_breakable_pieces_and_the_mark(rendered: Path) -> None:
    document = docx.Document(str(only(rendered, ".docx")))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    cut = [text for text in cells if "tronquée" in text]
    assert len(cut) >= 9
    assert all(_longest_run(text) <= WORD_PIECE + 1 for text in cut)
    texts = " ".join(p.text for p in document.paragraphs)
    assert "tronquée" in texts and RUNAWAY[:1000] not in texts


def test_the_vendor_grid_cuts_the_runaway_requirement_and_cdc_score_accepts_it(
        rendered: Path, runaway_answers: Path) -> None:
    import openpyxl

    from .helpers import cdc

    grid = only(rendered, ".xlsx")
    sheet = openpyxl.load_workbook(grid).worksheets[1]
    rows = [r for r in sheet.iter_rows() if any(RUNAWAY[:50] in str(c.value) for c in r)]
    # the own requirement, and the interface requirement named after the runaway interface
    (row,) = [r for r in rows if any(str(c.value).startswith("Le CRM doit importer") for c in r)]
    for other in rows:
        assert max(len(str(c.value)) for c in other) < MAX_WORD + 300
        assert sheet.row_dimensions[other[0].row].height <= 409
    texts = [str(c.value) for c in row if isinstance(c.value, str)]
    statement = next(t for t in texts if t.startswith("Le CRM doit importer "))
    assert statement == (f"Le CRM doit importer {RUNAWAY[:MAX_WORD]} "
                         "[…] (suite de 100\u202f000 caractères sans espace, tronquée)")
    assert any(t.startswith(RUNAWAY[:MAX_WORD] + " […]") for t in texts)  # the criterion
    assert max(len(t) for t in texts) < MAX_WORD + 100
    assert sheet.row_dimensions[row[0].row].height <= 409  # what Excel accepts
    scored = cdc("score", "--answers", runaway_answers, grid, "-f", "json")
    assert scored.returncode == 0, scored.stderr
    (vendor,) = json.loads(scored.stdout)["vendors"]
    assert vendor["grid_modified"] is False  # the grid shows what the answers give, cut alike


def test_the_typst_pdf_prints_the_mark(rendered: Path) -> None:
    import pdfplumber

    with pdfplumber.open(only(rendered / "typst", ".pdf")) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert text.count("tronquée") >= 10


def test_runaway_labels_keep_pictures_small(runaway_answers: Path) -> None:
    spec = load_spec(runaway_answers)
    for name in diagrams.NAMES:
        drawing = diagrams.figure(spec, name)
        assert drawing.height < 900, name  # a few lines more than usual, not pages
        root = ET.fromstring(diagrams.to_svg(drawing))
        lines = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
        assert any(line.endswith("…") for line in lines), name
        assert max(len(line) for line in lines) < 200
        assert diagrams.to_png(drawing).startswith(b"\x89PNG")


@pytest.mark.slow
def test_weasyprint_prints_the_mark(runaway_answers: Path, tmp_path: Path) -> None:
    import pdfplumber

    (written,) = render_file(runaway_answers, "pdf", tmp_path, pdf_engine="weasyprint")
    with pdfplumber.open(written) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert text.count("tronquée") >= 10
