"""Render speed: DOCX and PDF (and the shared stages) for the largest example, then 1×, 4× and
16× its content. Prints figures; not a test.

    python bench/render_speed.py [--scales 1,4,16] [--formats docx,pdf,html,md] [--example PATH]

Times are in-process, after a warm-up (imports and fonts loaded once), wall clock and CPU.
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cdc.answers import validate_file  # noqa: E402
from cdc.questionnaire import load_questionnaire  # noqa: E402
from cdc.render import build_document, make_assets, standard_terms, warm_up  # noqa: E402
from cdc.spec import build_spec  # noqa: E402
from cdc.writers import get_writer  # noqa: E402


def largest_example() -> Path:
    examples = sorted((ROOT / "examples").glob("*.yaml"), key=lambda p: p.stat().st_size)
    if not examples:
        return ROOT / "tests" / "render" / "data" / "durand.yaml"
    return examples[-1]


def scaled(data: dict[str, Any], factor: int) -> dict[str, Any]:
    """Every repeating group (requirements, sources, interfaces, phases...) repeated ``factor``
    times, copies renamed so that they stay distinct."""
    out = copy.deepcopy(data)
    if factor == 1:
        return out
    for key, block in out.items():
        if key in ("schema_version", "meta") or not isinstance(block, dict):
            continue
        for qid, value in block.items():
            if not isinstance(value, list) or not value or not isinstance(value[0], dict):
                continue
            copies = []
            for k in range(factor):
                for record in value:
                    item = copy.deepcopy(record)
                    first = next(iter(item))
                    if k and isinstance(item[first], str):
                        item[first] = f"{item[first]} ({k + 1})"
                    copies.append(item)
            block[qid] = copies
    return out


def timed(action: Any) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--example", type=Path, default=None)
    parser.add_argument("--scales", default="1,4,16")
    parser.add_argument("--formats", default="docx,pdf")
    args = parser.parse_args()
    example = args.example or largest_example()
    bank = load_questionnaire()
    base = yaml.safe_load(example.read_text(encoding="utf-8"))
    formats = [f for f in args.formats.split(",") if f]
    writers = {}
    for fmt in formats:
        try:
            writers[fmt] = get_writer(fmt)
        except Exception as exc:  # a writer not written yet
            print(f"{fmt}: skipped ({exc})")
    print(f"example: {example.relative_to(ROOT) if example.is_relative_to(ROOT) else example}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        # Warm-up: imports, fonts, a one-line document in each format. Not the example itself:
        # the typst package memoises what it typeset, and the 1x figure would measure that cache.
        warm_up(formats)
        print(f"{'scale':>5} {'reqs':>5} {'pages':>5} {'stage':<22} {'wall s':>7} {'cpu s':>7}")
        for factor in (int(s) for s in args.scales.split(",")):
            path = out / f"x{factor}.yaml"
            data = scaled(base, factor)
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            requirements = len((data.get("mapping") or {}).get("custom_requirements") or [])
            rows: list[tuple[str, float, float]] = []
            w, c, validation = timed(lambda p=path: validate_file(p, bank))
            rows.append(("validate", w, c))
            lang = validation.language()
            w, c, spec = timed(lambda v=validation, lg=lang: build_spec(
                v.data, bank, lg, standard_terms(lg, None)))
            rows.append(("spec", w, c))
            w, c, doc = timed(lambda s=spec: build_document(s))
            rows.append(("templates + tree", w, c))
            assets = make_assets(spec, None, None)
            w, c, _ = timed(lambda a=assets: (a.svg("dataflow"), a.svg("gantt"),
                                              a.png("dataflow"), a.png("gantt")))
            rows.append(("figures (svg+png)", w, c))
            pages = "-"
            for fmt, writer in writers.items():
                target = out / f"x{factor}.{writer.extension}"
                w, c, _ = timed(lambda wr=writer, d=doc, a=assets, t=target: wr.write(d, a, t))
                rows.append((fmt, w, c))
                if fmt == "pdf":
                    from pypdf import PdfReader

                    pages = str(len(PdfReader(target).pages))
            for stage, w, c in rows:
                print(f"{factor:>4}× {requirements:>5} {pages:>5} {stage:<22} {w:7.2f} {c:7.2f}")


if __name__ == "__main__":
    main()
