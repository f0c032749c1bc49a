"""Precision and recall of cdc's vague-wording check on the labelled corpus.

Usage: python bench/check_quality.py [--corpus tests/checks/corpus.yaml] [--errors]

Matching is term-level: a reported term matches a labelled one when their positions in the
sentence overlap. Per category, the categories must agree too. "overall" counts a match whatever
the category; "overall, same category" also requires the category to agree.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from cdc.checks.lexicon import CATEGORIES
from cdc.checks.vague import scan_text

ROOT = Path(__file__).resolve().parent.parent


def _spans(text: str, terms: list[dict[str, Any]]) -> list[tuple[int, int, str, str]]:
    """Locates each labelled term in the text (case-insensitive, left to right)."""
    out = []
    used: set[int] = set()
    for flag in terms:
        term = str(flag["term"])
        pattern = re.compile(r"(?:(?<!\w)|(?=\W))" + re.escape(term) + r"(?:(?!\w)|(?<=\W))",
                             re.IGNORECASE)
        starts = [m.start() for m in pattern.finditer(text) if m.start() not in used]
        if not starts:
            raise SystemExit(f"labelled term {term!r} not found in {text!r}")
        used.add(starts[0])
        out.append((starts[0], starts[0] + len(term), term, str(flag["category"])))
    return out


def evaluate(corpus: list[dict[str, Any]], show_errors: bool = False) -> dict[str, Counter[str]]:
    """Counts true positives, false positives and false negatives per category and overall."""
    counts: dict[str, Counter[str]] = {c: Counter() for c in (*CATEGORIES, "overall", "strict")}
    for item in corpus:
        text = str(item["text"])
        gold = _spans(text, item.get("flags") or [])
        allowed = tuple(str(a) for a in item.get("allowed") or ())
        found = [(h.start, h.end, h.term, h.category)
                 for h in scan_text(text, str(item["lang"]), allowed)]
        for key, same_category in (("overall", False), ("strict", True)):
            matched_gold = set()
            for f in found:
                hit = next((i for i, g in enumerate(gold) if i not in matched_gold
                            and f[0] < g[1] and g[0] < f[1]
                            and (not same_category or g[3] == f[3])), None)
                if hit is None:
                    counts[key]["fp"] += 1
                    if show_errors and not same_category:
                        print(f"FP {item['id']}: {f[2]!r} ({f[3]})  | {text}")
                else:
                    matched_gold.add(hit)
                    counts[key]["tp"] += 1
            counts[key]["fn"] += len(gold) - len(matched_gold)
            if show_errors and not same_category:
                for i, g in enumerate(gold):
                    if i not in matched_gold:
                        print(f"FN {item['id']}: {g[2]!r} ({g[3]})  | {text}")
        for category in CATEGORIES:
            gold_c = [g for g in gold if g[3] == category]
            found_c = [f for f in found if f[3] == category]
            matched = set()
            for f in found_c:
                hit = next((i for i, g in enumerate(gold_c) if i not in matched
                            and f[0] < g[1] and g[0] < f[1]), None)
                if hit is None:
                    counts[category]["fp"] += 1
                else:
                    matched.add(hit)
                    counts[category]["tp"] += 1
            counts[category]["fn"] += len(gold_c) - len(matched)
    return counts


def _ratio(a: int, b: int) -> float:
    return 100.0 * a / b if b else 100.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "checks" / "corpus.yaml")
    parser.add_argument("--errors", action="store_true", help="List every miss and false alarm.")
    args = parser.parse_args()
    corpus = yaml.safe_load(args.corpus.read_text(encoding="utf-8"))
    counts = evaluate(corpus, args.errors)
    clean = sum(1 for item in corpus if not item.get("flags"))
    langs = Counter(str(item["lang"]) for item in corpus)
    print(f"corpus: {len(corpus)} sentences ({langs['fr']} fr, {langs['en']} en), "
          f"{clean} clean, {counts['overall']['tp'] + counts['overall']['fn']} labelled terms")
    print(f"{'category':<26}{'labelled':>9}{'found':>7}{'precision':>11}{'recall':>8}")
    for key in (*CATEGORIES, "overall", "strict"):
        c = counts[key]
        label = "overall, same category" if key == "strict" else key
        precision = _ratio(c["tp"], c["tp"] + c["fp"])
        recall = _ratio(c["tp"], c["tp"] + c["fn"])
        print(f"{label:<26}{c['tp'] + c['fn']:>9}{c['tp'] + c['fp']:>7}"
              f"{precision:>10.1f}%{recall:>7.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
