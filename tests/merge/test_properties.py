"""Properties of ``cdc merge`` over generated respondent files: the order of the files does not
matter, merging again changes nothing, and no answer is lost (each is in the output, or quoted
as a version of a disagreement)."""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdc.answers import is_answered
from cdc.merge import merge_files
from cdc.merge.combine import same
from cdc.project import validate_project
from cdc.provenance import read, record_key
from cdc.questionnaire import Questionnaire, load_questionnaire

BANK = load_questionnaire()
PEOPLE = ["Paul Lefèvre", "Thérèse Garnier", "Zoé Müller 😀", "Jean Roux"]
ROLES = ["sales", "sales_admin", "it", "management"]
NOTE = st.sampled_from(["", "voir la DSI", "à préciser", "demander à Thérèse"]).map(
    lambda note: {"todo": note})

SCALARS: dict[tuple[str, str], Any] = {
    ("company", "data_location"): st.sampled_from(
        ["Sage X3", "sage  x3", "Excel", "dans le carnet « bleu »"]) | NOTE,
    ("company", "spreadsheet_count"): st.sampled_from([3, 12, 40]) | NOTE,
    ("company", "target_markets"): st.lists(st.sampled_from(["b2b", "b2c", "b2g"]),
                                            min_size=1, max_size=3, unique=True),
    ("company", "decision_date"): st.sampled_from([dt.date(2027, 3, 1), dt.date(2027, 6, 30)]),
    ("data_flows", "has_website"): st.booleans() | NOTE,
    ("technical", "hosting_mode"): st.sampled_from(["saas", "on_premise"]),
    # answers that add up (merge: join)
    ("company", "sales_channels"): st.lists(st.sampled_from(
        ["field_sales", "inside_sales", "ecommerce"]), min_size=1, max_size=3, unique=True),
    ("company", "who_needs_tool"): st.sampled_from(
        ["Les commerciaux, pour leurs devis.", "L'ADV", "l'adv", "La direction"]) | NOTE,
}

SOURCE = st.fixed_dictionaries(
    {"name": st.sampled_from(["Fichier ADV", "fichier adv.", "Sage X3", "Carnet de Paul"]),
     "kind": st.sampled_from(["spreadsheet", "erp", "paper"])},
    optional={"owner": st.sampled_from(["Thérèse", "moi", "DSI"]) | NOTE,
              "records": st.sampled_from([4000, 5000])})
SOURCES = st.lists(SOURCE, max_size=3, unique_by=lambda r: record_key(r["name"])) | st.just(
    []) | NOTE


@st.composite
def respondent_file(draw: st.DrawFn, person: str) -> dict[str, Any]:
    data: dict[str, Any] = {"schema_version": 1, "meta": {"respondents": [
        {"name": person, "role": "Poste", "interview": draw(st.sampled_from(ROLES))}]}}
    for (part, qid), strategy in SCALARS.items():
        if draw(st.booleans()):
            data.setdefault(part, {})[qid] = draw(strategy)
    if data.get("data_flows", {}).get("has_website") is True and draw(st.booleans()):
        data["data_flows"]["monthly_visitors"] = draw(st.sampled_from([800, 1200]))
    if draw(st.booleans()):
        data.setdefault("data_flows", {})["sources"] = draw(SOURCES)
    return data


@st.composite
def respondent_files(draw: st.DrawFn) -> list[dict[str, Any]]:
    people = draw(st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=4, unique=True))
    return [draw(respondent_file(person)) for person in people]


def write_all(folder: Path, files: list[dict[str, Any]]) -> list[Path]:
    paths = []
    for i, data in enumerate(files):
        path = folder / f"r{i}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        paths.append(path)
    return paths


def is_kept(out: dict[str, Any], bank: Questionnaire, at: str, value: Any, record: str = "",
            field: str = "") -> bool:
    """``value`` is in the output at its place, or quoted as a version of a disagreement."""
    part, qid = at.split(".")
    current = (out.get(part) or {}).get(qid)
    if record:
        group = bank.by_id[qid]
        matches = [r for r in current or [] if isinstance(r, dict)
                   and record_key(str(r.get(group.identity_fields[0]) or "")) == record_key(
                       record)]
        if len(matches) != 1:
            return False
        if field in group.identity_fields:
            return True  # the record's name, written one of the ways people wrote it
        current = matches[0].get(field)
    if current is not None and same(current, value):
        return True
    question = bank.by_id[qid]
    if question.merge == "join" and current is not None and not record:
        if isinstance(value, list):
            return set(value) <= set(current)
        return any(same(part, value) for part in str(current).split("\n\n"))
    entries = read(out.get("provenance"))[0].entries
    return any(e.at == at and record_key(e.record) == record_key(record) and e.field == field
               and any(same(v.answer, value) for v in e.versions) for e in entries)


SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(respondent_files())
def test_order_does_not_matter_and_merging_again_changes_nothing(
    files: list[dict[str, Any]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_all(folder, files)
        texts = set()
        for n, order in enumerate(itertools.islice(itertools.permutations(paths), 6)):
            out = folder / f"out{n}.yaml"
            merge_files(list(order), out, bank=BANK)
            texts.add(out.read_text(encoding="utf-8"))
        assert len(texts) == 1
        out = folder / "out0.yaml"
        merge_files(list(reversed(paths)), out, bank=BANK)
        assert out.read_text(encoding="utf-8") in texts  # idempotent
        assert validate_project(out, BANK).ok


@SETTINGS
@given(respondent_files())
def test_no_answer_is_lost(files: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        out = folder / "out.yaml"
        merge_files(write_all(folder, files), out, bank=BANK)
        merged = yaml.safe_load(out.read_text(encoding="utf-8"))
        for data in files:
            for part, block in data.items():
                if not isinstance(block, dict):
                    continue
                for qid, value in block.items():
                    at = f"{part}.{qid}"
                    if isinstance(value, list) and value and isinstance(value[0], dict):
                        group = BANK.by_id[qid]
                        for record in value:
                            label = str(record[group.identity_fields[0]])
                            for field, fvalue in record.items():
                                if is_answered(fvalue):
                                    assert is_kept(merged, BANK, at, fvalue, label, field), \
                                        (at, label, field, fvalue)
                    elif is_answered(value):
                        assert is_kept(merged, BANK, at, value), (at, value)
