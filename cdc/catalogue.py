"""The requirement catalogue: standard requirements per CRM module, read and checked once.

One file per module, ``questionnaires/catalogue/<module>.yaml``. An entry has a fixed id, a
priority, French and English texts, and may depend on the answers, in the question bank's own
condition language (``when: {question: ..., equals|not_equals|in|contains|answered|mentions:
...}``, ``group.field`` for a field of a repeating group)::

    - id: MOB-002
      priority: should
      verification: test
      when: {question: mobile_offline, not_equals: false}     # selection: left out otherwise
      subject: [hors connexion, offline]                       # words that name its subject
      capability: email_campaigns                              # see below
      statement: {fr: "... {identity_provider} ...", en: ...}  # placeholders: cdc.wording
      acceptance: {fr: ..., en: ...}
      variants:                                                # other texts, first that holds
        - when: {question: quote_approval_amount, answered: true}
          statement: {fr: ..., en: ...}
      kept:                                                    # a kept tool has the capability
        statement: {fr: "Le CRM doit transmettre à {tool:email_campaigns} ...", en: ...}
        acceptance: {fr: ..., en: ...}
      priority_when:                                           # first that holds, with its reason
        - when: {question: mobile_offline, equals: true}
          priority: must
          reason: {fr: ..., en: ...}

A ``capability`` (a choice of ``existing_tools.keeps``) ties the entry to what a kept tool or the
scope may take away: kept by a tool, the entry reads as its ``kept`` texts (an integration
requirement with the tool, by name), or becomes "won't" without them; listed in
``out_of_scope_capabilities``, it becomes "won't".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from cdc.errors import CdcError, Location, Problem
from cdc.questionnaire import (
    Condition,
    Localized,
    Questionnaire,
    condition_problems,
    load_questionnaire,
    read_condition,
)
from cdc.wording import CAPABILITIES, slot_problems
from cdc.yamlsource import PathKey, YamlDocument, load

PRIORITIES = ("must", "should", "could", "wont")
VERIFICATIONS = ("demonstration", "test", "inspection", "analysis")
MODULE_PREFIXES = {
    "contacts": "CON", "leads": "LEA", "opportunities": "OPP", "quotes": "QUO",
    "campaigns": "CAM", "service": "SRV", "loyalty": "LOY", "activities": "ACT",
    "documents": "DOC", "reporting": "REP", "mobile": "MOB", "workflows": "WFL",
    "portal": "POR",
}
CUSTOM_FIRST = 101
ID_RE = re.compile(r"^[A-Z]{3}-\d{3}$")

_ENTRY_KEYS = frozenset({"id", "statement", "priority", "eliminatory", "acceptance",
                         "verification", "when", "capability", "kept", "variants",
                         "priority_when", "subject"})


@dataclass(frozen=True)
class Variant:
    """Other texts for an entry, used when ``when`` holds (None: the entry's own text)."""

    when: Condition | None
    statement: Localized | None
    acceptance: Localized | None


@dataclass(frozen=True)
class PriorityRule:
    """An answer that raises or lowers an entry's priority, and why."""

    when: Condition
    priority: str
    reason: Localized
    eliminatory: bool | None = None


@dataclass(frozen=True)
class CatalogueEntry:
    """One standard requirement, in both languages, as written in the catalogue."""

    id: str
    module: str
    statement: Localized
    priority: str
    eliminatory: bool
    acceptance: Localized
    verification: str
    when: Condition | None = None
    capability: str = ""
    kept: Variant | None = None
    variants: tuple[Variant, ...] = ()
    priority_rules: tuple[PriorityRule, ...] = ()
    subject: tuple[str, ...] = ()


def catalogue_dir() -> Path:
    from cdc.resources import packaged_dir

    return packaged_dir("questionnaires") / "catalogue"


@lru_cache(maxsize=4)
def load_catalogue(folder: Path | None = None) -> dict[str, tuple[CatalogueEntry, ...]]:
    """Reads and checks every ``catalogue/<module>.yaml`` against the packaged bank; raises
    CdcError listing every problem."""
    from cdc.cache import remember
    from cdc.questionnaire import bank_files

    folder = folder or catalogue_dir()
    files = sorted(folder.glob("*.yaml")) + bank_files()  # checked against the bank
    return remember("catalogue", files, lambda: read_catalogue(folder, load_questionnaire()))


def read_catalogue(folder: Path, bank: Questionnaire) -> dict[str, tuple[CatalogueEntry, ...]]:
    """:func:`load_catalogue` for any folder and bank, without the cache."""
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise CdcError(f"no requirement catalogue (*.yaml) in {folder}",
                       "Reinstall cdc: its questionnaires/catalogue folder is missing.")
    problems: list[Problem] = _bank_problems(bank)
    result: dict[str, tuple[CatalogueEntry, ...]] = {}
    seen: dict[str, str] = {}
    for path in files:
        doc = load(path)
        problems.extend(doc.problems)
        if doc.problems:
            continue
        reader = _Reader(doc, bank, problems)
        module, entries = reader.file()
        if module is None:
            continue
        if module in result:
            problems.append(Problem("error", doc.where(("module",)),
                                    f"module '{module}' has a second catalogue file"))
        for entry in entries:
            if entry.id in seen:
                problems.append(Problem("error", Location(doc.file),
                                        f"id {entry.id} is also used in {seen[entry.id]}",
                                        "Ids are unique: take the next free number."))
            seen[entry.id] = doc.file
        result[module] = tuple(entries)
    if problems:
        raise CdcError(f"the requirement catalogue in {folder} is not valid "
                       f"({len(problems)} problem(s))", problems=problems)
    return result


def _bank_problems(bank: Questionnaire) -> list[Problem]:
    """The capabilities the bank offers must be the ones the wording knows."""
    tools = bank.by_id.get("existing_tools")
    keeps = tools.field("keeps") if tools else None
    offered = tuple(keeps.choice_values()) if keeps else ()
    if offered and set(offered) != set(CAPABILITIES):
        return [Problem("error", Location("existing_tools.keeps"),
                        f"the bank's capabilities ({', '.join(offered)}) differ from those "
                        f"cdc.wording knows ({', '.join(CAPABILITIES)})",
                        "Give each new capability its neutral wording in cdc/wording.py.")]
    return []


class _Reader:
    """Turns one catalogue file into entries, collecting every problem with its line."""

    def __init__(self, doc: YamlDocument, bank: Questionnaire, problems: list[Problem]) -> None:
        self.doc = doc
        self.bank = bank
        self.problems = problems

    def error(self, path: PathKey, message: str, hint: str = "") -> None:
        self.problems.append(Problem("error", self.doc.where(path), message, hint))

    def file(self) -> tuple[str | None, list[CatalogueEntry]]:
        data = self.doc.data
        if not isinstance(data, dict):
            self.error((), "a catalogue file must be a mapping with module, prefix, requirements")
            return None, []
        for key in data:
            if key not in ("module", "prefix", "requirements"):
                self.error((key,), f"unknown key '{key}'", "Allowed: module, prefix, requirements.")
        module = data.get("module")
        if module not in MODULE_PREFIXES:
            self.error(("module",), f"unknown module {module!r}",
                       f"Modules: {', '.join(MODULE_PREFIXES)}.")
            return None, []
        prefix = MODULE_PREFIXES[module]
        if data.get("prefix") != prefix:
            self.error(("prefix",),
                       f"module '{module}' has the prefix {prefix}, not {data.get('prefix')!r}")
        raw = data.get("requirements")
        if not isinstance(raw, list) or not raw:
            self.error(("requirements",), "'requirements' must be a non-empty list")
            return module, []
        entries = []
        for i, item in enumerate(raw):
            entry = self.entry(item, ("requirements", i), module, prefix)
            if entry is not None:
                entries.append(entry)
        return module, entries

    def entry(self, item: Any, path: PathKey, module: str,
              prefix: str) -> CatalogueEntry | None:
        if not isinstance(item, dict):
            self.error(path, "a requirement must be a mapping")
            return None
        for key in item:
            if key not in _ENTRY_KEYS:
                self.error((*path, key), f"unknown key '{key}'",
                           f"Allowed: {', '.join(sorted(_ENTRY_KEYS))}.")
        rid = item.get("id")
        if not isinstance(rid, str) or not ID_RE.match(rid) or not rid.startswith(prefix + "-"):
            self.error((*path, "id"), f"id {rid!r} is not of the form {prefix}-001")
            return None
        if int(rid[4:]) >= CUSTOM_FIRST:
            self.error((*path, "id"), f"{rid}: catalogue numbers stop at {CUSTOM_FIRST - 1}",
                       f"Numbers from {CUSTOM_FIRST} are the respondents' own requirements.")
        statement = self.texts(item.get("statement"), (*path, "statement"), rid, "statement")
        acceptance = self.texts(item.get("acceptance"), (*path, "acceptance"), rid,
                                "acceptance")
        priority = item.get("priority")
        if priority not in PRIORITIES[:3]:
            self.error((*path, "priority"),
                       f"{rid}: priority {priority!r} is not must, should or could")
            priority = "should"
        eliminatory = item.get("eliminatory", False)
        if not isinstance(eliminatory, bool):
            self.error((*path, "eliminatory"), f"{rid}: 'eliminatory' must be true or false")
            eliminatory = False
        verification = item.get("verification")
        if verification not in VERIFICATIONS:
            self.error((*path, "verification"), f"{rid}: unknown verification {verification!r}",
                       f"Use one of: {', '.join(VERIFICATIONS)}.")
            verification = "test"
        capability = item.get("capability", "")
        if capability and capability not in CAPABILITIES:
            self.error((*path, "capability"), f"{rid}: unknown capability {capability!r}",
                       f"Capabilities (existing_tools.keeps): {', '.join(CAPABILITIES)}.")
        kept = None
        if "kept" in item:
            if not capability:
                self.error((*path, "kept"), f"{rid}: 'kept' texts need a 'capability'")
            kept = self.variant(item["kept"], (*path, "kept"), rid, conditional=False)
        variants = []
        raw_variants = item.get("variants", [])
        if not isinstance(raw_variants, list):
            self.error((*path, "variants"), f"{rid}: 'variants' must be a list")
            raw_variants = []
        for j, raw in enumerate(raw_variants):
            variant = self.variant(raw, (*path, "variants", j), rid, conditional=True)
            if variant is not None:
                variants.append(variant)
        rules = []
        raw_rules = item.get("priority_when", [])
        if not isinstance(raw_rules, list):
            self.error((*path, "priority_when"), f"{rid}: 'priority_when' must be a list")
            raw_rules = []
        for j, raw in enumerate(raw_rules):
            rule = self.rule(raw, (*path, "priority_when", j), rid)
            if rule is not None:
                rules.append(rule)
        subject = item.get("subject", [])
        if not isinstance(subject, list) or not all(isinstance(s, str) and s.strip()
                                                    for s in subject):
            self.error((*path, "subject"), f"{rid}: 'subject' must be a list of words")
            subject = []
        when = self.condition(item.get("when"), (*path, "when"), rid)
        return CatalogueEntry(rid, module, statement, str(priority), eliminatory, acceptance,
                              str(verification), when, str(capability or ""), kept,
                              tuple(variants), tuple(rules),
                              tuple(s.strip() for s in subject))

    def texts(self, value: Any, path: PathKey, rid: str, what: str,
              required: bool = True) -> Localized:
        if value is None and not required:
            return Localized("", "")
        if not (isinstance(value, dict) and all(
                isinstance(value.get(lang), str) and value[lang].strip() for lang in ("fr", "en"))):
            self.error(path, f"{rid}: '{what}' needs a French and an English text",
                       "Write {fr: ..., en: ...}.")
            return Localized("", "")
        for lang in ("fr", "en"):
            for message in slot_problems(value[lang], lang):
                self.error((*path, lang), f"{rid}: {message}",
                           "The placeholders are listed in cdc/wording.py (SLOTS).")
        return Localized(value["fr"].strip(), value["en"].strip())

    def condition(self, raw: Any, path: PathKey, rid: str) -> Condition | None:
        if raw is None:
            return None
        when, message = read_condition(raw)
        if when is None:
            self.error(path, f"{rid}: {message}",
                       "e.g. when: {question: loyalty_kinds, contains: points}")
            return None
        for problem, hint in condition_problems(when, self.bank.by_id):
            self.error(path, f"{rid}: {problem}", hint)
        return when

    def variant(self, raw: Any, path: PathKey, rid: str, conditional: bool) -> Variant | None:
        allowed = {"when", "statement", "acceptance"} if conditional else {"statement",
                                                                             "acceptance"}
        if not isinstance(raw, Mapping) or not set(raw) <= allowed:
            self.error(path, f"{rid}: a variant is a mapping of {', '.join(sorted(allowed))}")
            return None
        when = self.condition(raw.get("when"), (*path, "when"), rid) if conditional else None
        if conditional and when is None:
            self.error(path, f"{rid}: a variant needs a 'when'")
            return None
        texts = {}
        for key in ("statement", "acceptance"):
            if key in raw or not conditional:
                texts[key] = self.texts(raw.get(key), (*path, key), rid, key)
        if not texts:
            self.error(path, f"{rid}: a variant changes the statement, the acceptance or both")
        return Variant(when, texts.get("statement"), texts.get("acceptance"))

    def rule(self, raw: Any, path: PathKey, rid: str) -> PriorityRule | None:
        if not isinstance(raw, Mapping) or not set(raw) <= {"when", "priority", "eliminatory",
                                                            "reason"}:
            self.error(path, f"{rid}: a priority rule is a mapping of when, priority, "
                             "eliminatory, reason")
            return None
        when = self.condition(raw.get("when"), (*path, "when"), rid)
        priority = raw.get("priority")
        if priority not in PRIORITIES:
            self.error((*path, "priority"), f"{rid}: priority {priority!r} is not must, should, "
                                            "could or wont")
        eliminatory = raw.get("eliminatory")
        if eliminatory is not None and not isinstance(eliminatory, bool):
            self.error((*path, "eliminatory"), f"{rid}: 'eliminatory' must be true or false")
            eliminatory = None
        reason = self.texts(raw.get("reason"), (*path, "reason"), rid, "reason")
        if when is None or priority not in PRIORITIES:
            if when is None:
                self.error(path, f"{rid}: a priority rule needs a 'when'")
            return None
        return PriorityRule(when, str(priority), reason, eliminatory)
