"""``cdc batch``: many answers files rendered in parallel, one bad file never spoiling the others.

Each input gets its own output folder named from its file path, so two clients with the same
company name never overwrite each other. Workers are processes forked from the batch's own,
which loads the question bank, the templates and the writers' libraries once, before the first
fork (:mod:`cdc.pool`): no worker loads them again.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import re
import time
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from cdc import __version__
from cdc.errors import CdcError, UsageError
from cdc.files import portable_name, write_atomic
from cdc.resources import packaged_dir

TYPST_TASKS_PER_WORKER = 2
"""Documents a worker renders before a fresh fork replaces it, when Typst typesets the PDF: the
typst package keeps every compiled document in memory (about 60 MB each), for good."""

STAMP = ".cdc-batch.json"
"""File in each output folder recording what produced it, for ``--incremental``."""


@dataclass
class BatchResult:
    """What happened to one input."""

    input: str
    status: str  # "ok", "failed", "skipped"
    out_dir: str
    outputs: list[str] = field(default_factory=list)
    pages: int | None = None
    seconds: float = 0.0
    error: str = ""


@dataclass(frozen=True)
class BatchOptions:
    formats: tuple[str, ...]
    templates: Path | None = None
    pdf_variant: str | None = None
    pdf_engine: str | None = None
    edition: str = "vendor"  # or "internal": see cdc.audience

    @property
    def stamp(self) -> str:
        """The incremental stamp's file name: one per edition, so both can live in a folder."""
        if self.edition == "vendor":
            return STAMP
        return STAMP.replace(".json", f"-{self.edition}.json")


# --------------------------------------------------------------------------- inputs and outputs


def collect_inputs(items: Iterable[str]) -> list[Path]:
    """Files, folders (every *.yaml / *.yml inside, recursively) and glob patterns."""
    found: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            matches = [p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()]
        elif path.is_file():
            matches = [path]
        elif any(ch in item for ch in "*?["):
            base = Path(item).anchor or "."
            pattern = item[len(base):] if Path(item).is_absolute() else item
            matches = [p for p in Path(base).glob(pattern)
                       if p.is_file() and p.suffix in (".yaml", ".yml")]
            if not matches:
                raise UsageError(f"no answers file matches '{item}'")
        else:
            raise UsageError(f"{item}: no such file or folder")
        found.extend(sorted(matches))
    unique: dict[Path, Path] = {}
    for p in found:
        unique.setdefault(p.resolve(), p)
    if not unique:
        raise UsageError("no answers files (*.yaml, *.yml) in the inputs given")
    return list(unique.values())


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return portable_name(re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower() or "input")


def output_dirs(inputs: list[Path], root: Path) -> dict[Path, Path]:
    """One folder per input, named from its file; unique even for equal names elsewhere."""
    resolved = [p.resolve() for p in inputs]
    common = Path(os.path.commonpath([str(p.parent) for p in resolved])) if resolved else Path()
    taken: set[str] = set()
    result: dict[Path, Path] = {}
    stems = [p.stem for p in resolved]
    for original, path in zip(inputs, resolved, strict=True):
        if stems.count(path.stem) > 1:
            name = _slug(str(path.relative_to(common).with_suffix("")))
        else:
            name = _slug(path.stem)
        candidate, n = name, 2
        while candidate in taken:
            candidate = f"{name}-{n}"
            n += 1
        taken.add(candidate)
        result[original] = root / candidate
    return result


def _tree_digest(folder: Path | None, digest: Any) -> None:
    if folder is None or not folder.is_dir():
        return
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())


_PACKAGED_DIGEST: str | None = None


def _packaged_digest() -> str:
    global _PACKAGED_DIGEST
    if _PACKAGED_DIGEST is None:
        digest = hashlib.sha256(__version__.encode())
        _tree_digest(packaged_dir("templates"), digest)
        _tree_digest(packaged_dir("questionnaires"), digest)
        _PACKAGED_DIGEST = digest.hexdigest()
    return _PACKAGED_DIGEST


def input_hash(path: Path, options: BatchOptions) -> str:
    """What the outputs depend on: the answers, the templates, the bank, cdc and the options."""
    digest = hashlib.sha256(path.read_bytes())
    digest.update(_packaged_digest().encode())
    _tree_digest(options.templates, digest)
    digest.update(json.dumps([list(options.formats), options.pdf_variant, options.pdf_engine,
                              options.edition, os.environ.get("SOURCE_DATE_EPOCH")]).encode())
    return digest.hexdigest()


def _up_to_date(stamp: Path, digest: str) -> list[str] | None:
    out_dir = stamp.parent
    try:
        recorded = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    outputs = recorded.get("outputs", [])
    if recorded.get("hash") != digest or not all((out_dir / o).is_file() for o in outputs):
        return None
    return [str(out_dir / o) for o in outputs]


def count_pdf_pages(path: Path) -> int | None:
    """Page count read from the PDF's page tree (no PDF library needed at run time).

    The root /Pages node may sit in a compressed object stream (WeasyPrint writes them), so
    deflated streams are searched too when the plain text holds no page tree.
    """
    data = path.read_bytes()
    counts = _page_counts(data)
    if not counts:
        for match in re.finditer(rb"/FlateDecode.*?stream\r?\n(.*?)endstream", data, re.S):
            try:
                counts += _page_counts(zlib.decompressobj().decompress(match.group(1)))
            except zlib.error:
                continue
    return max(counts) if counts else None


def _page_counts(data: bytes) -> list[int]:
    counts = [int(m) for m in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    counts += [int(m) for m in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", data)]
    return counts


# --------------------------------------------------------------------------- the work


def _prepare_worker(options: BatchOptions) -> None:
    """What a worker started fresh (not forked from the warm parent) loads first."""
    from cdc.render import warm_up

    warm_up(options.formats, options.pdf_engine, templates=options.templates)


def _interrupt_on_signal(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """In the main process, SIGTERM stops the batch like Ctrl-C (workers stopped, exit 130)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt_on_signal)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _remove_temporary_files(folders: Iterable[Path]) -> None:
    """Temporary files a killed worker may have left (cdc.files names them .NAME.xxx.tmp)."""
    for folder in folders:
        with contextlib.suppress(OSError):
            for leftover in folder.glob(".*.tmp"):
                with contextlib.suppress(OSError):
                    leftover.unlink()


def render_one(path: Path, out_dir: Path, options: BatchOptions, incremental: bool) -> BatchResult:
    """Renders one input into its folder; every failure becomes a result, never an exception."""
    from cdc.render import render_file

    start = time.perf_counter()
    result = BatchResult(str(path), "ok", str(out_dir))
    try:
        digest = input_hash(path, options)
        if incremental:
            existing = _up_to_date(out_dir / options.stamp, digest)
            if existing is not None:
                result.status = "skipped"
                result.outputs = existing
                result.pages = _pages(existing)
                result.seconds = time.perf_counter() - start
                return result
        written = render_file(path, list(options.formats), out_dir, templates=options.templates,
                              pdf_variant=options.pdf_variant, pdf_engine=options.pdf_engine,
                              edition=options.edition)
        result.outputs = [str(p) for p in written]
        result.pages = _pages(result.outputs)
        stamp = {"hash": digest, "input": str(path),
                 "outputs": [str(Path(p).relative_to(out_dir)) for p in written
                             if Path(p).is_relative_to(out_dir)]}
        write_atomic(out_dir / options.stamp, json.dumps(stamp, indent=2) + "\n")
    except CdcError as exc:
        result.status = "failed"
        lines = [str(exc)]
        lines += [f"{p.location}: {p.message}" for p in exc.problems if p.is_error][:10]
        result.error = "\n".join(lines)
    except OSError as exc:  # an input that cannot be read, a folder that cannot be made
        result.status = "failed"
        where = exc.filename or path
        result.error = f"{where}: {(exc.strerror or type(exc).__name__).lower()}"
    except Exception as exc:  # a bug must not stop the other files; it is reported as such
        result.status = "failed"
        result.error = f"internal error: {type(exc).__name__}: {exc}"
    result.seconds = time.perf_counter() - start
    return result


def _pages(outputs: list[str]) -> int | None:
    for output in outputs:
        if output.endswith(".pdf"):
            return count_pdf_pages(Path(output))
    return None


def run_batch(
    inputs: list[Path],
    out_root: Path,
    options: BatchOptions,
    jobs: int,
    fail_fast: bool = False,
    incremental: bool = False,
    on_result: Callable[[BatchResult], None] | None = None,
) -> list[BatchResult]:
    """Renders every input; returns the results in input order."""
    from cdc.writers import pdf_engine_for

    options = replace(options, pdf_engine=pdf_engine_for(options.pdf_engine, options.templates))
    folders = output_dirs(inputs, out_root)
    results: dict[Path, BatchResult] = {}

    def record(path: Path, result: BatchResult) -> bool:
        results[path] = result
        if on_result is not None:
            on_result(result)
        return fail_fast and result.status == "failed"

    typst = options.pdf_engine == "typst" and "pdf" in options.formats
    if len(inputs) == 1 or (jobs <= 1 and not typst):  # in this process, one after the other
        from cdc.render import warm_up

        with _sigterm_interrupts():
            warm_up(options.formats, options.pdf_engine, templates=options.templates)
            for path in inputs:
                if record(path, render_one(path, folders[path], options, incremental)):
                    break
    else:
        with _sigterm_interrupts():
            _run_pool(inputs, folders, options, jobs, incremental, record)
    for path in inputs:
        if path not in results:
            results[path] = BatchResult(str(path), "cancelled", str(folders[path]),
                                        error="not run: --fail-fast stopped the batch")
    return [results[p] for p in inputs]


def _render_task(task: tuple[Path, Path], options: BatchOptions,
                 incremental: bool) -> BatchResult:
    return render_one(task[0], task[1], options, incremental)


def _lost(task: tuple[Path, Path], why: str) -> BatchResult:
    return BatchResult(str(task[0]), "failed", str(task[1]), error=f"internal error: {why}")


def _run_pool(inputs: list[Path], folders: dict[Path, Path], options: BatchOptions, jobs: int,
              incremental: bool, record: Callable[[Path, BatchResult], bool]) -> None:
    """Renders ``inputs`` in worker processes forked from this one, warmed up first.

    Ctrl-C or SIGTERM (KeyboardInterrupt here) stops every worker within about a second, removes
    what they were writing, and propagates: no document is started after the signal.
    """
    import functools

    from cdc.pool import Pool
    from cdc.render import warm_up

    typst = options.pdf_engine == "typst" and "pdf" in options.formats
    # Typst starts threads when it compiles: the parent must not (its workers are forks).
    warm_up(options.formats, options.pdf_engine, compile_typst=False,
            templates=options.templates)
    pool: Pool[tuple[Path, Path], BatchResult] = Pool(
        functools.partial(_render_task, options=options, incremental=incremental), jobs,
        per_worker=TYPST_TASKS_PER_WORKER if typst else None,
        prepare=functools.partial(_prepare_worker, options), lost=_lost)
    tasks = [(path, folders[path]) for path in inputs]
    try:
        pool.run(tasks, lambda task, result: record(task[0], result))
    except BaseException:
        _remove_temporary_files({tasks[i][1] for i in pool.abandoned})
        raise


def _csv_cell(value: object) -> str:
    """A report cell that a spreadsheet opens as text, never as a formula (= + - @, tab, CR)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_report(results: list[BatchResult], target: Path) -> None:
    """The summary as JSON, or CSV when the file name ends in .csv."""
    if target.suffix.lower() == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["input", "status", "out_dir", "pages", "seconds", "outputs", "error"])
        for r in results:
            writer.writerow([_csv_cell(v) for v in (
                r.input, r.status, r.out_dir, "" if r.pages is None else r.pages,
                f"{r.seconds:.3f}", ";".join(r.outputs), r.error)])
        write_atomic(target, buffer.getvalue())
    else:
        payload = {
            "cdc_version": __version__,
            "files": len(results),
            "failed": sum(r.status == "failed" for r in results),
            "results": [asdict(r) for r in results],
        }
        write_atomic(target, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
