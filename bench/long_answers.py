"""Time of a render against the length of one answer: is every engine linear in it? Not a test.

    python bench/long_answers.py [--lengths 5000,10000,20000] [--engines docx,typst,weasyprint]
                                 [--kinds word,prose] [--timeout 300]

The largest example with the same answer in the 9 text cells of the revision table (version,
author and changes of three revisions): a ``word`` (one unbreakable string, as a pasted URL or a
base64 block) or ``prose`` (words of 4 to 12 letters). Each render runs in a process of its own,
after a warm-up render, and is stopped after ``--timeout`` seconds. Prints the seconds per
length and the ratio to the previous length: linear is 2× for twice the text.
"""

from __future__ import annotations

import argparse
import copy
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "industrie-b2b.yaml"

_RENDER = """
import sys, time, pathlib, tempfile
sys.path.insert(0, {root!r})
from cdc.render import render_file
fmt, engine = {fmt!r}, {engine!r}
out = pathlib.Path(tempfile.mkdtemp())
render_file(pathlib.Path({example!r}), [fmt], out, pdf_engine=engine)  # warm-up
start = time.perf_counter()
render_file(pathlib.Path({source!r}), [fmt], out, pdf_engine=engine)
print(time.perf_counter() - start)
"""


def answer(kind: str, length: int) -> str:
    if kind == "word":
        return ("aB3x9Qz7" * (length // 8 + 1))[:length]
    words = ("devis", "intervention", "client", "pompe", "relance", "commande", "atelier")
    text = " ".join(words[i % len(words)] for i in range(length // 7 + 1))
    return text[:length]


def with_long_answer(kind: str, length: int, target: Path) -> Path:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    text = answer(kind, length)
    for revision in data["meta"]["revisions"]:
        revision.update(version=text, author=text, changes=text)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    return target


def timed(source: Path, engine: str, timeout: float) -> float | None:
    fmt, pdf_engine = ("docx", None) if engine == "docx" else ("pdf", engine)
    code = _RENDER.format(root=str(ROOT), fmt=fmt, engine=pdf_engine, example=str(EXAMPLE),
                          source=str(source))
    try:
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    return float(result.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", default="5000,10000,20000")
    parser.add_argument("--engines", default="docx,typst,weasyprint")
    parser.add_argument("--kinds", default="word,prose")
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    lengths = [int(n) for n in args.lengths.split(",")]
    print(f"| {'engine':<10} | {'answer':<6} | " + " | ".join(f"{n:>14,}" for n in lengths)
          + " |")
    print("|" + "---|" * (len(lengths) + 2))
    with tempfile.TemporaryDirectory() as tmp:
        for engine in args.engines.split(","):
            for kind in args.kinds.split(","):
                cells = []
                previous: float | None = None
                for length in lengths:
                    source = with_long_answer(kind, length, Path(tmp) / f"{kind}-{length}.yaml")
                    seconds = timed(source, engine, args.timeout)
                    if seconds is None:
                        cells.append(f"> {args.timeout:.0f} s")
                        break
                    ratio = f" ({seconds / previous:.1f}×)" if previous else ""
                    cells.append(f"{seconds:.2f} s{ratio}")
                    previous = seconds
                cells += [""] * (len(lengths) - len(cells))
                print(f"| {engine:<10} | {kind:<6} | " + " | ".join(f"{c:>14}" for c in cells)
                      + " |", flush=True)


if __name__ == "__main__":
    main()
