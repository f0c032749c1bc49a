"""``cdc interview``: the guided interview a project lead runs in a terminal.

The flow: a welcome, who is answering, then the questions in plan order with a header per part
and the progress always visible; every answer saved at once; a review table at the end (or
with ``--review``) to change any answer; then an offer to produce the document.

A role's interview (``--role sales``) asks only the questions the bank says concern that role,
into a respondent file of the same format; ``meta.respondents`` records who answered, their
position, the interview's role and the date. ``cdc merge`` combines respondent files.

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

from cdc.errors import ExitCode, UsageError
from cdc.interview import engine, store
from cdc.interview.review import Review
from cdc.interview.texts import duration, word
from cdc.questionnaire import Question, Questionnaire, load_questionnaire
from cdc.roles import find_role, minutes, part_minutes

if TYPE_CHECKING:
    from rich.console import Console

    from cdc.interview.prompts import Prompter

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
    role: str | None = None,
    respondent: str | None = None,
    prompter: Prompter | None = None,
    isatty: Callable[[], bool] = _has_terminal,
    bank: Questionnaire | None = None,
    today: dt.date | None = None,
) -> ExitCode:
    """Runs the interview on the answers file ``path`` (created if missing).

    ``role`` limits it to the questions of one role (an id of the bank's roles.yaml, or its
    label); ``respondent`` names who answers, so that they are not asked.

    Returns the exit code: OK, or INTERRUPTED after Ctrl-C (every answer given is saved).
    Raises UsageError without a terminal, for a part or a role that does not exist, and
    CdcError for a file that cannot be read as answers (it is then left untouched).
    """
    path = Path(path)
    if prompter is None and not isatty():
        raise UsageError(word(lang, "no_tty"), word(lang, "no_tty_hint", file=_quote(path)))
    bank = bank or load_questionnaire()
    numbers = [p.number for p in bank.parts]
    if part is not None and part not in numbers:
        raise UsageError(word(lang, "bad_part", part=part, first=min(numbers),
                              last=max(numbers)))
    role_id = find_role(bank, role, lang).id if role is not None else None
    if role_id is not None and not engine.plan(bank, part, role_id, flow=True):
        parts = ", ".join(str(p.number) for p in engine.selected_parts(bank, None, role_id))
        raise UsageError(word(lang, "bad_role_part", role=role_id, part=part, parts=parts))
    if respondent is not None and not respondent.strip():
        raise UsageError(word(lang, "respondent_needed"))
    data = store.load(path, bank)
    if prompter is None:
        from cdc.interview.prompts import Prompter

        prompter = Prompter(lang)
    session = Session(path, bank, data, lang, prompter, part, today, role=role_id,
                      respondent=respondent)
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
        *,
        role: str | None = None,
        respondent: str | None = None,
    ) -> None:
        self.path = path
        self.bank = bank
        self.data = data
        self.lang = lang
        self.ui = prompter
        self.part = part
        self.today = today
        self.role = role
        self.respondent_name = respondent.strip() if respondent else ""
        self.who: tuple[str, str] = ("", "")  # the respondent's name and position
        self.console: Console = prompter.console

    def w(self, key: str, **values: object) -> str:
        return word(self.lang, key, **values)

    def command(self, *extra: str) -> str:
        words = ["cdc", "interview", _quote(self.path)]
        if self.lang != "fr":
            words += ["--lang", self.lang]
        if self.part is not None:
            words += ["--part", str(self.part)]
        if self.role is not None:
            words += ["--role", self.role]
        if self.respondent_name and "--respondent" not in extra:
            words += ["--respondent", shlex.quote(self.respondent_name)]
        return " ".join([*words, *extra])

    # ----------------------------------------------------------------------- the run

    def run(self, review: bool) -> None:
        self.welcome()
        self.respondent()
        if not review:
            self.flow()
        Review(self).run()
        self.offer_render()
        self.ui.say("")
        self.ui.say(self.w("goodbye", command=f"cdc validate {_quote(self.path)}"), "dim")

    def save(self) -> None:
        store.save(self.path, self.data, self.bank)

    def welcome(self) -> None:
        from rich.panel import Panel
        from rich.text import Text

        answered = engine.answered_count(self.bank, self.data, self.role)
        body = Text()
        if self.role is not None:
            role = find_role(self.bank, self.role)
            body.append(self.w("welcome_role", role=role.label.get(self.lang), n=duration(
                self.lang, minutes(self.bank, self.role, self.part))) + "\n", style="bold")
        if answered and self.path.exists():
            body.append(self.w("welcome_resume", answered=answered, file=self.path) + "\n")
            left = engine.minutes_left(self.bank, self.data, self.part, self.role)
            if left:
                body.append(self.w("welcome_left", n=duration(self.lang, left)) + "\n")
        else:
            body.append(self.w("welcome_intro") + "\n\n")
            body.append(self.w("welcome_parts") + "\n")
            parts = engine.selected_parts(self.bank, self.part, self.role)
            for p in parts:
                spent = max(1, round(part_minutes(p, self.role)))
                body.append(f"  {p.number}. {p.title.get(self.lang)}", style="bold")
                body.append(f"  ({self.w('minutes', n=duration(self.lang, spent))})\n",
                            style="dim")
            if len(parts) > 1:
                total = duration(self.lang, minutes(self.bank, self.role, self.part))
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
        """Who answers: the person ``--respondent`` names, else the one the file already
        records (a resume does not ask again), else asked once."""
        known = store.find_respondent(self.data, self.bank, self.respondent_name, self.role)
        name, position = self.respondent_name, ""
        if known is not None:
            name, position = known
        self.ui.say("")
        if name and position:
            self.ui.say(self.w("respondent_known", name=name, role=position), "bold")
            if not self.respondent_name:
                other = self.command("--respondent", shlex.quote(
                    self.w("respondent_placeholder")))
                self.ui.say(self.w("respondent_other", command=other), "dim")
        else:
            self.ui.say(self.w("respondent_intro"), "bold")

            def needed(text: str) -> bool | str:
                return True if text.strip() else self.w("respondent_needed")

            if not name:
                name = self.ui.line(self.w("respondent_name"), "", needed)
            position = self.ui.line(self.w("respondent_role"), "", needed)
        self.who = (name, position)
        if store.add_respondent(self.data, self.bank, name, position, self.today,
                                interview=self.role):
            self.save()

    # ----------------------------------------------------------------------- questions

    def flow(self) -> None:
        """Asks from the resume point on; a complete part given with --part is revisited."""
        revisit = False
        question = engine.resume_point(self.bank, self.data, self.part, self.role)
        if question is None:
            if self.part is None:
                self.ui.say("")
                self.ui.say(self.w("all_done"), "green")
                return
            revisit = True
            question = engine.next_question(self.bank, self.data, None, self.part, revisit,
                                            self.role)
        shown_part = -1
        while question is not None:
            if question.part != shown_part:
                self.part_header(question.part)
                shown_part = question.part
            self.ask(question, show_progress=True)
            following = engine.next_question(self.bank, self.data, question, self.part,
                                             revisit, self.role)
            if following is None or following.part != question.part:
                self.ui.say(self.w("part_done", number=question.part), "green")
            question = following

    def part_header(self, number: int) -> None:
        part = self.bank.part(number)
        self.console.print()
        self.console.rule(self.w("part_header", number=part.number,
                                 title=part.title.get(self.lang)), style="cyan")
        self.ui.say(part.intro.get(self.lang), "italic")
        spent = max(1, round(part_minutes(part, self.role)))
        self.ui.say(self.w("part_minutes", n=duration(self.lang, spent)), "dim")

    def ask(self, question: Question, show_progress: bool = False) -> None:
        """Asks one top-level question (a group: its add-another loop) and saves."""
        if show_progress:
            self.console.print()
            where = engine.progress(self.bank, self.data, question, self.role)
            self.ui.say(where.line(self.lang), "cyan")
        if question.is_group:
            self.group(question)
            return
        current = engine.value_of(self.data, self.bank, question)
        in_meta = self.bank.part_of[question.id].key == "meta"
        if current is None and question.id == "language" and in_meta:
            current = self.lang  # like cdc new: the document in the interview's language
        if current is None and question.id == "author" and in_meta and all(self.who):
            current = ", ".join(self.who)  # the person answering, with their position
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
                self.store(group, self.ui.open_point(None, engine.value_of(
                    self.data, self.bank, group)))
                return
            if not choice:
                if not records and not engine.declined(group, engine.value_of(
                        self.data, self.bank, group)):
                    self.store(group, [])  # seen and declined: not asked again on resume
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
            if not engine.asks(field, self.data, self.bank, record):
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

    # ----------------------------------------------------------------------- the document

    def offer_render(self) -> None:
        self.ui.say("")
        if self.role is not None:  # one person's answers: the next step is the merge
            project = self.w("project_file")
            merge = f"cdc merge {self.w('other_files')} -o {_quote(self.path)}" \
                if self.path.name == project else \
                f"cdc merge {_quote(self.path)} {self.w('other_files')} -o {project}"
            self.ui.say(self.w("merge_next", command=merge))
            return
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
