"""Fuzzing the pricing form of returned packs: whatever a vendor types in its cells, cdc scores
the offer or names the cell, and the five-year cost it computes is the sum of the amounts it
accepted, never a figure the file shows."""

from __future__ import annotations

import functools
import io
import math
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cdc.errors import CdcError
from cdc.pack.pricing import LETTER, YEARS, price_layout
from tests.fuzz.guards import outcome, scaled
from tests.fuzz.strategies import BANK, EXAMPLES
from tests.pack.helpers import ANSWERS

amounts = st.one_of(
    st.none(), st.integers(-10, 10**6), st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(), st.sampled_from(["1200", "douze", "=12*450", "=A1*3", "=1/0", "=(2+3)*4",
                                    "1 200,50 €", "", " ", "=SUM(D7:D8)", "x" * 300]))


@functools.cache
def pack() -> bytes:
    from cdc.writers.xlsx import grid_bytes

    data = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))
    return grid_bytes(data, BANK)


@functools.cache
def layout() -> Any:
    return price_layout(yaml.safe_load(ANSWERS.read_text(encoding="utf-8")), BANK, "fr")


@settings(max_examples=scaled(25))
@given(data=st.data(), fmt=st.sampled_from(["text", "json", "xlsx"]))
def test_any_price_is_computed_or_named(data: st.DataObject, fmt: str) -> None:
    from openpyxl import load_workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from cdc.score_report import render
    from cdc.scoring import score_grids

    EXAMPLES["score (pricing form)"] += 1
    wb = load_workbook(io.BytesIO(pack()))
    wb["Instructions"]["B15"] = "Fuzz"
    ws = wb["Prix"]
    typed: dict[str, Any] = {}
    for line in layout().lines:
        for column in line.priced():
            if data.draw(st.booleans()):
                value = data.draw(amounts)
                if isinstance(value, str):
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                ref = f"{LETTER[column]}{line.row}"
                ws[ref] = value
                typed[ref] = value
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "vendor.xlsx"
        wb.save(path)
        report = outcome(lambda: score_grids([path], ANSWERS))
        assert not isinstance(report, CdcError), report
        [vendor] = report.vendors
        price = vendor.price
        assert price is not None
        messages = " ".join(p.message for p in report.problems)
        for ref, value in typed.items():
            plain = isinstance(value, int | float) and not isinstance(value, bool) and \
                0 <= value <= 1e12
            arithmetic = value in ("=12*450", "=(2+3)*4")
            if not (plain or arithmetic or value in (None, "", " ")):
                assert ref in price.problems and f"cell {ref}:" in messages, (ref, value)
        assert math.isfinite(price.tco) and len(price.yearly) == YEARS
        if price.complete:
            assert not price.problems and price.tco >= 0
        rendered = outcome(lambda: render(report, fmt))
        assert not isinstance(rendered, CdcError)
