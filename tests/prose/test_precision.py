"""Answers precise enough to say what is meant: months, volumes with their period, counted
sites, the budget's period, the MFA scope, effort in days, phased interfaces, accounts beside
active customers, visits or unique visitors; and a version YAML reads as a number."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from cdc.answers import Month, check_value
from cdc.interview.values import parse_text
from cdc.questionnaire import Questionnaire
from cdc.render import build_document, load_spec
from cdc.schema import json_schema
from cdc.writers.markdown import render
from tests.conftest import ROOT
from tests.render.helpers import cdc, dump

EXAMPLES = ROOT / "examples"


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return copy.deepcopy(data)


def markdown(path: Path, edition: str = "vendor") -> str:
    return render(build_document(load_spec(path, edition=edition)))


def test_a_month_where_a_month_is_what_people_know(bank: Questionnaire) -> None:
    decision = bank.by_id["decision_date"]
    assert check_value(decision, "2027-06") == []
    assert check_value(decision, "2027-13") and check_value(bank.by_id["project_start"], "2027-06")
    assert parse_text(decision, "juin 2027", "fr").value == "2027-06"
    assert parse_text(decision, "06/2027", "fr").value == "2027-06"
    assert parse_text(decision, "2027-06-15", "fr").value.isoformat() == "2027-06-15"
    schema = json_schema(bank)["properties"]["company"]["properties"]["decision_date"]
    assert schema["anyOf"][0]["pattern"] == r"^\d{4}-\d{2}(-\d{2})?$"


def test_the_examples_show_each_precision(tmp_path: Path) -> None:
    hydrotec = markdown(EXAMPLES / "industrie-b2b.yaml")
    assert "| Devis émis | 3\u202f700\u00a0devis par an |" in hydrotec
    assert "9\u202f500 visiteurs uniques par mois" in hydrotec
    assert "| Comptes clients enregistrés | 3\u202f400\u00a0comptes |" in hydrotec
    assert "pour 3\u202f400\u00a0comptes enregistrés dans ses outils" in hydrotec
    assert "| Sites | 3\u00a0sites |" in hydrotec
    assert "Exigée pour les connexions depuis l’extérieur du réseau de l’entreprise" in hydrotec
    assert "janvier 2028" in hydrotec  # an objective's deadline known to the month
    internal = markdown(EXAMPLES / "industrie-b2b.yaml", "internal")
    assert "95\u00a0k€ pour la première année" in internal
    lumen = markdown(EXAMPLES / "retail-b2c.yaml")
    assert "| Sites | 24\u00a0sites |" in lumen and "| Magasins Île-de-France | 7 |" in lumen
    assert "410\u202f000 visites par mois" in lumen
    arei = markdown(EXAMPLES / "association-publique.yaml", "internal")
    assert "420\u00a0k€ sur 4\u00a0ans" in arei and "60\u00a0jours" in arei
    northwind = markdown(EXAMPLES / "english-saas-company.yaml")
    assert "File transfer, then API" in northwind
    assert "95,000 visits a month" in northwind
    assert "February 2027" in northwind  # the decision, known to the month


def test_a_volume_without_its_period_reads_per_month(tmp_path: Path) -> None:
    data = load("industrie-b2b.yaml")
    del data["data_flows"]["quotes_period"]
    data["data_flows"]["quotes_per_month"] = 310
    text = markdown(dump(data, tmp_path / "old.yaml"))
    assert "| Devis émis | 310\u00a0devis par mois |" in text


@pytest.mark.parametrize("value", ["1.10", "2.50"])
def test_an_unquoted_version_is_a_warning_with_the_fix(value: str, tmp_path: Path) -> None:
    text = (EXAMPLES / "industrie-b2b.yaml").read_text(encoding="utf-8")
    path = tmp_path / "v.yaml"
    path.write_text(text.replace('version: "1.0"', f"version: {value}"), encoding="utf-8")
    result = cdc("validate", path)
    assert result.returncode == 0
    assert f"YAML lit cette réponse comme le nombre {float(value)!r}" in result.stdout + \
        result.stderr
    assert f'"{float(value)}0"' in result.stdout + result.stderr


def test_a_month_is_written_back_as_a_month(tmp_path: Path, bank: Questionnaire) -> None:
    from cdc.interview import store

    data = store.load(EXAMPLES / "industrie-b2b.yaml", bank)
    data["company"]["decision_date"] = Month(2027, 4, 1)
    assert "decision_date: 2027-04\n" in store.dumps(data, bank)
