"""Issue 14, items 3 and 4: every YAML the tool reads goes through one safe reader, and nothing
downstream of validation sees a value of the wrong type or out of its range."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.hardening.helpers import EXAMPLE, cdc, clean_failure, line_of, replace_line, success

BOMB = """a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

GLOSSARIES = {
    "bomb": (BOMB.encode(), "refused: the file expands to too many values"),
    "syntax": (b"CRM: [unclosed\nERP: x\n", "YAML syntax error"),
    "tag": (b"CRM: !!python/object/apply:os.system [echo hi]\n", "YAML tag"),
    "latin1": ("CRM: Gestion de la relation client, \u00e9diteur\n".encode("latin-1"),
               "not valid UTF-8"),
    "not_text": (b"CRM:\n  - a\n  - b\n", "the definition of 'CRM' must be text"),
    "merge": (b"<<: nothing\n", "merge key"),
}


@pytest.mark.parametrize("case", sorted(GLOSSARIES))
def test_a_user_glossary_is_read_safely(case: str, tmp_path: Path) -> None:
    raw, message = GLOSSARIES[case]
    templates = tmp_path / "templates"
    (templates / "fr").mkdir(parents=True)
    glossary = templates / "fr" / "glossary.yaml"
    glossary.write_bytes(raw)
    result = cdc("render", EXAMPLE, "-f", "md", "-o", tmp_path / "out", "--templates", templates)
    clean_failure(result, str(glossary), message)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


HOSTILE_ANSWERS = {
    # key: (question, value written, message expected: the example is French, so is cdc)
    "merge": ("title", "\n    <<: x", "une clé de fusion (<<) doit désigner un ensemble"),
    "encryption": ("encryption", "1", "une liste de choix est attendue"),
    "formats": ("reversibility_formats", "2027-01-01",
                "une liste de choix est attendue, pas une date"),
    "nested": ("data_subject_rights", "[[access]]", "ne fait pas partie des choix"),
    "digits": ("rpo_hours", "9" * 401, "(401 chiffres) dépasse le maximum 100000"),
    "far_date": ("project_start", "9999-12-31", "en dehors des années 1900 à 2200"),
    "early_date": ("go_live_target", "0001-01-01", "en dehors des années 1900 à 2200"),
    "nan": ("win_rate", ".nan", "un nombre est attendu, pas nan"),
    "inf": ("budget_amount", ".inf", "un nombre est attendu, pas inf"),
    "percent": ("win_rate", "140", "dépasse le maximum 100"),
    "surrogate": ("company", '"Durand \\ud800"', "U+D800"),
    "nonchar": ("company", '"Durand \\uffff"', "U+FFFF"),
    "tag": ("company", "!!python/object:os.system x", "l'étiquette YAML !!python/object"),
    "timestamp_tag": ("company", "!!timestamp 1", "ne correspond pas à son étiquette !!timestamp"),
    "float_tag": ("employees", "!!float null", "ne correspond pas à son étiquette !!float"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_ANSWERS))
def test_hostile_answers_are_located_errors_in_every_command(case: str, tmp_path: Path) -> None:
    key, value, message = HOSTILE_ANSWERS[case]
    path = replace_line(EXAMPLE, tmp_path / "a.yaml", key, value)
    line = line_of(path, key) + (1 if case == "merge" else 0)
    where = f"{path}:{line}:"
    clean_failure(cdc("validate", path), where, message)
    clean_failure(cdc("check", path), where, message)
    clean_failure(cdc("render", path, "-f", "md,xlsx,docx", "-o", tmp_path / "out"), where,
                  message)
    assert not (tmp_path / "out").exists()


def test_a_backslash_in_the_company_name_renders(tmp_path: Path) -> None:
    path = replace_line(EXAMPLE, tmp_path / "a.yaml", "company", '"Durand\\\\Fils \\\\1 \\\\g<0>"')
    success(cdc("render", path, "-f", "docx,xlsx,md", "-o", tmp_path / "out"))
    [docx] = (tmp_path / "out").glob("*.docx")
    with zipfile.ZipFile(docx) as package:
        assert "<Company>Durand\\Fils \\1 \\g&lt;0&gt;</Company>" in \
            package.read("docProps/app.xml").decode()


def test_fuzz_finding_a_deep_duplicate_part_in_the_interview(tmp_path: Path) -> None:
    """Found by bench/fuzz.py: a duplicate key hid a deeply nested value from the safe reader,
    and the interview's round-trip reader then recursed without end."""
    from cdc.errors import CdcError
    from cdc.interview import store
    from cdc.questionnaire import load_questionnaire

    path = tmp_path / "deep.yaml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8") + "\ncompany:\n  employees: "
                    + "[" * 300 + "]" * 300 + "\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(CdcError, match="duplicate key 'company'"):
        store.load(path, load_questionnaire())
    assert path.read_bytes() == before
    clean_failure(cdc("validate", path), f"{path}:", "clé «\u00a0company\u00a0» en double")


def test_a_plan_spanning_three_centuries_renders(tmp_path: Path) -> None:
    """The widest plan the bounds allow (1900 to 2200) draws a Gantt with a bounded number of
    ticks (it drew 600 month labels, about a minute of matplotlib)."""
    import yaml

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    planning = data["planning"]
    planning["project_start"], planning["go_live_target"] = "1900-01-01", "2200-12-31"
    planning["phases"][0]["start"], planning["phases"][0]["end"] = "1900-01-01", "2200-12-31"
    path = tmp_path / "wide.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False).replace(
        "'1900-01-01'", "1900-01-01").replace("'2200-12-31'", "2200-12-31"), encoding="utf-8")
    success(cdc("render", path, "-f", "docx", "-o", tmp_path / "out"))


def test_fuzz_finding_a_tag_that_does_not_fit_its_value_in_the_interview(tmp_path: Path) -> None:
    """Found by bench/fuzz.py: ``!!float null`` passed the safe reader as text, then
    ruamel.yaml raised ValueError when the interview opened the file."""
    from cdc.errors import CdcError
    from cdc.interview import store
    from cdc.questionnaire import load_questionnaire

    path = replace_line(EXAMPLE, tmp_path / "tag.yaml", "employees", "!!float null")
    before = path.read_bytes()
    with pytest.raises(CdcError, match="does not fit its tag !!float"):
        store.load(path, load_questionnaire())
    assert path.read_bytes() == before
