"""``cdc merge`` as a project lead runs it: respondent files in, one project file out, then
``cdc validate``, ``cdc check`` and both editions read it back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cdc.cli import app
from cdc.provenance import disagreements, read

runner = CliRunner()

PAUL = """\
schema_version: 1
meta:
  respondents:
    - {name: Paul Lefèvre, role: Technico-commercial, interview: sales, date: 2026-11-20}
company:
  target_markets: [b2b]
  spreadsheet_count: 12
  data_location: dans le fichier de Thérèse
data_flows:
  leads_per_month: 40
  sources:
    - {name: Fichier clients ADV, kind: spreadsheet, owner: Thérèse}
    - {name: Carnet de Paul, kind: paper, owner: Paul}
"""

THERESE = """\
schema_version: 1
meta:
  respondents:
    - {name: Thérèse Garnier, role: Responsable ADV, interview: sales_admin, date: 2026-11-21}
company:
  spreadsheet_count: 12
  spreadsheet_examples: {todo: voir avec la DSI}
  data_location: dans Sage X3
data_flows:
  sources:
    - {name: fichier clients adv, kind: spreadsheet, owner: moi, records: 4000}
    - {name: Sage X3, kind: erp, owner: DSI}
"""


def cdc(*args: str) -> Any:
    return runner.invoke(app, [str(a) for a in args])


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture()
def people(tmp_path: Path) -> tuple[Path, Path]:
    paul, therese = tmp_path / "paul.yaml", tmp_path / "therese.yaml"
    paul.write_text(PAUL, encoding="utf-8")
    therese.write_text(THERESE, encoding="utf-8")
    return paul, therese


def test_merge_two_people_then_validate_and_check(tmp_path: Path,
                                                   people: tuple[Path, Path]) -> None:
    out = tmp_path / "projet.yaml"
    result = cdc("merge", *people, "-o", out)
    assert result.exit_code == 0, result.output
    assert "2 disagreement(s)" in result.output
    assert "Paul Lefèvre : dans le fichier de Thérèse ; Thérèse Garnier : dans Sage X3" \
        in result.output
    data = load(out)
    assert data["company"]["spreadsheet_count"] == 12
    assert data["company"]["target_markets"] == ["b2b"]  # one voice
    assert data["company"]["spreadsheet_examples"] == {"todo": "voir avec la DSI"}
    assert data["data_flows"]["leads_per_month"] == 40
    sources = data["data_flows"]["sources"]
    assert [s["name"] for s in sources] == ["Fichier clients ADV", "Carnet de Paul", "Sage X3"]
    assert sources[0]["records"] == 4000 and sources[0]["owner"] == {
        "todo": "Paul Lefèvre : Thérèse ; Thérèse Garnier : moi"}
    assert [r["name"] for r in data["meta"]["respondents"]] == ["Paul Lefèvre",
                                                                 "Thérèse Garnier"]
    entries = {(e.at, e.record, e.field): e for e in read(data["provenance"])[0].entries}
    assert entries[("company.spreadsheet_count", "", "")].by == ("Paul Lefèvre",
                                                                 "Thérèse Garnier")
    assert entries[("data_flows.sources", "Sage X3", "owner")].by == ("Thérèse Garnier",)

    validated = cdc("validate", out)
    assert validated.exit_code == 0, validated.output
    checked = cdc("check", out, "--format", "json")
    findings = [f for f in json.loads(checked.output)["findings"]
                if f["category"] == "disagreement"]
    assert [f["path"] for f in findings] == ["company.data_location",
                                             "data_flows.sources[0].owner"]
    message = findings[0]["message"].replace("\u00a0", " ").replace("\u202f", " ")
    assert "Paul Lefèvre : dans le fichier de Thérèse ; Thérèse Garnier : dans Sage X3" \
        in message
    open_points = [f["path"] for f in json.loads(checked.output)["findings"]
                   if f["category"] == "open_point"]
    assert "company.data_location" not in open_points  # reported once, as a disagreement
    text = cdc("check", out).output.replace("\u00a0", " ")
    assert "warning company.data_location  désaccord entre les personnes interrogées" in text


def test_both_editions_of_a_merged_project(tmp_path: Path, people: tuple[Path, Path]) -> None:
    out = tmp_path / "projet.yaml"
    assert cdc("merge", *people, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8").replace(
        "meta:\n", "meta:\n  title: CRM\n  company: Hydrotec\n  version: '1.0'\n"
                   "  language: fr\n", 1)
    out.write_text(text, encoding="utf-8")
    for edition in ("internal", "vendor"):
        result = cdc("render", out, "-f", "md", "-o", tmp_path / "doc", "--edition", edition)
        assert result.exit_code == 0, result.output
    internal = (tmp_path / "doc" / "hydrotec-crm-v1-0-interne.md").read_text(encoding="utf-8")
    vendor = (tmp_path / "doc" / "hydrotec-crm-v1-0.md").read_text(encoding="utf-8")
    section = internal.split("## Désaccords entre les personnes interrogées", 1)[1]
    section = section.split("\n## ", 1)[0]
    assert "Paul Lefèvre" in section and "Thérèse Garnier" in section
    assert "dans le fichier de Thérèse" in section and "dans Sage X3" in section
    assert "À trancher" in section
    assert "| Paul Lefèvre | Technico-commercial | Commercial |" in internal
    by_part = internal.split("Qui a donné les réponses de chaque partie", 1)[1].split("\n## ")[0]
    by_part = by_part.replace("\u00a0", " ")
    assert "Présentation de l’entreprise : Paul Lefèvre (2), Thérèse Garnier (2)" in by_part
    assert "Données et flux : Paul Lefèvre (6), Thérèse Garnier (6)" in by_part
    for name in ("Lefèvre", "Garnier", "Personnes interrogées", "Désaccords"):
        assert name not in vendor


def test_a_merge_run_again_after_one_file_changed_is_exact(
    tmp_path: Path, people: tuple[Path, Path]
) -> None:
    paul, therese = people
    out = tmp_path / "projet.yaml"
    assert cdc("merge", paul, therese, "-o", out).exit_code == 0
    first = out.read_text(encoding="utf-8")
    assert cdc("merge", therese, paul, "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8") == first  # idempotent, whatever the order

    paul.write_text(PAUL.replace("leads_per_month: 40", "leads_per_month: 55")
                    .replace("    - {name: Carnet de Paul, kind: paper, owner: Paul}\n", "")
                    .replace("dans le fichier de Thérèse", "Dans Sage X3"), encoding="utf-8")
    assert cdc("merge", paul, therese, "-o", out).exit_code == 0
    fresh = tmp_path / "fresh.yaml"
    assert cdc("merge", paul, therese, "-o", fresh).exit_code == 0
    assert out.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8")
    data = load(out)
    assert data["data_flows"]["leads_per_month"] == 55
    assert data["company"]["data_location"] == "Dans Sage X3"  # they agree now
    assert "Carnet de Paul" not in out.read_text(encoding="utf-8")


def test_the_project_leads_edits_are_kept(tmp_path: Path, people: tuple[Path, Path]) -> None:
    paul, therese = people
    out = tmp_path / "projet.yaml"
    assert cdc("merge", paul, therese, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    settled = "\n".join(
        "  data_location: Sage X3, export Excel hebdomadaire"
        if line.startswith("  data_location:") else line for line in text.splitlines()) + "\n"
    out.write_text(settled.replace("# Written by cdc merge", "# mes notes\n# Written by cdc merge"),
                   encoding="utf-8")
    result = cdc("merge", paul, therese, "-o", out)
    assert result.exit_code == 0, result.output
    assert "kept your edit: company.data_location" in result.output
    assert "1 disagreement(s)" in result.output
    after = out.read_text(encoding="utf-8")
    assert "data_location: Sage X3, export Excel hebdomadaire" in after
    assert "# mes notes" in after  # round-trip: the lead's comments stay
    # the internal edition shows the disagreement as settled
    found = [d for d in disagreements(load(out), __import__(
        "cdc.questionnaire").questionnaire.load_questionnaire()) if not d.open]
    assert [d.entry.at for d in found] == ["company.data_location"]

    # Paul changes his mind: the lead's answer and his become a disagreement again
    paul.write_text(PAUL.replace("dans le fichier de Thérèse", "dans mon carnet"),
                    encoding="utf-8")
    assert cdc("merge", paul, therese, "-o", out).exit_code == 0
    assert load(out)["company"]["data_location"] == {"todo": (
        "projet.yaml : Sage X3, export Excel hebdomadaire ; Paul Lefèvre : dans mon carnet ; "
        "Thérèse Garnier : dans Sage X3")}


def test_merging_into_a_project_file_with_its_own_answers(
    tmp_path: Path, people: tuple[Path, Path]
) -> None:
    out = tmp_path / "projet.yaml"
    out.write_text("schema_version: 1\nmeta:\n  title: Projet CRM  # mon titre\ncompany:\n"
                   "  spreadsheet_count: 15\n  employees: 140\n  data_location: {todo: demander}\n",
                   encoding="utf-8")
    result = cdc("merge", *people, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("merged into")
    data = load(out)
    assert data["meta"]["title"] == "Projet CRM" and data["company"]["employees"] == 140
    assert data["company"]["spreadsheet_count"] == {
        "todo": "projet.yaml : 15 fichiers ; Paul Lefèvre et Thérèse Garnier : 12 fichiers"}
    # the project's open point is settled by what the people said (here, a disagreement)
    assert data["company"]["data_location"]["todo"].startswith("Paul Lefèvre : ")
    assert "# mon titre" in out.read_text(encoding="utf-8")


def test_english_quotes(tmp_path: Path, people: tuple[Path, Path]) -> None:
    out = tmp_path / "project.yaml"
    assert cdc("merge", *people, "-o", out, "--lang", "en").exit_code == 0
    assert load(out)["company"]["data_location"] == {
        "todo": "Paul Lefèvre: dans le fichier de Thérèse; Thérèse Garnier: dans Sage X3"}


def test_bad_input_writes_nothing(tmp_path: Path, people: tuple[Path, Path]) -> None:
    paul, therese = people
    out = tmp_path / "projet.yaml"
    therese.write_text(THERESE.replace("spreadsheet_count: 12", "spreadsheet_count: douze"),
                       encoding="utf-8")
    result = cdc("merge", paul, therese, "-o", out)
    assert result.exit_code == 1
    assert "therese.yaml" in result.output and "spreadsheet_count" in result.output
    assert "nothing was merged" in result.output
    assert not out.exists()
    assert cdc("merge", paul, tmp_path / "missing.yaml", "-o", out).exit_code == 2
    assert cdc("merge", paul, out, "-o", out).exit_code == 2
    assert not out.exists()


def test_two_files_of_the_same_person_are_told_apart(tmp_path: Path,
                                                      people: tuple[Path, Path]) -> None:
    paul, _ = people
    again = tmp_path / "paul-bis.yaml"
    again.write_text(PAUL.replace("leads_per_month: 40", "leads_per_month: 45"),
                     encoding="utf-8")
    out = tmp_path / "projet.yaml"
    assert cdc("merge", paul, again, "-o", out).exit_code == 0
    assert load(out)["data_flows"]["leads_per_month"] == {
        "todo": "Paul Lefèvre (paul-bis.yaml) : 45 leads ; "
                "Paul Lefèvre (paul.yaml) : 40 leads"}


def test_a_damaged_provenance_block_gives_warnings_not_errors(
    tmp_path: Path, people: tuple[Path, Path]
) -> None:
    out = tmp_path / "projet.yaml"
    assert cdc("merge", *people, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    text = text.replace("- {at: company.spreadsheet_count,", "- {at: company.nothing_here,", 1)
    text += "  colour: blue\n"
    out.write_text(text, encoding="utf-8")
    result = cdc("validate", out)
    assert result.exit_code == 0, result.output
    assert "'company.nothing_here' is not a question of the bank" in result.output
    assert "unknown key 'colour' in the provenance block" in result.output
    checked = cdc("check", out, "--format", "json")
    assert [f["path"] for f in json.loads(checked.output)["findings"]
            if f["category"] == "disagreement"] == ["company.data_location",
                                                     "data_flows.sources[0].owner"]
    # merging again rewrites the block
    assert cdc("merge", *people, "-o", out).exit_code == 0
    assert "nothing_here" not in out.read_text(encoding="utf-8")
    assert "provenance block" not in cdc("validate", out).output
