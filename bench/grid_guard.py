"""How long ``cdc score`` takes, and how much memory it peaks at, on honest and hostile grids.

Usage: python bench/grid_guard.py [--keep DIR]

Builds the test project's grid, a vendor's honest answer, and the hostile grids of issue 14 (one
cell of 1.5 GB in a 1.5 MB file; three million cells; a million varied cells that pass the size
checks), then runs ``cdc score --answers`` on each in a fresh process and prints its wall
time and peak resident memory. Before issue 14 the first two peaked at 3.2 GB and 2.7 GB.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MEASURE = """
import atexit, resource, sys
atexit.register(lambda: print(f"PEAK {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}",
                              file=sys.stderr))
from cdc.launcher import main
sys.argv = ['cdc', *sys.argv[1:]]
main()
"""

SHEET = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
         b'spreadsheetml/2006/main"><sheetData><row r="4">')


def replaced(target: Path, honest: Path, part: str, head: bytes, chunk: bytes, count: int,
             tail: bytes) -> Path:
    with zipfile.ZipFile(honest) as src, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != part:
                dst.writestr(info, src.read(info.filename))
        info = zipfile.ZipInfo(part)
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w", force_zip64=True) as out:
            out.write(head)
            for _ in range(count):
                out.write(chunk)
            out.write(tail)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the grids here and keep them")
    args = parser.parse_args()
    from openpyxl import load_workbook

    from cdc.questionnaire import load_questionnaire
    from cdc.writers.xlsx import grid_bytes, workbook_bytes
    from tests.requirements.helpers import ANSWERS, answers

    folder = args.keep or Path(tempfile.mkdtemp(prefix="cdc-grid-guard-"))
    folder.mkdir(parents=True, exist_ok=True)
    wb = load_workbook(io.BytesIO(grid_bytes(answers(), load_questionnaire())))
    wb["Instructions"]["B15"] = "Honnête SA"
    ws = wb["Grille"]
    for r in range(4, ws.max_row + 1):
        ws.cell(r, 7, "Configuration")
        ws.cell(r, 8, "Commentaire détaillé de l'éditeur. " * 40)
    honest = folder / "honest.xlsx"
    honest.write_bytes(workbook_bytes(wb))
    part = "xl/worksheets/sheet2.xml"
    cases = {
        "honest grid": honest,
        "one 1.5 GB cell": replaced(folder / "cell.xlsx", honest, part,
                                    SHEET + b'<c r="G4" t="inlineStr"><is><t>',
                                    b"A" * 1024 * 1024, 1500,
                                    b"</t></is></c></row></sheetData></worksheet>"),
        "3 million cells": replaced(
            folder / "cells.xlsx", honest, part, SHEET,
            b"".join(b'<c t="inlineStr"><is><t>x%d</t></is></c>' % i for i in range(1000)),
            3000, b"</row></sheetData></worksheet>"),
        "1M cells, in limits": replaced(
            folder / "within.xlsx", honest, part, SHEET,
            b"".join(b'<c t="inlineStr"><is><t>%08x</t></is></c>' % ((i * 2654435761) % 2**32)
                     for i in range(1000)), 1000, b"</row></sheetData></worksheet>"),
    }
    print(f"{'grid':<20}{'file':>10}{'seconds':>10}{'peak MB':>10}  result")
    for name, path in cases.items():
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-c", MEASURE, "score", "--answers",
                                 str(ANSWERS), str(path)], capture_output=True, text=True,
                                cwd=ROOT)
        seconds = time.perf_counter() - start
        peak = next((int(line.split()[1]) for line in result.stderr.splitlines()
                     if line.startswith("PEAK ")), 0) / 1024
        verdict = "scored" if result.returncode == 0 else next(
            (line for line in result.stderr.splitlines() if "error" in line), "?")[:60]
        size = path.stat().st_size / 1024 / 1024
        print(f"{name:<20}{size:>8.1f}MB{seconds:>10.2f}{peak:>10.0f}  {verdict}")
    if args.keep is None:
        for path in cases.values():
            path.unlink()


if __name__ == "__main__":
    main()
