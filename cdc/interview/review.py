"""The interview's review: a table per part, and any answer picked to be changed.

It works on a :class:`~cdc.interview.Session` (the answers, the widgets, the saves); in a role's
interview only the role's questions are listed. The questions the bank leaves out of the
interview's run (``interview: false``) are reviewed here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cdc.interview import engine, values

if TYPE_CHECKING:
    from cdc.interview import Session
    from cdc.questionnaire import Question

DONE = "__cdc_done__"


class Review:
    """The review of one session's answers."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.lang = session.lang

    def w(self, key: str, **fill: object) -> str:
        return self.session.w(key, **fill)

    def summary(self, part: int | None = None) -> list[engine.PartSummary]:
        s = self.session
        return engine.summary(s.bank, s.data, s.lang, part, s.role)

    def run(self) -> None:
        """A table per part; the user picks any answer to change, until done."""
        if self.session.part is not None:
            self.review_part(self.session.part, last=True)
            return
        while True:
            summaries = self.summary()
            self.overview(summaries)
            options: list[tuple[str, Any]] = [(self.w("review_done"), DONE)]
            for s in summaries:
                options.append((f"{s.part.number}. {s.part.title.get(self.lang)}  "
                                f"({s.count('answered')}/{len(s.rows)})", s.part.number))
            picked = self.session.ui.pick(self.w("review_pick_part"), options, DONE)
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
        self.session.console.print()
        self.session.console.print(table)

    def part_table(self, summary: engine.PartSummary) -> None:
        from rich.markup import escape
        from rich.table import Table

        ui = self.session.ui
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
            table.add_row(str(i), escape(ui.tx(row.question.prompt.get(self.lang))),
                          escape(ui.tx(row.answer)),
                          f"[{styles[row.status]}]{escape(status)}[/]")
        self.session.console.print()
        self.session.console.print(table)

    def review_part(self, number: int, last: bool) -> None:
        while True:
            summary = self.summary(number)[0]
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
            picked = self.session.ui.pick(self.w("review_pick"), options, DONE)
            if picked == DONE:
                return
            question = self.session.bank.question(str(picked))
            if question.is_group:
                self.review_group(question)
            else:
                self.session.ask(question)

    def review_group(self, group: Question) -> None:
        from cdc.interview.prompts import UNKNOWN

        s, ui = self.session, self.session.ui
        ui.say(group.prompt.get(self.lang), "bold")
        while True:
            records = s.records(group)
            ui.show_records(group, records)
            item = ui.item(group)
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
            action, index = ui.pick(self.w("group_action"), options, ("back", -1))
            if action == "back":
                return
            if action == UNKNOWN:
                s.store(group, ui.open_point(None, engine.value_of(s.data, s.bank, group)))
                return
            if action == "add":
                s.fill_record(group, None)
            elif action == "edit":
                s.fill_record(group, index)
            elif action == "remove":
                del records[index]
                s.store(group, records)
                ui.say(self.w("removed"), "dim")
