"""Hypothesis strategies for hostile inputs: answers files made from the bank, then broken.

Three layers, as a consultant's or an attacker's file would be: values that the bank accepts,
values of the wrong type or out of range for a question, and YAML-level mutations of the text
(merge keys, anchors, tags, duplicate keys, deep nesting, unicode edge cases, truncation, bytes
that are not UTF-8). Returned grids: an honest grid, then edited cells, types, sizes, sheets and
archive bytes.

``EXAMPLES`` counts the examples each property ran (bench/fuzz.py prints them).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import functools
import io
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from cdc.answer_values import value_bounds
from cdc.questionnaire import Question, load_questionnaire

ROOT = Path(__file__).resolve().parents[2]
BANK = load_questionnaire()
SEEDS = [yaml.safe_load(p.read_text(encoding="utf-8"))
         for p in [*sorted((ROOT / "examples").glob("*.yaml")),
                   ROOT / "tests" / "requirements" / "data" / "answers.yaml"]]

EXAMPLES: Counter[str] = Counter()

TOP: list[tuple[str, Question]] = [(p.key, q) for p in BANK.parts for q in p.questions]
GROUPS: list[tuple[str, Question]] = [(k, q) for k, q in TOP if q.fields]

UNICODE_EDGES = ["", " ", "\t", "\n\n", "é", "« guillemets »", "a\u00a0: b", "🚀👍🏽", "\u200b",
                 "\u202eevil", "\x1b[31mred", "[/x]", "[link=file:///etc/passwd]x[/link]",
                 "{{ 7*7 }}", "{% raw %}", "=HYPERLINK(\"x\")", "+1", "@a", "-2", "Durand\\Fils",
                 "\\1\\g<0>", "x" * 5000, "%s%n", "<script>", "ﬁ", "İ", "\u0301", "\x85", "\x7f",
                 "line\rbreak", "\u2028", "con", "../../etc", "C:\\\\x"]

text = st.one_of(st.sampled_from(UNICODE_EDGES), st.text(max_size=40),
                 st.text(alphabet=st.characters(codec="utf-8"), max_size=12))
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**15, max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True), text,
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1899, 12, 31),
                     dt.date(2201, 1, 1)]))
any_value = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(text, inner, max_size=3),
    st.just({"todo": None}), st.builds(lambda v: {"todo": v}, inner)), max_leaves=8)


def valid_value(question: Question) -> st.SearchStrategy[Any]:
    """A value the bank accepts for ``question`` (sometimes an open point)."""
    kind = question.type
    if kind in ("text", "long_text"):
        base: st.SearchStrategy[Any] = text
    elif kind in ("integer", "number"):
        low, high = value_bounds(question)
        base = st.integers(int(max(low, -10**13)), int(min(high, 10**13)))
        if kind == "number":
            base = st.one_of(base, st.floats(low, high, allow_nan=False, allow_infinity=False))
    elif kind == "date":
        base = st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31))
    elif kind == "choice":
        base = st.sampled_from(question.choice_values())
    elif kind == "multi_choice":
        base = st.lists(st.sampled_from(question.choice_values()), unique=True, max_size=4)
    elif kind == "yes_no":
        base = st.booleans()
    elif kind == "group":
        base = st.lists(record(question), max_size=3)
    else:
        base = text
    return st.one_of(base, st.just({"todo": "à préciser"}), st.none())


@st.composite
def record(draw: Any, question: Question) -> dict[str, Any]:
    fields = draw(st.lists(st.sampled_from(question.fields), unique_by=lambda f: f.id,
                           max_size=len(question.fields)))
    return {f.id: draw(valid_value(f)) for f in fields}


@st.composite
def answers_data(draw: Any) -> Any:
    """A real answers file (an example), with a few answers replaced: valid, wrong, removed."""
    data = copy.deepcopy(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(0, 6))):
        part, question = draw(st.sampled_from(TOP))
        block = data.setdefault(part, {})
        if not isinstance(block, dict):
            continue
        how = draw(st.sampled_from(["valid", "valid", "wrong", "delete", "field", "unknown"]))
        if how == "valid":
            block[question.id] = draw(valid_value(question))
        elif how == "wrong":
            block[question.id] = draw(any_value)
        elif how == "delete":
            block.pop(question.id, None)
        elif how == "unknown":
            block[draw(text)] = draw(any_value)
        else:
            gpart, group = draw(st.sampled_from(GROUPS))
            records = data.setdefault(gpart, {}).get(group.id)
            if isinstance(records, list) and records:
                i = draw(st.integers(0, len(records) - 1))
                if isinstance(records[i], dict):
                    field = draw(st.sampled_from(group.fields))
                    records[i][field.id] = draw(st.one_of(valid_value(field), any_value))
    if draw(st.integers(0, 19)) == 0:
        data = draw(any_value)  # not even a mapping of parts
    return data


def dump(data: Any) -> str:
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except (yaml.YAMLError, UnicodeError):
        return yaml.safe_dump(data, allow_unicode=False, sort_keys=False)


_TAGS = ["!!python/object:os.system", "!custom", "!!binary", "!!set", "!!str", "!!float",
         "!!timestamp", "!!omap", "!<tag:yaml.org,2002:int>", "!!python/name:os.system"]


@st.composite
def yaml_bytes(draw: Any) -> bytes:
    """The answers as YAML text, then 0 to 3 mutations of the text or its bytes."""
    content = dump(draw(answers_data()))
    lines = content.split("\n")
    for _ in range(draw(st.integers(0, 3))):
        what = draw(st.sampled_from(
            ["merge_map", "merge_scalar", "merge_list", "anchor", "tag", "duplicate", "deep",
             "escape", "crlf", "tab", "bomb", "truncate", "indent"]))
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        if what == "merge_map":
            lines.insert(i, "  <<: {title: Fusion, company: X}")
        elif what == "merge_scalar":
            lines.insert(i, draw(st.sampled_from(["  <<: x", "<<: 1", "  <<: [a, 1]"])))
        elif what == "merge_list":
            lines[:0] = ["base: &b {a: 1}"]
            lines.insert(min(i + 1, len(lines)), "  <<: [*b, *b]")
        elif what == "anchor":
            lines[i] = lines[i] + " &a1" if lines[i].rstrip().endswith(":") else lines[i]
            lines.append("extra: *a1")
        elif what == "tag":
            line = lines[i]
            if ": " in line:
                key, _, value = line.partition(": ")
                lines[i] = f"{key}: {draw(st.sampled_from(_TAGS))} {value}"
        elif what == "duplicate":
            lines.insert(i, lines[i])
        elif what == "deep":
            depth = draw(st.integers(10, 3000))
            lines.append("company:\n  employees: " + "[" * depth + "]" * depth)
        elif what == "escape":
            escape = draw(st.sampled_from(["\\ud800", "\\udfff", "\\uffff", "\\ufffe", "\\x00",
                                           "\\x1b", "\\u202e", "\\U0001F680", "\\N", "\\_"]))
            lines.insert(i, f'  employees: "{escape}"')
        elif what == "crlf":
            lines = [line + "\r" for line in lines]
        elif what == "tab":
            lines[i] = "\t" + lines[i]
        elif what == "bomb":
            lines[:0] = ['a: &a ["x","x","x","x","x","x","x","x","x"]',
                         "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]", "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
                         "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]", "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
                         "f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]"]
        elif what == "truncate":
            lines = lines[: i + 1]
            lines[-1] = lines[-1][: draw(st.integers(0, len(lines[-1])))]
        elif what == "indent":
            lines[i] = " " * draw(st.integers(1, 5)) + lines[i]
    raw = "\n".join(lines).encode("utf-8", "surrogatepass")
    how = draw(st.sampled_from(["utf-8"] * 8 + ["bom", "latin-1", "utf-16", "flip", "nul"]))
    if how == "bom":
        raw = b"\xef\xbb\xbf" + raw
    elif how == "latin-1":
        raw = raw.replace("é".encode(), b"\xe9") + b"\n# caf\xe9\n"
    elif how == "utf-16":
        raw = "\n".join(lines).encode("utf-16", "surrogatepass")
    elif how == "flip" and raw:
        at = draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + bytes([draw(st.integers(0, 255))]) + raw[at + 1:]
    elif how == "nul":
        raw = raw + b"\x00"
    return raw


# --------------------------------------------------------------------------- grids

cell_values = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False,
                                                                      allow_infinity=False),
    text, st.sampled_from(["Standard", "standard ", "Non couvert", "Not covered", "Standart",
                           "Oui", "Non", "CON-001", "=1+1", "x" * 40_000, "Obligatoire"]))


@functools.cache
def honest_grid() -> bytes:
    """The grid of tests/requirements/data/answers.yaml, answered honestly by a vendor."""
    from openpyxl import load_workbook

    from cdc.writers.xlsx import grid_bytes as write_grid

    data = yaml.safe_load((ROOT / "tests" / "requirements" / "data" / "answers.yaml")
                          .read_text(encoding="utf-8"))
    wb = load_workbook(io.BytesIO(write_grid(data, BANK)))
    ws = wb["Grille"]
    wb["Instructions"]["B15"] = "Honnête SA"
    for r in range(4, ws.max_row + 1):
        ws.cell(r, 7, "Configuration")
    return _saved(wb)


def _saved(wb: Any) -> bytes:
    """The workbook's bytes, the same for the same workbook (Hypothesis replays examples: a
    timestamp in the archive would change its size between two runs of one example)."""
    import os

    from cdc.writers.xlsx import workbook_bytes

    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    try:
        return workbook_bytes(wb)
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@st.composite
def grid_bytes(draw: Any) -> bytes:
    """A returned grid: the honest one, with cells edited with openpyxl, then maybe its archive
    bytes mutated."""
    from openpyxl import load_workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    honest = honest_grid()
    wb = load_workbook(io.BytesIO(honest))
    for _ in range(draw(st.integers(0, 6))):
        name = draw(st.sampled_from(wb.sheetnames))
        ws = wb[name]
        how = draw(st.sampled_from(["cell", "cell", "cell", "rename", "delete", "rows"]))
        if how == "cell":
            row = draw(st.integers(1, 80))
            col = draw(st.integers(1, 14))
            value = draw(cell_values)
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)  # openpyxl refuses them itself
            with contextlib.suppress(AttributeError):  # a merged cell cannot be written
                ws.cell(row, col).value = value
        elif how == "rename":
            ws.title = draw(st.sampled_from(["Grid", "Grille", "x", "_cdc", "Instructions2"]))
        elif how == "delete" and len(wb.sheetnames) > 1:
            del wb[name]
        elif how == "rows":
            ws.insert_rows(draw(st.integers(1, 60)), draw(st.integers(1, 3)))
    try:
        data = _saved(wb)
    except Exception:  # openpyxl refuses some edits (a duplicate sheet name): keep the grid
        data = honest
    how = draw(st.sampled_from(["none"] * 6 + ["truncate", "flip", "entry", "bomb_entry"]))
    if how == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif how == "flip":
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
    elif how in ("entry", "bomb_entry"):
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, \
                zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            victim = draw(st.sampled_from(src.namelist()))
            for info in src.infolist():
                payload = src.read(info.filename)
                if info.filename == victim:
                    payload = draw(st.sampled_from([
                        b"", b"<x", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
                        b"<x>&a;</x>", b"\x00" * 100, payload[: len(payload) // 2]]))
                    if how == "bomb_entry":
                        payload = b"<a>" + b" " * 3_000_000 + b"</a>"
                dst.writestr(info.filename, payload)
        data = out.getvalue()
    return data
