"""End to end in a real pseudo-terminal: two people interviewed on their own role, their files
merged, the disagreement quoted with both names in cdc check and in the internal edition; and a
resume that does not ask again a list declined."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.interview.test_pty import CTRL_C, ENTER, answer, finish, spawn

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.interactive
SPACE = " "


def cdc(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cdc", *args], capture_output=True, text=True,
                          timeout=120)


def test_two_role_interviews_merged_with_their_disagreement(tmp_path: Path) -> None:
    paul, therese = tmp_path / "paul.yaml", tmp_path / "therese.yaml"

    # Paul, salesperson: his part of part 1, stopped, then resumed.
    child = spawn(str(paul), "--role", "sales", "--respondent", "Paul Lefèvre", "--part", "1")
    child.expect_exact("Entretien «\u00a0Commercial\u00a0»")
    answer(child, "Votre fonction", "Technico-commercial" + ENTER)
    answer(child, "À quels types de clients vendez-vous", SPACE + ENTER)   # b2b
    answer(child, "Ajouter une ligne", ENTER)                             # no segment: declined
    child.expect_exact("Sur quelle zone géographique")
    child.send(CTRL_C)
    child.expect_exact("cdc interview")
    child.expect_exact("--role sales")
    assert finish(child) == 130
    assert yaml.safe_load(paul.read_text(encoding="utf-8"))["company"] == {
        "target_markets": ["b2b"], "customer_segments": []}

    child = spawn(str(paul), "--role", "sales", "--part", "1")
    child.expect_exact("Reprise")
    child.expect_exact("Paul Lefèvre (Technico-commercial)")             # not asked again
    child.expect_exact("Sur quelle zone géographique")
    assert "segment" not in (child.before or "")                          # declined: not asked
    child.send(ENTER)                                                     # no zone
    answer(child, "Par quels canaux vendez-vous", ENTER)
    answer(child, "Combien de fichiers Excel", "12" + ENTER)
    answer(child, "Quels sont les principaux fichiers", ENTER)
    answer(child, "Ajouter une ligne", ENTER)                             # no tool
    answer(child, "Comment se déroulent aujourd'hui", ENTER)
    answer(child, "Avez-vous déjà essayé un CRM", ENTER)
    answer(child, "Qui a besoin de cet outil", "Les commerciaux" + ENTER + ENTER)
    answer(child, "Où se trouvent les données clients",
           "La liste de prix est dans le fichier de Thérèse" + ENTER + ENTER)
    answer(child, "Quelle réponse voulez-vous modifier", ENTER)
    child.expect_exact("cdc merge")                                       # not a document
    assert finish(child) == 0

    # Thérèse, sales administration: her part of part 1, in her own file.
    child = spawn(str(therese), "--role", "sales_admin", "--respondent", "Thérèse Garnier",
                  "--part", "1")
    answer(child, "Votre fonction", "Responsable ADV" + ENTER)
    answer(child, "Combien de fichiers Excel", "?")
    answer(child, "Que manque-t-il", "voir avec la DSI" + ENTER)
    # unknown yet, so the question that depends on it is asked, not skipped
    answer(child, "Quels sont les principaux fichiers", ENTER)
    answer(child, "Ajouter une ligne", "?")                               # tools: don't know
    answer(child, "Que manque-t-il", ENTER)
    answer(child, "Comment se déroulent aujourd'hui", ENTER)
    answer(child, "Qui a besoin de cet outil", "L'ADV" + ENTER + ENTER)
    answer(child, "Où se trouvent les données clients",
           "La liste de prix est dans Sage X3" + ENTER + ENTER)
    child.expect_exact("Quelles personnes produisent les données")
    child.send(CTRL_C)
    assert finish(child) == 130
    company = yaml.safe_load(therese.read_text(encoding="utf-8"))["company"]
    assert company["spreadsheet_count"] == {"todo": "voir avec la DSI"}
    assert company["existing_tools"] == {"todo": "à préciser"}

    # The project lead merges the two files.
    project = tmp_path / "projet.yaml"
    merged = cdc("merge", str(paul), str(therese), "-o", str(project))
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "Paul Lefèvre : La liste de prix est dans le fichier de Thérèse ; " \
           "Thérèse Garnier : La liste de prix est dans Sage X3" in merged.stdout
    data = yaml.safe_load(project.read_text(encoding="utf-8"))
    assert data["company"]["who_needs_tool"] == "Les commerciaux\n\nL'ADV"  # they add up
    assert data["company"]["spreadsheet_count"] == 12  # an answer beats "don't know"
    assert [r["interview"] for r in data["meta"]["respondents"]] == ["sales", "sales_admin"]
    assert cdc("validate", str(project)).returncode == 0

    checked = json.loads(cdc("check", str(project), "--format", "json").stdout)
    disputes = [f for f in checked["findings"] if f["category"] == "disagreement"]
    assert [f["path"] for f in disputes] == ["company.data_location"]
    assert "Paul Lefèvre" in disputes[0]["message"] and "Thérèse Garnier" in disputes[0]["message"]

    out = tmp_path / "doc"
    for edition in ("internal", "vendor"):
        rendered = cdc("render", str(project), "-f", "md", "-o", str(out), "--edition", edition)
        assert rendered.returncode == 0, rendered.stderr
    internal = next(out.glob("*-interne.md")).read_text(encoding="utf-8")
    vendor = next(p for p in out.glob("*.md") if "interne" not in p.name).read_text(
        encoding="utf-8")
    disputes_section = internal.split("## Désaccords entre les personnes interrogées")[1]
    assert "Paul Lefèvre" in disputes_section and "Thérèse Garnier" in disputes_section
    assert "dans le fichier de Thérèse" in disputes_section and "Sage X3" in disputes_section
    assert "Paul Lefèvre" not in vendor and "Garnier" not in vendor
