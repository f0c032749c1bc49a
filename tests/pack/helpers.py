"""A vendor answering the pack: grid, pricing form and questionnaire filled with openpyxl."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from cdc.pack.pricing import LETTER, YEAR_KEYS, price_layout
from cdc.pack.questionnaire import questionnaire_layout
from cdc.questionnaire import load_questionnaire

DATA = Path(__file__).resolve().parent / "data"
ANSWERS = DATA / "answers.yaml"


def layouts(answers: Path = ANSWERS, lang: str = "fr") -> tuple[Any, Any]:
    import yaml

    data = yaml.safe_load(answers.read_text(encoding="utf-8"))
    bank = load_questionnaire()
    return price_layout(data, bank, lang), questionnaire_layout(data, bank, lang)


def fill_pack(pack: Path, target: Path, vendor: str, coverage: str,
              prices: Mapping[str, Mapping[str, Any]] | None = None,
              answers: Mapping[str, Any] | None = None, eliminatory_gap: bool = False,
              answers_file: Path = ANSWERS, lang: str = "fr") -> Path:
    """Fills the grid with ``coverage`` everywhere (one eliminatory requirement "Non couvert"
    with ``eliminatory_gap``), the pricing form from ``prices`` (line label → column → value)
    and the questionnaire from ``answers`` (question key → value; every question answered
    "Réponse" by default)."""
    price, form = layouts(answers_file, lang)
    wb = load_workbook(pack)
    names = wb.sheetnames
    grid = wb[names[1]]
    wb[names[0]][wb["_cdc"]["B6"].value] = vendor
    gap_done = False
    for r in range(4, grid.max_row + 1):
        value = coverage
        if eliminatory_gap and not gap_done and grid.cell(r, 5).value in ("Oui", "Yes"):
            value = "Non couvert" if lang == "fr" else "Not covered"
            gap_done = True
        grid.cell(r, 7, value)
        grid.cell(r, 8, "Voir la documentation")
    if prices is not None:
        ws = wb[price.sheet]
        for line in price.lines:
            for column, value in prices.get(line.label, {}).items():
                ws[f"{LETTER[column]}{line.row}"] = value
    ws = wb[form.sheet]
    given = dict(answers or {})
    for q in form.questions:
        value = given.get(q.key, q.choices[0] if q.choices else 12 if q.kind == "number"
                          else "Réponse")
        if value is not None:
            ws[q.cell] = value
    wb.save(target)
    return target


def yearly(amount: float) -> dict[str, float]:
    """The same amount for each of the five years."""
    return {y: amount for y in YEAR_KEYS}


def complete_pack(wb: Any, answers_file: Path, lang: str = "fr", amount: float = 100) -> None:
    """Prices every cell a vendor must fill with ``amount`` and answers every question: an
    honest, complete pack (for tests about the grid alone)."""
    price, form = layouts(answers_file, lang)
    if price.sheet in wb.sheetnames:
        ws = wb[price.sheet]
        for line in price.lines:
            if line.required:
                for column in line.priced():
                    ws[f"{LETTER[column]}{line.row}"] = amount
    if form.sheet in wb.sheetnames:
        ws = wb[form.sheet]
        for q in form.questions:
            ws[q.cell] = q.choices[0] if q.choices else 12 if q.kind == "number" else "Réponse"
