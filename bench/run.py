"""cdc's performance, side by side with what a user would reach for instead. Prints a table.

    python bench/run.py            # everything, about 10 minutes on 2 cores
    python bench/run.py --quick    # fewer repetitions and a 20-file batch

Measured in one run on this machine; medians of repeated runs; ratios against the baselines:
- start-up: `cdc --help` / `cdc --version` against a minimal Typer app with the same commands;
- one document: DOCX (python-docx) against pandoc's Markdown → DOCX on the same Markdown; PDF
  with WeasyPrint and with Typst against LibreOffice converting our DOCX;
- batch: N answers files to DOCX + PDF with -j 1 and -j 2, throughput, peak memory per worker;
- scaling: 1×, 4×, 16× the requirements/content of the largest example, time and memory.
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
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
LARGEST = ROOT / "examples" / "industrie-b2b.yaml"

MINIMAL_TYPER = '''
import typer
app = typer.Typer(add_completion=False)
def _v(value: bool) -> None:
    if value:
        print("x 1"); raise typer.Exit()
@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_v, is_eager=True)) -> None:
    """Minimal app."""
for name in ("new", "validate", "schema", "questions", "render", "interview", "check", "batch",
             "score"):
    app.command(name=name)(lambda: None)
app()
'''


def median_time(command: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def row(name: str, value: str, note: str = "") -> None:
    print(f"| {name:<52} | {value:>14} | {note} |", flush=True)


def startup(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        minimal = Path(tmp) / "minimal.py"
        minimal.write_text(MINIMAL_TYPER, encoding="utf-8")
        base_help = median_time([sys.executable, str(minimal), "--help"], runs)
        base_version = median_time([sys.executable, str(minimal), "--version"], runs)
    # the console script, as users run it (python -m adds runpy's own import)
    script = Path(sys.executable).parent / "cdc"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "cdc"]
    cdc_help = median_time([*command, "--help"], runs)
    cdc_version = median_time([*command, "--version"], runs)
    row("minimal Typer app --help", f"{base_help:.3f} s")
    row("cdc --help", f"{cdc_help:.3f} s", f"{cdc_help / base_help:.2f}× (goal ≤ 1.2×)")
    row("minimal Typer app --version", f"{base_version:.3f} s")
    row("cdc --version", f"{cdc_version:.3f} s",
        f"{cdc_version / base_version:.2f}× (goal ≤ 1.2×)")
    probe = subprocess.run(
        [sys.executable, "-c", "import sys, runpy; sys.argv=['cdc','--version'];\n"
         "try:\n  runpy.run_module('cdc', run_name='__main__')\nexcept SystemExit: pass\n"
         "heavy=[m for m in ('questionary','docx','jinja2','weasyprint','matplotlib','openpyxl',"
         "'typst') if m in sys.modules]; print('heavy:', heavy)"],
        capture_output=True, text=True)
    row("heavy modules imported by cdc --version", probe.stdout.strip().split("heavy:")[-1])


def in_process(fmt: str, answers: Path, runs: int, engine: str | None = None) -> float:
    """Median seconds to render one format in a warm process (libraries already imported)."""
    from cdc.render import render_file

    times = []
    with tempfile.TemporaryDirectory() as tmp:
        extra: dict[str, Any] = {"pdf_engine": engine} if engine else {}
        render_file(answers, [fmt], Path(tmp), **extra)  # warm-up: imports, fonts, templates
        for _ in range(runs):
            start = time.perf_counter()
            render_file(answers, [fmt], Path(tmp), **extra)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def writers_only(runs: int) -> dict[str, float]:
    """Median seconds of each writer alone, from one document tree with its pictures made:
    the same work as pandoc (Markdown → DOCX) and LibreOffice (DOCX → PDF) do."""
    from cdc.render import build_document, load_answers, make_assets
    from cdc.writers import get_writer

    spec, answers = load_answers(LARGEST)
    doc = build_document(spec)
    assets = make_assets(spec, None, None, answers)
    medians: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, fmt, engine in (("docx", "docx", None), ("typst", "pdf", "typst"),
                                   ("weasyprint", "pdf", None)):
            writer = get_writer(fmt, engine)
            writer.write(doc, assets, Path(tmp) / f"warm.{fmt}")  # pictures, fonts, imports
            times = []
            for _ in range(runs if label != "weasyprint" else max(1, runs // 2)):
                start = time.perf_counter()
                writer.write(doc, assets, Path(tmp) / f"x.{fmt}")
                times.append(time.perf_counter() - start)
            medians[label] = statistics.median(times)
    return medians


def one_document(runs: int) -> None:
    from cdc.render import render_file

    docx = in_process("docx", LARGEST, runs)
    pdf_weasy = in_process("pdf", LARGEST, max(1, runs // 2))
    pdf_typst = in_process("pdf", LARGEST, runs, engine="typst")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        written = render_file(LARGEST, ["md", "docx", "pdf"], out)
        md = next(p for p in written if p.suffix == ".md")
        docx_file = next(p for p in written if p.suffix == ".docx")
        pdf_file = next(p for p in written if p.suffix == ".pdf")
        pages = _pages(pdf_file)
        pandoc = _pandoc_docx(md, out, runs)
        office = _libreoffice_pdf(docx_file, out, max(1, runs // 2))
    alone = writers_only(runs)
    row(f"largest example ({pages} PDF pages): answers → DOCX", f"{docx:.3f} s",
        "whole pipeline in-process; goal < 1 s")
    row("  of which the Word writer (tree → DOCX)", f"{alone['docx']:.3f} s")
    if pandoc is not None:
        row("pandoc Markdown → DOCX (same Markdown)", f"{pandoc:.3f} s",
            f"cdc writer/pandoc = {alone['docx'] / pandoc:.2f}×, pipeline/pandoc = "
            f"{docx / pandoc:.2f}× (goal ≤ 1×)")
    row("answers → PDF, WeasyPrint", f"{pdf_weasy:.3f} s", "goal < 3 s")
    row("  of which WeasyPrint (tree → PDF)", f"{alone['weasyprint']:.3f} s")
    row("answers → PDF, Typst", f"{pdf_typst:.3f} s")
    row("  of which Typst (tree → PDF)", f"{alone['typst']:.3f} s")
    if office is not None:
        row("LibreOffice DOCX → PDF (headless, warm profile)", f"{office:.3f} s",
            f"Typst {office / alone['typst']:.0f}× faster (goal ≥ 10×); WeasyPrint "
            f"{alone['weasyprint'] / office:.2f}× LibreOffice (goal ≤ 2×)")


def _pages(pdf: Path) -> int | None:
    from cdc.batch import count_pdf_pages

    return count_pdf_pages(pdf)


def _pandoc_docx(md: Path, out: Path, runs: int) -> float | None:
    try:
        import pypandoc
    except ImportError:
        row("pandoc", "skipped", "pip install pypandoc-binary")
        return None
    pandoc = pypandoc.get_pandoc_path()
    target = out / "pandoc.docx"
    return median_time([pandoc, str(md), "-f", "commonmark_x", "-o", str(target)], runs)


def _libreoffice_pdf(docx: Path, out: Path, runs: int) -> float | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        row("LibreOffice", "skipped", "soffice not on PATH")
        return None
    profile = out / "lo-profile"
    command = [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
               "--convert-to", "pdf", "--outdir", str(out / "lo"), str(docx)]
    subprocess.run(command, capture_output=True, check=True)  # first run creates the profile
    return median_time(command, runs)


def batch(files: int) -> None:
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i in range(files):
            shutil.copy(examples[i % len(examples)], folder / f"client-{i:03d}.yaml")
        figures: dict[str, tuple[float, float]] = {}
        for engine in ("typst", "weasyprint"):
            # WeasyPrint takes ~10 s a document: a fifth of the batch shows its rate well enough
            count = files if engine == "typst" else max(4, files // 5)
            for jobs in (1, 2):
                out = Path(tmp) / f"out-{engine}-{jobs}"
                inputs = sorted(folder.glob("*.yaml"))[:count]
                command = [sys.executable, "-m", "cdc", "batch", *map(str, inputs), "-o",
                           str(out), "-f", "docx,pdf", "-j", str(jobs), "--pdf-engine", engine]
                # A wrapper process of its own, so that the peak memory read from its children
                # is this batch's (the cdc process and its workers), not an earlier LibreOffice.
                wrapper = ("import resource, subprocess, sys, time\n"
                           "t = time.perf_counter()\n"
                           "subprocess.run(sys.argv[1:], capture_output=True, check=True)\n"
                           "print(time.perf_counter() - t,"
                           " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
                result = subprocess.run([sys.executable, "-c", wrapper, *command],
                                        capture_output=True, text=True, check=True)
                seconds, kilobytes = result.stdout.split()
                elapsed, peak = float(seconds), int(kilobytes)
                figures[f"{engine}-{jobs}"] = (elapsed, peak / 1024)
                row(f"batch {count} files DOCX+PDF ({engine}) -j {jobs}", f"{elapsed:.1f} s",
                    f"{count / elapsed * 60:.0f} specs/min, peak RSS per worker "
                    f"{peak / 1024:.0f} MB")
            one, two = figures[f"{engine}-1"][0], figures[f"{engine}-2"][0]
            row(f"batch speed-up -j 2 / -j 1 ({engine})", f"{one / two:.2f}×", "goal ≥ 1.7×")


def scaled(answers: Path, factor: int, target: Path) -> None:
    """The largest example with every repeating group repeated ``factor`` times."""
    data = yaml.safe_load(answers.read_text(encoding="utf-8"))
    grown = copy.deepcopy(data)
    for part, block in data.items():
        if not isinstance(block, dict):
            continue
        for key, value in block.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                grown[part][key] = [dict(item) for _ in range(factor) for item in value]
    target.write_text(yaml.safe_dump(grown, allow_unicode=True, sort_keys=False),
                      encoding="utf-8")


def scaling() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for factor in (1, 4, 16):
            source = Path(tmp) / f"x{factor}.yaml"
            scaled(LARGEST, factor, source)
            for fmt, engine in (("docx", None), ("pdf", "typst"), ("pdf", None)):
                code = (
                    "import sys, time, resource, pathlib, tempfile\n"
                    f"sys.path.insert(0, {str(ROOT)!r})\n"
                    "from cdc.render import render_file\n"
                    "from cdc.batch import count_pdf_pages\n"
                    "out = pathlib.Path(tempfile.mkdtemp())\n"
                    f"extra = {{'pdf_engine': {engine!r}}} if {engine!r} else {{}}\n"
                    f"render_file(pathlib.Path({str(source)!r}), [{fmt!r}], out, **extra)\n"
                    "t = time.perf_counter()\n"
                    f"paths = render_file(pathlib.Path({str(source)!r}), [{fmt!r}], out, **extra)\n"
                    "dt = time.perf_counter() - t\n"
                    "pages = count_pdf_pages(paths[0]) if paths[0].suffix == '.pdf' else None\n"
                    "print(dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, pages)\n"
                )
                result = subprocess.run([sys.executable, "-c", code], capture_output=True,
                                        text=True, check=True)
                seconds, memory, pages = result.stdout.split()
                label = f"{fmt}" + (f" ({engine or 'weasyprint'})" if fmt == "pdf" else "")
                row(f"scaling ×{factor}: {label}", f"{float(seconds):.2f} s",
                    f"peak RSS {float(memory):.0f} MB" + (f", {pages} pages"
                                                          if pages != "None" else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, 20-file batch")
    parser.add_argument("--only", choices=["startup", "document", "batch", "scaling"])
    parser.add_argument("--files", type=int, default=None, help="batch size (default 100)")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    files = args.files or (20 if args.quick else 100)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1764374400")
    print(f"cdc benchmarks on {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"| {'what':<52} | {'median':>14} | note |")
    print(f"|{'-' * 54}|{'-' * 16}|------|")
    if args.only in (None, "startup"):
        startup(runs * 2)
    if args.only in (None, "document"):
        one_document(runs)
    if args.only in (None, "batch"):
        batch(files)
    if args.only in (None, "scaling"):
        scaling()


if __name__ == "__main__":
    main()
