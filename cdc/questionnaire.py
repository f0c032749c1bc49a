"""The question bank: definitions loaded from ``questionnaires/*.yaml`` and checked when loaded.

The bank is the single source of truth: the interview, the validator, ``cdc new``, the JSON Schema
and the checks all derive from it. Adding a question is a YAML edit, never a code change.

One file per part of the plan. A part has a ``key`` (its block in the answers file), titles, and
sections; a section holds questions. Question ids are stable snake_case, unique in the whole bank;
the fields of a repeating group are unique within their group. See README.md, "The question bank".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from cdc.errors import CdcError, Location, Problem
from cdc.yamlsource import PathKey, YamlDocument, load

LANGUAGES = ("fr", "en")

TYPES = (
    "text",
    "long_text",
    "integer",
    "number",
    "date",
    "choice",
    "multi_choice",
    "yes_no",
    "group",
)

OPERATORS = ("equals", "not_equals", "in", "contains", "answered", "mentions")
GROUP_FIELD_OPERATORS = ("contains", "answered", "mentions")
"""Operators a condition on a repeating group's field (``existing_tools.keeps``) may use: the
answer is then every record's value, and the condition holds when one record satisfies it."""

AUDIENCES = ("vendor", "internal")
"""Who reads an answer: ``vendor`` (the specification sent to vendors, the default) or
``internal`` (only the project's internal scoping note)."""

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Localized:
    """A text in French and English."""

    fr: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.fr


@dataclass(frozen=True)
class Choice:
    """One choice: ``label`` as a table or a list shows it ("Entreprises (B2B)"), ``text`` as a
    sentence says it ("les entreprises (B2B)": lowercase, with its article, agreed)."""

    value: str
    label: Localized
    audience: str = "vendor"  # internal: an answer (or a group record) holding it stays internal
    text: Localized = Localized("", "")


@dataclass(frozen=True)
class Condition:
    """``when``: the question applies only if an earlier answer satisfies this.

    ``question`` is a question id, or ``group.field`` for a field of a repeating group: the
    answer is then the list of that field's values over the records (multiple choices
    flattened), and only ``contains``, ``answered`` and ``mentions`` apply. ``mentions`` takes a
    list of words and holds when the answer's text (every text of a group's records included)
    contains one of them, ignoring case and accents.
    """

    question: str
    op: str
    value: Any

    @property
    def group_field(self) -> tuple[str, str] | None:
        """``("existing_tools", "keeps")`` for a condition on a group's field, else None."""
        group, dot, name = self.question.partition(".")
        return (group, name) if dot else None

    def holds(self, answer: Any) -> bool:
        """Evaluates the condition on the answer given to ``self.question`` (None if none)."""
        if isinstance(answer, Mapping) and "todo" in answer:
            answer = None  # an open point satisfies nothing yet
        if self.op == "answered":
            return (answer not in (None, "", [])) == bool(self.value)
        if self.op == "equals":
            return bool(answer == self.value)
        if self.op == "not_equals":
            return bool(answer != self.value)
        if self.op == "in":
            return answer in self.value
        if self.op == "contains":
            return isinstance(answer, list) and self.value in answer
        if self.op == "mentions":
            return bool(mentions(answer, self.value))
        raise AssertionError(self.op)


def read_condition(raw: Any) -> tuple[Condition | None, str]:
    """A ``when`` mapping read into a Condition, or None and what is wrong with it."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("question"), str):
        return None, "'when' needs a question and one operator"
    ops = [op for op in OPERATORS if op in raw]
    if len(ops) != 1:
        return None, f"'when' needs exactly one of {', '.join(OPERATORS)}"
    return Condition(raw["question"], ops[0], raw[ops[0]]), ""


@lru_cache(maxsize=8192)
def normal_text(text: str) -> str:
    """Lower case, accents and punctuation dropped, single spaces: the form words are matched in.

    Cached: the same answers and catalogue words are matched again for every requirement."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[a-z0-9]+", bare))


def texts_of(answer: Any) -> list[str]:
    """Every text in an answer: the string itself, or the strings inside lists and records."""
    if isinstance(answer, str):
        return [answer]
    if isinstance(answer, Mapping):
        if "todo" in answer:
            return []
        return [t for value in answer.values() for t in texts_of(value)]
    if isinstance(answer, list):
        return [t for item in answer for t in texts_of(item)]
    return []


def mentions(answer: Any, words: Any) -> list[str]:
    """The texts of ``answer`` that contain one of ``words`` (whole words, case and accents
    ignored), in answer order."""
    wanted = [normal_text(w) for w in (words if isinstance(words, list) else [words])
              if isinstance(w, str) and normal_text(w)]
    found = []
    for text in texts_of(answer):
        padded = f" {normal_text(text)} "
        if any(f" {w} " in padded for w in wanted):
            found.append(text)
    return found


@dataclass(frozen=True)
class Question:
    """One question (or one field of a repeating group)."""

    id: str
    type: str
    part: int
    section: str
    prompt: Localized
    help: Localized
    example: Localized | None = None
    choices: tuple[Choice, ...] = ()
    default: Any = None
    required: bool = False
    when: Condition | None = None
    unit: Localized | None = None
    minimum: float | None = None
    maximum: float | None = None
    fields: tuple[Question, ...] = ()
    item: Localized | None = None  # groups: what one record is called ("data source")
    min_items: int = 0
    group: str = ""  # for fields: the id of their group
    audience: str = "vendor"  # see AUDIENCES
    disclose_when: Condition | None = None  # an internal answer goes to vendors when this holds
    person: bool = False  # the answer names a person ("Claire Martin, responsable ADV")
    precision: str = "day"  # a date: "day", or "month" ("2027-06") where a month is known
    per: str = ""  # a volume: the choice question that says per day, week, month or year
    roles: tuple[str, ...] = ()  # the roles it concerns (its own, else its section's)
    identity: tuple[str, ...] = ()  # groups: the fields that tell two records apart
    interview: bool = True  # False: the guided interview leaves it to the review
    merge: str = "disagree"  # cdc merge: different answers are a disagreement, or "join"ed

    @property
    def key(self) -> str:
        """Dotted id: ``sources.owner`` for a group field, else the id."""
        return f"{self.group}.{self.id}" if self.group else self.id

    @property
    def is_group(self) -> bool:
        return self.type == "group"

    def choice(self, value: Any) -> Choice | None:
        for choice in self.choices:
            if choice.value == value:
                return choice
        return None

    def choice_values(self) -> list[str]:
        return [c.value for c in self.choices]

    def field(self, field_id: str) -> Question | None:
        for f in self.fields:
            if f.id == field_id:
                return f
        return None

    @property
    def identity_fields(self) -> tuple[str, ...]:
        """A group's fields that name a record: ``identity`` in the bank, else the first field.
        Two records with the same values there describe the same thing (``cdc merge``)."""
        if self.identity:
            return self.identity
        return (self.fields[0].id,) if self.fields else ()

    def concerns(self, role: str | None) -> bool:
        """Whether a role's interview asks this question (every question when role is None)."""
        return role is None or role in self.roles


@dataclass(frozen=True)
class Role:
    """Someone a project lead interviews: sales, sales administration, IT..."""

    id: str
    label: Localized
    help: Localized


@dataclass(frozen=True)
class Section:
    id: str
    part: int
    title: Localized
    questions: tuple[Question, ...]
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Part:
    number: int
    key: str
    title: Localized
    intro: Localized
    minutes: int
    sections: tuple[Section, ...]
    source: str = ""

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    def section(self, section_id: str) -> Section | None:
        for s in self.sections:
            if s.id == section_id:
                return s
        return None


@dataclass(frozen=True)
class Questionnaire:
    parts: tuple[Part, ...]
    by_id: Mapping[str, Question] = field(default_factory=dict)
    part_of: Mapping[str, Part] = field(default_factory=dict)
    roles: tuple[Role, ...] = ()  # questionnaires/roles.yaml; see cdc.roles

    def questions(self) -> Iterator[Question]:
        """Every top-level question, in plan order."""
        for part in self.parts:
            yield from part.questions

    def question(self, question_id: str) -> Question:
        return self.by_id[question_id]

    def part(self, number: int) -> Part:
        for p in self.parts:
            if p.number == number:
                return p
        raise KeyError(number)

    def part_by_key(self, key: str) -> Part | None:
        for p in self.parts:
            if p.key == key:
                return p
        return None

    def count(self) -> tuple[int, int]:
        """(number of questions, fields of groups included; number of repeating groups)."""
        questions = groups = 0
        for q in self.questions():
            questions += 1 + len(q.fields)
            groups += q.is_group
        return questions, groups


# --------------------------------------------------------------------------- loading


class _Reader:
    """Turns one bank file into Parts, collecting every problem with its line."""

    def __init__(self, doc: YamlDocument, roles: tuple[Role, ...] = ()) -> None:
        self.doc = doc
        self.problems: list[Problem] = list(doc.problems)
        self.roles = roles

    def error(self, path: PathKey, message: str, hint: str = "", key: bool = False) -> None:
        self.problems.append(Problem("error", self.doc.where(path, key=key), message, hint))

    def localized(self, raw: Any, path: PathKey, what: str, required: bool = True) -> Localized:
        if raw is None and not required:
            return Localized("", "")
        if isinstance(raw, str):
            self.error(path, f"{what} must give both languages", "Write {fr: ..., en: ...}.")
            return Localized(raw, raw)
        if not isinstance(raw, dict):
            self.error(path, f"{what} is missing or not a {{fr, en}} mapping")
            return Localized("", "")
        for lang in LANGUAGES:
            if not isinstance(raw.get(lang), str) or not raw.get(lang, "").strip():
                self.error(path, f"{what} has no '{lang}' text")
        for extra in set(raw) - set(LANGUAGES):
            self.error((*path, extra), f"{what}: unknown language '{extra}'", key=True)
        return Localized(str(raw.get("fr", "")), str(raw.get("en", "")))

    def part(self) -> Part | None:
        data = self.doc.data
        if not isinstance(data, dict):
            self.error((), "a question-bank file must be a mapping with part, key, sections")
            return None
        self.known(data, (), {"part", "key", "title", "intro", "minutes", "sections"})
        number = data.get("part")
        if not isinstance(number, int) or isinstance(number, bool):
            self.error(("part",), "'part' must be the part's number (0-9)")
            number = -1
        key = data.get("key")
        if not isinstance(key, str) or not ID_RE.match(key):
            self.error(("key",), "'key' must be a snake_case word (the answers-file block)")
            key = "?"
        sections = []
        raw_sections = data.get("sections")
        if not isinstance(raw_sections, list) or not raw_sections:
            self.error(("sections",), "'sections' must be a non-empty list")
            raw_sections = []
        for i, raw in enumerate(raw_sections):
            section = self.section(raw, ("sections", i), number)
            if section:
                sections.append(section)
        minutes = data.get("minutes", 5)
        return Part(
            number=number,
            key=key,
            title=self.localized(data.get("title"), ("title",), "the part's title"),
            intro=self.localized(data.get("intro"), ("intro",), "the part's intro"),
            minutes=minutes if isinstance(minutes, int) else 5,
            sections=tuple(sections),
            source=self.doc.file,
        )

    def section(self, raw: Any, path: PathKey, part: int) -> Section | None:
        if not isinstance(raw, dict):
            self.error(path, "a section must be a mapping with id, title, questions")
            return None
        self.known(raw, path, {"id", "title", "questions", "roles"})
        sid = raw.get("id")
        if not isinstance(sid, str) or not ID_RE.match(sid):
            self.error((*path, "id"), "a section needs a snake_case 'id'")
            sid = "?"
        questions = []
        raw_questions = raw.get("questions")
        if not isinstance(raw_questions, list) or not raw_questions:
            self.error((*path, "questions"), "'questions' must be a non-empty list")
            raw_questions = []
        roles = self.role_list(raw, path, f"section {sid}")
        for i, rq in enumerate(raw_questions):
            q = self.question(rq, (*path, "questions", i), part, sid, group="",
                              section_roles=roles)
            if q:
                questions.append(q)
        return Section(sid, part, self.localized(raw.get("title"), (*path, "title"), "title"),
                       tuple(questions), roles)

    QUESTION_KEYS = frozenset({
        "id", "type", "prompt", "help", "example", "choices", "default", "required", "when",
        "unit", "min", "max", "fields", "item", "min_items", "audience", "disclose_when",
        "person", "precision", "per", "roles", "identity", "interview", "merge",
    })

    def question(
        self, raw: Any, path: PathKey, part: int, section: str, group: str,
        section_roles: tuple[str, ...] = (),
    ) -> Question | None:
        if not isinstance(raw, dict):
            self.error(path, "a question must be a mapping")
            return None
        self.known(raw, path, set(self.QUESTION_KEYS))
        qid = raw.get("id")
        if not isinstance(qid, str) or not ID_RE.match(qid):
            self.error((*path, "id"), f"question id {qid!r} is not snake_case",
                       "Ids are stable snake_case words such as data_sources.")
            qid = "?"
        qtype = raw.get("type")
        if qtype not in TYPES:
            self.error((*path, "type"), f"{qid}: unknown type {qtype!r}",
                       f"Use one of: {', '.join(TYPES)}.")
            qtype = "text"
        if group and qtype == "group":
            self.error((*path, "type"), f"{qid}: a group cannot contain another group")
        what = f"{group + '.' if group else ''}{qid}"
        choices = []
        if qtype in ("choice", "multi_choice"):
            raw_choices = raw.get("choices")
            if raw_choices == "roles":  # the bank's roles, listed once in roles.yaml
                raw_choices = [{"value": r.id, "fr": r.label.fr, "en": r.label.en,
                                "text": {"fr": r.label.fr[:1].lower() + r.label.fr[1:],
                                         "en": r.label.en[:1].lower() + r.label.en[1:]}}
                               for r in self.roles]
            if not isinstance(raw_choices, list) or len(raw_choices) < 2:
                self.error((*path, "choices"), f"{what}: a choice question needs 2 or more choices")
                raw_choices = []
            seen: set[str] = set()
            for i, rc in enumerate(raw_choices):
                cpath = (*path, "choices", i)
                if not isinstance(rc, dict) or not isinstance(rc.get("value"), str):
                    self.error(cpath, f"{what}: each choice needs value, fr and en")
                    continue
                self.known(rc, cpath, {"value", "fr", "en", "audience", "text"})
                if rc["value"] in seen:
                    self.error(cpath, f"{what}: choice '{rc['value']}' is listed twice")
                seen.add(rc["value"])
                label = self.localized({k: rc.get(k) for k in LANGUAGES}, cpath,
                                       f"{what}: choice '{rc['value']}'")
                if "text" in rc:
                    text = self.localized(rc["text"], (*cpath, "text"),
                                          f"{what}: choice '{rc['value']}': text")
                else:
                    self.error(cpath, f"{what}: choice '{rc['value']}' has no 'text'",
                               "Give the form a sentence uses: text: {fr: les entreprises (B2B), "
                               "en: businesses (B2B)}.")
                    text = label
                choices.append(Choice(rc["value"], label,
                                      self.audience(rc, cpath, f"{what}: choice"), text))
        elif "choices" in raw:
            self.error((*path, "choices"), f"{what}: only choice questions have choices")
        fields: list[Question] = []
        if qtype == "group":
            raw_fields = raw.get("fields")
            if not isinstance(raw_fields, list) or not raw_fields:
                self.error((*path, "fields"), f"{what}: a repeating group needs 'fields'")
                raw_fields = []
            for i, rf in enumerate(raw_fields):
                f = self.question(rf, (*path, "fields", i), part, section, group=qid)
                if f:
                    fields.append(f)
        when = self.condition(raw.get("when"), (*path, "when"), what)
        unit = self.localized(raw["unit"], (*path, "unit"), f"{what}: unit") if "unit" in raw \
            else None
        example = self.localized(raw["example"], (*path, "example"), f"{what}: example") \
            if "example" in raw else None
        required = raw.get("required", False)
        if not isinstance(required, bool):
            self.error((*path, "required"), f"{what}: 'required' must be true or false")
            required = False
        audience = self.audience(raw, path, what)
        disclose_when = self.condition(raw.get("disclose_when"), (*path, "disclose_when"), what)
        if disclose_when is not None and audience != "internal":
            self.error((*path, "disclose_when"),
                       f"{what}: 'disclose_when' only applies to an internal question",
                       "Add audience: internal, or remove disclose_when.")
        person = raw.get("person", False)
        if not isinstance(person, bool) or (person and qtype != "text"):
            self.error((*path, "person"), f"{what}: 'person' is true only on a text question",
                       "person: true marks an answer that names someone.")
            person = False
        precision = raw.get("precision", "day")
        if precision not in ("day", "month") or (precision == "month" and qtype != "date"):
            self.error((*path, "precision"), f"{what}: 'precision' is day or month, on a date",
                       "precision: month lets the answer be a month (2027-06).")
            precision = "day"
        per = raw.get("per", "")
        if per and (not isinstance(per, str) or qtype not in ("integer", "number")):
            self.error((*path, "per"), f"{what}: 'per' names a choice question, on a number",
                       "per: quotes_period says whether the figure is per day, month or year.")
            per = ""
        roles = section_roles
        if "roles" in raw:
            if group:
                self.error((*path, "roles"), f"{what}: only a question has roles, not a field",
                           "A role interview asks a repeating group with all its fields.")
            roles = self.role_list(raw, path, what)
        identity: tuple[str, ...] = ()
        if "identity" in raw:
            names = raw["identity"]
            known = {f.id for f in fields}
            if qtype != "group" or not isinstance(names, list) or not names \
                    or any(n not in known for n in names):
                self.error((*path, "identity"),
                           f"{what}: 'identity' lists fields of this group",
                           "The fields that name a record, e.g. identity: [description].")
            else:
                identity = tuple(str(n) for n in names)
        merge = raw.get("merge", "disagree")
        if merge not in ("disagree", "join") or (merge == "join" and qtype not in (
                "long_text", "multi_choice")):
            self.error((*path, "merge"), f"{what}: merge is 'disagree' (the default) or "
                       "'join' (long texts and multiple choices only)",
                       "join: each person's answer adds to the others' (paragraphs, or the "
                       "union of the choices) instead of being a disagreement.")
            merge = "disagree"
        interview = raw.get("interview", True)
        if not isinstance(interview, bool):
            self.error((*path, "interview"), f"{what}: 'interview' must be true or false")
            interview = True
        return Question(
            id=qid,
            type=qtype,
            part=part,
            section=section,
            prompt=self.localized(raw.get("prompt"), (*path, "prompt"), f"{what}: prompt"),
            help=self.localized(raw.get("help"), (*path, "help"), f"{what}: help"),
            example=example,
            choices=tuple(choices),
            default=raw.get("default"),
            required=required,
            when=when,
            unit=unit,
            minimum=raw.get("min"),
            maximum=raw.get("max"),
            fields=tuple(fields),
            item=self.localized(raw["item"], (*path, "item"), f"{what}: item")
            if "item" in raw else None,
            min_items=int(raw.get("min_items", 0) or 0),
            group=group,
            audience=audience,
            disclose_when=disclose_when,
            person=person,
            precision=precision,
            per=per,
            roles=roles,
            identity=identity,
            interview=interview,
            merge=str(merge),
        )

    def role_list(self, raw: dict[str, Any], path: PathKey, what: str) -> tuple[str, ...]:
        """``roles: [sales, it]``, each a role of roles.yaml."""
        if "roles" not in raw:
            return ()
        names = raw["roles"]
        known = [r.id for r in self.roles]
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            self.error((*path, "roles"), f"{what}: 'roles' must be a list of role ids",
                       f"e.g. roles: [{', '.join(known[:2]) or 'sales'}]")
            return ()
        for name in names:
            if name not in known:
                hint = (f"Roles: {', '.join(known)} (questionnaires/roles.yaml)." if known else
                        "This bank has no roles.yaml listing the roles.")
                self.error((*path, "roles"), f"{what}: unknown role '{name}'", hint)
        return tuple(dict.fromkeys(n for n in names if n in known))

    def audience(self, raw: dict[str, Any], path: PathKey, what: str) -> str:
        value = raw.get("audience", "vendor")
        if value not in AUDIENCES:
            self.error((*path, "audience"), f"{what}: audience must be vendor or internal",
                       "vendor: printed in the specification sent to vendors (the default); "
                       "internal: only in the internal scoping note.")
            return "vendor"
        return str(value)

    def condition(self, raw: Any, path: PathKey, what: str) -> Condition | None:
        if raw is None:
            return None
        if isinstance(raw, dict):
            self.known(raw, path, {"question", *OPERATORS})
        when, message = read_condition(raw)
        if when is None:
            self.error(path, f"{what}: {message}",
                       "e.g. when: {question: hosting_mode, equals: on_premise}")
        return when

    def known(self, raw: dict[str, Any], path: PathKey, allowed: set[str]) -> None:
        for key in raw:
            if key not in allowed:
                self.error((*path, key), f"unknown key '{key}'",
                           f"Allowed here: {', '.join(sorted(allowed))}.", key=True)


def _check_bank(parts: list[Part], docs: dict[str, YamlDocument]) -> list[Problem]:
    """Cross-file checks: unique ids and parts, conditions naming earlier questions."""
    problems: list[Problem] = []

    def at(q: Question, message: str, hint: str = "") -> None:
        part = next(p for p in parts if p.number == q.part)
        problems.append(Problem("error", Location(part.source), message, hint, q.key))

    seen_parts: dict[int, str] = {}
    seen_keys: set[str] = set()
    earlier: dict[str, Question] = {}
    for part in parts:
        if part.number in seen_parts:
            problems.append(Problem("error", Location(part.source),
                                    f"part {part.number} is also defined in "
                                    f"{seen_parts[part.number]}"))
        seen_parts[part.number] = part.source
        if part.key in seen_keys:
            problems.append(Problem("error", Location(part.source),
                                    f"part key '{part.key}' is used twice"))
        seen_keys.add(part.key)
        for q in part.questions:
            if q.id in earlier:
                at(q, f"question id '{q.id}' is used twice (ids are unique in the whole bank)")
            field_ids: dict[str, Question] = {}
            for f in q.fields:
                if f.id in field_ids:
                    at(f, f"field '{f.id}' appears twice in group '{q.id}'")
                _check_condition(f, {**earlier, **field_ids}, at)
                _check_default(f, at)
                field_ids[f.id] = f
            _check_condition(q, earlier, at)
            _check_per(q, earlier, at)
            _check_default(q, at)
            earlier[q.id] = q
    return problems


def _check_per(q: Question, earlier: Mapping[str, Question], at: Any) -> None:
    if not q.per:
        return
    target = earlier.get(q.per)
    if target is None or target.type != "choice":
        at(q, f"{q.key}: 'per' names '{q.per}', which is not an earlier choice question",
           "Name the question that says per day, week, month or year.")


def _check_condition(q: Question, earlier: Mapping[str, Question], at: Any) -> None:
    for name, cond in (("when", q.when), ("disclose_when", q.disclose_when)):
        if cond is None:
            continue
        for message, hint in condition_problems(cond, earlier, earlier=True):
            at(q, f"{q.key}: " + message.replace("'when", f"'{name}", 1), hint)


def condition_problems(when: Condition, known: Mapping[str, Question],
                       earlier: bool = False) -> list[tuple[str, str]]:
    """What is wrong with a condition, as (message, hint) pairs; empty when it is sound.

    ``known`` maps the question ids the condition may name to their questions (the earlier
    ones for the bank, every one for the requirement catalogue).
    """
    target_id = when.question
    target = known.get(target_id)
    pair = when.group_field
    if pair is not None:
        group = known.get(pair[0])
        target = group.field(pair[1]) if group is not None and group.is_group else None
    if target is None:
        which = "an earlier question" if earlier else "a question of the bank"
        hint = ("A condition can only depend on a question asked before it." if earlier else
                "Name a question id, or group.field for a field of a repeating group.")
        return [(f"'when' names '{target_id}', which is not {which}", hint)]
    if pair is not None and when.op not in GROUP_FIELD_OPERATORS:
        return [(f"'when' on the group field '{target_id}' can only use "
                 f"{', '.join(GROUP_FIELD_OPERATORS)}",
                 "The answer is every record's value: test whether one contains a value.")]
    if when.op == "mentions":
        words = when.value if isinstance(when.value, list) else [when.value]
        if not words or not all(isinstance(w, str) and normal_text(w) for w in words):
            return [("'when ... mentions' needs a word or a list of words", "")]
        return []
    values = when.value if when.op == "in" else [when.value]
    if when.op == "in" and not isinstance(when.value, list):
        return [("'when ... in' needs a list", "")]
    if target.type == "multi_choice" and when.op in ("equals", "not_equals"):
        if not isinstance(when.value, list):
            return [(f"'{target.key}' is a multiple choice; compare it with a list, or test one "
                     "value with contains", "")]
        values = when.value
    problems = []
    if target.choices and when.op != "answered":
        for v in values:
            if target.choice(v) is None:
                problems.append((f"'when' tests '{v}', not a choice of '{target.key}'",
                                 f"Choices: {', '.join(target.choice_values())}."))
    if (target.type == "yes_no" and when.op in ("equals", "not_equals")
            and not isinstance(when.value, bool)):
        problems.append((f"'{target.key}' is yes/no; test it with true or false", ""))
    return problems


def _check_default(q: Question, at: Any) -> None:
    if q.default is None:
        return
    if q.type == "choice" and q.choice(q.default) is None:
        at(q, f"{q.key}: default '{q.default}' is not one of its choices")
    if q.type == "multi_choice" and (
        not isinstance(q.default, list) or any(q.choice(v) is None for v in q.default)
    ):
        at(q, f"{q.key}: default must be a list of its choices")


def bank_dir() -> Path:
    from cdc.resources import packaged_dir

    return packaged_dir("questionnaires")


@lru_cache(maxsize=8)
def load_questionnaire(folder: Path | None = None) -> Questionnaire:
    """Loads and checks every ``*.yaml`` of the bank; raises CdcError listing every problem.

    Once per process; and a bank read without problems is kept in the user's cache
    (:func:`cdc.cache.remember`) until one of its files changes.
    """
    from cdc.cache import remember

    folder = folder or bank_dir()
    return remember("bank", bank_files(folder), lambda: _read_questionnaire(folder))


def bank_files(folder: Path | None = None) -> list[Path]:
    """The files of the bank (its parts and the roles), in a stable order."""
    return sorted((folder or bank_dir()).glob("*.yaml"))


def _read_questionnaire(folder: Path) -> Questionnaire:
    from cdc.roles import ROLES_FILE, check_roles, read_roles

    files = sorted(f for f in folder.glob("*.yaml") if f.name != ROLES_FILE)
    if not files:
        raise CdcError(f"no question-bank files (*.yaml) in {folder}",
                       "Reinstall cdc: its questionnaires folder is missing.")
    roles, problems = read_roles(folder / ROLES_FILE)
    if problems:  # every role name would be unknown: report the roles file alone
        raise CdcError(f"the roles of the question bank ({folder / ROLES_FILE}) are not valid",
                       problems=problems)
    parts: list[Part] = []
    docs: dict[str, YamlDocument] = {}
    for path in files:
        doc = load(path)
        docs[str(path)] = doc
        reader = _Reader(doc, roles)
        part = reader.part() if not doc.problems else None
        problems.extend(reader.problems)
        if part:
            parts.append(part)
    parts.sort(key=lambda p: p.number)
    problems.extend(_check_bank(parts, docs))
    problems.extend(check_roles(parts, roles))
    if problems:
        raise CdcError(f"the question bank in {folder} is not valid "
                       f"({len(problems)} problem(s))", problems=problems)
    by_id = {q.id: q for p in parts for q in p.questions}
    part_of = {q.id: p for p in parts for q in p.questions}
    return Questionnaire(tuple(parts), by_id, part_of, roles)
