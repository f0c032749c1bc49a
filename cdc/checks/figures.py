"""Figures that disagree across answers: a count against the table it announces, a part larger
than its whole.

- the applications that do not talk to each other against the tools listed;
- the users at go-live against the user profiles' headcounts;
- the staff of the sites against the company's headcount;
- the active customers against the accounts of the ERP, and the customers of the segments;
- a number of sites written in a text against the sites listed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from cdc.checks.consistency import get
from cdc.checks.measurability import records
from cdc.checks.model import Finding, part_number, say
from cdc.questionnaire import normal_text

_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
          "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "one": 1, "two": 2,
          "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "eleven": 11, "twelve": 12}
_SITES = re.compile(r"\b(\d+|" + "|".join(_WORDS) + r") (sites|implantations|locations)\b"
                    r"(?! (?:clients?|customers?|web|internet|industriels|de production))")
SITE_TEXTS = ("company_history", "activities", "scope_in", "who_needs_tool", "data_location")


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) \
        else None


def _finding(path: str, lang: str, severity: str, rule: str, fr: tuple[str, str],
             en: tuple[str, str], related: tuple[str, ...], term: str = "") -> Finding:
    return Finding(path, term, "consistency", severity, say(lang, fr[0], en[0]),
                   say(lang, fr[1], en[1]), part_number(path), rule, related)


def _sum(data: Any, part: str, group: str, field: str) -> float | None:
    """The sum of a group's field, or None when a record leaves it empty (not comparable)."""
    values = [_number(r.get(field)) for _, r in records(data, part, group)]
    if not values or any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


def tools_count(data: Any, lang: str) -> list[Finding]:
    count = _number(get(data, "company.unconnected_sources_count"))
    tools = [r for _, r in records(data, "company", "existing_tools")]
    if count is None or not tools:
        return []
    listed = len(tools)
    apps = sum(1 for r in tools if r.get("category") != "spreadsheet")
    if count in (listed, apps):
        return []
    severity = "error" if count > listed else "warning"
    return [_finding(
        "company.unconnected_sources_count", lang, severity, "tools_count",
        (f"{count:g} applications sans lien entre elles annoncées, mais {listed} outils listés "
         f"dont {apps} hors tableurs",
         "Le texte annonce le tableau qui suit : donnez le même nombre, ou complétez la liste "
         "des outils."),
        (f"{count:g} unconnected applications announced, but {listed} tools listed, {apps} of "
         "them other than spreadsheets",
         "The text announces the table that follows: give the same number, or complete the "
         "list of tools."),
        ("company.existing_tools",), f"{count:g}")]


def users_count(data: Any, lang: str) -> list[Finding]:
    total = _number(get(data, "company.total_users"))
    profiles = _sum(data, "company", "user_profiles", "count")
    if total is None or profiles is None or total == profiles:
        return []
    return [_finding(
        "company.total_users", lang, "error", "users_count",
        (f"{total:g} utilisateurs au démarrage, mais {profiles:g} dans les profils "
         "d'utilisateurs", "Le document affiche la somme des profils : corrigez l'un des deux."),
        (f"{total:g} users at go-live, but {profiles:g} in the user profiles",
         "The document shows the profiles' sum: correct one of the two."),
        ("company.user_profiles",), f"{total:g}")]


def staff_count(data: Any, lang: str) -> list[Finding]:
    employees = _number(get(data, "company.employees"))
    staff = _sum(data, "company", "sites", "staff")
    if employees is None or staff is None or staff <= employees:
        return []
    return [_finding(
        "company.sites", lang, "error", "staff_count",
        (f"les sites comptent {staff:g} personnes, plus que les {employees:g} salariés de "
         "l'entreprise", "Corrigez l'effectif d'un site, ou celui de l'entreprise."),
        (f"the sites count {staff:g} people, more than the company's {employees:g} employees",
         "Correct a site's headcount, or the company's."),
        ("company.employees",), f"{staff:g}")]


def active_customers(data: Any, lang: str) -> list[Finding]:
    active = _number(get(data, "data_flows.active_clients"))
    if active is None:
        return []
    findings = []
    erp = [(i, _number(r.get("records"))) for i, r in records(data, "data_flows", "sources")
           if r.get("kind") == "erp"]
    if erp and all(n is not None for _, n in erp):
        accounts = sum(n for _, n in erp if n is not None)
        if active > accounts:
            findings.append(_finding(
                "data_flows.active_clients", lang, "error", "active_vs_erp",
                (f"{active:g} clients actifs, mais {accounts:g} comptes dans l'ERP, où tout client "
                 "facturé figure",
                 "Corrigez le nombre de clients actifs, ou les volumes de l'ERP."),
                (f"{active:g} active customers, but {accounts:g} accounts in the ERP, where every "
                 "invoiced customer is", "Correct the active customers, or the ERP's volumes."),
                tuple(f"data_flows.sources[{i}].records" for i, _ in erp), f"{active:g}"))
    segments = _sum(data, "company", "customer_segments", "customers")
    if segments is not None and segments > active:
        findings.append(_finding(
            "company.customer_segments", lang, "warning", "segments_vs_active",
            (f"les segments comptent {segments:g} clients, plus que les {active:g} clients "
             "actifs", "Dites si les segments comptent aussi les prospects, ou corrigez l'un "
                       "des nombres."),
            (f"the segments count {segments:g} customers, more than the {active:g} active "
             "customers", "Say whether the segments also count prospects, or correct one "
                          "of the figures."),
            ("data_flows.active_clients",), f"{segments:g}"))
    return findings


def sites_count(data: Any, lang: str) -> list[Finding]:
    listed = [r for _, r in records(data, "company", "sites")]
    if not listed:
        return []
    findings = []
    for qid in SITE_TEXTS:
        text = get(data, f"company.{qid}")
        if not isinstance(text, str):
            continue
        for match in _SITES.finditer(normal_text(text)):
            word = match.group(1)
            stated = int(word) if word.isdigit() else _WORDS[word]
            if stated != len(listed):
                findings.append(_finding(
                    f"company.{qid}", lang, "warning", "sites_count",
                    (f"le texte cite {match.group(0)}, la liste des sites en compte "
                     f"{len(listed)}", "Donnez le même nombre, ou complétez la liste des sites."),
                    (f"the text says {match.group(0)}, the list of sites has {len(listed)}",
                     "Give the same number, or complete the list of sites."),
                    ("company.sites",), match.group(0)))
                break
    return findings


def figure_findings(data: Any, lang: str) -> list[Finding]:
    """Every figure rule's findings, in plan order."""
    if not isinstance(data, Mapping):
        return []
    return [*tools_count(data, lang), *staff_count(data, lang), *sites_count(data, lang),
            *users_count(data, lang), *active_customers(data, lang)]
