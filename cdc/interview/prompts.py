"""The interview's widgets: the only module that talks to questionary.

One widget per question type, each showing the help text and an example, pre-filled with the
current answer (or the bank's default), and validating as the user types with the engine's
rules. "I don't know yet" is always reachable in one keystroke: ``?`` in a text field (empty or
holding the current answer) and in every list, where it is also an entry; then a line asks
what is missing, the note of the open point (Enter to skip it).

Every prompt raises KeyboardInterrupt on Ctrl-C (questionary's ``unsafe_ask``), so that the
caller decides what to say; the answers are already saved by then.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from questionary import Choice
from questionary.prompts.common import InquirerControl
from rich.console import Console
from rich.markup import escape

from cdc.answers import TODO_KEY, is_open_point
from cdc.interview import values
from cdc.interview.texts import word
from cdc.questionnaire import Question
from cdc.typography import french

UNKNOWN = "__cdc_unknown__"
SKIP = "__cdc_skip__"
_NONE = "__cdc_none__"  # questionary takes a None value to mean "use the title"
QMARK = "›"

STYLE = questionary.Style([
    ("qmark", "fg:ansicyan bold"),
    ("question", "bold"),
    ("answer", "fg:ansigreen"),
    ("pointer", "fg:ansicyan bold"),
    ("highlighted", "fg:ansicyan bold"),
    ("selected", "fg:ansigreen"),
    ("instruction", "fg:ansibrightblack"),
])


def _multiline_keys() -> KeyBindings:
    """Enter adds a line; Enter on an empty line (or on an empty field) finishes."""
    keys = KeyBindings()

    @keys.add("enter")
    def _enter(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        text = buffer.text
        at_end = buffer.document.is_cursor_at_the_end
        mark = values.OPEN_POINT_MARK
        single_mark = "\n" not in text.strip() and text.strip().startswith(mark)
        if not text.strip() or single_mark or (at_end and text.endswith("\n")):
            trailing = len(text) - len(text.rstrip("\n"))
            if at_end and trailing:
                buffer.delete_before_cursor(trailing)  # the echoed answer ends with its text
            buffer.validate_and_handle()
        else:
            buffer.insert_text("\n")

    return keys


def _open_point_key(prefill: str) -> KeyBindings:
    """``?`` in an empty field, or right after the pre-filled answer, means "I don't know yet"
    at once; anywhere else it is the character."""
    keys = KeyBindings()

    @keys.add("?")
    def _unknown(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        if buffer.text.strip() in ("", prefill.strip()) and buffer.document.is_cursor_at_the_end:
            buffer.text = values.OPEN_POINT_MARK
            buffer.validate_and_handle()
        else:
            buffer.insert_text("?")

    return keys


def _unknown_on_question_mark(question: questionary.Question, many: bool = False) -> None:
    """In a list holding the "I don't know yet" entry, ``?`` picks it at once."""
    app = question.application
    control = next((c for c in app.layout.find_all_controls()
                    if isinstance(c, InquirerControl)), None)
    if control is None or not any(c.value == UNKNOWN for c in control.choices):
        return
    keys = KeyBindings()

    @keys.add("?", eager=True)
    def _unknown(event: KeyPressEvent) -> None:
        for index, choice in enumerate(control.choices):
            if choice.value == UNKNOWN:
                control.pointed_at = index
        control.selected_options = [UNKNOWN]
        control.is_answered = True
        event.app.exit(result=[UNKNOWN] if many else UNKNOWN)

    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), keys])


class Prompter:
    """Asks questions in one language.

    ``input`` and ``output`` go to prompt_toolkit (tests pass a pipe input and a dummy output);
    ``console`` prints the help texts, records and messages.
    """

    def __init__(
        self,
        lang: str,
        console: Console | None = None,
        *,
        input: Any = None,
        output: Any = None,
    ) -> None:
        self.lang = lang
        self.console = console or Console(highlight=False)
        self._io: dict[str, Any] = {}
        if input is not None:
            self._io["input"] = input
        if output is not None:
            self._io["output"] = output

    def w(self, key: str, **fill: object) -> str:
        return word(self.lang, key, **fill)

    def _run(self, question: questionary.Question) -> Any:
        """Asks; Ctrl-C raises KeyboardInterrupt (``ask`` would swallow it)."""
        self.before_prompt()
        return question.unsafe_ask()

    def before_prompt(self) -> None:
        """Called before each prompt; tests feed the next keys here."""

    # ----------------------------------------------------------------------- presenting

    def show_question(self, question: Question, current: Any) -> None:
        """The help text, an example and the keys that work, above the prompt."""
        lines = [question.help.get(self.lang)]
        if question.example is not None and question.type not in ("choice", "multi_choice"):
            lines.append(self.w("example", text=question.example.get(self.lang)))
        hints = []
        if question.required:
            hints.append(self.w("required"))
        if question.audience == "internal":
            hints.append(self.w("internal"))
        if question.unit is not None:
            hints.append(self.w("unit", unit=question.unit.get(self.lang)))
        if question.type == "date":
            hints.append(self.w("hint_date"))
        if question.type == "multi_choice" and not question.required and not current:
            hints.append(self.w("hint_skip"))
        if question.type in ("choice", "yes_no") and not question.required \
                and current is None and question.default is None:
            hints.append(self.w("hint_skip"))
        hints.append(self.w("hint_unknown"))
        if question.type in ("text", "long_text", "integer", "number", "date"):
            if question.type == "long_text":
                hints.append(self.w("hint_multiline"))
            if values.text_default(question, current):
                hints.append(self.w("hint_keep"))
            elif not question.required:
                hints.append(self.w("hint_skip"))
        for line in lines:
            if line:
                self.indented(line, "dim")
        if hints:
            self.indented(" · ".join(hints), "dim italic")

    def show_records(self, group: Question, records: Sequence[Any]) -> None:
        """What a repeating group already holds, one line per record."""
        item = self.item(group)
        if not records:
            self.indented(self.w("no_records", item=item), "dim")
            return
        self.indented(self.w("records", n=len(records)))
        for i, record in enumerate(records, 1):
            label = values.record_label(group, record, self.lang, width=100)
            self.indented(f"{i}. {label}", indent=4)

    def indented(self, text: str, style: str = "", indent: int = 2) -> None:
        """A line of text, its wrapped lines indented like the first."""
        from rich.padding import Padding
        from rich.text import Text

        self.console.print(Padding(Text(self.tx(text), style=style), (0, 0, 0, indent),
                                   expand=False))

    def item(self, group: Question) -> str:
        if group.item is not None:
            return group.item.get(self.lang)
        return "élément" if self.lang == "fr" else "item"

    def say(self, text: str, style: str = "") -> None:
        self.console.print(escape(self.tx(text)), style=style or None)

    def tx(self, text: str) -> str:
        """Bank texts are typed with plain spaces; French wants non-breaking ones."""
        return french(text) if self.lang == "fr" else text

    # ----------------------------------------------------------------------- widgets

    def ask(self, question: Question, current: Any) -> Any:
        """Shows and asks one question (not a group); returns the value to store.

        None means "no answer" (an optional question skipped); ``{todo: ...}`` an open point.
        """
        self.show_question(question, current)
        message = self.tx(question.prompt.get(self.lang))
        if question.type in ("choice", "yes_no"):
            value = self._select(question, current, message)
        elif question.type == "multi_choice":
            value = self._checkbox(question, current, message)
        else:
            value = self._text(question, current, message)
        if is_open_point(value) and value != current:
            return self.open_point(value, current)
        return value

    def open_point(self, value: Any = None, current: Any = None) -> dict[str, str]:
        """"I don't know yet", with what is missing: asked when "?" came without a note."""
        typed = str(value.get(TODO_KEY) or "") if is_open_point(value) else ""
        if typed and typed != self.w("todo_default"):
            return values.open_point(self.lang, typed)
        before = str(current.get(TODO_KEY) or "") if is_open_point(current) else ""
        if before == self.w("todo_default"):
            before = ""
        note = self.line(self.w("note_prompt"), before)
        return values.open_point(self.lang, note)

    def _text(self, question: Question, current: Any, message: str) -> Any:
        prefill = values.text_default(question, current)

        def validate(text: str) -> bool | str:
            parsed = values.parse_text(question, values.after_prefill(text, prefill), self.lang)
            return True if parsed.ok else parsed.error

        multiline = question.type == "long_text"
        keys = [_open_point_key(prefill)]
        if multiline:
            keys.append(_multiline_keys())
        extra: dict[str, Any] = {"key_bindings": merge_key_bindings(keys)}
        answer = self._run(questionary.text(
            message,
            default=prefill,
            validate=validate,
            qmark=QMARK,
            style=STYLE,
            multiline=multiline,
            instruction="\n " if multiline else "",
            **extra,
            **self._io,
        ))
        return values.parse_text(question, values.after_prefill(answer, prefill),
                                 self.lang).value

    def _options(self, question: Question) -> list[tuple[str, Any]]:
        if question.type == "yes_no":
            return [(self.w("yes"), True), (self.w("no"), False)]
        return [(c.label.get(self.lang), c.value) for c in question.choices]

    def _select(self, question: Question, current: Any, message: str) -> Any:
        options = self._options(question)
        options.append((self.w("unknown"), UNKNOWN))
        if not question.required:
            options.append((self.w("skip"), SKIP))
        if is_open_point(current):
            default: Any = UNKNOWN
        elif current is None and question.default is not None:
            default = question.default
        elif current is None and not question.required:
            default = SKIP  # Enter skips, as in a text field: never an answer by accident
        else:
            default = current
        offered = [value for _, value in options]
        if default not in offered:
            default = None
        picked = self.select(message, options, default)
        if picked == UNKNOWN:
            return values.open_point(self.lang)
        if picked == SKIP:
            return None
        return values.check(question, picked).value

    def _checkbox(self, question: Question, current: Any, message: str) -> Any:
        chosen = current if isinstance(current, list) else (
            question.default if current is None and isinstance(question.default, list) else []
        )
        choices = [
            Choice(self.tx(c.label.get(self.lang)), value=c.value, checked=c.value in chosen)
            for c in question.choices
        ]
        choices.append(Choice(self.w("unknown"), value=UNKNOWN,
                              checked=is_open_point(current)))

        def validate(ticked: list[Any]) -> bool | str:
            if UNKNOWN in ticked:
                return True
            parsed = values.parse_choice(question, list(ticked), self.lang)
            return True if parsed.ok else parsed.error

        prompt = questionary.checkbox(
            message,
            choices=choices,
            validate=validate,
            qmark=QMARK,
            style=STYLE,
            instruction=f"({self.w('hint_checkbox')})",
            erase_when_done=True,
            **self._io,
        )
        _unknown_on_question_mark(prompt, many=True)
        picked = self._run(prompt)
        if UNKNOWN in picked:
            value: Any = values.open_point(self.lang)
        else:
            value = values.parse_choice(question, list(picked), self.lang).value
        shown = self.tx(values.display(question, value, self.lang, width=200) or "—")
        self.console.print(f"[cyan bold]{QMARK}[/] [bold]{escape(message)}[/] "
                           f"[green]{escape(shown)}[/]")
        return value

    # ----------------------------------------------------------------------- building blocks

    def select(
        self,
        message: str,
        options: Sequence[tuple[str, Any]],
        default: Any = None,
        search: bool = False,
    ) -> Any:
        """One choice among ``(label, value)`` pairs; returns the value (None allowed)."""
        choices = [Choice(self.tx(label), value=_NONE if value is None else value)
                   for label, value in options]
        wanted = _NONE if default is None else default
        chosen = next((c for c in choices if c.value == wanted), None)
        prompt = questionary.select(
            self.tx(message),
            choices=choices,
            default=chosen,
            qmark=QMARK,
            style=STYLE,
            instruction=f"({self.w('hint_search' if search else 'hint_select')})",
            use_search_filter=search,
            use_jk_keys=not search,
            **self._io,
        )
        if not search:
            _unknown_on_question_mark(prompt)
        picked = self._run(prompt)
        return None if picked == _NONE else picked

    def confirm(self, message: str, default: bool = True) -> bool:
        """Yes or no, as a two-entry list: "o" for oui would not work with a y/n prompt."""
        return bool(self.select(message, [(self.w("yes"), True), (self.w("no"), False)],
                                default))

    def line(
        self,
        message: str,
        default: str = "",
        validate: Callable[[str], bool | str] | None = None,
    ) -> str:
        """A plain line of text (the respondent's name and role)."""
        answer = self._run(questionary.text(
            self.tx(message), default=default, validate=validate, qmark=QMARK, style=STYLE,
            instruction="", **self._io,
        ))
        return str(answer).strip()

    def add_record(self, group: Question, records: Sequence[Any]) -> Any:
        """"Add another data source?": True, False, or UNKNOWN while the list is empty (for a
        required list, "no" is not offered)."""
        item = self.item(group)
        key = "add_another" if records else "add_first"
        if records:
            return self.confirm(self.w(key, item=item), default=False)
        options: list[tuple[str, Any]] = [(self.w("yes"), True)]
        if not group.required:
            options.append((self.w("no"), False))
        options.append((self.w("group_unknown"), UNKNOWN))
        return self.select(self.w(key, item=item), options, group.required)

    def pick(
        self, message: str, options: Sequence[tuple[str, Any]], default: Any = None
    ) -> Any:
        """A longer menu (the review): typing filters it."""
        return self.select(message, options, default, search=True)

    def choose_many(
        self, message: str, options: Sequence[tuple[str, str]], checked: Sequence[str]
    ) -> list[str]:
        """Several of ``(value, label)`` pairs (the formats to render)."""
        choices = [Choice(label, value=value, checked=value in checked)
                   for value, label in options]
        picked = self._run(questionary.checkbox(
            message, choices=choices, qmark=QMARK, style=STYLE,
            instruction=f"({self.w('hint_checkbox')})", erase_when_done=True, **self._io,
        ))
        labels = [label for value, label in options if value in picked]
        self.console.print(f"[cyan bold]{QMARK}[/] [bold]{escape(message)}[/] "
                           f"[green]{escape(', '.join(labels) or '—')}[/]")
        return [str(value) for value in picked]


def records_of(value: Any) -> list[Mapping[str, Any]]:
    """The records of a group answer (an open point or nothing: none)."""
    if isinstance(value, list):
        return [r for r in value if isinstance(r, Mapping)]
    return []
