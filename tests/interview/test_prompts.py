"""The widgets, driven through prompt_toolkit's pipe input (no terminal), each with a timeout."""

from __future__ import annotations

import datetime as dt
import io
import signal
import sys
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from cdc.errors import ExitCode, UsageError
from cdc.interview import run_interview
from cdc.interview.prompts import UNKNOWN, Prompter
from cdc.questionnaire import Questionnaire

T = TypeVar("T")

ENTER = "\r"
DOWN = "\x1b[B"
UP = "\x1b[A"
SPACE = " "
CLEAR = "\x15"  # Ctrl-U: erase the line
CTRL_C = "\x03"


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fails the test instead of hanging when a prompt waits for keys that never come."""

    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError(f"the prompt was still waiting after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Scripted(Prompter):
    """Types the keys of each prompt when that prompt opens (typed-ahead keys would all go to
    the first prompt), and fails if a prompt opens with no keys left for it."""

    def __init__(self, lang: str, console: Console, pipe: Any, keys: list[str]) -> None:
        super().__init__(lang, console, input=pipe, output=DummyOutput())
        self.pipe = pipe
        self.keys = list(keys)
        self.prompts = 0

    def before_prompt(self) -> None:
        self.prompts += 1
        if not self.keys:
            raise AssertionError(f"prompt {self.prompts} opened, but no keys are left for it")
        self.pipe.send_text(self.keys.pop(0))


def drive(lang: str, keys: str | list[str], action: Callable[[Prompter], T],
          seconds: float = 10) -> tuple[T, str]:
    """Runs ``action``, typing ``keys`` (one string per prompt); returns its result and what
    was printed."""
    out = io.StringIO()
    console = Console(file=out, width=120, color_system=None, highlight=False)
    chunks = [keys] if isinstance(keys, str) else keys
    with create_pipe_input() as pipe, deadline(seconds):
        prompter = Scripted(lang, console, pipe, chunks)
        try:
            result = action(prompter)
        except BaseException:
            print(out.getvalue())
            raise
    assert prompter.keys == [], f"keys left over: {prompter.keys}\n{out.getvalue()}"
    return result, out.getvalue()


def ask(mini: Questionnaire, qid: str, keys: str | list[str], current: Any = None,
        lang: str = "fr") -> tuple[Any, str]:
    return drive(lang, keys, lambda p: p.ask(mini.by_id[qid], current))


# --------------------------------------------------------------------------- text widgets


def test_text_with_accents_and_emoji(mini: Questionnaire) -> None:
    value, shown = ask(mini, "title", CLEAR + "Café ☕ « Durand » 🎉" + ENTER)
    assert value == "Café ☕ « Durand » 🎉"
    assert "Sur la page de garde." in shown
    assert "Exemple\u00a0: Projet CRM 2027" in shown
    assert "je ne sais pas encore" in shown


def test_text_pre_filled_with_the_default_or_the_current_answer(mini: Questionnaire) -> None:
    assert ask(mini, "title", ENTER)[0] == "Cahier des charges CRM"
    assert ask(mini, "title", ENTER, current="Projet Atlas")[0] == "Projet Atlas"


def test_question_mark_gives_an_open_point_then_asks_what_is_missing(
    mini: Questionnaire,
) -> None:
    """One keystroke: "?" ends the answer at once, and a line asks for the note (Enter skips)."""
    value, _ = ask(mini, "title", [CLEAR + "?", ENTER])
    assert value == {"todo": "à préciser"}
    assert ask(mini, "title", [CLEAR + "?", ENTER], lang="en")[0] == {"todo": "to be confirmed"}
    assert ask(mini, "employees", ["?", "voir la DRH 📞" + ENTER])[0] == {"todo": "voir la DRH 📞"}
    # right after the pre-filled answer, too; inside a text it is the character
    assert ask(mini, "title", ["?", ENTER])[0] == {"todo": "à préciser"}
    assert ask(mini, "title", [CLEAR + "Quoi ? Tout" + ENTER])[0] == "Quoi ? Tout"
    # a long text as well
    assert ask(mini, "history", ["?", "la DG" + ENTER])[0] == {"todo": "la DG"}


def test_question_mark_in_lists_and_checkboxes(mini: Questionnaire) -> None:
    assert ask(mini, "has_website", ["?", "la DSI" + ENTER])[0] == {"todo": "la DSI"}
    assert ask(mini, "visitor_source", ["?", ENTER])[0] == {"todo": "à préciser"}
    value, shown = ask(mini, "markets", ["?", "à voir" + ENTER])
    assert value == {"todo": "à voir"}
    assert "Quels marchés" in shown


def test_an_open_point_kept_is_not_asked_again(mini: Questionnaire) -> None:
    current = {"todo": "à préciser"}
    assert ask(mini, "has_website", ENTER, current=current)[0] == current


def test_an_open_point_is_pre_filled_and_kept(mini: Questionnaire) -> None:
    value, _ = ask(mini, "employees", ENTER, current={"todo": "voir la DRH"})
    assert value == {"todo": "voir la DRH"}


def test_integer_refused_then_corrected(mini: Questionnaire) -> None:
    value, _ = ask(mini, "employees", "douze" + ENTER + CLEAR + "12 000" + ENTER)
    assert value == 12000


def test_required_answer_cannot_be_empty(mini: Questionnaire) -> None:
    value, _ = ask(mini, "employees", ENTER + "85" + ENTER)
    assert value == 85


def test_optional_number_can_be_skipped(mini: Questionnaire) -> None:
    value, shown = ask(mini, "revenue", ENTER)
    assert value is None
    assert "Entrée pour passer" in shown and "en M€" in shown


def test_number_with_a_decimal_comma(mini: Questionnaire) -> None:
    assert ask(mini, "revenue", "12,5" + ENTER)[0] == 12.5


def test_date_written_the_french_way(mini: Questionnaire) -> None:
    value, _ = ask(mini, "start", "31/02/2027" + ENTER + CLEAR + "04/01/2027" + ENTER)
    assert value == dt.date(2027, 1, 4)


def test_multi_line_text_ends_with_an_empty_line(mini: Questionnaire) -> None:
    value, shown = ask(mini, "history", "Fondée en 1990." + ENTER + "Rachetée en 2001 🏭"
                       + ENTER + ENTER)
    assert value == "Fondée en 1990.\nRachetée en 2001 🏭"
    assert "une ligne vide pour terminer" in shown


def test_multi_line_text_skipped_and_kept(mini: Questionnaire) -> None:
    assert ask(mini, "history", ENTER)[0] is None
    assert ask(mini, "history", ENTER + ENTER, current="Déjà écrit")[0] == "Déjà écrit"


# --------------------------------------------------------------------------- lists


def test_select_pre_selects_the_current_answer(mini: Questionnaire) -> None:
    assert ask(mini, "visitor_source", ENTER, current="seo")[0] == "seo"
    assert ask(mini, "visitor_source", UP + UP + ENTER)[0] == "seo"


def test_optional_select_is_skipped_with_enter(mini: Questionnaire) -> None:
    """Enter passes, as in a text field: an optional list never answers by accident."""
    value, shown = ask(mini, "visitor_source", ENTER)
    assert value is None
    assert "Entrée pour passer" in shown
    assert ask(mini, "visitor_source", DOWN + ENTER)[0] == "ads"


def test_yes_no_with_i_dont_know(mini: Questionnaire) -> None:
    assert ask(mini, "has_website", ENTER)[0] is True
    assert ask(mini, "has_website", DOWN + ENTER)[0] is False
    assert ask(mini, "has_website", ENTER, current=False)[0] is False
    assert ask(mini, "has_website", [DOWN + DOWN + ENTER, ENTER])[0] == {"todo": "à préciser"}


def test_choice_labels_follow_the_language(mini: Questionnaire) -> None:
    value, _ = drive("en", ENTER, lambda p: p.select(
        "Kind?", [("Head office", "hq"), ("Shop", "shop")], "shop"))
    assert value == "shop"


def test_checkbox_for_several_choices(mini: Questionnaire) -> None:
    value, shown = ask(mini, "markets", SPACE + DOWN + DOWN + SPACE + ENTER)
    assert value == ["b2b", "b2g"]
    assert "Entreprises, Secteur public" in shown


def test_checkbox_pre_ticks_the_current_answer(mini: Questionnaire) -> None:
    assert ask(mini, "markets", ENTER, current=["b2c"])[0] == ["b2c"]
    assert ask(mini, "markets", DOWN + DOWN + SPACE + ENTER, current=["b2c"])[0] == ["b2c", "b2g"]


def test_required_checkbox_needs_a_tick_or_i_dont_know(mini: Questionnaire) -> None:
    value, _ = ask(mini, "markets", [ENTER + UP + SPACE + ENTER, ENTER])
    assert value == {"todo": "à préciser"}


def test_english_checkbox(mini: Questionnaire) -> None:
    value, shown = ask(mini, "markets", DOWN + SPACE + ENTER, lang="en")
    assert value == ["b2c"]
    assert "Which markets?" in shown and "Consumers" in shown


# --------------------------------------------------------------------------- groups


def test_add_another_shows_the_records_already_there(mini: Questionnaire) -> None:
    sites = mini.by_id["sites"]
    records = [{"name": "Siège", "kind": "hq"}, {"name": "Lyon", "kind": "shop", "staff": 4}]

    def action(p: Prompter) -> Any:
        p.show_records(sites, records)
        return p.add_record(sites, records)

    answer, shown = drive("fr", ENTER, action)
    assert answer is False
    assert "1. Siège · Siège" in shown and "2. Lyon · Magasin · 4" in shown


def test_a_required_empty_group_offers_i_dont_know(mini: Questionnaire) -> None:
    members = mini.by_id["members"]
    answer, _ = drive("en", DOWN + ENTER, lambda p: p.add_record(members, []))
    assert answer == UNKNOWN
    answer, _ = drive("en", ENTER, lambda p: p.add_record(members, []))
    assert answer is True
    answer, _ = drive("en", "?", lambda p: p.add_record(members, []))
    assert answer == UNKNOWN


def test_an_optional_empty_group_offers_no_and_i_dont_know(mini: Questionnaire) -> None:
    sites = mini.by_id["sites"]
    assert drive("fr", ENTER, lambda p: p.add_record(sites, []))[0] is False
    assert drive("fr", "?", lambda p: p.add_record(sites, []))[0] == UNKNOWN
    assert drive("fr", UP + ENTER, lambda p: p.add_record(sites, []))[0] is True


def test_ctrl_c_raises_keyboard_interrupt(mini: Questionnaire) -> None:
    with pytest.raises(KeyboardInterrupt):
        ask(mini, "title", CTRL_C)


# --------------------------------------------------------------------------- a whole session


@pytest.fixture(autouse=True)
def no_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The document renderer is another module's business: absent here unless a test fakes it."""
    monkeypatch.setitem(sys.modules, "cdc.render", None)


def run_session(path: Path, mini: Questionnaire, keys: list[str], lang: str = "fr",
                part: int | None = None, review: bool = False) -> tuple[ExitCode, str]:
    def action(p: Prompter) -> ExitCode:
        return run_interview(path, lang, part, review, prompter=p, bank=mini,
                             today=dt.date(2026, 11, 29))

    return drive(lang, keys, action, seconds=30)


def test_a_whole_interview_in_english(tmp_path: Path, mini: Questionnaire) -> None:
    path = tmp_path / "answers.yaml"
    keys = [
        "Tom Baker" + ENTER, "Account manager" + ENTER,           # respondent
        ENTER,                                                    # title: keep the default
        "85" + ENTER, "2,5" + ENTER,                              # employees, revenue
        ENTER,                                                    # has_website: yes
        "12000" + ENTER, UP + UP + ENTER,                         # visitors, source: seo
        SPACE + ENTER,                                            # markets: b2b
        "Founded 1990." + ENTER + ENTER,                          # history
        ENTER,                                                    # start: skip
        UP + ENTER, "HQ" + ENTER, ENTER,                          # add a site: HQ, head office
        UP + ENTER, "Lyon" + ENTER, DOWN + ENTER, "4" + ENTER,    # another: Lyon shop, 4 staff
        ENTER,                                                    # no more sites
        "?", ENTER,                                               # sponsor: don't know
        ENTER, "Ann" + ENTER, ENTER,                              # one member, then no more
        ENTER,                                                    # review: finish
    ]
    code, shown = run_session(path, mini, keys, lang="en")
    assert code == ExitCode.OK, shown
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["meta"] == {
        "title": "Cahier des charges CRM",
        "respondents": [{"name": "Tom Baker", "role": "Account manager",
                         "date": dt.date(2026, 11, 29)}],
    }
    assert data["company"] == {
        "employees": 85, "revenue": 2.5, "has_website": True, "monthly_visitors": 12000,
        "visitor_source": "seo", "markets": ["b2b"], "history": "Founded 1990.",
        "sites": [{"name": "HQ", "kind": "hq"}, {"name": "Lyon", "kind": "shop", "staff": 4}],
    }
    assert data["team"] == {"sponsor": {"todo": "to be confirmed"}, "members": [{"name": "Ann"}]}
    assert "Part 1 · Company · question 1 of 7" in shown
    assert "Part 1 · Company · question 5 of 9" in shown
    assert "Progress by part" in shown
    assert "cdc render" in shown


def test_interrupted_then_resumed_at_the_first_unanswered_question(
    tmp_path: Path, mini: Questionnaire
) -> None:
    path = tmp_path / "answers.yaml"
    keys = ["Zoé" + ENTER, "DAF" + ENTER, ENTER, "85" + ENTER, CTRL_C]
    code, shown = run_session(path, mini, keys)
    assert code == ExitCode.INTERRUPTED
    assert "Toutes vos réponses sont enregistrées" in shown
    assert "cdc interview" in shown
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["company"] == {"employees": 85}

    code, shown = run_session(path, mini, [CTRL_C])
    assert code == ExitCode.INTERRUPTED
    assert "Reprise" in shown
    assert "Personne interrogée\u00a0: Zoé (DAF)" in shown  # not asked again
    assert "--respondent" in shown
    assert "question 2 sur 7" in shown and "Le dernier exercice." in shown
    assert "question 1 sur" not in shown


def test_part_option_and_review_change_an_answer(tmp_path: Path, mini: Questionnaire) -> None:
    path = tmp_path / "answers.yaml"
    keys = ["Zoé" + ENTER, "DAF" + ENTER, CLEAR + "Atlas" + ENTER, ENTER]
    code, shown = run_session(path, mini, keys, part=0)
    assert code == ExitCode.OK, shown
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["meta"]["title"] == "Atlas"
    assert "Partie 0 terminée" in shown

    # --review --part 0: pick the title, change it, finish
    keys = [DOWN + ENTER, CLEAR + "Atlas 2 🚀" + ENTER, ENTER]
    code, shown = run_session(path, mini, keys, part=0, review=True)
    assert code == ExitCode.OK, shown
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["meta"]["title"] == "Atlas 2 🚀"
    assert len(data["meta"]["respondents"]) == 1
    assert "Partie 0\u00a0: Fiche document" in shown


def test_a_condition_turned_off_in_the_review_empties_its_answers(
    tmp_path: Path, mini: Questionnaire
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("schema_version: 1\ncompany:\n  has_website: true\n"
                    "  monthly_visitors: 300\n  visitor_source: ads\n", encoding="utf-8")
    # respondent, then review of part 1: row 3 is has_website -> No; then finish
    keys = ["Zoé" + ENTER, "DAF" + ENTER, DOWN * 3 + ENTER, DOWN + ENTER, ENTER]
    code, shown = run_session(path, mini, keys, part=1, review=True)
    assert code == ExitCode.OK, shown
    company = yaml.safe_load(path.read_text(encoding="utf-8"))["company"]
    assert company["has_website"] is False
    assert company["monthly_visitors"] is None and company["visitor_source"] is None
    assert "ne s'applique plus\u00a0: «\u00a0Combien de visiteurs par mois\u202f?\u00a0»" in shown


def test_the_end_offers_to_render_the_document(
    tmp_path: Path, mini: Questionnaire, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Path, list[str], Path]] = []

    def render_file(path: Path, formats: list[str], out_dir: Path) -> list[Path]:
        calls.append((path, formats, out_dir))
        return [out_dir / "cdc.docx"]

    fake = types.ModuleType("cdc.render")
    fake.render_file = render_file  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "cdc.render", fake)
    path = tmp_path / "answers.yaml"
    keys = ["Zoé" + ENTER, "DAF" + ENTER, ENTER, ENTER, ENTER, DOWN + SPACE + ENTER]
    code, shown = run_session(path, mini, keys, part=0)
    assert code == ExitCode.OK, shown
    assert calls == [(path, ["docx"], tmp_path)]
    assert "Écrit : " in shown and "cdc.docx" in shown


def test_optional_checkbox_left_empty_is_no_answer(mini: Questionnaire) -> None:
    question = mini.by_id["markets"]
    optional = type(question)(**{**question.__dict__, "required": False})
    value, shown = drive("fr", ENTER, lambda p: p.ask(optional, None))
    assert value is None
    assert "Entrée pour passer" in shown


def test_a_record_is_saved_field_by_field(tmp_path: Path, mini: Questionnaire) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(
        "schema_version: 1\nmeta:\n  title: T\n  respondents:\n    - {name: Zoé, role: DAF}\n"
        "company:\n  employees: 40\n  revenue: 2\n  has_website: false\n  markets: [b2b]\n"
        "  history: H\n  start: 2027-01-04\n", encoding="utf-8")
    # resumes at the sites: add one, give its name, Ctrl-C at its kind
    keys = [UP + ENTER, "Lyon 🦁" + ENTER, CTRL_C]
    code, shown = run_session(path, mini, keys, part=1)
    assert code == ExitCode.INTERRUPTED, shown
    company = yaml.safe_load(path.read_text(encoding="utf-8"))["company"]
    assert company["sites"] == [{"name": "Lyon 🦁"}]

    # the next run asks what the record lacks, then offers another one
    keys = [DOWN + ENTER, "4" + ENTER, ENTER, ENTER]
    code, shown = run_session(path, mini, keys, part=1)
    assert code == ExitCode.OK, shown
    sites = yaml.safe_load(path.read_text(encoding="utf-8"))["company"]["sites"]
    assert sites == [{"name": "Lyon 🦁", "kind": "shop", "staff": 4}]
    assert "1. Lyon 🦁" in shown


def test_a_part_that_does_not_exist(tmp_path: Path, mini: Questionnaire) -> None:
    with pytest.raises(UsageError) as caught:
        drive("en", [], lambda p: run_interview(tmp_path / "a.yaml", "en", 9, prompter=p,
                                                bank=mini))
    assert "no part 9" in caught.value.message


def test_no_terminal_is_refused_before_anything_else(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        run_interview(tmp_path / "a.yaml", "fr", isatty=lambda: False)
    assert "terminal" in caught.value.message
    assert "cdc new" in caught.value.hint and "cdc render" in caught.value.hint
    assert caught.value.exit_code == ExitCode.USAGE
