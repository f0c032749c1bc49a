"""Part 7 (consultation rules): the deadline, the tender's timeline, the award criteria and how
each is scored, and the demonstration scenarios (:mod:`cdc.consultation`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cdc.consultation import TIME_RE, Scenario, scenarios
from cdc.questionnaire import Questionnaire
from cdc.spec.values import Field, Missing, Record, Value, format_date, format_number


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

    def __bool__(self) -> bool:
        return bool(self.deadline or self.timeline or self.criteria or self.scenarios)


_STEPS = {
    "fr": (("date", "Diffusion du cahier des charges"),
           ("questions_deadline", "Date limite des questions"),
           ("response_deadline", "Remise des offres"),
           ("shortlist_date", "Annonce des offres retenues pour la démonstration"),
           ("demonstrations_date", "Début des démonstrations"),
           ("decision_date", "Choix de la solution"),
           ("project_start", "Lancement du projet")),
    "en": (("date", "Release of the specification"),
           ("questions_deadline", "Last day for questions"),
           ("response_deadline", "Offers due"),
           ("shortlist_date", "Offers shortlisted for the demonstration announced"),
           ("demonstrations_date", "Demonstrations start"),
           ("decision_date", "Choice of the solution"),
           ("project_start", "Project kick-off")),
}

_METHODS = {
    "fr": {
        "functional": "Note de la grille de réponse : la couverture de chaque exigence, "
                      "pondérée par sa priorité, rapportée au maximum possible.",
        "price": "Prix le plus bas ÷ prix de l'offre × poids, sur le coût total de possession "
                 "sur cinq ans calculé par le bordereau de prix.",
        "other": "Note de 0 à 5 attribuée par le comité d'évaluation, multipliée par le poids "
                 "÷ 5.",
    },
    "en": {
        "functional": "Score of the response grid: each requirement's coverage, weighted by "
                      "its priority, against the highest possible score.",
        "price": "Lowest price ÷ the offer's price × weight, on the five-year total cost of "
                 "ownership computed by the pricing form.",
        "other": "Score from 0 to 5 given by the evaluation committee, multiplied by the "
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


def build(q: Record, groups: Record, data: Mapping[str, Any], bank: Questionnaire, lang: str,
          requirements: Sequence[Any]) -> Consultation:
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
    criteria = []
    for rec in groups.get("award_criteria", ()):
        kind = getattr(rec.criterion, "raw", "")
        label = str(rec.label) if rec.label else str(rec.criterion)
        weight = rec.weight
        if isinstance(weight, Value) and isinstance(weight.raw, int | float):
            weight = Value(format_number(weight.raw, lang) + "\u00a0%", weight.raw)
        criteria.append(Criterion(label, weight, methods.get(kind, methods["other"])))
    return Consultation(
        public=bool(procedure and str(procedure).startswith("public")),
        deadline=deadline,
        timeline=timeline, criteria=tuple(criteria),
        scenarios=scenarios(data, bank, lang, requirements) if "demo_scenarios" in q else (),
    )
