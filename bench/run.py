"""cdc's performance, side by side with what a user would reach for instead. Prints a table.

    python bench/run.py            # everything, about 10 minutes on 2 cores
    python bench/run.py --quick    # fewer repetitions and a 20-file batch

Measured in one run on this machine; medians of repeated runs; ratios against the baselines:
- start-up: `cdc --help` / `cdc --version` against a minimal Typer app with the same commands;
- one document, each command a whole process run in turn with its yardstick: answers → DOCX
  against pandoc's Markdown → DOCX (``-f commonmark_x``) on the same Markdown; answers → PDF with
  Typst and with WeasyPrint against LibreOffice converting our DOCX; then each writer alone in a
  warm process;
- the README's first command (validate every example, render the largest), first and next runs;
- batch: N answers files to DOCX + PDF with -j 1 and -j 2, throughput, peak memory of the largest
  process (a worker or the parent);
- scaling: 1×, 4×, 16× the requirements/content of the largest example, time and memory, each
  engine, with the time per page against 1×.
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


_MEASURE = """import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
error = child.stderr.read()
_, status, usage = os.wait4(child.pid, 0)
elapsed = time.perf_counter() - start
if os.waitstatus_to_exitcode(status):
    sys.stderr.buffer.write(error)
    sys.exit(1)
print(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
"""


def whole(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """One run of ``command`` as a process of its own: wall seconds, CPU seconds (user + system,
    its children included) and peak resident memory in MB of its largest process.

    It is started by a small wrapper process: a child forked from this one (which has cdc
    loaded) would count this process's memory as its own peak."""
    result = subprocess.run([sys.executable, "-I", "-S", "-c", _MEASURE, *command],
                            capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    wall, cpu, peak = (float(x) for x in result.stdout.split())
    return wall, cpu, peak


def compare(a: list[str], b: list[str] | None, runs: int, env: dict[str, str] | None = None
            ) -> tuple[tuple[float, float, float], tuple[float, float, float] | None,
                       float | None]:
    """Medians (wall, CPU, peak MB) of ``a`` and ``b`` run in turn, a b a b…, after one warm-up
    run each, and the median of the pairs' wall-time ratios a/b (pairs keep the ratio honest
    when the machine's speed drifts)."""
    whole(a, env)
    if b is not None:
        whole(b)
    ours: list[tuple[float, float, float]] = []
    theirs: list[tuple[float, float, float]] = []
    for _ in range(runs):
        ours.append(whole(a, env))
        if b is not None:
            theirs.append(whole(b))

    def medians(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
        wall, cpu, peak = zip(*rows, strict=True)
        return statistics.median(wall), statistics.median(cpu), statistics.median(peak)

    if b is None:
        return medians(ours), None, None
    ratio = statistics.median(x[0] / y[0] for x, y in zip(ours, theirs, strict=True))
    return medians(ours), medians(theirs), ratio


def figures(measured: tuple[float, float, float]) -> tuple[str, str]:
    wall, cpu, peak = measured
    return f"{wall:.3f} s", f"CPU {cpu:.2f} s, peak {peak:.0f} MB"


def show(name: str, measured: tuple[float, float, float], note: str = "") -> None:
    wall, extra = figures(measured)
    row(name, wall, f"{extra}" + (f"; {note}" if note else ""))


_WRITER_ALONE = """
import sys, tempfile, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from cdc.render import build_document, load_answers, make_assets, warm_up
from cdc.writers import get_writer
fmt, engine = sys.argv[3], (sys.argv[4] or None)
warm_up([fmt], engine)  # imports, fonts, one tiny document: what a warm process has done
spec, answers = load_answers(Path(sys.argv[2]))
doc = build_document(spec)
assets = make_assets(spec, None, None, answers)
writer = get_writer(fmt, engine)
with tempfile.TemporaryDirectory() as tmp:
    for name in ("gantt", "dataflow"):  # the pictures are made once per document, not per writer
        assets.make_png(name), assets.make_svg(name)
    start = time.process_time()
    writer.write(doc, assets, Path(tmp) / ("x." + fmt))
    print(time.process_time() - start)
"""


def writers_only(runs: int) -> dict[str, float]:
    """Median CPU seconds of each writer alone, from one document tree with its pictures made:
    the same work as pandoc (Markdown → DOCX) and LibreOffice (DOCX → PDF) do.

    Each figure is the first time a warm process writes this document: the typst package
    memoises what it typeset, so a second compile of the same document in one process takes a
    tenth of the time and measures its cache, not Typst (the 0.116 s once reported here)."""
    medians: dict[str, float] = {}
    for label, fmt, engine in (("docx", "docx", ""), ("typst", "pdf", "typst"),
                               ("weasyprint", "pdf", "weasyprint")):
        times = []
        for _ in range(runs if label != "weasyprint" else max(1, runs // 2)):
            result = subprocess.run([sys.executable, "-c", _WRITER_ALONE, str(ROOT),
                                     str(LARGEST), fmt, engine],
                                    capture_output=True, text=True, check=True)
            times.append(float(result.stdout.split()[-1]))
        medians[label] = statistics.median(times)
    return medians


def cdc_command() -> list[str]:
    """The console script, as users run it (``python -m`` adds runpy's own import)."""
    script = Path(sys.executable).parent / "cdc"
    return [str(script)] if script.exists() else [sys.executable, "-m", "cdc"]


def pandoc_path() -> str | None:
    """pandoc on the PATH, else the one pypandoc-binary brings (the bench extra), else None."""
    found = shutil.which("pandoc")
    if found:
        return found
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        return None


def one_document(runs: int) -> None:
    """Each command as a user runs it, a process of its own, against its yardstick run in turn
    with it: pandoc's Markdown → DOCX on the same Markdown, LibreOffice's DOCX → PDF on our
    DOCX."""
    from cdc.render import render_file

    cdc = cdc_command()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        written = render_file(LARGEST, ["md", "docx", "pdf"], out / "ref")
        md = next(p for p in written if p.suffix == ".md")
        docx_file = next(p for p in written if p.suffix == ".docx")
        pages = _pages(next(p for p in written if p.suffix == ".pdf"))
        render = [*cdc, "render", str(LARGEST), "-o", str(out / "cdc")]
        row(f"largest example: {LARGEST.name}, {pages} PDF pages", "", "whole processes")

        pandoc = pandoc_path()
        if pandoc is None:
            show("cdc render -f docx", compare([*render, "-f", "docx"], None, runs)[0],
                 "pandoc not installed: no yardstick (pip install pypandoc-binary)")
        else:
            ours, theirs, ratio = compare(
                [*render, "-f", "docx"],
                [pandoc, str(md), "-f", "commonmark_x", "-o", str(out / "pandoc.docx")], runs)
            show("cdc render -f docx", ours)
            assert theirs is not None and ratio is not None
            show("pandoc -f commonmark_x Markdown → DOCX", theirs,
                 f"cdc/pandoc = {ratio:.2f}× (goal ≤ 1.0×)")
        show("cdc render -f md", compare([*render, "-f", "md"], None, runs)[0])

        soffice = shutil.which("soffice")
        office = None
        if soffice is None:
            row("LibreOffice DOCX → PDF", "skipped", "soffice not on PATH")
        else:
            profile = out / "lo-profile"
            office = [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                      "--convert-to", "pdf", "--outdir", str(out / "lo"), str(docx_file)]
            subprocess.run(office, capture_output=True, check=True)  # creates the profile
        office_cpu: list[float] = []
        for engine, goal in (("typst", "LibreOffice/Typst, goal ≥ 30×"),
                             ("weasyprint", "WeasyPrint/LibreOffice, goal ≤ 2.0×")):
            command = [*render, "-f", "pdf", "--pdf-engine", engine]
            count = runs if engine == "typst" else max(2, runs // 2)
            ours, theirs, ratio = compare(command, office, count)
            show(f"cdc render -f pdf --pdf-engine {engine}", ours)
            if theirs is not None and ratio is not None:
                office_cpu.append(theirs[1])
                shown = 1 / ratio if engine == "typst" else ratio
                show("  LibreOffice DOCX → PDF (headless, warm profile)", theirs,
                     f"{shown:.2f}× ({goal}; whole processes, wall, pairwise)")
    alone = writers_only(runs)
    if office_cpu:  # LibreOffice starts from a finished DOCX: set it against the writers alone
        lo = statistics.median(office_cpu)
        row("LibreOffice CPU / Typst writer alone", f"{lo / alone['typst']:.1f}×",
            "goal ≥ 30×")
        row("WeasyPrint writer alone / LibreOffice CPU", f"{alone['weasyprint'] / lo:.2f}×",
            "goal ≤ 2.0×")
    row("writer alone, warm process: Word (tree → DOCX)", f"{alone['docx']:.3f} s", "CPU")
    row("writer alone, warm process: Typst (tree → PDF)", f"{alone['typst']:.3f} s", "CPU")
    row("writer alone, warm process: WeasyPrint (tree → PDF)", f"{alone['weasyprint']:.3f} s",
        "CPU")


def first_command(runs: int) -> None:
    """The README's first command after its ``pip install .``: validate every example, then
    render the largest in the default formats (DOCX, and PDF with the default engine), as a
    newcomer's first run (an empty cache folder) and as the next runs."""
    cdc = cdc_command()
    examples = [str(p) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for label, fresh in (("first run, empty cache", True), ("next runs", False)):
            walls = []
            for attempt in range(runs if not fresh else max(1, runs // 2)):
                env = dict(os.environ, CDC_CACHE_DIR=str(out / ("cache" if not fresh
                                                                 else f"fresh-{attempt}")))
                validate = whole([*cdc, "validate", *examples], env)
                render = whole([*cdc, "render", str(LARGEST), "-o", str(out / "out")], env)
                walls.append((validate[0], render[0]))
            validate_s = statistics.median(w[0] for w in walls)
            render_s = statistics.median(w[1] for w in walls)
            row(f"README first command ({label})", f"{validate_s + render_s:.2f} s",
                f"cdc validate examples/*.yaml {validate_s:.2f} s + cdc render "
                f"{LARGEST.name} -o out {render_s:.2f} s")


def _pages(pdf: Path) -> int | None:
    from cdc.batch import count_pdf_pages

    return count_pdf_pages(pdf)


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


# Groups whose records must add up (to 100 %, to 100 points): repeating them makes the file
# invalid, so they keep their records.
_NOT_REPEATED = ("payment_milestones", "award_criteria")


def scaled(answers: Path, factor: int, target: Path) -> None:
    """The largest example with every repeating group repeated ``factor`` times (copies of an
    own requirement lose their reference, which must be unique: cdc numbers them)."""
    data = yaml.safe_load(answers.read_text(encoding="utf-8"))
    grown = copy.deepcopy(data)
    for part, block in data.items():
        if not isinstance(block, dict):
            continue
        for key, value in block.items():
            if key in _NOT_REPEATED:
                continue
            if isinstance(value, list) and value and isinstance(value[0], dict):
                grown[part][key] = [
                    {k: v for k, v in item.items() if not (copy_no and k == "ref")}
                    for copy_no in range(factor) for item in value]
    target.write_text(yaml.safe_dump(grown, allow_unicode=True, sort_keys=False),
                      encoding="utf-8")


def scaling() -> None:
    per_page: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for factor in (1, 4, 16):
            source = Path(tmp) / f"x{factor}.yaml"
            scaled(LARGEST, factor, source)
            for fmt, engine in (("docx", None), ("pdf", "typst"), ("pdf", "weasyprint")):
                # Warmed on a one-line document, not on this one: the typst package memoises
                # what it typeset, and a second render of the same document measures that cache.
                code = (
                    "import sys, time, resource, pathlib, tempfile\n"
                    f"sys.path.insert(0, {str(ROOT)!r})\n"
                    "from cdc.render import render_file, warm_up\n"
                    "from cdc.batch import count_pdf_pages\n"
                    "out = pathlib.Path(tempfile.mkdtemp())\n"
                    f"extra = {{'pdf_engine': {engine!r}}} if {engine!r} else {{}}\n"
                    f"warm_up([{fmt!r}], {engine!r})\n"
                    "t = time.perf_counter()\n"
                    f"paths = render_file(pathlib.Path({str(source)!r}), [{fmt!r}], out, **extra)\n"
                    "dt = time.perf_counter() - t\n"
                    "pages = count_pdf_pages(paths[0]) if paths[0].suffix == '.pdf' else None\n"
                    "print(dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, pages)\n"
                )
                result = subprocess.run([sys.executable, "-c", code], capture_output=True,
                                        text=True, check=True)
                seconds, memory, pages = result.stdout.split()
                label = f"{fmt}" + (f" ({engine})" if fmt == "pdf" else "")
                size = int(pages) if pages != "None" else factor
                unit = float(seconds) / size
                per_page.setdefault(label, unit)
                row(f"scaling ×{factor}: {label}", f"{float(seconds):.2f} s",
                    f"peak RSS {float(memory):.0f} MB"
                    + (f", {pages} pages" if pages != "None" else "")
                    + f", {'per page' if pages != 'None' else 'per ×1'} "
                      f"{unit / per_page[label]:.2f}× the 1× figure (linear: 1.00×)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, 20-file batch")
    parser.add_argument("--only", choices=["startup", "document", "first", "batch", "scaling"])
    parser.add_argument("--files", type=int, default=None, help="batch size (default 100)")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    files = args.files or (20 if args.quick else 100)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1764374400")
    print(f"cdc benchmarks on {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"| {'what':<52} | {'median wall':>14} | note |")
    print(f"|{'-' * 54}|{'-' * 16}|------|")
    if args.only in (None, "startup"):
        startup(runs * 2)
    if args.only in (None, "document"):
        one_document(runs)
    if args.only in (None, "first"):
        first_command(runs)
    if args.only in (None, "batch"):
        batch(files)
    if args.only in (None, "scaling"):
        scaling()


if __name__ == "__main__":
    main()
