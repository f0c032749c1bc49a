"""The long fuzzing run: every fuzzed command, round after round, for a given time.

Usage: python bench/fuzz.py [--minutes 20] [--chunk 50] [--only validate,score]

Runs the Hypothesis properties of tests/fuzz with the ``long`` profile, ``--chunk`` examples per
call, round-robin over the commands until the time is up, and prints the examples tried and the
failures found per command. A failure prints Hypothesis's falsifying example and is saved under
bench/fuzz-failures/; each one becomes a regular test (tests/hardening/).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=20.0)
    parser.add_argument("--chunk", type=int, default=50, help="examples per call")
    parser.add_argument("--only", default="", help="comma-separated commands")
    args = parser.parse_args()
    os.environ["CDC_FUZZ_PROFILE"] = "long"
    os.environ["CDC_FUZZ_EXAMPLES"] = str(args.chunk)
    os.chdir(ROOT)
    import tests.fuzz.conftest  # noqa: F401  (registers and loads the profile)
    from tests.fuzz import test_fuzz_answers as answers
    from tests.fuzz import test_fuzz_grids as grids
    from tests.fuzz.strategies import EXAMPLES

    commands = {
        "validate": answers.test_validate_reports_every_problem_with_its_place,
        "check": answers.test_check_succeeds_or_says_why,
        "render": answers.test_render_succeeds_or_says_why,
        "interview": answers.test_interview_opens_or_refuses_and_saves_what_it_opened,
        "glossary": answers.test_a_user_glossary_is_read_safely,
        "score": grids.test_score_scores_or_refuses_every_grid,
    }
    if args.only:
        commands = {k: v for k, v in commands.items() if k in args.only.split(",")}
    failures: dict[str, int] = dict.fromkeys(commands, 0)
    spent: dict[str, float] = dict.fromkeys(commands, 0.0)
    out = ROOT / "bench" / "fuzz-failures"
    end = time.monotonic() + args.minutes * 60
    rounds = 0
    while time.monotonic() < end:
        rounds += 1
        for name, test in commands.items():
            if time.monotonic() >= end:
                break
            start = time.monotonic()
            try:
                test()
            except BaseException as exc:  # a crash found: keep it, go on with the others
                if isinstance(exc, KeyboardInterrupt):
                    raise
                failures[name] += 1
                out.mkdir(exist_ok=True)
                report = "".join(traceback.format_exception(exc))
                (out / f"{name}-{failures[name]}.txt").write_text(report, encoding="utf-8")
                print(f"FAILURE in {name}:\n{report[-3000:]}", flush=True)
            spent[name] += time.monotonic() - start
        print(f"round {rounds}: " + ", ".join(f"{k} {EXAMPLES[k]}" for k in commands),
              flush=True)
    print(f"\n{'command':<12}{'examples':>10}{'failures':>10}{'seconds':>10}")
    for name in commands:
        print(f"{name:<12}{EXAMPLES[name]:>10}{failures[name]:>10}{spent[name]:>10.0f}")
    print(f"{'total':<12}{sum(EXAMPLES[k] for k in commands):>10}"
          f"{sum(failures.values()):>10}{sum(spent.values()):>10.0f}")


if __name__ == "__main__":
    main()
