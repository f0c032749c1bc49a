"""The score workbook's sheets from the packs: prices, ranking, questionnaires.

- Prix / Prices: per vendor, the amounts it entered and the pricing form's formulas (years,
  totals, five-year cost), so that the cost is recomputed from the amounts, not copied;
- Classement / Ranking: the criteria and weights, then per offer its compliance and coverage
  (formulas over the comparison sheet), its five-year cost (over the prices), the committee's
  notes, each criterion's points, the weighted total and the rank, all formulas; the reference
  price is the lowest cost among the compliant offers with a complete form;
- Questionnaires: each question of the vendor questionnaire, one column of answers per vendor.

The formulas follow :mod:`cdc.award` step by step: LibreOffice's recalculation gives cdc's
figures (tests check it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cdc.award import DIGITS, NOTE_MAX
from cdc.pack.pricing import TOTAL_SECTIONS, YEARS, LineInputs, PriceLine
from cdc.questionnaire import Localized

_W = {
    "ranking": Localized("Classement", "Ranking"),
    "prices": Localized("Prix", "Prices"),
    "questionnaires": Localized("Questionnaires", "Questionnaires"),
    "criterion": Localized("Critère", "Criterion"),
    "kind": Localized("Nature", "Kind"),
    "weight": Localized("Poids", "Weight"),
    "lowest": Localized("Prix de référence (coût sur 5 ans le plus bas des offres conformes "
                        "complètes)", "Reference price (lowest 5-year cost of the complete "
                        "compliant offers)"),
    "rank": Localized("Rang", "Rank"),
    "vendor": Localized("Éditeur", "Vendor"),
    "compliance": Localized("Conformité", "Compliance"),
    "complete": Localized("Bordereau complet", "Pricing form complete"),
    "coverage": Localized("Couverture fonctionnelle", "Functional coverage"),
    "tco": Localized("Coût sur 5 ans", "5-year cost"),
    "note": Localized("Note", "Note"),
    "points": Localized("Points", "Points"),
    "total": Localized("Total", "Total"),
    "compared": Localized("Coût comparé (conforme, complet)", "Cost compared (compliant, "
                          "complete)"),
    "priced": Localized("Coût complet", "Complete cost"),
    "not_ranked": Localized("non classée", "not ranked"),
    "item": Localized("Poste", "Item"),
    "detail": Localized("Précisions", "Details"),
    "quantity": Localized("Quantité", "Quantity"),
    "unit": Localized("Prix unitaire", "Unit price"),
    "year": Localized("Année {n}", "Year {n}"),
    "total5": Localized("Total 5 ans", "5-year total"),
    "year_total": Localized("Total par an (hors options)", "Total per year (optional items "
                            "excluded)"),
    "kinds": Localized("Calculé par cdc", "Computed by cdc"),
    "noted": Localized("Note du comité (0 à 5)", "Committee's note (0 to 5)"),
    "number": Localized("N°", "No."),
    "question": Localized("Question", "Question"),
    "source": Localized("Règles : chapitre 7 du cahier des charges. Une offre non conforme "
                        "n'est pas classée.", "Rules: chapter 7 of the specification. An offer "
                        "that is not compliant is not ranked."),
}
MONEY = {"fr": '#,##0.00\\ "€"', "en": '"€"#,##0.00'}

if TYPE_CHECKING:
    from cdc.score_workbook import ScoreBook


class AwardSheets:
    """Adds the prices, ranking and questionnaires to a score workbook (:mod:`score_workbook`)."""

    def __init__(self, book: ScoreBook) -> None:
        self.book = book
        self.report = book.report
        self.lang = book.lang
        self.money = MONEY["en" if self.lang == "en" else "fr"]
        self.tco: dict[str, str] = {}  # vendor -> its five-year cost cell
        self.complete: dict[str, str] = {}  # vendor -> its "complete" cell

    def w(self, key: str) -> str:
        return _W[key].get(self.lang)

    def build(self) -> None:
        wb = self.book.wb
        if self.report.pack is not None and any(v.price for v in self.report.vendors):
            self.prices(wb.create_sheet(self.w("prices")))
        if self.report.award is not None:
            ranking = wb.create_sheet(self.w("ranking"), 0)
            self.ranking(ranking)
            wb.active = 0
        if self.report.pack is not None and any(v.questionnaire for v in self.report.vendors):
            self.questionnaires(wb.create_sheet(self.w("questionnaires")))

    # ------------------------------------------------------------------ prices

    def prices(self, ws: Any) -> None:
        from openpyxl.styles import Font, PatternFill

        assert self.report.pack is not None
        layout = self.report.pack.price
        put, formula = self.book.put, self.book.formula
        order = [line for line in layout.lines if line.section in TOTAL_SECTIONS] + \
            [line for line in layout.lines if line.section == "options"]
        counted = sum(1 for line in order if line.section in TOTAL_SECTIONS)
        yes, no = self.book.yes, self.book.no
        row = 1
        for vendor in self.report.vendors:
            price = vendor.price
            if price is None:
                continue
            put(ws, row, 1, vendor.vendor, font=Font(name="Arial", size=12, bold=True,
                                                       color="FFFFFF"),
                fill=PatternFill("solid", fgColor="1F3864"))
            self.book.header(ws, row + 1, [self.w("item"), self.w("detail"), self.w("quantity"),
                                           self.w("unit"), *[self.w("year").format(n=n)
                                                             for n in range(1, YEARS + 1)],
                                           self.w("total5")])
            first = row + 2
            for i, line in enumerate(order):
                r = first + i
                self._line(ws, r, line, price.inputs.get(line.key, LineInputs()))
            # The optional items come after the counted lines: the yearly total skips them.
            last_counted = first + counted - 1
            tr = first + len(order)
            put(ws, tr, 1, self.w("year_total"), font=Font(name="Arial", bold=True))
            for c in range(5, 5 + YEARS):
                letter = chr(ord("A") + c - 1)
                formula(ws, tr, c, f"=SUM({letter}{first}:{letter}{last_counted})", self.money)
            formula(ws, tr, 10, f"=SUM(E{tr}:I{tr})", self.money)
            ws.cell(tr, 10).font = Font(name="Arial", bold=True)
            put(ws, tr + 1, 1, self.w("complete"))
            put(ws, tr + 1, 2, yes if price.complete else no)
            self.tco[vendor.vendor] = f"'{ws.title}'!$J${tr}"
            self.complete[vendor.vendor] = f"'{ws.title}'!$B${tr + 1}"
            row = tr + 3
        for col, width in zip("ABCDEFGHIJ", (38, 26, 11, 14, 13, 13, 13, 13, 13, 15),
                              strict=True):
            ws.column_dimensions[col].width = width
        landscape(ws)

    def _line(self, ws: Any, r: int, line: PriceLine, given: LineInputs) -> None:
        put, formula = self.book.put, self.book.formula
        put(ws, r, 1, line.label)
        put(ws, r, 2, given.detail or None)
        quantity = line.quantity if line.quantity is not None else given.quantity
        if line.section in ("licences", "services"):
            put(ws, r, 3, quantity)
            put(ws, r, 4, given.unit)
            ws.cell(r, 4).number_format = self.money
            for year in range(YEARS):
                if line.section == "licences" or year == 0:
                    formula(ws, r, 5 + year, f"=C{r}*D{r}", self.money)
                else:
                    put(ws, r, 5 + year, 0)
                    ws.cell(r, 5 + year).number_format = self.money
        else:
            for year, value in enumerate(given.years):
                put(ws, r, 5 + year, value)
                ws.cell(r, 5 + year).number_format = self.money
        formula(ws, r, 10, f"=SUM(E{r}:I{r})", self.money)

    # ------------------------------------------------------------------ ranking

    def ranking(self, ws: Any) -> None:
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter

        found = self.report.award
        assert found is not None
        put, formula = self.book.put, self.book.formula
        put(ws, 1, 1, f"{self.w('ranking')} — {self.report.project_id}",
            font=Font(name="Arial", size=14, bold=True, color="1F3864"))
        put(ws, 2, 1, self.w("source"), font=Font(name="Arial", italic=True, color="595959"))
        self.book.header(ws, 4, [self.w("criterion"), self.w("kind"), self.w("weight")])
        weight_cell: dict[str, str] = {}
        for i, criterion in enumerate(found.criteria, 5):
            put(ws, i, 1, criterion.label)
            ws.cell(i, 1).alignment = Alignment(wrap_text=True, vertical="top")
            lines = -(-len(criterion.label) // 46)  # column A holds about 46 characters a line
            if lines > 1:  # a long label of the buyer's: LibreOffice keeps a set row height
                ws.row_dimensions[i].height = 13 * lines
            put(ws, i, 2, self.w("noted") if criterion.noted else self.w("kinds"))
            put(ws, i, 3, criterion.weight)
            weight_cell[criterion.key] = f"$C${i}"
        lowest_row = 5 + len(found.criteria)
        put(ws, lowest_row, 1, self.w("lowest"), font=Font(name="Arial", bold=True))
        lowest = f"$C${lowest_row}"
        noted = [c for c in found.criteria if c.noted]
        head = 3 + lowest_row
        labels = [self.w("vendor"), self.w("rank"), self.w("compliance"), self.w("complete"),
                  self.w("coverage"), self.w("tco"),
                  *[f"{self.w('note')} — {c.label}" for c in noted],
                  *[f"{self.w('points')} — {c.label} ({c.weight:g})" for c in found.criteria],
                  self.w("total"), self.w("compared"), self.w("priced")]
        self.book.header(ws, head, labels)
        ws.row_dimensions[head].height = 60
        col = {"note": 7, "points": 7 + len(noted)}
        total_col = col["points"] + len(found.criteria)
        compared_col, priced_col = total_col + 1, total_col + 2
        first, last = head + 1, head + len(found.standings)
        letter = get_column_letter
        comparison = f"'{self.book.w('comparison')}'"
        verdict_row = self.book.total_row + 3
        by_coverage = [v.vendor for v in self.book.ranked]
        compliant = self.book.w("compliant")
        for i, standing in enumerate(found.standings):
            r = first + i
            c = letter(by_coverage.index(standing.vendor) + 2)
            put(ws, r, 1, standing.vendor, font=Font(name="Arial", bold=True))
            formula(ws, r, 3, f"={comparison}!{c}{verdict_row}")
            if standing.vendor in self.complete:
                formula(ws, r, 4, f"={self.complete[standing.vendor]}")
                formula(ws, r, 6, f"={self.tco[standing.vendor]}", self.money)
            else:
                put(ws, r, 4, self.book.no)
            formula(ws, r, 5, f"={comparison}!{c}{self.book.total_row}", "0.0%")
            for j, criterion in enumerate(noted):
                score = standing.score(criterion.key)
                put(ws, r, col["note"] + j, score.basis)
            for j, criterion in enumerate(found.criteria):
                weight = weight_cell[criterion.key]
                if criterion.kind == "functional":
                    text = f"=E{r}*{weight}"
                elif criterion.kind == "price":
                    text = (f'=IF(AND(D{r}="{self.book.yes}",N(F{r})>0,{lowest}>0),'
                            f"MIN(1,{lowest}/F{r})*{weight},0)")
                else:
                    note = f"{letter(col['note'] + noted.index(criterion))}{r}"
                    text = f"=IF(ISNUMBER({note}),{note}/{NOTE_MAX}*{weight},0)"
                formula(ws, r, col["points"] + j, text, "0.00")
            points = f"{letter(col['points'])}{r}:{letter(total_col - 1)}{r}"
            formula(ws, r, total_col, f"=ROUND(SUM({points}),{DIGITS})", "0.00")
            ws.cell(r, total_col).font = Font(name="Arial", bold=True)
            formula(ws, r, compared_col,
                    f'=IF(AND(C{r}="{compliant}",D{r}="{self.book.yes}",N(F{r})>0),F{r},"")',
                    self.money)
            formula(ws, r, priced_col, f'=IF(AND(D{r}="{self.book.yes}",N(F{r})>0),F{r},"")',
                    self.money)
            totals = f"${letter(total_col)}${first}:${letter(total_col)}${last}"
            verdicts = f"$C${first}:$C${last}"
            formula(ws, r, 2, f'=IF(C{r}="{compliant}",SUMPRODUCT(({verdicts}="{compliant}")*'
                    f'({totals}>{letter(total_col)}{r}))+1,"{self.w("not_ranked")}")')
            for c_ in range(2, priced_col + 1):
                ws.cell(r, c_).alignment = Alignment(horizontal="center")
        compared = f"{letter(compared_col)}{first}:{letter(compared_col)}{last}"
        priced = f"{letter(priced_col)}{first}:{letter(priced_col)}{last}"
        formula(ws, lowest_row, 3, f"=IF(COUNT({compared})>0,MIN({compared}),"
                f"IF(COUNT({priced})>0,MIN({priced}),0))", self.money)
        ws.column_dimensions["A"].width = 40
        ws.column_dimensions["B"].width = 22
        for c in range(3, priced_col + 1):
            ws.column_dimensions[letter(c)].width = 15
        ws.freeze_panes = f"B{first}"
        landscape(ws)

    # ------------------------------------------------------------------ questionnaires

    def questionnaires(self, ws: Any) -> None:
        from openpyxl.styles import Alignment
        from openpyxl.utils import get_column_letter

        assert self.report.pack is not None
        layout = self.report.pack.questionnaire
        vendors = [v for v in self.report.vendors if v.questionnaire is not None]
        self.book.header(ws, 1, [self.w("number"), self.w("question"),
                                 *[v.vendor for v in vendors]])
        wrap = Alignment(wrap_text=True, vertical="top")
        for r, question in enumerate(layout.questions, 2):
            self.book.put(ws, r, 1, question.number, alignment=wrap)
            self.book.put(ws, r, 2, question.text, alignment=wrap)
            for c, vendor in enumerate(vendors, 3):
                answers = vendor.questionnaire.answers if vendor.questionnaire else {}
                self.book.put(ws, r, c, answers.get(question.key), alignment=wrap)
        ws.column_dimensions["A"].width = 6
        ws.column_dimensions["B"].width = 50
        for c in range(3, len(vendors) + 3):
            ws.column_dimensions[get_column_letter(c)].width = 40
        ws.freeze_panes = "C2"
        landscape(ws)


def landscape(ws: Any) -> None:
    """Printed across: landscape, one page wide."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
