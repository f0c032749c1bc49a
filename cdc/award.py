"""The award: each offer's score per award criterion, its weighted total and its rank.

The criteria and their weights are the buyer's (part 7, ``award_criteria``), scored as the
document's chapter 7 says:

- functional coverage: the grid's score (priority points × coverage points) against the maximum,
  × the weight;
- price: the lowest five-year total cost of ownership ÷ the offer's × the weight; the lowest is
  taken among the compliant offers whose pricing form is complete (among all complete ones when
  none is compliant), and a price never earns more than the weight;
- every other criterion: the evaluation committee's note from 0 to 5 × the weight ÷ 5
  (:mod:`cdc.evaluation`).

A criterion that cannot be scored for an offer (no pricing form, an incomplete one, no note)
earns 0, and the standing says why. Offers that leave an eliminatory requirement uncovered are
not compliant: they are not ranked (``rank`` is None) and come after the ranked ones, their
scores shown for information. Equal totals share a rank.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cdc.answers import answer_of
from cdc.questionnaire import Questionnaire

COMPUTED = ("functional", "price")
"""Criteria cdc scores itself; the others take the committee's note."""

NOTE_MAX = 5
DIGITS = 6
"""Totals are rounded to this many decimals before ranking (the workbook does the same)."""


@dataclass(frozen=True)
class Criterion:
    key: str  # how the evaluation file names it: its kind, or its label when the kind repeats
    kind: str  # functional, technical, price, method, references, demonstration, other
    label: str  # as the document prints it
    weight: float

    @property
    def noted(self) -> bool:
        return self.kind not in COMPUTED


def criteria_of(data: Any, bank: Questionnaire, lang: str) -> list[Criterion]:
    """The award criteria of the answers, in their order (empty when there are none)."""
    raw = answer_of(data, bank, "award_criteria")
    if not isinstance(raw, list) or "award_criteria" not in bank.part_of:
        return []
    question = bank.question("award_criteria").field("criterion")
    records = [r for r in raw if isinstance(r, Mapping)
               and isinstance(r.get("criterion"), str)
               and isinstance(r.get("weight"), int | float) and not isinstance(r.get("weight"),
                                                                                bool)]
    kinds = [str(r["criterion"]) for r in records]
    found: list[Criterion] = []
    for i, record in enumerate(records):
        kind = kinds[i]
        choice = question.choice(kind) if question is not None else None
        given = record.get("label")
        label = str(given).strip() if isinstance(given, str) and given.strip() else \
            (choice.label.get(lang) if choice is not None else kind)
        key = kind if kinds.count(kind) == 1 and kind != "other" else label
        if any(c.key.casefold() == key.casefold() for c in found):
            key = f"{kind}-{i + 1}"
        found.append(Criterion(key, kind, label, float(record["weight"])))
    return found


@dataclass(frozen=True)
class Offer:
    """What the award needs of one returned pack."""

    vendor: str
    file: str
    functional: float  # 0 to 1: the grid's points against the maximum
    compliant: bool
    tco: float | None  # None: no pricing form
    price_complete: bool


@dataclass(frozen=True)
class Score:
    key: str
    points: float  # out of the criterion's weight
    basis: float | None  # the coverage (0-1), the five-year cost or the note; None: not scored
    why: str = ""  # not-scored reason, or the committee's comment
    reason: str = ""  # the not-scored reason's key in REASONS, for the report's language


@dataclass
class Standing:
    vendor: str
    file: str
    scores: list[Score]
    compliant: bool
    rank: int | None = None

    @property
    def total(self) -> float:
        return round(sum(s.points for s in self.scores), DIGITS)

    def score(self, key: str) -> Score:
        return next(s for s in self.scores if s.key == key)


@dataclass
class Award:
    criteria: list[Criterion]
    standings: list[Standing]  # ranked first, in rank order; then the offers not ranked
    lowest_price: float | None
    warnings: list[str] = field(default_factory=list)

    @property
    def weight(self) -> float:
        return sum(c.weight for c in self.criteria)


REASONS = {
    "no_form": "no pricing form",
    "incomplete": "pricing form incomplete",
    "zero": "a five-year total of 0",
    "no_price": "no offer has a complete price",
    "no_note": "no note",
}


def lowest_price(offers: Sequence[Offer]) -> float | None:
    """The reference price: the lowest complete five-year cost among compliant offers, else
    among all offers."""
    priced = [o for o in offers if o.price_complete and o.tco is not None and o.tco > 0]
    compliant = [o.tco for o in priced if o.compliant and o.tco is not None]
    pool = compliant or [o.tco for o in priced if o.tco is not None]
    return min(pool) if pool else None


def award(criteria: Sequence[Criterion], offers: Sequence[Offer],
          notes: Mapping[str, Mapping[str, tuple[float, str]]] | None) -> Award:
    """Scores, totals and ranks ``offers``; ``notes`` maps a vendor to its notes (criterion key
    → (note, comment)), None when no evaluation file was given."""
    lowest = lowest_price(offers)
    standings = []
    warnings: list[str] = []
    noted = [c for c in criteria if c.noted]
    if noted and notes is None:
        warnings.append("no evaluation file: " + ", ".join(c.key for c in noted) + " not "
                        "scored (0 points); give the committee's notes with --evaluation "
                        "FILE.yaml")
    for offer in offers:
        scores = []
        missing = []
        for criterion in criteria:
            if criterion.kind == "functional":
                scores.append(Score(criterion.key, offer.functional * criterion.weight,
                                    offer.functional))
            elif criterion.kind == "price":
                scores.append(_price(criterion, offer, lowest))
            else:
                given = (notes or {}).get(offer.vendor, {}).get(criterion.key)
                if given is None:
                    missing.append(criterion.key)
                    scores.append(_unscored(criterion.key, None, "no_note"))
                else:
                    scores.append(Score(criterion.key, given[0] / NOTE_MAX * criterion.weight,
                                        given[0], given[1]))
        if missing and notes is not None:
            warnings.append(f"{offer.vendor}: no note for {', '.join(missing)} (0 points)")
        standings.append(Standing(offer.vendor, offer.file, scores, offer.compliant))
    ranked = sorted((s for s in standings if s.compliant), key=lambda s: (-s.total, s.vendor))
    for position, standing in enumerate(ranked, 1):
        previous = ranked[position - 2] if position > 1 else None
        standing.rank = previous.rank if previous is not None and \
            previous.total == standing.total else position
    others = sorted((s for s in standings if not s.compliant),
                    key=lambda s: (-s.total, s.vendor))
    return Award(list(criteria), [*ranked, *others], lowest, warnings)


def _unscored(key: str, basis: float | None, reason: str) -> Score:
    return Score(key, 0.0, basis, REASONS[reason], reason)


def _price(criterion: Criterion, offer: Offer, lowest: float | None) -> Score:
    if offer.tco is None:
        return _unscored(criterion.key, None, "no_form")
    if not offer.price_complete:
        return _unscored(criterion.key, None, "incomplete")
    if offer.tco <= 0:
        return _unscored(criterion.key, offer.tco, "zero")
    if lowest is None:
        return _unscored(criterion.key, offer.tco, "no_price")
    return Score(criterion.key, min(1.0, lowest / offer.tco) * criterion.weight, offer.tco)
