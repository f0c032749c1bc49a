"""The command line: Typer options in, one library call, results presented with rich. Nothing else.

Library modules are imported inside the commands so that ``cdc --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from cdc import __version__
from cdc.errors import CdcError, ExitCode, Problem

app = typer.Typer(
    name="cdc",
    help="Cahier des charges CRM: from scoping interviews to a complete CRM specification "
    "(Word, PDF, HTML, Markdown, Excel).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

_state = {"debug": False}

T = TypeVar("T")


def _console(stderr: bool = False) -> Any:
    from cdc.terminal import console

    return console(stderr)


def print_problems(problems: list[Problem], stderr: bool = True, lang: str = "en") -> None:
    """Prints problems as ``file:line:col: severity: message`` with the hint below.

    The severity stays ``error``/``warning`` in every language: editors and CI read it."""
    from cdc.messages import hint_label
    from cdc.terminal import printable

    console = _console(stderr)
    for p in problems:
        style = "red" if p.is_error else "yellow"
        qid = f" [{p.question_id}]" if p.question_id else ""
        console.print(printable(f"{p.location}: "), end="")
        console.print(p.severity, style=style, end="")
        console.print(printable(f"{qid}: {p.message}"))
        if p.hint:
            console.print(f"    {hint_label(lang)} " + printable(p.hint).replace("\n", "\n    "),
                          style="dim")


def run(action: Callable[[], T]) -> T:
    """Runs a library call, turning a user's mistake into a message and an exit code."""
    try:
        return action()
    except CdcError as exc:
        if _state["debug"]:
            raise
        from cdc.messages import french, hint_label, in_language
        from cdc.terminal import printable

        text, hint = str(exc), exc.hint
        if exc.lang == "fr":
            text = french(text) or text
            hint = (french(hint, hint=True) or hint) if hint else hint
        console = _console(stderr=True)
        console.print("error:", style="red", end=" ")
        console.print(printable(text))
        if exc.problems:
            print_problems(in_language(exc.problems, exc.lang), lang=exc.lang)
        if hint:
            console.print(f"    {hint_label(exc.lang)} {printable(hint)}", style="dim")
        raise typer.Exit(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        _console(stderr=True).print("interrupted", style="yellow")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except OSError as exc:  # a file the library did not expect to fail (temporary folder...)
        if _state["debug"]:
            raise
        from cdc.terminal import printable

        where = f"{exc.filename}: " if exc.filename else ""
        console = _console(stderr=True)
        console.print("error:", style="red", end=" ")
        console.print(printable(f"{where}{(exc.strerror or str(exc)).lower()}"))
        console.print("    hint: check the path, its permissions and the free disk space.",
                      style="dim")
        raise typer.Exit(int(ExitCode.INVALID)) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cdc {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True,
                           help="Print the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    """Cahier des charges CRM."""
    _state["debug"] = debug


def _bank() -> Any:
    from cdc.questionnaire import load_questionnaire

    return run(load_questionnaire)


Lang = Annotated[str, typer.Option("--lang", "-l", help="Language: fr or en.")]


def _check_lang(lang: str) -> str:
    if lang not in ("fr", "en"):
        raise typer.BadParameter(f"'{lang}' is not a language cdc speaks; use fr or en.",
                                 param_hint="--lang")
    return lang


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="Answers files to check.")],
    output: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Errors only.")] = False,
    lang: Annotated[str | None, typer.Option(
        "--lang", "-l", help="fr or en (default: each file's meta.language).")] = None,
) -> None:
    """Check answers files: every problem at once, with file:line:column and a hint.

    Exit code 0 when every file is valid (warnings allowed), 1 when one is invalid.
    """
    from cdc.project import validate_project
    from cdc.terminal import printable

    if output not in ("text", "json"):
        raise typer.BadParameter("use text or json", param_hint="--format")
    bank = _bank()
    missing = [f for f in files if not f.is_file()]
    if missing:
        for f in missing:
            _console(stderr=True).print(f"error: {printable(f)}: no such file")
        raise typer.Exit(int(ExitCode.USAGE))
    from cdc.messages import file_language, in_language, summary

    if lang is not None:
        _check_lang(lang)
    results = [validate_project(f, bank, lang) for f in files]
    languages = [lang or file_language(f, r.data) for f, r in zip(files, results, strict=True)]
    for r, language in zip(results, languages, strict=True):  # in each file's language
        r.problems[:] = in_language(r.problems, language)
    if output == "json":
        import json

        typer.echo(json.dumps([_validation_json(r) for r in results], ensure_ascii=False,
                              indent=2))
    else:
        console = _console()
        for r, language in zip(results, languages, strict=True):
            shown = r.errors if quiet else r.problems
            print_problems(shown, stderr=False, lang=language)
            console.print(f"{printable(r.file)}: ", end="")
            console.print(summary(r.ok, len(r.errors), len(r.warnings), len(r.open_points),
                                  r.percent, language), style="green" if r.ok else "red",
                          highlight=False)
            if not quiet and r.data:
                percent = "\u00a0%" if language == "fr" else "%"
                console.print("    " + "  ".join(f"{p.number}.{p.key} {p.percent}{percent}"
                                                  for p in r.parts), markup=False, style="dim")
    if not all(r.ok for r in results):
        raise typer.Exit(int(ExitCode.INVALID))


def _validation_json(r: Any) -> dict[str, Any]:
    return {
        "file": r.file,
        "valid": r.ok,
        "percent_answered": r.percent,
        "problems": [
            {
                "severity": p.severity,
                "file": p.location.file,
                "line": p.location.line,
                "column": p.location.column,
                "question": p.question_id,
                "path": p.path,
                "message": p.message,
                "hint": p.hint,
            }
            for p in r.problems
        ],
        "parts": [
            {"part": p.number, "key": p.key, "applicable": p.applicable, "answered": p.answered,
             "open_points": p.open_points, "percent": p.percent,
             "missing_required": p.missing_required}
            for p in r.parts
        ],
        "open_points": [{"path": o.path, "question": o.question_id, "note": o.note}
                        for o in r.open_points],
    }


@app.command()
def new(
    file: Annotated[Path, typer.Argument(help="The answers file to create.")] = Path(
        "cdc-answers.yaml"
    ),
    lang: Lang = "fr",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write an annotated blank answers file (every question with its help and example)."""
    import json

    from cdc.blank import SCHEMA_FILENAME, blank_answers
    from cdc.files import write_atomic
    from cdc.schema import SCHEMA_ID, json_schema
    from cdc.terminal import printable

    _check_lang(lang)
    if file.exists() and not force:
        _console(stderr=True).print(
            f"error: {printable(file)} already exists; nothing was written.\n"
            "    hint: choose another name, or add --force to overwrite it.", markup=False)
        raise typer.Exit(int(ExitCode.USAGE))
    if file.exists() and file.is_dir():
        _console(stderr=True).print(f"error: {printable(file)} is a folder")
        raise typer.Exit(int(ExitCode.USAGE))
    bank = _bank()
    run(lambda: write_atomic(file, blank_answers(bank, lang)))
    schema_path = file.parent / SCHEMA_FILENAME
    schema_text = json.dumps(json_schema(bank), ensure_ascii=False, indent=2) + "\n"
    try:
        ours = not schema_path.exists() or SCHEMA_ID in schema_path.read_text(
            encoding="utf-8", errors="replace")
    except OSError:
        ours = False  # not ours to replace if we cannot even read it
    if ours:
        run(lambda: write_atomic(schema_path, schema_text))
    console = _console()
    console.print(printable(f"wrote {file}" + (f" (and {schema_path} for editors)" if ours
                                                else "")))
    console.print(printable(f"next: fill it in, then: cdc validate {file}"), style="dim")


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of answers files, for editors."""
    import json

    from cdc.schema import json_schema

    typer.echo(json.dumps(json_schema(_bank()), ensure_ascii=False, indent=2))


@app.command()
def questions(
    part: Annotated[int | None, typer.Option("--part", "-p", help="Only this part (0-6).")] = None,
    role: Annotated[str | None, typer.Option(
        "--role", "-r", help="Only the questions of this role's interview (cdc questions lists "
        "the roles).")] = None,
    lang: Lang = "fr",
) -> None:
    """List the question bank: id, part, type, audience, roles, prompt and choice values.

    With --role, the questions a role's interview asks and the time it takes. A terminal gets
    a table; a pipe or a file gets plain full-width lines.
    """
    from cdc.questions import COLUMNS, list_questions, plain_lines

    _check_lang(lang)
    bank = _bank()
    numbers = [p.number for p in bank.parts]
    if part is not None and part not in numbers:
        raise typer.BadParameter(f"no part {part}; parts are {numbers}", param_hint="--part")
    listing = run(lambda: list_questions(bank, lang, part, role))
    console = _console()
    if not console.is_terminal:
        typer.echo("\n".join(plain_lines(listing)))
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False, expand=False)
    for column in COLUMNS:
        table.add_column(column, overflow="fold")
    for row in listing.rows:
        cells = [Text(c) for c in row.cells()]
        if row.choices:
            cells[-1].append(f"\nchoices: {row.choices}", style="dim")
        table.add_row(*cells)
    console.print(table)
    for line in listing.summary:
        console.print(line, markup=False)


@app.command()
def interview(
    file: Annotated[Path, typer.Argument(help="The answers file (created if missing).")] = Path(
        "cdc-answers.yaml"
    ),
    lang: Lang = "fr",
    part: Annotated[
        int | None, typer.Option("--part", "-p", help="Answer or revisit this part only (0-6).")
    ] = None,
    review: Annotated[
        bool, typer.Option("--review", help="Go straight to the summary to change answers.")
    ] = False,
    role: Annotated[str | None, typer.Option(
        "--role", "-r", help="Ask only this role's questions (cdc questions lists the roles), "
        "into a respondent file that cdc merge combines.")] = None,
    respondent: Annotated[str | None, typer.Option(
        "--respondent", help="Who answers (\"First Last\"), so that it is not asked.")] = None,
) -> None:
    """Guided interview in the terminal, saved after every answer; Ctrl-C, run again to resume.

    With --role, only the questions of one role (sales, it...), for one person: each person's
    file is then combined with cdc merge. Needs a terminal. Without one: cdc new FILE, edit
    it, cdc validate FILE, cdc render FILE.
    """
    from cdc.interview import run_interview

    _check_lang(lang)
    code = run(lambda: run_interview(file, lang=lang, part=part, review=review, role=role,
                                     respondent=respondent))
    if code:
        raise typer.Exit(int(code))


@app.command()
def merge(
    files: Annotated[list[Path], typer.Argument(
        help="Respondent files (one per person interviewed: cdc interview FILE --role R).")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="The project's answers file: created, or merged into.")],
    lang: Annotated[str | None, typer.Option(
        "--lang", "-l", help="Language of the quoted disagreements (default: the document's).")]
    = None,
) -> None:
    """Merge the answers of several people into one project file, keeping who said what.

    The same answer everywhere, or from one person only, is the answer; different answers
    become an open point quoting each version with its author, which cdc check reports and the
    internal edition lists. Records of repeating groups that name the same thing are merged.
    Run it again after a file changes: the result is exact, and your edits to the project file
    are kept. Exit 1 if a file has errors (nothing is written), 2 if a file is missing.
    """
    from cdc.merge import merge_files

    if lang is not None:
        _check_lang(lang)
    result = run(lambda: merge_files(files, output, lang))
    console = _console()
    verb = "wrote" if result.created else "merged into"
    console.print(f"{verb} {result.output}: {len(result.sources)} file(s) "
                  f"({'; '.join(s.who for s in result.sources)}), {result.answers} answer(s), "
                  f"{result.shared} given by several people", markup=False)
    for item in result.kept:
        console.print(f"  kept your edit: {item}", markup=False, style="dim")
    if result.disagreements:
        console.print(f"{len(result.disagreements)} disagreement(s) to settle (cdc check lists "
                      "them; replace each {todo} with the answer kept):", markup=False,
                      style="yellow")
        for d in result.disagreements:
            note = d.place.value.get("todo", "") if d.place is not None and isinstance(
                d.place.value, dict) else ""
            where = d.place.path if d.place is not None else d.entry.at
            console.print(f"  {where}: {note}", markup=False)


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(help="Answers files, folders or glob patterns.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output folder.")] = Path("out"),
    formats: Annotated[str, typer.Option("--formats", "-f", help="Comma-separated formats.")]
    = "docx,pdf",
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (default: cores).")]
    = 0,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first failure.")]
    = False,
    report: Annotated[Path | None, typer.Option("--report", help="Summary as .json or .csv.")]
    = None,
    incremental: Annotated[bool, typer.Option(
        "--incremental", help="Skip inputs whose answers, templates and options are unchanged.")]
    = False,
    templates: Annotated[Path | None, typer.Option("--templates", help="Template overrides.")]
    = None,
    pdf_engine: Annotated[str | None, typer.Option(
        "--pdf-engine", help="typst (default) or weasyprint (styled by CSS; the default when "
        "--templates holds a stylesheet).")] = None,
    edition: Annotated[str, typer.Option(
        "--edition", help="vendor (the specification sent to vendors) or internal (the "
        "internal scoping note).")] = "vendor",
) -> None:
    """Render many answers files in parallel; a bad file never stops the others.

    Each input gets its own folder under --output. Exit code 1 if any file failed.
    """
    from cdc.batch import BatchOptions, collect_inputs, run_batch, write_report
    from cdc.writers import formats as known_formats

    wanted = tuple(f.strip() for f in formats.split(",") if f.strip())
    unknown = [f for f in wanted if f not in known_formats()]
    if unknown or not wanted:
        raise typer.BadParameter(f"unknown format(s) {', '.join(unknown) or formats!r}; "
                                 f"use {', '.join(known_formats())}", param_hint="--formats")
    from cdc.audience import check_edition

    run(lambda: check_edition(edition))
    paths = run(lambda: collect_inputs(inputs))
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    options = BatchOptions(wanted, templates, None, pdf_engine, edition)
    results = run(lambda: _batch_with_progress(paths, output, options, workers, fail_fast,
                                                incremental, run_batch))
    _batch_summary(results)
    if report is not None:
        run(lambda: write_report(results, report))
    if any(r.status in ("failed", "cancelled") for r in results):
        raise typer.Exit(int(ExitCode.INVALID))


def _batch_with_progress(paths: list[Path], output: Path, options: Any, workers: int,
                         fail_fast: bool, incremental: bool, run_batch: Any) -> Any:
    from rich.text import Text

    from cdc.terminal import printable

    console = _console(stderr=True)
    total = len(paths)
    counts = {"ok": 0, "skipped": 0, "failed": 0}
    if not console.is_terminal:
        def plain(result: Any) -> None:
            counts[result.status] = counts.get(result.status, 0) + 1
            done = sum(counts.values())
            print(printable(f"[{done}/{total}] {result.status} {result.input} "
                            f"({result.seconds:.2f} s)"), file=sys.stderr, flush=True)
            if result.error:
                print("    " + printable(result.error).replace("\n", "\n    "),
                      file=sys.stderr)

        return run_batch(paths, output, options, workers, fail_fast, incremental, plain)
    from rich.progress import (
        BarColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn(
            "{task.completed}/{task.total}"), TimeElapsedColumn(), TimeRemainingColumn(),
            console=console) as progress:
        task = progress.add_task("rendering", total=total)

        def update(result: Any) -> None:
            counts[result.status] = counts.get(result.status, 0) + 1
            progress.update(task, advance=1, description=(
                f"done {counts['ok'] + counts['skipped']} · failed {counts['failed']} · "
                f"remaining {total - sum(counts.values())}"))
            if result.error:
                progress.console.print(Text.assemble(
                    ("failed", "red"), f" {printable(result.input)}: {printable(result.error)}"))

        return run_batch(paths, output, options, workers, fail_fast, incremental, update)


def _batch_summary(results: list[Any]) -> None:
    from rich.table import Table
    from rich.text import Text

    from cdc.terminal import printable

    table = Table(title="cdc batch")
    for column in ("file", "status", "pages", "time", "outputs"):
        table.add_column(column, overflow="fold")
    for r in results:
        style = {"ok": "green", "skipped": "cyan", "failed": "red"}.get(r.status, "yellow")
        table.add_row(Text(printable(r.input)), Text(r.status, style=style),
                      "" if r.pages is None else str(r.pages), f"{r.seconds:.2f} s",
                      Text(printable("\n".join(r.outputs) if r.outputs
                                     else r.error.split("\n")[0])))
    console = _console()
    console.print(table)
    failed = sum(r.status in ("failed", "cancelled") for r in results)
    console.print(f"{len(results)} file(s): {len(results) - failed} done, {failed} failed",
                  markup=False)


@app.command()
def check(
    file: Annotated[Path, typer.Argument(help="The answers file to check.")],
    output: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 if anything is found.")] = False,
    lang: Annotated[str | None,
                    typer.Option("--lang", "-l", help="Read and report in fr or en.")] = None,
) -> None:
    """Is the specification ready to send? Completeness, vague wording, measurability, consistency.

    Exit code 0; 1 when the file is invalid, or with --strict when anything is found; 2 when the
    file is missing.
    """
    from cdc.checks import check_file
    from cdc.checks.present import print_report, report_json
    from cdc.terminal import printable

    if output not in ("text", "json"):
        raise typer.BadParameter("use text or json", param_hint="--format")
    if lang is not None:
        _check_lang(lang)
    bank = _bank()
    report = run(lambda: check_file(file, bank, lang))
    if not report.valid:
        from cdc.messages import in_language

        print_problems(in_language(report.validation.errors, report.language),
                       lang=report.language)
        _console(stderr=True).print(printable(
            f"{file}\u00a0: fichier de réponses invalide\u202f; corrigez les erreurs "
            "ci-dessus, puis relancez cdc check." if report.language == "fr" else
            f"{file}: invalid answers file; fix the errors above, then run cdc check again."))
        raise typer.Exit(int(ExitCode.INVALID))
    if output == "json":
        typer.echo(report_json(report))
    else:
        print_report(report, bank, _console())
    if strict and report.findings:
        raise typer.Exit(int(ExitCode.INVALID))


@app.command()
def score(
    grids: Annotated[list[Path], typer.Argument(help="Grids returned by vendors (.xlsx).")],
    answers: Annotated[Path | None, typer.Option(
        "--answers", "-a", help="The answers file the grids were made from: requirements, "
        "priorities and eliminatory flags come from it, never from the vendors' files.")] = None,
    evaluation: Annotated[Path | None, typer.Option(
        "--evaluation", "-e", help="The evaluation committee's notes (0 to 5) on the criteria "
        "cdc cannot compute, per vendor (YAML; see the README).")] = None,
    output: Annotated[str, typer.Option("--format", "-f", help="text, json or xlsx.")] = "text",
    out_file: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the report here (xlsx: default scores.xlsx).")] = None,
) -> None:
    """Score the packs returned by vendors, compare and rank them.

    With --answers, every grid is compared cell by cell with the requirements of your answers
    file and scored with your priorities and eliminatory flags (priority points x coverage
    points); every cell a vendor changed is reported. The pricing forms and questionnaires are
    read, and when your answers give award criteria each offer gets a score per criterion
    (price from the five-year cost cdc computes from the vendor's amounts, the others from
    --evaluation), a weighted total and a rank. Without --answers, the grids' own data is used,
    which a vendor can edit: a warning says so. Exit code 1 when a grid or the evaluation file
    has errors, 2 when a file is missing.
    """
    from cdc.files import write_atomic
    from cdc.score_report import render, to_table
    from cdc.scoring import score_grids
    from cdc.terminal import printable

    if output not in ("text", "json", "xlsx"):
        raise typer.BadParameter("use text, json or xlsx", param_hint="--format")
    report = run(lambda: score_grids(grids, answers, evaluation))
    if report.problems:
        print_problems(report.problems)
    if report.vendors:
        target = out_file or (Path("scores.xlsx") if output == "xlsx" else None)
        if target is not None:
            run(lambda: write_atomic(target, render(report, output)))
            _console(stderr=True).print(printable(f"wrote {target}"))
        elif output == "json":
            typer.echo(render(report, "json"))
        else:
            _console().print(to_table(report))
    if report.has_errors or not report.vendors:
        raise typer.Exit(int(ExitCode.INVALID))


@app.command()
def render(
    file: Annotated[Path, typer.Argument(help="The answers file to render.")],
    formats: Annotated[str, typer.Option(
        "--format", "-f", help="Comma-separated: docx, pdf, html, md, xlsx.")] = "docx,pdf",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Output folder (default: beside FILE).")] = None,
    templates: Annotated[Path | None, typer.Option(
        "--templates", help="Templates overriding the packaged ones, by file name.")] = None,
    pdf_variant: Annotated[str | None, typer.Option(
        "--pdf-variant", help="pdf/a-3b (archiving) or pdf/ua-1 (accessibility).")] = None,
    pdf_engine: Annotated[str | None, typer.Option(
        "--pdf-engine", help="typst (default) or weasyprint (styled by CSS; the default when "
        "--templates holds a stylesheet).")] = None,
    edition: Annotated[str, typer.Option(
        "--edition", help="vendor (default: the specification sent to vendors) or internal "
        "(the internal scoping note: people, budget, risks, quality findings).")] = "vendor",
    strict: Annotated[bool, typer.Option(
        "--strict", help="Refuse (exit 1) a vendor edition that still has open points.")]
    = False,
) -> None:
    """Write the specification (Word, PDF, HTML, Markdown) and the vendor grid (xlsx).

    The vendor edition (default) carries no internal answer; the internal edition is the
    project's scoping note, written as ...-interne (fr) or ...-internal (en). Open points left
    in a vendor edition are printed "to be completed" and listed as warnings; with --strict the
    command exits 1 instead and writes nothing.
    """
    from cdc.render import render_answers
    from cdc.terminal import printable

    result = run(lambda: render_answers(file, formats, output, templates, pdf_variant,
                                        pdf_engine, edition, strict))
    console = _console()
    for path in result.written:
        console.print(printable(f"wrote {path}"), markup=False)
    warnings = result.problems(file)
    if warnings:
        from cdc.messages import file_language, in_language

        lang = file_language(file)
        if lang == "fr":
            line = (f"{file}\u00a0: l'édition éditeurs a encore {len(result.open_points)} point(s) "
                    "ouvert(s) imprimé(s) « à compléter »"
                    + (f" et omet {len(result.withheld)} réponse(s) interne(s)"
                       if result.withheld else "")
                    + "\u202f; --strict refuse une telle édition.")
        else:
            line = (f"{file}: the vendor edition still has {len(result.open_points)} open "
                    "point(s) printed as to be completed"
                    + (f" and {len(result.withheld)} internal answer(s) left out"
                       if result.withheld else "")
                    + "; --strict refuses such an edition.")
        _console(stderr=True).print(printable(line), markup=False, style="yellow")
        print_problems(in_language(warnings, lang), lang=lang)


def main() -> None:
    """Entry point of the ``cdc`` console script."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(int(ExitCode.INTERRUPTED))
    except Exception as exc:  # a bug in cdc: one clear line, the traceback only with --debug
        if _state["debug"]:
            raise
        from cdc.terminal import printable

        _console(stderr=True).print(printable(
            f"internal error: {type(exc).__name__}: {exc}\n    hint: this is a bug in cdc; run "
            "the same command with cdc --debug … to see where, and report it."))
        sys.exit(int(ExitCode.INVALID))
