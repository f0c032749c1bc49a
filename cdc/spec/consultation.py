"""Part 7 (consultation rules): the deadline, the tender's timeline, the award criteria and how
each is scored, and the demonstration scenarios (:mod:`cdc.consultation`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cdc.consultation import TIME_RE, Scenario, scenarios
from cdc.language import in_words, join
from cdc.questionnaire import Questionnaire
from cdc.spec.values import Field, Missing, Record, Value, format_date, format_number, with_unit


@dataclass(frozen=True)
class TimelineStep:
    step: str
    date: Field


@dataclass(frozen=True)
class Criterion:
    label: str
    weight: Field
    method: str


@dataclass(frozen=True)
class Consultation:
    """What the chapter and the demonstrations annex print."""

    public: bool  # public procurement: the vocabulary and a few rules follow
    deadline: Field  # "26 mars 2027 à 12 h"
    timeline: tuple[TimelineStep, ...]
    criteria: tuple[Criterion, ...]
    scenarios: tuple[Scenario, ...]
    contract_term: Field = field(default_factory=Missing)  # "trois ans, non reconductible"
    tco_years: int | None = None  # the pricing form's period: the contract, renewals included
    tco_period: str = ""  # "sur cinq ans, durée du contrat reconductions comprises"
    licences: Field = field(default_factory=Missing)  # "Chiffrées par utilisateur nommé : 34…"

    def __bool__(self) -> bool:
        return bool(self.deadline or self.timeline or self.criteria or self.scenarios)


_STEPS = {
    "fr": (("date", "Diffusion du cahier des charges"),
           ("questions_deadline", "Date limite des questions"),
           ("response_deadline", "Remise des offres"),
           ("shortlist_date", "Annonce des offres retenues pour les démonstrations"),
           ("demonstrations_date", "Début des démonstrations"),
           ("decision_date", "Choix de la solution"),
           ("project_start", "Lancement du projet")),
    "en": (("date", "Specification issued"),
           ("questions_deadline", "Deadline for questions"),
           ("response_deadline", "Proposals due"),
           ("shortlist_date", "Shortlist announced"),
           ("demonstrations_date", "Demonstrations begin"),
           ("decision_date", "Contract award decision"),
           ("project_start", "Project kick-off")),
}

_METHODS = {
    "fr": {
        "functional": "Note de la grille de réponse : la couverture de chaque exigence, "
                      "pondérée par sa priorité, rapportée au maximum possible.",
        "price": "Prix le plus bas ÷ prix de l'offre × poids, sur le coût total de possession "
                 "{period} calculé par le bordereau de prix.",
        "other": "Note de 0 à 5 attribuée par le comité d'évaluation, multipliée par le poids "
                 "÷ 5.",
    },
    "en": {
        "functional": "Score of the response grid: each requirement's coverage, weighted by "
                      "its priority, against the highest possible score.",
        "price": "Lowest price ÷ the proposal's price × weight, on the total cost of ownership "
                 "{period} computed by the pricing form.",
        "other": "Score from 0 to 5 awarded by the evaluation committee, multiplied by the "
                 "weight ÷ 5.",
    },
}


def deadline_text(day: Any, time: Any, lang: str) -> Field:
    """"26 mars 2027 à 12 h" / "26 March 2027 at 12:00"; Missing when the day is."""
    if not isinstance(day, dt.date):
        return Missing("response_deadline", required=True)
    text = format_date(day, lang)
    match = TIME_RE.match(str(time).strip()) if isinstance(time, str) else None
    if match:
        hours, minutes = int(match.group(1)), match.group(2)
        clock = (f"{hours}\u00a0h" + (f"\u00a0{minutes}" if minutes != "00" else "")
                 if lang != "en" else f"{hours:02d}:{minutes}")
        text += f" à {clock}" if lang != "en" else f" at {clock}"
    return Value(text, day)


def _raw_int(q: Record, qid: str) -> int | None:
    raw = getattr(q[qid], "raw", None) if qid in q else None
    return raw if isinstance(raw, int) and not isinstance(raw, bool) else None


def contract_term(years: int | None, renewals: int | None, lang: str) -> Field:
    """"trois ans, reconductible deux fois, pour un an chacune (cinq ans au plus)" / "three
    years, renewable twice, for one year each (five years at most)"; "non reconductible" /
    "not renewable" for 0 renewals."""
    if years is None:
        return Missing("contract_years")
    en = lang == "en"
    unit = ("year" if en else "an") if years == 1 else ("years" if en else "ans")
    text = f"{in_words(years, lang)} {unit}"
    if renewals is None:
        return Value(text, years)
    if renewals == 0:
        return Value(text + (", not renewable" if en else ", non reconductible"), years)
    if en:
        times = {1: "once", 2: "twice"}.get(renewals, f"{in_words(renewals, lang)} times")
        each = "for one year" if renewals == 1 else "for one year each"
        total = f"{in_words(years + renewals, lang)} years at most"
        return Value(f"{text}, renewable {times}, {each} ({total})", years)
    times = f"{in_words(renewals, lang, feminine=True)} fois"
    each = "pour un an" if renewals == 1 else "pour un an chacune"
    total = f"{in_words(years + renewals, lang)} ans au plus"
    return Value(f"{text}, reconductible {times}, {each} ({total})", years)


def tco_period(years: int | None, renewals: int | None, lang: str) -> str:
    """The period the pricing form and the price criterion cover: the contract's whole
    possible duration, so that an offer cheap in the firm years and dear at renewal shows."""
    en = lang == "en"
    if years is None:
        return "over the term of the contract" if en else "sur la durée du contrat"
    total = years + (renewals or 0)
    unit = ("year" if total == 1 else "years") if en else ("an" if total == 1 else "ans")
    what = ("the contract's term, renewals included" if en else
            "durée du contrat, reconductions comprises") if renewals else (
            "the contract's term" if en else "durée du contrat")
    return f"over {in_words(total, lang)} {unit} ({what})" if en else \
        f"sur {in_words(total, lang)} {unit} ({what})"


def licences(q: Record, users: int | None, lang: str) -> Field:
    """How licences are priced and how many: "Chiffrées par utilisateur nommé : 34 licences
    au total, dont 28 en accès complet et 6 en lecture seule"."""
    model = q.licensing_model if "licensing_model" in q else Missing()
    if not model:
        return Missing("licensing_model")
    en = lang == "en"
    basis = join(list(getattr(model, "prose_items", ()) or [str(model)]), lang)
    text = f"Priced {basis}" if en else f"Chiffrées {basis}"
    read_only = _raw_int(q, "read_only_users")
    named = getattr(model, "raw", None) == "named"
    if users:
        shown = format_number(users, lang)
        if named:
            text += f": {shown} licences in all" if en else f" : {shown} licences au total"
            if read_only:
                full = format_number(max(users - read_only, 0), lang)
                ro = format_number(read_only, lang)
                text += (f", {full} full-access and {ro} read-only" if en else
                         f", dont {full} en accès complet et {ro} en lecture seule")
            elif read_only == 0:
                text += ", all full-access" if en else ", toutes en accès complet"
        else:
            text += f"; {shown} planned users" if en else f" ; {shown} utilisateurs prévus"
            if read_only:
                ro = format_number(read_only, lang)
                text += f", {ro} of them read-only" if en else f", dont {ro} en lecture seule"
    elif read_only:
        ro = format_number(read_only, lang)
        text += f", {ro} of them read-only" if en else f", dont {ro} en lecture seule"
    return Value(text, getattr(model, "raw", None))


def build(q: Record, groups: Record, data: Mapping[str, Any], bank: Questionnaire, lang: str,
          requirements: Sequence[Any], users: int | None = None) -> Consultation:
    """The consultation part of the Spec."""
    words = "en" if lang == "en" else "fr"
    procedure = getattr(q.procedure, "raw", None) if "procedure" in q else None
    raw_day = getattr(q.response_deadline, "raw", None) if "response_deadline" in q else None
    raw_time = getattr(q.response_deadline_time, "raw", None) \
        if "response_deadline_time" in q else None
    deadline = deadline_text(raw_day, raw_time, lang) if "response_deadline" in q else Missing()
    timeline = tuple(
        TimelineStep(label, deadline if qid == "response_deadline" else q[qid])
        for qid, label in _STEPS[words]
        if qid in q and (q[qid] or getattr(q[qid], "todo", False)))
    methods = _METHODS[words]
    years, renewals = _raw_int(q, "contract_years"), _raw_int(q, "renewals")
    period = tco_period(years, renewals, words)
    criteria = []
    for rec in groups.get("award_criteria", ()):
        kind = getattr(rec.criterion, "raw", "")
        label = str(rec.label) if rec.label else str(rec.criterion)
        weight = rec.weight
        if isinstance(weight, Value) and isinstance(weight.raw, int | float):
            weight = Value(with_unit(format_number(weight.raw, lang), "%", lang), weight.raw)
        method = methods.get(kind, methods["other"]).format(period=period)
        criteria.append(Criterion(label, weight, method))
    return Consultation(
        public=bool(procedure and str(procedure).startswith("public")),
        deadline=deadline,
        timeline=timeline, criteria=tuple(criteria),
        scenarios=scenarios(data, bank, lang, requirements) if "demo_scenarios" in q else (),
        contract_term=contract_term(years, renewals, words),
        tco_years=years + (renewals or 0) if years is not None else None,
        tco_period=period,
        licences=licences(q, users, words),
    )
