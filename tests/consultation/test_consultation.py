"""The consultation's rules (part 7): validated with their line, rendered as a chapter, the
vendor's name following the procedure, and demonstration scenarios generated and edited."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from cdc.consultation import scenarios
from cdc.questionnaire import Questionnaire
from cdc.render import build_document, load_spec
from cdc.requirements import build_requirements
from cdc.writers.markdown import render
from tests.conftest import ROOT
from tests.render.helpers import cdc, dump, only

EXAMPLE = ROOT / "examples" / "industrie-b2b.yaml"


def example() -> dict[str, Any]:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return copy.deepcopy(data)


def markdown_of(data: dict[str, Any], tmp_path: Path, edition: str = "vendor") -> str:
    path = dump(data, tmp_path / "answers.yaml")
    return render(build_document(load_spec(path, edition=edition)))


def test_weights_that_do_not_add_up_are_an_error_with_their_line(tmp_path: Path) -> None:
    data = example()
    data["consultation"]["award_criteria"][0]["weight"] = 40  # 105 in all
    data["consultation"]["payment_milestones"][0]["share"] = 10  # 90 in all
    data["consultation"]["response_deadline_time"] = "midi"
    data["consultation"]["submission_address"] = "crm2027 at hydrotec"
    path = dump(data, tmp_path / "bad.yaml")
    result = cdc("validate", path)
    assert result.returncode == 1
    text = result.stdout + result.stderr
    lines = path.read_text(encoding="utf-8").splitlines()
    weights = next(i for i, line in enumerate(lines, 1) if line.strip() == "award_criteria:")
    assert f"bad.yaml:{weights}:" in text
    assert "poids des critères de choix totalisent 105, et non 100" in text
    assert "échéances de paiement totalisent 90\u00a0%, et non 100\u00a0%" in text
    assert "«\u00a0midi\u00a0» n'est pas une heure" in text
    assert "«\u00a0crm2027 at hydrotec\u00a0» n'est pas une adresse e-mail" in text
    assert "Traceback" not in text


def test_dates_out_of_order_and_unknown_scenarios(tmp_path: Path) -> None:
    data = example()
    data["consultation"]["questions_deadline"] = data["consultation"]["response_deadline"]
    data["consultation"]["response_deadline"] = yaml.safe_load("2027-03-01")
    data["consultation"]["demo_scenarios"].append({"id": "DEMO-42", "drop": True})
    result = cdc("validate", dump(data, tmp_path / "late.yaml"))
    text = result.stdout + result.stderr
    assert "questions reçues après la remise des offres" in text and "warning" in text
    assert "«\u00a0DEMO-42\u00a0» n'est pas un scénario de démonstration" in text
    assert result.returncode == 1


def test_the_chapter_says_how_and_when_to_answer(tmp_path: Path) -> None:
    markdown = markdown_of(example(), tmp_path)
    chapter = markdown.split("# 7 Modalités de la consultation")[1].split("\n# ")[0]
    assert "dans le cadre d’une consultation privée" in chapter
    assert "| Remise des offres | 26\u00a0mars 2027 à 12\u00a0h |" in chapter
    assert "crm2027@hydrotec-pompes.fr" in chapter
    assert "| Prix | 25\u00a0% | Prix le plus bas ÷ prix de l’offre × poids" in chapter
    assert "| Durée du contrat | 3\u00a0ans, reconductible 2\u00a0fois pour un an |" in chapter
    annex = markdown.split("# Annexe C – Scénarios de démonstration")[1]
    assert "## C.1 DEMO-01 – Demande web" in annex
    assert "DEMO-08 – Préparer une tournée" not in annex and "DEMO-101" in annex


def test_without_deadline_or_channel_the_consultation_is_to_be_completed(
        tmp_path: Path) -> None:
    data = example()
    for qid in ("response_deadline", "submission_channel", "submission_address"):
        del data["consultation"][qid]
    path = dump(data, tmp_path / "draft.yaml")
    result = cdc("render", path, "-f", "md", "-o", tmp_path / "out")
    assert result.returncode == 0 and "open point" in result.stderr
    chapter = only(tmp_path / "out", ".md").read_text(encoding="utf-8").split(
        "## 7.3 Remise des offres et questions")[1]
    assert chapter.count("\\[à compléter\\]") >= 3
    check = cdc("check", path, "--format", "json")
    assert '"not_ready"' in check.stdout and "la consultation n'est pas prête" in check.stdout


def test_public_procurement_says_candidat_and_titulaire(tmp_path: Path,
                                                       bank: Questionnaire) -> None:
    data = example()
    private = markdown_of(data, tmp_path)
    assert "titulaire" not in private.lower() and "candidat" not in private.lower()
    assert "prestataire" in private
    data["consultation"]["procedure"] = "public_tender"
    public = markdown_of(data, tmp_path)
    assert "Les candidats posent leurs questions" in public
    assert "par le titulaire" in public or "du titulaire" in public
    assert "prestataire" not in public.replace("(prestataire", "")
    statements = " ".join(r.statement + r.acceptance_criterion
                          for r in build_requirements(data, bank, "fr"))
    assert "titulaire" in statements and "prestataire" not in statements


def test_scenarios_are_generated_then_dropped_changed_or_added(bank: Questionnaire) -> None:
    data = example()
    reqs = build_requirements(data, bank, "fr")
    found = {s.id: s for s in scenarios(data, bank, "fr", reqs)}
    flows = data["mapping"]["information_flows"]
    assert [found[f"DEMO-{i:02d}"].title for i in range(1, len(flows) + 1)] == \
        [f["name"] for f in flows]
    ids = {r.id for r in reqs}
    assert all(set(s.requirements) <= ids for s in found.values())
    web = found["DEMO-01"]
    assert web.steps[0] == flows[0]["trigger"] and len(web.steps) > 3
    assert all(i.startswith("LEA-") for i in web.requirements)
    assert found["DEMO-04"].requirements == ("QUO-004", "QUO-005", "ACT-001")  # changed
    assert found["DEMO-101"].actor == "Directeur commercial"  # added
    assert "DEMO-07" in found  # mobile users who work offline
    data["consultation"]["demo_scenarios"] = [{"id": "DEMO-02", "drop": True}]
    assert "DEMO-02" not in {s.id for s in scenarios(data, bank, "fr", reqs)}
    data["mapping"]["mobile_offline"] = False
    assert not any("hors connexion" in s.title for s in scenarios(data, bank, "fr", reqs))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_example_has_the_consultation_answered(lang: str) -> None:
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data["meta"]["language"] != lang:
            continue
        block = data["consultation"]
        assert {"procedure", "response_deadline", "submission_channel", "award_criteria"} <= \
            set(block), path.name
        assert sum(c["weight"] for c in block["award_criteria"]) == 100
