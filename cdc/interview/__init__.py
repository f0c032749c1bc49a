"""``cdc interview``: the guided interview a project lead runs in a terminal.

The flow: a welcome, who is answering, then the questions in plan order with a header per part
and the progress always visible; every answer saved at once; a review table at the end (or
with ``--review``) to change any answer; then an offer to produce the document.

What to ask and what an answer becomes is decided in :mod:`cdc.interview.engine` (pure);
the widgets live in :mod:`cdc.interview.prompts` (the only module that knows questionary);
the file is read and written by :mod:`cdc.interview.store` (round-trip YAML, atomic saves).
"""

from __future__ import annotations

import datetime as dt
import shlex
import sys
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cdc.answers import applies
from cdc.errors import ExitCode, UsageError
from cdc.interview import engine, store, values
from cdc.interview.texts import duration, word
from cdc.questionnaire import Question, Questionnaire, load_questionnaire

if TYPE_CHECKING:
    from rich.console import Console

    from cdc.interview.prompts import Prompter

DONE = "__cdc_done__"
RENDER_FORMATS = (("docx", "Word (.docx)"), ("pdf", "PDF"), ("html", "HTML"),
                  ("md", "Markdown"), ("xlsx", "Excel (.xlsx)"))


def _has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def run_interview(
    path: Path,
    lang: str = "fr",
    part: int | None = None,
    review: bool = False,
    *,
    prompter: Prompter | None = None,
    isatty: Callable[[], bool] = _has_terminal,
    bank: Questionnaire | None = None,
    today: dt.date | None = None,
) -> ExitCode:
    """Runs the interview on the answers file ``path`` (created if missing).

    Returns the exit code: OK, or INTERRUPTED after Ctrl-C (every answer given is saved).
    Raises UsageError without a terminal or for a part that does not exist, and CdcError for
    a file that cannot be read as answers (it is then left untouched).
    """
    path = Path(path)
    if prompter is None and not isatty():
        raise UsageError(word(lang, "no_tty"), word(lang, "no_tty_hint", file=_quote(path)))
    bank = bank or load_questionnaire()
    numbers = [p.number for p in bank.parts]
    if part is not None and part not in numbers:
        raise UsageError(word(lang, "bad_part", part=part, first=min(numbers),
                              last=max(numbers)))
    data = store.load(path, bank)
    if prompter is None:
        from cdc.interview.prompts import Prompter

        prompter = Prompter(lang)
    session = Session(path, bank, data, lang, prompter, part, today)
    try:
        session.run(review)
    except (KeyboardInterrupt, EOFError):
        prompter.console.print()
        key = "interrupted" if path.exists() else "interrupted_empty"
        prompter.say(word(lang, key, file=path, command=session.command()), style="yellow")
        return ExitCode.INTERRUPTED
    return ExitCode.OK


def _quote(path: Path) -> str:
    return shlex.quote(str(path))


class Session:
    """One run of the interview: the answers in memory, saved after every change."""

    def __init__(
        self,
        path: Path,
        bank: Questionnaire,
        data: MutableMapping[str, Any],
        lang: str,
        prompter: Prompter,
        part: int | None = None,
        today: dt.date | None = None,
    ) -> None:
        self.path = path
        self.bank = bank
        self.data = data
        self.lang = lang
        self.ui = prompter
        self.part = part
        self.today = today
        self.console: Console = prompter.console

    def w(self, key: str, **values: object) -> str:
        return word(self.lang, key, **values)

    def command(self, *extra: str) -> str:
        words = ["cdc", "interview", _quote(self.path)]
        if self.lang != "fr":
            words += ["--lang", self.lang]
        if self.part is not None:
            words += ["--part", str(self.part)]
        return " ".join([*words, *extra])

    # ----------------------------------------------------------------------- the run

    def run(self, review: bool) -> None:
        self.welcome()
        self.respondent()
        if not review:
            self.flow()
        self.review()
        self.offer_render()
        self.ui.say("")
        self.ui.say(self.w("goodbye", command=f"cdc validate {_quote(self.path)}"), "dim")

    def save(self) -> None:
        store.save(self.path, self.data, self.bank)

    def welcome(self) -> None:
        from rich.panel import Panel
        from rich.text import Text

        answered = engine.answered_count(self.bank, self.data)
        body = Text()
        if answered and self.path.exists():
            body.append(self.w("welcome_resume", answered=answered, file=self.path) + "\n")
        else:
            body.append(self.w("welcome_intro") + "\n\n")
            body.append(self.w("welcome_parts") + "\n")
            parts = engine.selected_parts(self.bank, self.part)
            for p in parts:
                body.append(f"  {p.number}. {p.title.get(self.lang)}", style="bold")
                body.append(f"  ({self.w('minutes', n=duration(self.lang, p.minutes))})\n",
                            style="dim")
            if len(parts) > 1:
                total = duration(self.lang, sum(p.minutes for p in parts))
                body.append(self.w("total_minutes", n=total) + "\n", style="dim")
                body.append(self.w("one_part", command=self.command("--part", "N")) + "\n",
                            style="dim")
            body.append("\n" + self.w("welcome_saved", file=self.path) + "\n")
        body.append(self.w("welcome_stop") + "\n")
        body.append(self.w("welcome_unknown"))
        self.console.print(Panel(body, title=self.w("welcome_title"), title_align="left",
                                 border_style="cyan", expand=False, width=min(
                                     100, self.console.width)))

    def respondent(self) -> None:
        last_name, last_role = store.last_respondent(self.data, self.bank)
        self.ui.say("")
        self.ui.say(self.w("respondent_intro"), "bold")

        def needed(text: str) -> bool | str:
            return True if text.strip() else self.w("respondent_needed")

        name = self.ui.line(self.w("respondent_name"), last_name, needed)
        role = self.ui.line(self.w("respondent_role"),
                            last_role if name == last_name else "", needed)
        if store.add_respondent(self.data, self.bank, name, role, self.today):
            self.save()

    # ----------------------------------------------------------------------- questions

    def flow(self) -> None:
        """Asks from the resume point on; a complete part given with --part is revisited."""
        revisit = False
        question = engine.resume_point(self.bank, self.data, self.part)
        if question is None:
            if self.part is None:
                self.ui.say("")
                self.ui.say(self.w("all_done"), "green")
                return
            revisit = True
            question = engine.next_question(self.bank, self.data, None, self.part, revisit)
        shown_part = -1
        while question is not None:
            if question.part != shown_part:
                self.part_header(question.part)
                shown_part = question.part
            self.ask(question, show_progress=True)
            following = engine.next_question(self.bank, self.data, question, self.part, revisit)
            if following is None or following.part != question.part:
                self.ui.say(self.w("part_done", number=question.part), "green")
            question = following

    def part_header(self, number: int) -> None:
        part = self.bank.part(number)
        self.console.print()
        self.console.rule(self.w("part_header", number=part.number,
                                 title=part.title.get(self.lang)), style="cyan")
        self.ui.say(part.intro.get(self.lang), "italic")
        self.ui.say(self.w("part_minutes", n=duration(self.lang, part.minutes)), "dim")

    def ask(self, question: Question, show_progress: bool = False) -> None:
        """Asks one top-level question (a group: its add-another loop) and saves."""
        if show_progress:
            self.console.print()
            where = engine.progress(self.bank, self.data, question)
            self.ui.say(where.line(self.lang), "cyan")
        if question.is_group:
            self.group(question)
            return
        current = engine.value_of(self.data, self.bank, question)
        if current is None and question.id == "language" \
                and self.bank.part_of[question.id].key == "meta":
            current = self.lang  # like cdc new: the document in the interview's language
        value = self.ui.ask(question, current)
        self.store(question, value)

    def store(self, question: Question, value: Any) -> None:
        removed = engine.set_answer(self.data, self.bank, question, value)
        self.save()
        self.tell_removed(removed)

    def tell_removed(self, removed: list[str]) -> None:
        """Names the answers a changed condition emptied, by their question, not their id."""
        if not removed:
            return
        names = []
        for path in removed:
            top, _, rest = path.partition(".")[2].partition("[")
            question = self.bank.by_id.get(top)
            name = question.prompt.get(self.lang) if question else path
            field_id = rest.partition(".")[2]
            field = question.field(field_id) if question and field_id else None
            if field is not None:
                number = int(rest.partition("]")[0]) + 1
                name = f"{name} ({number}. {field.prompt.get(self.lang)})"
            names.append(f"«\u00a0{self.ui.tx(name)}\u00a0»" if self.lang == "fr"
                         else f'"{name}"')
        self.ui.say(self.w("dropped", items=", ".join(names)), "yellow")

    # ----------------------------------------------------------------------- groups

    def records(self, group: Question) -> list[Any]:
        value = engine.value_of(self.data, self.bank, group)
        return list(value) if isinstance(value, list) else []

    def group(self, group: Question) -> None:
        """"Add another ...?" until the user says no; each record saved field by field."""
        from cdc.interview.prompts import UNKNOWN

        self.ui.say(group.prompt.get(self.lang), "bold")
        self.ui.show_question(group, None)
        for index in engine.incomplete_records(self.bank, self.data, group):
            self.ui.show_records(group, self.records(group))
            self.fill_record(group, index, unanswered_only=True)
        while True:
            records = self.records(group)
            self.ui.show_records(group, records)
            choice = self.ui.add_record(group, records)
            if choice == UNKNOWN:
                self.store(group, values.open_point(self.lang))
                return
            if not choice:
                return
            self.fill_record(group, None)

    def fill_record(
        self, group: Question, index: int | None, unanswered_only: bool = False
    ) -> None:
        """Asks the fields of a new record (index None) or of an existing one.

        A new record joins the file with its first answered field, so an empty record is never
        saved, and every field is saved as soon as it is given. ``unanswered_only`` completes
        an interrupted record: the fields given are kept, the others asked (and those
        ``cdc validate`` refuses).
        """
        number = (index if index is not None else len(self.records(group))) + 1
        self.ui.say(self.w("record_header", item=self.ui.item(group).capitalize(), n=number),
                    "bold cyan")
        pending = engine.new_record(self.data) if index is None else None
        for field in group.fields:
            record = pending if pending is not None else self.records(group)[number - 1]
            if not applies(field, self.data, self.bank, record):
                continue
            if unanswered_only and engine.is_done(record.get(field.id)) \
                    and field not in engine.fields_to_fix(self.bank, self.data, group, record):
                continue
            value = self.ui.ask(field, record.get(field.id))
            if pending is not None:
                if value is None:
                    continue
                records = self.records(group)
                pending[field.id] = value
                records.append(pending)
                self.store(group, records)
                pending = None
                continue
            removed = engine.set_field(self.data, self.bank, field, record, value)
            self.save()
            self.tell_removed(removed)

    # ----------------------------------------------------------------------- review

    def review(self) -> None:
        """A table per part; the user picks any answer to change, until done."""
        if self.part is not None:
            self.review_part(self.part, last=True)
            return
        while True:
            summaries = engine.summary(self.bank, self.data, self.lang)
            self.overview(summaries)
            options: list[tuple[str, Any]] = [(self.w("review_done"), DONE)]
            for s in summaries:
                options.append((f"{s.part.number}. {s.part.title.get(self.lang)}  "
                                f"({s.count('answered')}/{len(s.rows)})", s.part.number))
            picked = self.ui.pick(self.w("review_pick_part"), options, DONE)
            if picked == DONE:
                return
            self.review_part(int(picked), last=False)

    def overview(self, summaries: list[engine.PartSummary]) -> None:
        from rich.table import Table

        table = Table(title=self.w("overview_title"), title_justify="left", expand=False)
        table.add_column(self.w("col_part"))
        for key in ("col_done", "col_open", "col_missing"):
            table.add_column(self.w(key), justify="right")
        for s in summaries:
            missing = s.count("missing")
            table.add_row(f"{s.part.number}. {s.part.title.get(self.lang)}",
                          f"{s.count('answered')}/{len(s.rows)}",
                          str(s.count("open") or ""),
                          f"[red]{missing}[/red]" if missing else "")
        self.console.print()
        self.console.print(table)

    def part_table(self, summary: engine.PartSummary) -> None:
        from rich.markup import escape
        from rich.table import Table

        part = summary.part
        table = Table(title=self.w("review_part_title", number=part.number,
                                   title=part.title.get(self.lang)),
                      title_justify="left", expand=False, show_lines=False)
        table.add_column("#", justify="right", style="dim")
        table.add_column(self.w("col_question"), overflow="fold", max_width=50)
        table.add_column(self.w("col_answer"), overflow="fold", max_width=50)
        table.add_column(self.w("col_status"))
        styles = {"answered": "green", "open": "yellow", "missing": "red", "empty": "dim"}
        for i, row in enumerate(summary.rows, 1):
            status = self.w(f"status_{row.status}")
            table.add_row(str(i), escape(self.ui.tx(row.question.prompt.get(self.lang))),
                          escape(self.ui.tx(row.answer)),
                          f"[{styles[row.status]}]{escape(status)}[/]")
        self.console.print()
        self.console.print(table)

    def review_part(self, number: int, last: bool) -> None:
        while True:
            summary = engine.summary(self.bank, self.data, self.lang, number)[0]
            self.part_table(summary)
            options: list[tuple[str, Any]] = [
                (self.w("review_done" if last else "review_back"), DONE)
            ]
            for i, row in enumerate(summary.rows, 1):
                label = f"{i:>2}. {row.question.prompt.get(self.lang)}"
                if row.answer:
                    short = row.answer if len(row.answer) <= 40 else row.answer[:39] + "…"
                    label += f" — {short}"
                options.append((label, row.question.id))
            picked = self.ui.pick(self.w("review_pick"), options, DONE)
            if picked == DONE:
                return
            question = self.bank.question(str(picked))
            if question.is_group:
                self.review_group(question)
            else:
                self.ask(question)

    def review_group(self, group: Question) -> None:
        from cdc.interview.prompts import UNKNOWN

        self.ui.say(group.prompt.get(self.lang), "bold")
        while True:
            records = self.records(group)
            self.ui.show_records(group, records)
            item = self.ui.item(group)
            options: list[tuple[str, Any]] = [(self.w("group_add", item=item), ("add", -1))]
            for i, record in enumerate(records):
                label = values.record_label(group, record, self.lang, 50)
                options.append((self.w("group_edit", label=f"{i + 1}. {label}"), ("edit", i)))
            for i, record in enumerate(records):
                label = values.record_label(group, record, self.lang, 50)
                options.append((self.w("group_remove", label=f"{i + 1}. {label}"),
                                ("remove", i)))
            if not records:
                options.append((self.w("group_unknown_action"), (UNKNOWN, -1)))
            options.append((self.w("group_back"), ("back", -1)))
            action, index = self.ui.pick(self.w("group_action"), options, ("back", -1))
            if action == "back":
                return
            if action == UNKNOWN:
                self.store(group, values.open_point(self.lang))
                return
            if action == "add":
                self.fill_record(group, None)
            elif action == "edit":
                self.fill_record(group, index)
            elif action == "remove":
                del records[index]
                self.store(group, records)
                self.ui.say(self.w("removed"), "dim")

    # ----------------------------------------------------------------------- the document

    def offer_render(self) -> None:
        self.ui.say("")
        later = f"cdc render {_quote(self.path)}"
        try:
            from cdc.render import render_file  # type: ignore[import-not-found, import-untyped, unused-ignore]
        except ImportError:
            self.ui.say(self.w("render_later", command=later))
            return
        if not self.ui.confirm(self.w("render_offer"), default=True):
            self.ui.say(self.w("render_later", command=later), "dim")
            return
        formats = self.ui.choose_many(self.w("render_formats"), list(RENDER_FORMATS),
                                      ["docx", "pdf"])
        if not formats:
            self.ui.say(self.w("render_later", command=later), "dim")
            return
        from cdc.errors import CdcError

        self.ui.say(self.w("render_running"), "dim")
        try:
            written = render_file(self.path, formats, self.path.parent)
        except CdcError as exc:
            self.ui.say(self.w("render_failed", error=exc), "red")
            if exc.hint:
                self.ui.say(exc.hint, "dim")
            return
        except Exception as exc:  # the answers are safe; say so rather than show a traceback
            self.ui.say(self.w("render_failed", error=f"{type(exc).__name__}: {exc}"), "red")
            self.ui.say(self.w("render_later", command=f"cdc --debug render {_quote(self.path)}"),
                        "dim")
            return
        for item in written if isinstance(written, list | tuple) else []:
            self.ui.say(self.w("render_done", file=item), "green")
