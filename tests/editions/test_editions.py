"""The two editions, tested from the outside: nothing internal reaches vendors, in any format.

A file where every internal answer holds a unique marker is rendered in every format and both
PDF engines; the vendor edition must contain no marker, no command of the tool and no quality
finding, and the internal edition must contain every marker. The examples are checked the same
way with their own internal answers.
"""

from __future__ import annotations

import copy
import itertools
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from cdc.audience import internal_record, is_internal
from cdc.questionnaire import Questionnaire
from tests.conftest import EXAMPLES, ROOT
from tests.render.helpers import cdc, dump, only

from .texts import normalise, text_of

EXAMPLE = ROOT / "examples" / "industrie-b2b.yaml"
TEXT_TYPES = ("text", "long_text")
TOOL_COMMAND = re.compile(r"\bcdc (?:render|check|validate|interview|new|batch|score|questions|"
                          r"schema)\b|`cdc")
TEAMMATE = "Zébulon Quartzeux"


def load_example(path: Path = EXAMPLE) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def marked_answers(bank: Questionnaire) -> tuple[dict[str, Any], dict[str, str]]:
    """The industrial example with a unique marker in every internal text answer.

    Returns the answers and {where: marker}. Markers are short, unbreakable and never
    hyphenated, so that PDF text extraction finds them whole.
    """
    data = copy.deepcopy(load_example())
    markers: dict[str, str] = {}
    counter = itertools.count(1)

    def mark(where: str) -> str:
        markers[where] = f"ZZ{next(counter):05d}ZZ"
        return markers[where]

    data["meta"]["disclose_budget"] = False
    # A finding for the internal note's quality annex (the example itself checks clean).
    data["technical"]["exit_plan"] += " Les données sont restituées dans des formats ouverts."
    # A team member named in a risk that vendors see: the name must not reach them there.
    data["team"]["members"].append({
        "name": TEAMMATE, "role": "Administrateur des données", "department": "Informatique",
        "level": "staff", "stance": "reluctant", "profile": "data_producer",
        "availability": 83.7, "key_user": False})
    data["company"]["blockers"] += [
        {"category": "technological", "impact": "high", "likelihood": "high",
         "description": f"Extraction des anciennes données confiée à {TEAMMATE} seul",
         "mitigation": "Binôme formé avant la reprise"},
        {"category": "human", "impact": "high", "likelihood": "high",
         "description": "placeholder", "mitigation": "placeholder"},
        {"category": "financial", "impact": "low", "likelihood": "low",
         "description": "placeholder", "mitigation": "placeholder"},
    ]
    for part in bank.parts:
        block = data.setdefault(part.key, {})
        for q in part.questions:
            if q.type == "group":
                records = block.get(q.id) or []
                if is_internal(q, data, bank) and not records:
                    records = [{}]
                for i, rec in enumerate(records):
                    whole = is_internal(q, data, bank) or internal_record(q, rec)
                    for f in q.fields:
                        if f.type in TEXT_TYPES and (whole or is_internal(f, data, bank)):
                            rec[f.id] = mark(f"{q.id}[{i}].{f.id}")
                block[q.id] = records
            elif is_internal(q, data, bank) and q.type in TEXT_TYPES:
                block[q.id] = mark(q.id)
    data["company"]["budget_amount"] = 987.5  # "987,5 k€"
    # An open point on a vendor question: its note is the author's, not the vendors'.
    data["company"]["legal_form"] = {"todo": mark("legal_form.todo")}
    return data, markers


@pytest.fixture(scope="module")
def marked(bank: Questionnaire, tmp_path_factory: pytest.TempPathFactory
           ) -> tuple[Path, dict[str, str]]:
    data, markers = marked_answers(bank)
    path = dump(data, tmp_path_factory.mktemp("marked") / "marked.yaml")
    result = cdc("validate", path)
    assert result.returncode == 0, result.stdout + result.stderr
    return path, markers


@pytest.fixture(scope="module")
def editions(marked: tuple[Path, dict[str, str]], tmp_path_factory: pytest.TempPathFactory
             ) -> dict[str, dict[str, str]]:
    """{edition: {file suffix: normalised text}} for md, html, docx, xlsx and a Typst PDF."""
    path, _ = marked
    found: dict[str, dict[str, str]] = {}
    for edition in ("vendor", "internal"):
        out = tmp_path_factory.mktemp(edition)
        result = cdc("render", path, "-f", "md,html,docx,xlsx,pdf", "--pdf-engine", "typst",
                     "-o", out, "--edition", edition)
        assert result.returncode == 0, result.stderr
        found[edition] = {p.suffix: text_of(p) for p in out.iterdir()
                          if p.suffix in (".md", ".html", ".docx", ".xlsx", ".pdf")}
        assert set(found[edition]) == {".md", ".html", ".docx", ".xlsx", ".pdf"}
    return found


def test_the_vendor_edition_carries_no_internal_answer(
        editions: dict[str, dict[str, str]], marked: tuple[Path, dict[str, str]]) -> None:
    _, markers = marked
    for suffix, text in editions["vendor"].items():
        leaked = [where for where, marker in markers.items() if marker in text]
        assert not leaked, f"{suffix}: {leaked}"
        assert "987,5" not in text and "987.5" not in text, suffix  # the budget
        assert "83,7" not in text, suffix  # a member's availability
        assert "Réticent" not in text and "Posture" not in text, suffix  # stances
        assert not TOOL_COMMAND.search(text), (suffix, TOOL_COMMAND.search(text))
        assert "Points de vigilance" not in text, suffix


def test_the_internal_edition_carries_every_internal_answer(
        editions: dict[str, dict[str, str]], marked: tuple[Path, dict[str, str]]) -> None:
    _, markers = marked
    for suffix in (".md", ".html", ".docx", ".pdf"):
        text = editions["internal"][suffix]
        missing = [where for where, marker in markers.items() if marker not in text]
        assert not missing, f"{suffix}: {missing}"
        assert "Document interne – ne pas diffuser" in text
        if suffix != ".pdf":  # words in narrow PDF columns may be hyphenated
            assert "987,5" in text and "Réticent" in text and "Points de vigilance" in text


def test_risks_shown_to_vendors_name_nobody(editions: dict[str, dict[str, str]]) -> None:
    vendor = editions["vendor"][".md"]
    risks = vendor.split("Risques du projet")[1].split("###")[0]
    assert "Extraction des anciennes données confiée à un membre de l'équipe projet seul" in risks
    assert "Quartzeux" not in risks and "Zébulon" not in risks
    assert "| Humain |" not in risks and "| Financier |" not in risks
    assert TEAMMATE in vendor  # the team table: project team members appear by name and role
    internal = editions["internal"][".md"]
    assert f"confiée à {TEAMMATE} seul" in internal


def test_quality_findings_are_in_the_internal_note_only(
        editions: dict[str, dict[str, str]], bank: Questionnaire) -> None:
    from cdc.checks import check_answers

    data, _ = marked_answers(bank)
    messages = [normalise(f.message) for f in check_answers(data, bank).findings
                if f.category not in ("missing", "open_point")]
    assert messages
    for message in messages:
        assert message not in editions["vendor"][".md"]
        assert message in editions["internal"][".md"]


@pytest.mark.slow
def test_weasyprint_vendor_pdf_has_no_marker(marked: tuple[Path, dict[str, str]],
                                              tmp_path: Path) -> None:
    path, markers = marked
    result = cdc("render", path, "-f", "pdf", "-o", tmp_path, "--pdf-engine", "weasyprint")
    assert result.returncode == 0, result.stderr
    text = text_of(only(tmp_path, ".pdf"))
    assert not [w for w, m in markers.items() if m in text]
    assert "Réticent" not in text and not TOOL_COMMAND.search(text)


# --------------------------------------------------------------------------- the examples


def internal_texts(data: dict[str, Any], bank: Questionnaire) -> list[str]:
    """The examples' own internal answers long enough to be unmistakable (and not also given
    as a vendor answer: a respondent's job title may be a team member's role too)."""
    found: list[str] = []
    shared = set(vendor_texts(data, bank))
    for part in bank.parts:
        block = data.get(part.key) or {}
        for q in part.questions:
            raw = block.get(q.id)
            if q.type == "group" and isinstance(raw, list):
                for rec in raw:
                    whole = is_internal(q, data, bank) or internal_record(q, rec)
                    found += [str(rec[f.id]) for f in q.fields
                              if f.type in TEXT_TYPES and isinstance(rec.get(f.id), str)
                              and (whole or is_internal(f, data, bank))]
            elif q.type in TEXT_TYPES and isinstance(raw, str) and is_internal(q, data, bank):
                found.append(raw)
    return [t for t in (normalise(t).strip() for t in found)
            if len(t) >= 25 and not any(t in v for v in shared)]


def vendor_texts(data: dict[str, Any], bank: Questionnaire) -> list[str]:
    found: list[str] = []
    for part in bank.parts:
        block = data.get(part.key) or {}
        for q in part.questions:
            raw = block.get(q.id)
            if q.type == "group" and isinstance(raw, list) and not is_internal(q, data, bank):
                found += [str(rec[f.id]) for rec in raw if not internal_record(q, rec)
                          for f in q.fields if isinstance(rec.get(f.id), str)
                          and not is_internal(f, data, bank)]
            elif isinstance(raw, str) and not is_internal(q, data, bank):
                found.append(raw)
    return [normalise(t).strip() for t in found]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_no_example_leaks_internal_answers(example: Path, bank: Questionnaire,
                                           tmp_path: Path) -> None:
    texts = internal_texts(load_example(example), bank)
    assert len(texts) >= 5, "each example has internal answers to protect"
    for edition in ("vendor", "internal"):
        out = tmp_path / edition
        result = cdc("render", example, "-f", "md,docx", "-o", out, "--edition", edition)
        assert result.returncode == 0, result.stderr
        for suffix in (".md", ".docx"):
            text = text_of(only(out, suffix))
            shown = [t[:50] for t in texts if t in text]
            if edition == "vendor":
                assert not shown, f"{example.name} {suffix}: {shown}"
                assert not TOOL_COMMAND.search(text)
            else:
                assert len(shown) == len(texts), f"{example.name} {suffix}"


# --------------------------------------------------------------------------- the command


def test_names_options_and_open_point_warnings(tmp_path: Path) -> None:
    draft = ROOT / "tests" / "render" / "data" / "northwind-draft.yaml"
    result = cdc("render", draft, "-f", "md,xlsx", "-o", tmp_path)
    assert result.returncode == 0
    assert "open point(s) printed as to be completed" in result.stderr
    assert "warning" in result.stderr and "Which functional modules" in result.stderr
    result = cdc("render", draft, "-f", "md,xlsx", "-o", tmp_path, "--edition", "internal")
    assert result.returncode == 0 and "warning" not in result.stderr
    names = sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".md", ".xlsx"))
    assert names == ["northwind-analytics-ltd-crm-requirements-specification-2027-v0-3-"
                     "internal.md",
                     "northwind-analytics-ltd-crm-requirements-specification-2027-v0-3.md",
                     "northwind-analytics-ltd-crm-requirements-specification-2027-v0-3.xlsx"]

    strict = tmp_path / "strict"
    result = cdc("render", draft, "-f", "md", "-o", strict, "--strict")
    assert result.returncode == 1 and not strict.exists()
    assert "not ready" in result.stderr and "Traceback" not in result.stderr
    assert cdc("render", EXAMPLE, "-f", "md", "-o", strict, "--strict").returncode == 0

    result = cdc("render", draft, "-f", "md", "--edition", "sponsor")
    assert result.returncode == 2 and "unknown edition 'sponsor'" in result.stderr


def test_a_user_template_cannot_leak_an_internal_answer(marked: tuple[Path, dict[str, str]],
                                                        tmp_path: Path) -> None:
    path, markers = marked
    (tmp_path / "tpl" / "fr").mkdir(parents=True)
    (tmp_path / "tpl" / "fr" / "cover.md.j2").write_text(
        "[[cover]]\n\n{{ q.company }}\n\n# {{ q.title }} {-}\n\n"
        "Budget : {{ q.budget_amount }} ; marge : {{ q.negotiation_constraints }}\n\n"
        "{% for r in g.respondents %}{{ r.name }} {% endfor %}\n\n"
        "{% for m in g.members %}{{ m.concerns }} {% endfor %}\n\n[[/cover]]\n",
        encoding="utf-8")
    vendor = tmp_path / "vendor"
    result = cdc("render", path, "-f", "md", "-o", vendor, "--templates", tmp_path / "tpl")
    assert result.returncode == 0, result.stderr
    text = text_of(only(vendor, ".md"))
    assert not [w for w, m in markers.items() if m in text] and "987,5" not in text
    for key in ("budget_amount", "negotiation_constraints", "respondents", "members.concerns"):
        assert f"réponse interne «\u00a0{key}\u00a0»" in result.stderr  # a French file
    result = cdc("render", path, "-f", "md", "-o", tmp_path / "strict", "--templates",
                 tmp_path / "tpl", "--strict")
    assert result.returncode == 1 and "negotiation_constraints" in result.stderr
    internal = tmp_path / "internal"
    result = cdc("render", path, "-f", "md", "-o", internal, "--templates", tmp_path / "tpl",
                 "--edition", "internal")
    assert result.returncode == 0 and "internal answer" not in result.stderr
    text = text_of(only(internal, ".md"))
    assert markers["negotiation_constraints"] in text and "987,5" in text


def test_the_budget_goes_to_vendors_when_disclosed(bank: Questionnaire, tmp_path: Path) -> None:
    data = load_example()
    data["meta"]["disclose_budget"] = True
    path = dump(data, tmp_path / "disclosed.yaml")
    assert cdc("render", path, "-f", "md", "-o", tmp_path).returncode == 0
    text = text_of(only(tmp_path, ".md"))
    assert "Le budget envisagé est de 95 k€" in text
    assert "Contraintes de négociation" not in text  # the rest stays internal


def test_batch_writes_the_edition_asked(tmp_path: Path) -> None:
    result = cdc("batch", EXAMPLE, "-o", tmp_path, "-f", "md", "-j", "1", "--edition", "internal")
    assert result.returncode == 0, result.stderr
    written = [p.name for p in tmp_path.rglob("*.md")]
    assert len(written) == 1 and written[0].endswith("-interne.md")
    assert cdc("batch", EXAMPLE, "-o", tmp_path, "-f", "md", "--edition", "x").returncode == 2


# --------------------------------------------------------------------------- the bank


def test_the_bank_says_who_reads_each_answer(bank: Questionnaire) -> None:
    internal = {q.key for q in bank.questions() if q.audience == "internal"}
    internal |= {f.key for q in bank.questions() for f in q.fields if f.audience == "internal"}
    assert {"change_drivers", "data_producers", "budget_amount", "budget_includes",
            "negotiation_constraints", "shortlisted_vendors", "respondents", "members.stance",
            "members.concerns", "members.availability", "blockers.owner"} <= internal
    category = bank.by_id["blockers"].field("category")
    assert category is not None
    assert {c.value for c in category.choices if c.audience == "internal"} == {
        "human", "financial", "organisational"}
    assert bank.by_id["budget_amount"].disclose_when is not None


def test_questions_and_schema_show_the_audience(tmp_path: Path) -> None:
    import json

    listing = cdc("questions", "--part", "6", env={"COLUMNS": "200"})
    line = next(x for x in listing.stdout.splitlines() if "members.stance" in x)
    assert "internal" in line
    schema = json.loads(cdc("schema").stdout)
    company = schema["properties"]["company"]["properties"]
    assert company["change_drivers"]["x-audience"] == "internal"
    assert company["who_needs_tool"]["x-audience"] == "vendor"
    assert "Internal: left out of the specification" in company["change_drivers"]["description"]


def test_the_bank_loader_checks_the_audience(tmp_path: Path) -> None:
    import shutil

    from cdc.errors import CdcError
    from cdc.questionnaire import load_questionnaire

    folder = tmp_path / "bank"
    shutil.copytree(ROOT / "questionnaires", folder, ignore=shutil.ignore_patterns("catalogue"))
    path = folder / "6-team.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("audience: internal", "audience: secret", 1), encoding="utf-8")
    with pytest.raises(CdcError) as caught:
        load_questionnaire(folder)
    problem = caught.value.problems[0]
    assert "audience must be vendor or internal" in problem.message
    assert problem.location.file.endswith("6-team.yaml") and problem.location.line > 0


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_a_risk_has_the_same_number_in_both_editions(example: Path, bank: Questionnaire) -> None:
    """A sponsor quotes the internal note's R2 to a vendor: it must be the vendor's R2."""
    from cdc.project import validate_project
    from cdc.spec import build_spec

    validation = validate_project(example, bank)
    data, lang = validation.data, validation.language()
    internal = build_spec(data, bank, lang, edition="internal").risks
    vendor = build_spec(data, bank, lang, edition="vendor").risks
    shared = [r for r in internal if r.shared]
    assert [r.id for r in vendor] == [r.id for r in shared] == \
        [f"R{n}" for n in range(1, len(shared) + 1)]
    assert [r.mitigation.raw for r in vendor] == [r.mitigation.raw for r in shared] or \
        [r.level.raw for r in vendor] == [r.level.raw for r in shared]
    assert [r.id for r in internal] == [f"R{n}" for n in range(1, len(internal) + 1)]


def test_teams_and_companies_are_not_taken_for_people(bank: Questionnaire) -> None:
    """"Cegid" in a RACI cell, "RevOps" as an owner, "Pôle SIAE" in the distribution list are a
    company, a team and a department: the vendor edition keeps them."""
    from cdc.audience import known_people

    data = load_example()
    data["team"]["raci"] = [{"activity": "Montée de version", "responsible": "Cegid",
                             "accountable": "Pôle SIAE", "consulted": "RevOps",
                             "informed": "Claire Dubois"}]
    names = {p.full_name for p in known_people(data, bank)}
    assert not names & {"Cegid", "Pôle SIAE", "RevOps"}
    assert "Claire Dubois" in names
