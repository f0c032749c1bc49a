"""Presents a CheckReport in a terminal (rich) or as JSON. Answers are printed as plain text."""

from __future__ import annotations

import json
from typing import Any

from cdc.checks.model import CheckReport, say
from cdc.questionnaire import Questionnaire
from cdc.terminal import printable

STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
VERDICT_STYLES = {"ready": "bold green", "nearly": "bold yellow", "not_ready": "bold red"}


def report_json(report: CheckReport) -> str:
    """The JSON printed by ``cdc check --format json``."""
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2, default=str)


def _verdict_label(status: str, lang: str) -> str:
    labels = {
        "ready": ("PRÊT à diffuser", "READY to send"),
        "nearly": ("PRESQUE prêt", "NEARLY ready"),
        "not_ready": ("PAS PRÊT", "NOT READY"),
    }
    fr, en = labels[status]
    return say(lang, fr, en)


def print_report(report: CheckReport, bank: Questionnaire, console: Any) -> None:
    """A report grouped by part, then the completeness table and the readiness verdict."""
    lang = report.language
    titles = {p.number: p.title.get(lang) for p in bank.parts}
    console.print(printable(report.validation.file), style="bold", markup=False)
    for number, findings in report.by_part().items():
        title = titles.get(number, "") if number is not None else say(lang, "Général", "General")
        head = f"{number}. {title}" if number is not None else title
        console.print()
        console.print(f"{head} ({len(findings)})", style="bold underline", markup=False)
        for f in findings:
            console.print("  ", end="")
            console.print(f"{f.severity:<7}", style=STYLES.get(f.severity, ""), end="",
                          markup=False)
            paths = " ↔ ".join(printable(p) for p in (f.path, *f.related))
            console.print(f" {paths}", style="dim", end="", markup=False)
            ids = f" [{', '.join(f.requirements)}]" if f.requirements else ""
            console.print(f"  {printable(f.message)}{ids}", markup=False)
            if f.hint:
                console.print(f"          → {printable(f.hint)}", style="dim", markup=False)
    _print_completeness(report, console)
    counts = ", ".join(_count(report.count(s), s, lang) for s in ("error", "warning", "info"))
    console.print()
    console.print(say(lang, "Constat : ", "Findings: ") + counts, markup=False)
    console.print(say(lang, "Verdict : ", "Verdict: "), end="", markup=False)
    console.print(_verdict_label(report.verdict.status, lang),
                  style=VERDICT_STYLES[report.verdict.status], markup=False)
    for reason in report.verdict.reasons:
        console.print(f"  - {printable(reason)}", markup=False)


def _print_completeness(report: CheckReport, console: Any) -> None:
    from rich.table import Table

    lang = report.language
    data = report.completeness
    table = Table(title=say(lang, "Complétude", "Completeness"), title_justify="left",
                  expand=False)
    for column in (say(lang, "partie", "part"), say(lang, "répondu", "answered"), "%",
                   say(lang, "obligatoires manquantes", "required missing"),
                   say(lang, "points ouverts", "open points")):
        table.add_column(column, overflow="fold")
    for part in data.get("parts", []):
        table.add_row(f"{part['part']}. {part['title']}",
                      f"{part['answered']}/{part['applicable']}", str(part["percent"]),
                      ", ".join(part["missing_required"]) or "-", str(part["open_points"]))
    console.print()
    console.print(table)
    console.print(say(lang, f"Total : {data.get('percent', 0)} % des questions applicables ont "
                            "une réponse",
                      f"Total: {data.get('percent', 0)}% of the applicable questions answered"),
                  markup=False)


_SEVERITY_WORDS = {"fr": {"error": "erreur", "warning": "avertissement", "info": "information"},
                   "en": {"error": "error", "warning": "warning", "info": "info"}}


def _count(n: int, severity: str, lang: str) -> str:
    """"2 avertissements", "1 error", "0 erreur" (French keeps 0 and 1 singular)."""
    word = _SEVERITY_WORDS["fr" if lang == "fr" else "en"][severity]
    plural = n > 1 if lang == "fr" else n != 1
    return f"{n} {word}{'s' if plural and word != 'info' else ''}"

