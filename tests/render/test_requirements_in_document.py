"""The requirements and the quality findings in the document: same ids and texts as the vendor
grid, one table per module (Markdown, DOCX, PDF), the summary annex, the points to watch."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from cdc.checks import check_answers
from cdc.questionnaire import Questionnaire, load_questionnaire
from cdc.render import render_file
from cdc.requirements import GRID_FIRST_ROW, SHEET_NAMES, build_requirements, by_module
from cdc.spec import annexes, build_spec

from .helpers import DURAND, EPOCH, NORTHWIND, dump, load, only

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]<>#|!~&+\-=.)])")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


@pytest.fixture(autouse=True)
def _epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.fixture(scope="module")
def bank() -> Questionnaire:
    return load_questionnaire()


def plain(text: str) -> str:
    """Text as a reader sees it: Markdown escapes removed, any spacing one space, straight
    apostrophes (the document's typography may turn ' into ’ and add no-break spaces)."""
    text = _ESCAPE.sub(r"\1", text).replace("’", "'")
    return _SPACES.sub(" ", text).strip()


def section(markdown: str, start: str, end: str | None = None) -> str:
    """The Markdown from the heading that contains ``start`` up to the next ``end`` heading."""
    begin = markdown.index(start)
    stop = markdown.find(end, begin + len(start)) if end else -1
    return markdown[begin:stop if stop != -1 else None]


def table_rows(text: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in text.splitlines() if line.startswith("| ")]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    out = tmp_path_factory.mktemp("md-xlsx")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    try:
        render_file(DURAND, "md,xlsx", out)
    finally:
        mp.undo()
    return only(out, ".md").read_text(encoding="utf-8"), only(out, ".xlsx")


def test_document_and_grid_carry_the_same_ids_and_statements(
        rendered: tuple[str, Path]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    markdown, grid_path = rendered
    book = openpyxl.load_workbook(grid_path, read_only=True)
    sheet = book[SHEET_NAMES["fr"]["grid"]]
    grid = [(str(row[0]), str(row[2])) for row in sheet.iter_rows(
        min_row=GRID_FIRST_ROW, values_only=True) if row[0]]
    book.close()
    assert len(grid) == 85  # 81 functional and non-functional, 4 interfaces (INT-)
    rows = {cells[0]: cells for cells in table_rows(markdown) if re.match(r"^[A-Z]{3}-\d{3}$",
                                                                            cells[0])}
    for req_id, statement in grid:
        assert req_id in rows, f"{req_id} is in the grid but not in the document"
        assert plain(rows[req_id][1]) == plain(statement), req_id
    assert set(rows) == {req_id for req_id, _ in grid}


def test_one_table_per_module_in_part_3_and_nfr_in_part_4(
        rendered: tuple[str, Path], bank: Questionnaire) -> None:
    markdown = rendered[0]
    part3 = section(markdown, "## 3.6 Exigences fonctionnelles", "\n# 4 ")
    part4 = section(markdown, "\n# 4 ", "\n# 5 ")
    assert "conventions de la fiche document" in part3 and "éliminatoire" in part3
    assert "MoSCoW" in markdown.split("# 1 ")[0]  # the method is explained once, up front
    groups = by_module(build_requirements(load(), bank, "fr"))
    functional = [(m, label, reqs) for m, label, reqs in groups
                  if m not in ("nfr", "interfaces")]
    assert len(functional) == 9
    for number, (_, label, reqs) in enumerate(functional, start=1):
        table = section(part3, f"### 3.6.{number} {label}", "\n### ")
        ids = [row[0] for row in table_rows(table)[1:]]
        assert ids == [r.id for r in reqs]
        assert table_rows(table)[0] == ["Id", "Exigence", "Priorité", "Critère d’acceptation"]
    assert "| CON-001 |" in part3 and "Obligatoire, éliminatoire" in part3
    assert "| SRV-101 |" in part3 and "**\\[à compléter\\]**" in part3  # no criterion given
    nfr_table = section(part4, "## 4.10 Exigences non fonctionnelles")
    nfr_rows = table_rows(nfr_table)
    assert nfr_rows[0][-1] == "Vérification" and len(nfr_rows[0]) == 5
    assert [r[0] for r in nfr_rows[1:]] == [r.id for r in dict(
        (m, reqs) for m, _, reqs in groups)["nfr"]]
    assert "NFR-" not in part3 and "CON-001" not in part4
    # the interfaces' requirements sit under the interfaces table, one per row, in its order
    interfaces = section(markdown, "## 3.2 Interfaces", "\n## 3.3 ")
    int_rows = [r for r in table_rows(interfaces) if r[0].startswith("INT-")]
    assert [r[0] for r in int_rows] == ["INT-001", "INT-002", "INT-003", "INT-004"]
    assert "Sage 100" in int_rows[0][1] and "dans les deux sens" in int_rows[0][1]
    assert "Mailchimp" in int_rows[2][1] and "envoyer" in int_rows[2][1]
    assert "INT-" not in part3 and "INT-" not in part4


def test_summary_annex_totals_match_the_requirements(
        rendered: tuple[str, Path], bank: Questionnaire) -> None:
    markdown = rendered[0]
    annex = section(markdown, "# Annexe B – Synthèse des exigences")
    rows = table_rows(annex)
    assert rows[0] == ["Module", "Obligatoire", "Souhaité", "Optionnel", "Hors périmètre",
                       "Éliminatoires", "Total"]
    body, total = rows[1:-1], rows[-1]
    reqs = build_requirements(load(), bank, "fr")
    assert total[0] == "**Total**"
    numbers = [int(c.strip("*")) for c in total[1:]]
    assert numbers[-1] == len(reqs) == 85
    assert numbers[:4] == [sum(r.priority == p for r in reqs)
                           for p in ("must", "should", "could", "wont")]
    assert numbers[4] == sum(r.eliminatory for r in reqs)
    assert sum(int(r[-1]) for r in body) == len(reqs)
    assert "grille de réponse (classeur Excel)" in annex and "cdc" not in annex


def test_summary_annex_follows_the_open_points(bank: Questionnaire) -> None:
    markdown = build_markdown(load(), bank)
    assert markdown.index("# Annexe A – Points ouverts") < markdown.index(
        "# Annexe B – Synthèse des exigences")
    english = build_markdown(load(NORTHWIND), bank)
    assert "# Appendix B – Requirements summary" in english
    assert "## 3.6 Functional requirements" in english
    assert "| NFR-001 |" in section(english, "## 4.10 Non-functional requirements")


def build_markdown(data: dict[str, Any], bank: Questionnaire, lang: str | None = None,
                   edition: str = "vendor") -> str:
    """The rendered document's Markdown (headings numbered), without writing a file."""
    from cdc.render import build_document
    from cdc.writers.markdown import render

    return render(build_document(build_spec(data, bank, lang, edition=edition)))


def test_findings_appear_in_the_internal_note_only(rendered: tuple[str, Path],
                                                   bank: Questionnaire) -> None:
    assert "Points de vigilance" not in rendered[0]  # the vendor edition
    markdown = build_markdown(load(), bank, edition="internal")
    annex = section(markdown, "## A.1 Points de vigilance", "\n# ")
    report = check_answers(load(), bank)
    order = {"error": 0, "warning": 1, "info": 2}
    shown = sorted((f for f in report.findings if f.category not in ("missing", "open_point")),
                   key=lambda f: order[f.severity])
    assert len([f for f in shown if f.severity != "info"]) == 11  # errors and warnings
    assert any(f.rule == "must_share" for f in shown)  # 55 musts among the 85 requirements
    # the "info" findings are the internal note's too, after the errors and warnings
    infos = [f for f in shown if f.severity == "info"]
    assert len(infos) == 2 and shown[-2:] == infos
    rows = table_rows(annex)
    assert rows[0] == ["Partie", "Réponse concernée", "Constat", "Recommandation"]
    assert len(rows) == len(shown) + 1
    for finding, row in zip(shown, rows[1:], strict=True):
        assert plain(row[2]) == plain(finding.message)
        assert plain(row[3]) == plain(finding.hint)
    # the dotted path became the question's words, the list index a line number
    assert any(r[1].startswith("«") and "Quels sont les freins au changement" in r[1]
               and "(frein 3)" in r[1]
               and r[1].endswith(": Parade") for r in rows)
    assert "company.blockers" not in annex
    assert all(not f.path or f.path not in annex for f in report.findings)


def test_info_findings_never_reach_the_vendor_edition(rendered: tuple[str, Path],
                                                      bank: Questionnaire) -> None:
    """An "info" finding (a weak verb in an objective) is in the internal note only: not in the
    vendor document, not in the vendor Spec a custom template could print."""
    [weak] = [f for f in check_answers(load(), bank).findings
              if f.severity == "info" and f.rule == "vague_wording"]
    assert plain(weak.message).startswith("La formulation « Améliorer »")
    internal = plain(build_markdown(load(), bank, edition="internal"))
    assert plain(weak.message) in internal and plain(weak.hint) in internal
    vendor = plain(rendered[0])
    assert plain(weak.message) not in vendor and plain(weak.hint) not in vendor
    assert build_spec(load(), bank).findings == ()
    assert annexes.findings(load(), bank, "fr") == ()  # the vendor edition is the default
    assert any(v.severity == "info" for v in annexes.findings(load(), bank, "fr", "internal"))


def test_no_finding_says_so(bank: Questionnaire) -> None:
    from cdc.templating import render_markdown

    spec = build_spec(load(), bank, edition="internal")
    assert spec.findings and not build_spec(load(), bank).findings
    for clean, words in ((replace(spec, findings=()), "n'a relevé ni contradiction"),
                         (replace(build_spec(load(), bank, "en", edition="internal"),
                                  findings=()),
                          "quality check found no contradiction")):
        text = plain(render_markdown(clean))
        assert words in text
        assert "| Partie | Réponse concernée |" not in text and "| Part | Answer" not in text


def test_requirement_text_stays_text(tmp_path: Path, bank: Questionnaire) -> None:
    data = load()
    data["mapping"]["custom_requirements"][0]["statement"] = (
        "Le CRM doit | casser <b>la</b> table ![x](http://e) {{ 7*7 }}")
    answers = dump(data, tmp_path / "hostile.yaml")
    render_file(answers, "md", tmp_path)
    markdown = only(tmp_path, ".md").read_text(encoding="utf-8")
    row = next(line for line in markdown.splitlines() if line.startswith("| OPP-101 |"))
    assert "\\|" in row and "\\<b\\>" in row and "49" not in row
    assert len(table_rows(row)[0]) >= 4


@pytest.mark.slow
def test_requirement_tables_in_docx_and_pdf(tmp_path: Path, bank: Questionnaire) -> None:
    docx = pytest.importorskip("docx")
    pdfplumber = pytest.importorskip("pdfplumber")
    render_file(DURAND, "docx,pdf", tmp_path, pdf_engine="typst")
    groups = by_module(build_requirements(load(), bank, "fr"))

    document = docx.Document(str(only(tmp_path, ".docx")))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    for module, _, reqs in groups:
        matching = [t for t in tables if t[0][0] == "Id"
                    and [row[0] for row in t[1:]] == [r.id for r in reqs]]
        assert len(matching) == 1, module
        width = 5 if module == "nfr" else 4
        assert len(matching[0][0]) == width
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert any("Contacts et comptes" in h for h in headings)
    assert any("Synthèse des exigences" in h for h in headings)

    with pdfplumber.open(only(tmp_path, ".pdf")) as pdf:
        # typst's hyphen glyph reads back as a soft hyphen
        text = "\n".join(page.extract_text() or "" for page in pdf.pages).replace("\u00ad", "-")
    for _, label, reqs in groups:
        assert label.split(" ")[0] in text
        for req in reqs:
            assert req.id in text, req.id
    assert "Synthèse des exigences" in text and "Points de vigilance" not in text
