"""Times `cdc check` on every example answers file (or on generated ones when there are none).

Usage: python bench/check_speed.py [FILES...] [--runs 3]

For each file it prints the wall time of the whole command (`python -m cdc check FILE --format
json`, interpreter start included: what a user waits for) and of the check itself, in process
(bank already loaded). The goal is under a second per example.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cdc.checks import check_file  # noqa: E402
from cdc.questionnaire import Questionnaire, load_questionnaire  # noqa: E402


def _generated(bank: Questionnaire, folder: Path) -> list[Path]:
    """A complete clean file, and a large one with 300 requirements and vague wording."""
    from tests.checks.factory import complete_answers

    clean = complete_answers(bank)
    large: dict[str, Any] = complete_answers(bank)
    large["mapping"]["custom_requirements"] = [
        {"module": "quotes", "statement": f"Le CRM doit être rapide et intuitif, etc. ({i})",
         "priority": "must" if i % 2 else "should",
         "acceptance_criterion": "12 devis créés en moins de 3 minutes"}
        for i in range(300)
    ]
    paths = []
    for name, data in (("generated-clean.yaml", clean), ("generated-300-requirements.yaml", large)):
        path = folder / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        paths.append(path)
    return paths


def _command_seconds(path: Path, runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of the whole command."""
    walls = []
    cpus = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cdc", "check", str(path), "--format", "json"],
                       capture_output=True, check=False, cwd=ROOT)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def _library_seconds(path: Path, bank: Questionnaire, runs: int) -> tuple[float, int]:
    times = []
    count = 0
    for _ in range(runs):
        start = time.perf_counter()
        report = check_file(path, bank)
        times.append(time.perf_counter() - start)
        count = len(report.findings)
    return statistics.median(times), count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3, help="Median of this many runs.")
    args = parser.parse_args()
    bank = load_questionnaire()
    with tempfile.TemporaryDirectory() as tmp:
        files = args.files or sorted((ROOT / "examples").glob("*.yaml"))
        if not files:
            print("no examples yet: timing generated files")
        files = [*files, *_generated(bank, Path(tmp))] if not args.files else files
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPU(s)")
        print(f"{'file':<36}{'findings':>9}{'check (ms)':>12}{'command wall (s)':>18}"
              f"{'command CPU (s)':>17}")
        worst = worst_cpu = 0.0
        for path in files:
            library, count = _library_seconds(path, bank, args.runs)
            wall, cpu = _command_seconds(path, args.runs)
            worst = max(worst, wall)
            worst_cpu = max(worst_cpu, cpu)
            print(f"{path.name:<36}{count:>9}{library * 1000:>12.1f}{wall:>18.2f}{cpu:>17.2f}")
    print(f"slowest command: {worst:.2f} s wall, {worst_cpu:.2f} s CPU "
          f"({'under' if worst < 1 else 'OVER'} the 1 s goal in wall time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
