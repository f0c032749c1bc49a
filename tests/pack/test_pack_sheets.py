"""The tender pack written by ``cdc render -f xlsx``: the pricing form, the vendor
questionnaire and the demonstrations beside the grid, in the document's language and words."""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from cdc.cli import app
from cdc.consultation import scenarios
from cdc.pack.pricing import LETTER, YEAR_KEYS, price_layout
from cdc.pack.questionnaire import questionnaire_layout
from cdc.questionnaire import Questionnaire
from cdc.requirements import build_requirements
from cdc.writers.xlsx import grid_bytes
from tests.conftest import ROOT
from tests.pack.helpers import ANSWERS

INDUSTRY = ROOT / "examples" / "industrie-b2b.yaml"
ENGLISH = ROOT / "examples" / "english-saas-company.yaml"
PUBLIC = ROOT / "examples" / "association-publique.yaml"


def data_of(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return copy.deepcopy(data)


_BOOKS: dict[str, bytes] = {}


def pack(bank: Questionnaire, path: Path, data: dict[str, Any] | None = None) -> Any:
    source = data if data is not None else data_of(path)
    lang = source["meta"].get("language", "fr")
    if data is not None:
        return load_workbook(io.BytesIO(grid_bytes(source, bank, lang)))
    if path.name not in _BOOKS:
        _BOOKS[path.name] = grid_bytes(source, bank, lang)
    return load_workbook(io.BytesIO(_BOOKS[path.name]))


def test_render_writes_the_pack_through_the_cli(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["render", str(INDUSTRY), "-f", "xlsx", "-o",
                                      str(tmp_path)])
    assert result.exit_code == 0, result.output
    [written] = tmp_path.glob("*.xlsx")
    wb = load_workbook(written)
    assert wb.sheetnames == ["Instructions", "Grille", "Prix", "Questionnaire",
                             "Démonstrations", "_cdc"]
    assert wb["_cdc"].sheet_state == "hidden" and wb["_cdc"]["B9"].value == "cdc-pack/1"
    assert wb.properties.title == "Dossier de réponse"


def test_instructions_take_the_consultation_rules(bank: Questionnaire) -> None:
    ws = pack(bank, INDUSTRY)["Instructions"]
    facts = {row[0]: row[1] for row in ws.iter_rows(values_only=True) if row[0]}
    assert facts["Date limite de réponse"] == "26\u00a0mars 2027 à 12\u00a0h"
    assert facts["Contact pour les questions"] == "crm2027@hydrotec-pompes.fr"
    assert ws["A1"].value == "Dossier de réponse des éditeurs"
    assert ws["A14"].value == "À compléter par l'éditeur" and ws["A15"].value == "Nom de l'éditeur"
    steps = " ".join(str(c.value) for c in ws["A"] if str(c.value or "")[:2] in
                     {f"{n}." for n in range(1, 10)})
    assert "au plus tard le 26\u00a0mars 2027 à 12\u00a0h par e-mail à " \
        "crm2027@hydrotec-pompes.fr" in steps
    assert "feuille «\u00a0Prix\u00a0»" in steps and "«\u00a0Questionnaire\u00a0»" in steps


def test_public_procurement_speaks_of_the_candidat(bank: Questionnaire) -> None:
    wb = pack(bank, PUBLIC)
    assert wb["Instructions"]["A1"].value == "Dossier de réponse des candidats"
    assert wb["Instructions"]["A15"].value == "Nom du candidat"
    assert wb["Grille"]["G2"].value == "Réponse du candidat (à compléter)"
    assert wb["Questionnaire"]["A1"].value == "Questionnaire du candidat"
    assert wb["Démonstrations"]["H3"].value == "Remarques du candidat"
    role = next(c.value for c in wb["Questionnaire"]["B"] if str(c.value).startswith("Rôle"))
    assert role == "Rôle du candidat dans l'offre"
    # The pack's own texts (the requirements and scenarios may name a software publisher).
    text = "\n".join(str(c.value) for ws in wb.worksheets[:5] for row in ws.iter_rows(
        max_row=3 if ws.title in ("Grille", "Démonstrations") else None)
        for c in row if isinstance(c.value, str))
    assert "éditeur" not in text and "Éditeur" not in text


def test_pricing_form_lines_locks_and_formulas(bank: Questionnaire) -> None:
    data = data_of(INDUSTRY)
    ws = pack(bank, INDUSTRY)["Prix"]
    layout = price_layout(data, bank, "fr")
    profiles = data["company"]["user_profiles"]
    licences = [line for line in layout.lines if line.section == "licences"]
    assert [(line.label, line.quantity) for line in licences] == \
        [(p["profile"], p["count"]) for p in profiles]
    services = [line.label for line in layout.lines if line.section == "services"]
    assert services[:-2] == [p["name"] for p in data["planning"]["phases"]]
    first = licences[0].row
    assert ws[f"A{first}"].value == profiles[0]["profile"]
    assert ws[f"C{first}"].value == profiles[0]["count"] and ws[f"C{first}"].protection.locked
    assert not ws[f"D{first}"].protection.locked and not ws[f"B{first}"].protection.locked
    assert ws[f"E{first}"].value == f"=$C{first}*$D{first}" and ws[f"E{first}"].protection.locked
    assert ws[f"J{first}"].value == f"=SUM(E{first}:I{first})"
    service = next(line for line in layout.lines if line.section == "services")
    assert ws[f"E{service.row}"].value == f"=C{service.row}*D{service.row}"
    assert ws[f"F{service.row}"].value is None  # a one-off service is paid in year 1
    support = next(line for line in layout.lines if line.section == "recurring")
    assert all(not ws[f"{LETTER[y]}{support.row}"].protection.locked for y in YEAR_KEYS)
    sections = {s.key: s for s in layout.sections}
    assert ws[f"E{layout.year_total_row}"].value == "=" + "+".join(
        f"E{sections[k].total_row}" for k in ("licences", "services", "recurring"))
    assert ws[layout.tco_cell].value == f"=J{layout.year_total_row}"
    option = next(line for line in layout.lines if line.section == "options")
    assert option.row > layout.tco_row  # optional items stay outside the total
    assert ws.protection.sheet and not ws.protection.password
    assert "Dont 6 utilisateurs en lecture seule" in ws["A3"].value
    numeric = next(dv for dv in ws.data_validations.dataValidation if dv.type == "decimal")
    assert f"D{first}" in str(numeric.sqref)


def test_concurrent_licences_let_the_vendor_give_the_quantity(bank: Questionnaire) -> None:
    data = data_of(INDUSTRY)
    data["consultation"]["licensing_model"] = "concurrent"
    layout = price_layout(data, bank, "fr")
    line = layout.lines[0]
    assert line.quantity is None and line.label == "Technico-commercial terrain (9 personnes)"
    ws = pack(bank, INDUSTRY, data)["Prix"]
    assert not ws[f"C{line.row}"].protection.locked
    assert ws[f"C{layout.sections[0].header_row}"].value == "Licences simultanées"
    # Named users, but a profile whose number is not given yet: the vendor states it.
    data["consultation"]["licensing_model"] = "named"
    del data["company"]["user_profiles"][1]["count"]
    lines = price_layout(data, bank, "fr").lines
    assert (lines[0].quantity, lines[1].quantity) == (9, None)
    assert "quantity" in lines[1].inputs() and "quantity" not in lines[0].inputs()


def test_questionnaire_has_drop_downs_for_choices(bank: Questionnaire) -> None:
    data = data_of(INDUSTRY)
    layout = questionnaire_layout(data, bank, "fr")
    ws = pack(bank, INDUSTRY)["Questionnaire"]
    keys = [q.key for q in layout.questions]
    for expected in ("revenue", "headcount", "reference_1_contact", "project_manager",
                     "method", "sub_processors", "certification_iso27001", "exit_terms",
                     "support_organisation"):
        assert expected in keys
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation
             if dv.type == "list"}
    method = next(q for q in layout.questions if q.key == "method")
    assert lists[method.cell] == '"Agile (itérations courtes),Cycle en V (séquentiel),Hybride"'
    iso = next(q for q in layout.questions if q.key == "certification_iso27001")
    assert lists[iso.cell] == '"Oui,Non"'
    assert ws[f"B{iso.row}"].value.startswith("Certification ISO/IEC 27001 détenue")
    # The next line asks for the others: ISO/IEC 27001, asked above, is not among its examples.
    other = next(q for q in layout.questions if q.key == "other_certifications")
    assert other.row == iso.row + 1
    assert ws[f"B{other.row}"].value == \
        "Autres certifications détenues (SOC 2, HDS, SecNumCloud…) (facultatif)"
    for q in layout.questions:
        assert not ws[q.cell].protection.locked and ws[f"B{q.row}"].protection.locked
        assert "," not in "".join(q.choices)  # a comma would split an Excel list
        if q.choices:
            assert len(",".join(q.choices)) < 255
    assert "environ 34 utilisateurs" in ws["A2"].value


def test_demonstrations_sheet_lists_the_scenarios(bank: Questionnaire) -> None:
    data = data_of(INDUSTRY)
    found = scenarios(data, bank, "fr", build_requirements(data, bank, "fr"))
    ws = pack(bank, INDUSTRY)["Démonstrations"]
    assert [ws.cell(r, 1).value for r in range(4, 4 + len(found))] == [s.id for s in found]
    assert ws["D4"].value.startswith("1. ") and "\n2. " in ws["D4"].value
    assert ws["F4"].value == ", ".join(found[0].requirements)
    assert not ws["H4"].protection.locked and ws["A4"].protection.locked


def test_the_english_pack_is_in_english(bank: Questionnaire) -> None:
    wb = pack(bank, ENGLISH)
    assert wb.sheetnames == ["Instructions", "Grid", "Pricing", "Questionnaire",
                             "Demonstrations", "_cdc"]
    facts = {row[0]: row[1] for row in wb["Instructions"].iter_rows(values_only=True) if row[0]}
    assert facts["Response deadline"] == "5 February 2027 at 17:00"
    assert facts["Contact for questions"] == "crm-rfp@northwind-analytics.com"
    assert wb["Pricing"]["A1"].value.startswith("Pricing form")
    assert wb["Questionnaire"]["A1"].value == "Vendor questionnaire"
    assert wb["Demonstrations"]["H3"].value == "Vendor's remarks"
    # The buyer's texts are English; the answers are the company's own words (English too).
    texts = [c.value for ws in wb.worksheets[:5] for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and not c.value.startswith("=")]
    french = re.compile(r"(?<![\w-])(le|la|les|des|du|une|et|à|éditeur|Année|Prix|Réponse|Oui|"
                        r"Non)(?![\w-])")
    assert [t for t in texts if french.search(t)] == []
    assert "€" in wb["Pricing"]["E7"].number_format


def test_a_file_without_consultation_rules_says_what_is_missing(bank: Questionnaire) -> None:
    data = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))
    del data["consultation"]
    wb = pack(bank, ANSWERS, data)
    facts = {row[0]: row[1] for row in wb["Instructions"].iter_rows(values_only=True) if row[0]}
    assert facts["Date limite de réponse"] == "À compléter"
    steps = [str(c.value) for c in wb["Instructions"]["A"] if str(c.value).startswith("8.")]
    # The date and the address are to be completed, here as in the document (not hidden).
    assert steps[0].endswith("au plus tard à la date limite de réponse (à compléter) à "
                             "l'adresse de remise des offres (à compléter).")
    assert wb["Démonstrations"]["A4"].value == "Aucun scénario de démonstration n'est prévu."


@pytest.mark.parametrize("example", sorted((ROOT / "examples").glob("*.yaml")),
                         ids=lambda p: p.stem)
def test_every_example_gives_the_four_sheets(bank: Questionnaire, example: Path) -> None:
    wb = pack(bank, example)
    assert len(wb.sheetnames) == 6
    price, form, demos = wb.worksheets[2:5]
    assert price.max_row > 30 and form.max_row > 30 and demos.max_row >= 4


@pytest.mark.parametrize(("lang", "quote"), [("fr", "« {} »"), ("en", '"{}"')])
def test_the_chapter_names_the_packs_sheets(lang: str, quote: str) -> None:
    """Chapter 7 tells vendors which sheet holds what: the names must be the pack's."""
    from cdc.pack import sheet_names
    from cdc.requirements import SHEET_NAMES

    chapter = (ROOT / "templates" / lang / "part7-consultation.md.j2").read_text(
        encoding="utf-8")
    for name in (SHEET_NAMES[lang]["grid"], *sheet_names(lang).values()):
        assert quote.format(name) in chapter, name


def test_a_deadline_without_its_address_says_the_address_is_to_be_completed(
        bank: Questionnaire) -> None:
    data = data_of(INDUSTRY)
    data["consultation"]["submission_address"] = {"todo": "boîte dédiée à créer"}
    wb = pack(bank, INDUSTRY, data)
    steps = [str(c.value) for c in wb["Instructions"]["A"] if str(c.value).startswith("8.")]
    assert steps[0].endswith("au plus tard le 26\u00a0mars 2027 à 12\u00a0h à l'adresse de "
                             "remise des offres (à compléter).")
