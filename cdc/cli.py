"""The command line: Typer options in, one library call, results presented with rich. Nothing else.

Library modules are imported inside the commands so that ``cdc --help`` stays fast.
"""

from __future__ import annotations

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
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def print_problems(problems: list[Problem], stderr: bool = True) -> None:
    """Prints problems as ``file:line:col: severity: message`` with the hint below."""
    console = _console(stderr)
    for p in problems:
        style = "red" if p.is_error else "yellow"
        qid = f" [{p.question_id}]" if p.question_id else ""
        console.print(f"{p.location}: ", end="", markup=False)
        console.print(p.severity, style=style, end="", markup=False)
        console.print(f"{qid}: {p.message}", markup=False)
        if p.hint:
            console.print("    hint: " + p.hint.replace("\n", "\n    "), markup=False,
                          style="dim")


def run(action: Callable[[], T]) -> T:
    """Runs a library call, turning a user's mistake into a message and an exit code."""
    try:
        return action()
    except CdcError as exc:
        if _state["debug"]:
            raise
        console = _console(stderr=True)
        console.print(f"[red]error:[/red] {exc}", markup=True, highlight=False)
        if exc.problems:
            print_problems(exc.problems)
        if exc.hint:
            console.print(f"    hint: {exc.hint}", markup=False, style="dim")
        raise typer.Exit(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        _console(stderr=True).print("interrupted", style="yellow")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


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
) -> None:
    """Check answers files: every problem at once, with file:line:column and a hint.

    Exit code 0 when every file is valid (warnings allowed), 1 when one is invalid.
    """
    from cdc.answers import validate_file

    if output not in ("text", "json"):
        raise typer.BadParameter("use text or json", param_hint="--format")
    bank = _bank()
    missing = [f for f in files if not f.is_file()]
    if missing:
        for f in missing:
            _console(stderr=True).print(f"error: {f}: no such file", markup=False)
        raise typer.Exit(int(ExitCode.USAGE))
    results = [validate_file(f, bank) for f in files]
    if output == "json":
        import json

        typer.echo(json.dumps([_validation_json(r) for r in results], ensure_ascii=False,
                              indent=2))
    else:
        console = _console()
        for r in results:
            shown = r.errors if quiet else r.problems
            print_problems(shown, stderr=False)
            status = "[green]valid[/green]" if r.ok else "[red]invalid[/red]"
            console.print(
                f"{r.file}: {status}: {len(r.errors)} error(s), {len(r.warnings)} warning(s), "
                f"{len(r.open_points)} open point(s), {r.percent} % answered",
                markup=True,
            )
            if not quiet and r.data:
                console.print("    " + "  ".join(f"{p.number}.{p.key} {p.percent} %"
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

    _check_lang(lang)
    if file.exists() and not force:
        _console(stderr=True).print(
            f"error: {file} already exists; nothing was written.\n"
            "    hint: choose another name, or add --force to overwrite it.", markup=False)
        raise typer.Exit(int(ExitCode.USAGE))
    if file.exists() and file.is_dir():
        _console(stderr=True).print(f"error: {file} is a folder", markup=False)
        raise typer.Exit(int(ExitCode.USAGE))
    bank = _bank()
    write_atomic(file, blank_answers(bank, lang))
    schema_path = file.parent / SCHEMA_FILENAME
    schema_text = json.dumps(json_schema(bank), ensure_ascii=False, indent=2) + "\n"
    ours = not schema_path.exists() or SCHEMA_ID in schema_path.read_text(
        encoding="utf-8", errors="replace")
    if ours:
        write_atomic(schema_path, schema_text)
    console = _console()
    console.print(f"wrote {file}" + (f" (and {schema_path} for editors)" if ours else ""),
                  markup=False)
    console.print(f"next: fill it in, then: cdc validate {file}", markup=False, style="dim")


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of answers files, for editors."""
    import json

    from cdc.schema import json_schema

    typer.echo(json.dumps(json_schema(_bank()), ensure_ascii=False, indent=2))


@app.command()
def questions(
    part: Annotated[int | None, typer.Option("--part", "-p", help="Only this part (0-6).")] = None,
    lang: Lang = "fr",
) -> None:
    """List the question bank: id, part, type, prompt."""
    from rich.table import Table

    _check_lang(lang)
    bank = _bank()
    numbers = [p.number for p in bank.parts]
    if part is not None and part not in numbers:
        raise typer.BadParameter(f"no part {part}; parts are {numbers}", param_hint="--part")
    table = Table(show_lines=False, expand=False)
    for column in ("id", "part", "type", "req", "prompt"):
        table.add_column(column, overflow="fold")
    for p in bank.parts:
        if part is not None and p.number != part:
            continue
        for q in p.questions:
            kind = q.type + (f" ({q.unit.get(lang)})" if q.unit else "")
            table.add_row(q.id, f"{p.number}.{q.section}", kind, "*" if q.required else "",
                          q.prompt.get(lang))
            for f in q.fields:
                table.add_row(f"  {q.id}.{f.id}", "", f.type, "*" if f.required else "",
                              f.prompt.get(lang))
    console = _console()
    console.print(table)
    count, groups = bank.count()
    console.print(f"{count} questions and fields, {groups} repeating groups", markup=False)


def main() -> None:
    """Entry point of the ``cdc`` console script."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(int(ExitCode.INTERRUPTED))
