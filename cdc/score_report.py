"""The score report of ``cdc score``: terminal tables and JSON (the workbook that computes
itself is :mod:`cdc.score_workbook`).

The tables: the functional comparison per module, the eliminatory requirements not covered,
then, from the packs, each offer's yearly prices and five-year cost, and the ranking on the
award criteria with each criterion's points.

Vendor names, modules and statements come from files: they are written as text (never as a
formula) and printed as text (never as markup).
"""

from __future__ import annotations

import io
import json
from typing import Any

from cdc.errors import CdcError
from cdc.questionnaire import Localized
from cdc.scoring import ScoreReport, VendorScore
from cdc.terminal import printable

WORDS = {
    "module": Localized("Module", "Module"),
    "total": Localized("Total", "Total"),
    "eliminatory": Localized("Éliminatoires non couvertes", "Eliminatory not covered"),
    "unanswered": Localized("Sans réponse", "Not answered"),
    "verdict": Localized("Conformité", "Compliance"),
    "compliant": Localized("conforme", "compliant"),
    "not_compliant": Localized("non conforme", "not compliant"),
    "modified": Localized("Grille modifiée ou réponses invalides",
                          "Grid modified or invalid answers"),
    "tampered_note": Localized("⚠ grille modifiée ou réponses invalides : voir les erreurs",
                               "⚠ grid modified or invalid answers: see the errors"),
    "untrusted_note": Localized(
        "⚠ notation faite sur les données des grilles elles-mêmes : utilisez --answers",
        "⚠ scored from the grids' own data: use --answers"),
    "vendor": Localized("Éditeur", "Vendor"),
    "requirement": Localized("Exigence", "Requirement"),
    "coverage": Localized("Couverture", "Coverage"),
    "not_answered": Localized("sans réponse", "not answered"),
    "comparison": Localized("Comparaison", "Comparison"),
    "failures": Localized("Éliminatoires", "Eliminatory"),
    "score": Localized("Score", "Score"),
    "detail": Localized("Détail", "Detail"),
    "weights": Localized("Barème", "Weights"),
    "priority": Localized("Priorité", "Priority"),
    "priority_points": Localized("Points priorité", "Priority points"),
    "maximum": Localized("Maximum", "Maximum"),
    "points": Localized("Points", "Points"),
    "eliminatory_flag": Localized("Éliminatoire", "Eliminatory"),
    "not_covered_flag": Localized("Élim. non couverte", "Elim. not covered"),
    "source": Localized("Exigences : ", "Requirements: "),
    "source_grids": Localized("les grilles elles-mêmes (non vérifiées, voir --answers)",
                              "the grids themselves (unchecked, see --answers)"),
    "ranking": Localized("Classement", "Ranking"),
    "rank": Localized("Rang", "Rank"),
    "not_ranked": Localized("non classée", "not ranked"),
    "prices": Localized("Prix", "Prices"),
    "year": Localized("Année {n}", "Year {n}"),
    "later": Localized("Années 2 à 5, par an", "Years 2 to 5, a year"),
    "prices_note": Localized("Calculés par cdc à partir des montants saisis ; le détail par "
                             "année est dans le classeur (-f xlsx) et le JSON.",
                             "Computed by cdc from the amounts entered; each year's detail "
                             "is in the workbook (-f xlsx) and the JSON."),
    "tco": Localized("Coût sur 5 ans", "5-year cost"),
    "options": Localized("Options", "Optional items"),
    "state": Localized("Bordereau", "Pricing form"),
    "complete": Localized("complet", "complete"),
    "incomplete": Localized("incomplet", "incomplete"),
    "no_form": Localized("absent", "none"),
    "ranking_note": Localized(
        "Note sur {weight} ; prix de référence : {lowest}. Une offre non conforme (exigence "
        "éliminatoire non couverte) n'est pas classée ; ses notes sont données pour information.",
        "Score out of {weight}; reference price: {lowest}. An offer that is not compliant (an "
        "eliminatory requirement not covered) is not ranked; its scores are shown for "
        "information."),
    "none": Localized("aucun", "none"),
}
# Why a criterion scored nothing for an offer (cdc.award.REASONS), as the tables say it.
REASON_WORDS = {
    "no_form": Localized("pas de bordereau de prix", "no pricing form"),
    "incomplete": Localized("bordereau incomplet", "pricing form incomplete"),
    "zero": Localized("coût sur 5 ans de 0", "a five-year total of 0"),
    "no_price": Localized("aucune offre chiffrée en entier", "no offer has a complete price"),
    "no_note": Localized("pas de note", "no note"),
}


def _w(report: ScoreReport, key: str) -> str:
    return WORDS[key].get(report.lang)


def percent_text(value: float, lang: str) -> str:
    text = f"{value:.1f}"
    return f"{text.replace('.', ',')}\u00a0%" if lang == "fr" else f"{text}%"


def module_names(report: ScoreReport) -> list[str]:
    names: list[str] = []
    for vendor in report.vendors:
        for m in vendor.modules:
            if m.module not in names:
                names.append(m.module)
    return names


def by_coverage(report: ScoreReport) -> list[VendorScore]:
    return sorted(report.vendors, key=lambda v: (-v.percent, v.vendor))


def money(value: float, lang: str) -> str:
    """12 345,50 € / €12,345.50; whole amounts without decimals (12 345 €)."""
    text = f"{value:,.0f}" if abs(value - round(value)) < 0.005 else f"{value:,.2f}"
    if lang == "en":
        return f"€{text}"
    return text.replace(",", "\u202f").replace(".", ",") + "\u00a0€"


def points(value: float, lang: str) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang != "en" else text


def _price_json(vendor: VendorScore) -> dict[str, Any] | None:
    price = vendor.price
    if price is None:
        return None
    return {"complete": price.complete, "yearly": [round(v, 2) for v in price.yearly],
            "tco": round(price.tco, 2), "options": [round(v, 2) for v in price.options],
            "cells_missing_or_refused": price.problems}


def _award_json(report: ScoreReport) -> dict[str, Any] | None:
    found = report.award
    if found is None:
        return None
    return {
        "criteria": [{"key": c.key, "kind": c.kind, "label": c.label, "weight": c.weight}
                     for c in found.criteria],
        "lowest_price": found.lowest_price,
        "evaluation": report.evaluation or None,
        "ranking": [{
            "rank": s.rank, "vendor": s.vendor, "file": s.file, "compliant": s.compliant,
            "total": s.total,
            "scores": {x.key: {"points": round(x.points, 4), "basis": x.basis,
                               "note": x.why or None} for x in s.scores},
        } for s in found.standings],
    }


def to_json(report: ScoreReport) -> dict[str, Any]:
    """The report as plain data (``--format json``)."""
    return {
        "project_id": report.project_id,
        "lang": report.lang,
        "answers": report.answers or None,
        "trusted": report.trusted,
        "vendors": [{
            "vendor": v.vendor,
            "file": v.file,
            "obtained": v.obtained,
            "maximum": v.maximum,
            "percent": v.percent,
            "compliant": v.compliant,
            "grid_modified": v.tampered,
            "modules": [{"module": m.module, "requirements": m.count, "answered": m.answered,
                         "obtained": m.obtained, "maximum": m.maximum, "percent": m.percent}
                        for m in v.modules],
            "eliminatory_not_covered": [{"id": f.id, "statement": f.statement,
                                         "coverage": f.coverage} for f in v.failures],
            "not_answered": v.unanswered,
            "price": _price_json(v),
            "questionnaire": v.questionnaire.answers if v.questionnaire else None,
        } for v in report.vendors],
        "award": _award_json(report),
        "problems": [{"severity": p.severity, "file": p.location.file, "message": p.message,
                      "hint": p.hint} for p in report.problems],
    }


def to_table(report: ScoreReport) -> Any:
    """A rich renderable: the comparison table, then the eliminatory non-compliances."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    def text(value: object, style: str = "") -> Text:
        return Text(printable(value), style=style)

    lang = report.lang
    table = Table(title=text(f"{_w(report, 'comparison')} — {report.project_id}"),
                  show_lines=False)
    notes = []
    if not report.trusted:
        notes.append(_w(report, "untrusted_note"))
    if any(v.tampered for v in report.vendors):
        notes.append(_w(report, "tampered_note"))
    if notes:
        table.caption = text("\n".join(notes))
    table.add_column(_w(report, "module"))
    ranked = by_coverage(report)
    for v in ranked:
        table.add_column(text(v.vendor + (" ⚠" if v.tampered else "")), justify="right")
    for name in module_names(report):
        cells = []
        for v in ranked:
            m = next((m for m in v.modules if m.module == name), None)
            cells.append(percent_text(m.percent, lang) if m else "—")
        table.add_row(text(name), *cells)
    table.add_section()
    table.add_row(text(_w(report, "total"), "bold"),
                  *[text(f"{percent_text(v.percent, lang)} ({v.obtained}/{v.maximum})", "bold")
                    for v in ranked])
    table.add_row(_w(report, "eliminatory"), *[str(len(v.failures)) for v in ranked])
    table.add_row(_w(report, "unanswered"), *[str(len(v.unanswered)) for v in ranked])
    table.add_row(_w(report, "verdict"), *[
        text(_w(report, "compliant"), "green") if v.compliant
        else text(_w(report, "not_compliant"), "red") for v in ranked])
    parts: list[Any] = [table]
    for v in ranked:
        if not v.failures:
            continue
        detail = Table(title=text(f"{v.vendor}: {_w(report, 'eliminatory').lower()}"),
                       title_justify="left", show_header=True)
        detail.add_column("Id")
        detail.add_column(_w(report, "requirement"), overflow="fold", max_width=70)
        detail.add_column(_w(report, "coverage"))
        for f in v.failures:
            detail.add_row(text(f.id), text(f.statement),
                           text(f.coverage or _w(report, "not_answered")))
        parts.append(detail)
    if any(v.price is not None for v in report.vendors):
        parts.append(_price_table(report, text))
    if report.award is not None:
        parts.append(_ranking_table(report, text))
    return Group(*parts)


def _price_table(report: ScoreReport, text: Any) -> Any:
    from rich.table import Table

    lang = report.lang
    table = Table(title=text(_w(report, "prices") + (" (€ HT)" if lang != "en" else
                                                     " (€, excl. VAT)")))
    table.caption = text(_w(report, "prices_note"))
    table.add_column(_w(report, "vendor"))
    table.add_column(WORDS["year"].get(lang).format(n=1), justify="right")
    table.add_column(_w(report, "later"), justify="right")
    table.add_column(_w(report, "tco"), justify="right", style="bold")
    table.add_column(_w(report, "options"), justify="right")
    table.add_column(_w(report, "state"))
    for v in sorted(report.vendors, key=lambda v: (v.price is None, v.price.tco if v.price
                                                   else 0, v.vendor)):
        if v.price is None:
            table.add_row(text(v.vendor), *["—"] * 4, _w(report, "no_form"))
            continue
        state = _w(report, "complete") if v.price.complete else _w(report, "incomplete")
        later = sorted({round(y, 2) for y in v.price.yearly[1:]})
        table.add_row(text(v.vendor), money(v.price.yearly[0], lang),
                      " – ".join(money(y, lang) for y in (later[0], later[-1]))
                      if len(later) > 1 else money(later[0], lang),
                      money(v.price.tco, lang), money(sum(v.price.options), lang),
                      text(state, "" if v.price.complete else "red"))
    return table


def _ranking_table(report: ScoreReport, text: Any) -> Any:
    from rich.table import Table

    found = report.award
    assert found is not None
    lang = report.lang
    table = Table(title=text(_w(report, "ranking")))
    table.caption = text(_w(report, "ranking_note").format(
        weight=f"{found.weight:g}", lowest=money(found.lowest_price, lang)
        if found.lowest_price is not None else _w(report, "none")))
    table.add_column(_w(report, "rank"), justify="right")
    table.add_column(_w(report, "vendor"))
    for c in found.criteria:
        table.add_column(text(f"{c.label} ({c.weight:g})"), justify="right", max_width=18,
                         overflow="fold")
    table.add_column(_w(report, "total"), justify="right", style="bold")
    table.add_column(_w(report, "verdict"))
    for s in found.standings:
        cells = []
        for c in found.criteria:
            score = s.score(c.key)
            reason = REASON_WORDS[score.reason].get(lang) if score.reason else ""
            cells.append(points(score.points, lang) + (f" ({reason})" if reason else ""))
        table.add_row(str(s.rank) if s.rank else "—", text(s.vendor), *map(text, cells),
                      points(s.total, lang),
                      text(_w(report, "compliant"), "green") if s.compliant
                      else text(_w(report, "not_compliant"), "red"))
    return table


def to_text(report: ScoreReport) -> str:
    """The table as plain text (``--format text -o FILE``)."""
    from cdc.terminal import console as make_console

    console = make_console(record=True, width=120, file=io.StringIO(), color_system=None,
                           soft_wrap=False)
    console.print(to_table(report))
    return str(console.export_text())


def render(report: ScoreReport, fmt: str) -> str | bytes:
    """The report in ``fmt`` (text, json or xlsx)."""
    if fmt == "json":
        return json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n"
    if fmt == "xlsx":
        from cdc.score_workbook import to_xlsx

        return to_xlsx(report)
    if fmt == "text":
        return to_text(report)
    raise CdcError(f"unknown format {fmt!r}", "Use text, json or xlsx.")
