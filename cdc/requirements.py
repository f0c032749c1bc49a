"""Requirements: the catalogue per module, the non-functional rules, the user's changes → one list.

Every requirement has a stable id. Catalogue ids are fixed in ``questionnaires/catalogue/*.yaml``
(``CON-003`` stays ``CON-003`` whatever else is added or removed); each non-functional rule has
its own fixed ``NFR-`` id; the respondent's own requirements are numbered ``<PREFIX>-101`` onwards
per module in list order, unless their ``ref`` field freezes an id.

The same list feeds the document tables, the vendor response grid (:mod:`cdc.writers.xlsx`) and
the scoring of returned grids (:mod:`cdc.scoring`): one place decides ids, texts and weights.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from cdc.answers import answer_of, is_answered
from cdc.errors import CdcError, Location, Problem
from cdc.nonfunctional import NFR_IDS, NFR_RULES
from cdc.nonfunctional import Answers as _Answers
from cdc.questionnaire import Localized, Questionnaire
from cdc.yamlsource import PathKey, YamlDocument, load

PRIORITIES = ("must", "should", "could", "wont")
PRIORITY_LABELS = {
    "must": Localized("Obligatoire", "Must"),
    "should": Localized("Souhaité", "Should"),
    "could": Localized("Optionnel", "Could"),
    "wont": Localized("Hors périmètre", "Won't"),
}
PRIORITY_POINTS = {"must": 3, "should": 2, "could": 1, "wont": 0}

COVERAGES = ("standard", "configuration", "specific", "third_party", "future", "not_covered")
COVERAGE_LABELS = {
    "standard": Localized("Standard", "Standard"),
    "configuration": Localized("Configuration", "Configuration"),
    "specific": Localized("Développement spécifique", "Specific development"),
    "third_party": Localized("Module tiers", "Third-party module"),
    "future": Localized("Version future", "Future release"),
    "not_covered": Localized("Non couvert", "Not covered"),
}
COVERAGE_POINTS = {"standard": 3, "configuration": 2, "specific": 1, "third_party": 2,
                   "future": 1, "not_covered": 0}
MAX_COVERAGE_POINTS = 3

YES_NO = {"fr": ("Oui", "Non"), "en": ("Yes", "No")}

# The response grid's layout, shared by the writer (cdc.writers.xlsx) and the scoring.
GRID_FORMAT = "cdc-grid/1"
META_SHEET = "_cdc"
SHEET_NAMES = {
    "fr": {"instructions": "Instructions", "grid": "Grille", "scoring": "Notation"},
    "en": {"instructions": "Instructions", "grid": "Grid", "scoring": "Scoring"},
}
GRID_COLUMNS = ("id", "module", "statement", "priority", "eliminatory", "acceptance",
                "coverage", "comment", "reference", "effort", "upgrade_impact", "demonstrable")
VENDOR_COLUMNS = GRID_COLUMNS[6:]
GRID_HEADER_ROW = 3
GRID_FIRST_ROW = 4

VERIFICATIONS = {
    "demonstration": Localized("Démonstration", "Demonstration"),
    "test": Localized("Test", "Test"),
    "inspection": Localized("Inspection", "Inspection"),
    "analysis": Localized("Analyse", "Analysis"),
}

PREFIXES = {
    "contacts": "CON", "leads": "LEA", "opportunities": "OPP", "quotes": "QUO",
    "campaigns": "CAM", "service": "SRV", "loyalty": "LOY", "activities": "ACT",
    "documents": "DOC", "reporting": "REP", "mobile": "MOB", "workflows": "WFL",
    "portal": "POR", "other": "GEN", "nfr": "NFR",
}
NFR_MODULE = "nfr"
NFR_LABEL = Localized("Exigences non fonctionnelles", "Non-functional requirements")
OTHER_LABEL = Localized("Autres exigences", "Other requirements")
CUSTOM_FIRST = 101

ID_RE = re.compile(r"^[A-Z]{3}-\d{3}$")
NBSP = "\u00a0"


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


@dataclass(frozen=True)
class Requirement:
    """One requirement of the specification, in the document's language."""

    id: str
    module: str
    module_label: str
    statement: str
    priority: str  # must / should / could / wont
    priority_label: str
    eliminatory: bool
    acceptance_criterion: str
    source: str
    verification: str  # demonstration / test / inspection / analysis
    verification_label: str = ""
    note: str = ""

    @property
    def points(self) -> int:
        """Priority points (must 3, should 2, could 1, won't 0), the scoring weight."""
        return PRIORITY_POINTS[self.priority]


@dataclass(frozen=True)
class SummaryRow:
    """Counts of one module's requirements by priority."""

    module: str
    module_label: str
    counts: Mapping[str, int]
    eliminatory: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())


# --------------------------------------------------------------------------- the catalogue


def catalogue_dir() -> Path:
    from cdc.resources import packaged_dir

    return packaged_dir("questionnaires") / "catalogue"


@lru_cache(maxsize=4)
def load_catalogue(folder: Path | None = None) -> dict[str, tuple[CatalogueEntry, ...]]:
    """Reads and checks every ``catalogue/<module>.yaml``; raises CdcError listing every problem."""
    folder = folder or catalogue_dir()
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise CdcError(f"no requirement catalogue (*.yaml) in {folder}",
                       "Reinstall cdc: its questionnaires/catalogue folder is missing.")
    problems: list[Problem] = []
    result: dict[str, tuple[CatalogueEntry, ...]] = {}
    seen: dict[str, str] = {}
    for path in files:
        doc = load(path)
        problems.extend(doc.problems)
        if doc.problems:
            continue
        module, entries = _read_catalogue(doc, problems)
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


def _read_catalogue(doc: YamlDocument, problems: list[Problem]) -> tuple[str | None, list[
        CatalogueEntry]]:
    def error(path: PathKey, message: str, hint: str = "") -> None:
        problems.append(Problem("error", doc.where(path), message, hint))

    data = doc.data
    if not isinstance(data, dict):
        error((), "a catalogue file must be a mapping with module, prefix, requirements")
        return None, []
    for key in data:
        if key not in ("module", "prefix", "requirements"):
            error((key,), f"unknown key '{key}'", "Allowed: module, prefix, requirements.")
    module = data.get("module")
    if module not in PREFIXES or module in ("other", NFR_MODULE):
        error(("module",), f"unknown module {module!r}",
              f"Modules: {', '.join(m for m in PREFIXES if m not in ('other', NFR_MODULE))}.")
        return None, []
    prefix = PREFIXES[module]
    if data.get("prefix") != prefix:
        error(("prefix",), f"module '{module}' has the prefix {prefix}, not {data.get('prefix')!r}")
    raw = data.get("requirements")
    if not isinstance(raw, list) or not raw:
        error(("requirements",), "'requirements' must be a non-empty list")
        return module, []
    entries: list[CatalogueEntry] = []
    for i, item in enumerate(raw):
        path: PathKey = ("requirements", i)
        if not isinstance(item, dict):
            error(path, "a requirement must be a mapping")
            continue
        allowed = {"id", "statement", "priority", "eliminatory", "acceptance", "verification"}
        for key in item:
            if key not in allowed:
                error((*path, key), f"unknown key '{key}'", f"Allowed: "
                                                            f"{', '.join(sorted(allowed))}.")
        rid = item.get("id")
        if not isinstance(rid, str) or not ID_RE.match(rid) or not rid.startswith(prefix + "-"):
            error((*path, "id"), f"id {rid!r} is not of the form {prefix}-001")
            continue
        if int(rid[4:]) >= CUSTOM_FIRST:
            error((*path, "id"), f"{rid}: catalogue numbers stop at {CUSTOM_FIRST - 1}",
                  f"Numbers from {CUSTOM_FIRST} are the respondents' own requirements.")
        texts = []
        for key in ("statement", "acceptance"):
            value = item.get(key)
            if not (isinstance(value, dict) and all(
                    isinstance(value.get(lang), str) and value[lang].strip()
                    for lang in ("fr", "en"))):
                error((*path, key), f"{rid}: '{key}' needs a French and an English text",
                      "Write {fr: ..., en: ...}.")
                value = {"fr": "", "en": ""}
            texts.append(Localized(value["fr"].strip(), value["en"].strip()))
        priority = item.get("priority")
        if priority not in PRIORITIES[:3]:
            error((*path, "priority"), f"{rid}: priority {priority!r} is not must, should or could")
            priority = "should"
        eliminatory = item.get("eliminatory", False)
        if not isinstance(eliminatory, bool):
            error((*path, "eliminatory"), f"{rid}: 'eliminatory' must be true or false")
            eliminatory = False
        verification = item.get("verification")
        if verification not in VERIFICATIONS:
            error((*path, "verification"), f"{rid}: unknown verification {verification!r}",
                  f"Use one of: {', '.join(VERIFICATIONS)}.")
            verification = "test"
        entries.append(CatalogueEntry(rid, module, texts[0], str(priority), eliminatory,
                                      texts[1], str(verification)))
    return module, entries






# --------------------------------------------------------------------------- building the list


def _records(data: Any, bank: Questionnaire, qid: str) -> list[tuple[int, Mapping[str, Any]]]:
    raw = answer_of(data, bank, qid)
    if not isinstance(raw, list):
        return []
    return [(i, r) for i, r in enumerate(raw) if isinstance(r, Mapping)]


def _text(value: Any) -> str:
    return str(value).strip() if is_answered(value) else ""


def module_order(bank: Questionnaire) -> list[str]:
    """Modules in the bank's order (crm_modules choices), then 'other', then non-functional."""
    question = bank.by_id.get("crm_modules")
    values = question.choice_values() if question else []
    return [*values, "other", NFR_MODULE]


def module_label(bank: Questionnaire, module: str, lang: str) -> str:
    if module == NFR_MODULE:
        return NFR_LABEL.get(lang)
    question = bank.by_id.get("crm_modules")
    choice = question.choice(module) if question else None
    return choice.label.get(lang) if choice else OTHER_LABEL.get(lang)


def selected_modules(data: Any, bank: Questionnaire) -> list[str]:
    chosen = answer_of(data, bank, "crm_modules")
    if not isinstance(chosen, list):
        return []
    return [m for m in module_order(bank) if m in chosen and m in PREFIXES]


def _custom_module(record: Mapping[str, Any]) -> str:
    module = record.get("module")
    return module if isinstance(module, str) and module in PREFIXES and module != NFR_MODULE \
        else "other"


def _valid_ref(ref: str, module: str) -> bool:
    return bool(ID_RE.match(ref)) and ref.startswith(PREFIXES[module] + "-") \
        and int(ref[4:]) >= CUSTOM_FIRST


def _custom_ids(data: Any, bank: Questionnaire) -> dict[int, str]:
    """Record index → id: frozen refs first, then the next free numbers in list order."""
    records = _records(data, bank, "custom_requirements")
    taken: set[str] = set()
    ids: dict[int, str] = {}
    for i, record in records:
        ref = _text(record.get("ref")).upper()
        if ref and _valid_ref(ref, _custom_module(record)) and ref not in taken:
            ids[i] = ref
            taken.add(ref)
    counters: dict[str, int] = {}
    for i, record in records:
        if i in ids:
            continue
        prefix = PREFIXES[_custom_module(record)]
        number = counters.get(prefix, CUSTOM_FIRST)
        while f"{prefix}-{number:03d}" in taken:
            number += 1
        ids[i] = f"{prefix}-{number:03d}"
        taken.add(ids[i])
        counters[prefix] = number + 1
    return ids


def _base_requirements(data: Any, bank: Questionnaire, lang: str) -> list[Requirement]:
    catalogue = load_catalogue()
    chosen = selected_modules(data, bank)
    result: list[Requirement] = []
    for module in chosen:
        label = module_label(bank, module, lang)
        for entry in catalogue.get(module, ()):
            result.append(Requirement(
                id=entry.id, module=module, module_label=label,
                statement=entry.statement.get(lang), priority=entry.priority,
                priority_label=PRIORITY_LABELS[entry.priority].get(lang),
                eliminatory=entry.eliminatory, acceptance_criterion=entry.acceptance.get(lang),
                source="catalogue", verification=entry.verification,
                verification_label=VERIFICATIONS[entry.verification].get(lang)))
    ids = _custom_ids(data, bank)
    for i, record in _records(data, bank, "custom_requirements"):
        statement = _text(record.get("statement"))
        if not statement:
            continue
        module = _custom_module(record)
        priority = record.get("priority")
        priority = priority if priority in PRIORITIES else "should"
        result.append(Requirement(
            id=ids[i], module=module, module_label=module_label(bank, module, lang),
            statement=statement, priority=priority,
            priority_label=PRIORITY_LABELS[priority].get(lang),
            eliminatory=record.get("eliminatory") is True and priority != "wont",
            acceptance_criterion=_text(record.get("acceptance_criterion")),
            source=f"mapping.custom_requirements[{i + 1}]", verification="test",
            verification_label=VERIFICATIONS["test"].get(lang)))
    answers = _Answers(data, bank)
    label = NFR_LABEL.get(lang)
    for rid, rule in NFR_RULES:
        nfr = rule(answers, lang)
        if nfr is None:
            continue
        result.append(Requirement(
            id=rid, module=NFR_MODULE, module_label=label, statement=nfr.statement,
            priority=nfr.priority, priority_label=PRIORITY_LABELS[nfr.priority].get(lang),
            eliminatory=nfr.eliminatory, acceptance_criterion=nfr.acceptance,
            source=nfr.source, verification=nfr.verification,
            verification_label=VERIFICATIONS[nfr.verification].get(lang)))
    return result


def _changes(data: Any, bank: Questionnaire) -> dict[str, tuple[int, Mapping[str, Any]]]:
    """Requirement id → (record index, change record); a later line for the same id wins."""
    result: dict[str, tuple[int, Mapping[str, Any]]] = {}
    for i, record in _records(data, bank, "requirement_changes"):
        rid = _text(record.get("id")).upper()
        if rid and record.get("action") in ("keep", "drop", "reprioritise"):
            result[rid] = (i, record)
    return result


def _apply(req: Requirement, index: int, change: Mapping[str, Any], lang: str) -> Requirement:
    priority = req.priority
    if change.get("action") == "reprioritise" and change.get("priority") in PRIORITIES:
        priority = str(change["priority"])
    eliminatory = change["eliminatory"] if isinstance(change.get("eliminatory"), bool) \
        else req.eliminatory
    return Requirement(
        id=req.id, module=req.module, module_label=req.module_label, statement=req.statement,
        priority=priority, priority_label=PRIORITY_LABELS[priority].get(lang),
        eliminatory=bool(eliminatory) and priority != "wont",
        acceptance_criterion=req.acceptance_criterion,
        source=f"{req.source}; mapping.requirement_changes[{index + 1}]",
        verification=req.verification, verification_label=req.verification_label,
        note=_text(change.get("note")))


def build_requirements(data: Any, bank: Questionnaire, lang: str = "fr") -> list[Requirement]:
    """Every requirement of the specification, in a fixed order (modules in bank order, then ids).

    Catalogue requirements of the chosen modules, the respondents' own requirements and the
    non-functional ones generated from the technical answers, with ``requirement_changes``
    applied (dropped ones left out).
    """
    changes = _changes(data, bank)
    result = []
    for req in _base_requirements(data, bank, lang):
        change = changes.get(req.id)
        if change is None:
            result.append(req)
        elif change[1].get("action") != "drop":
            result.append(_apply(req, change[0], change[1], lang))
    order = {m: i for i, m in enumerate(module_order(bank))}
    result.sort(key=lambda r: (order.get(r.module, len(order)), r.id))
    return result


def by_module(requirements: Iterable[Requirement]) -> list[tuple[str, str, list[Requirement]]]:
    """(module, module label, its requirements) in list order: one document table per module.

    Functional modules go to part 3; the ``nfr`` module (non-functional) to part 4.
    """
    groups: dict[str, tuple[str, list[Requirement]]] = {}
    for req in requirements:
        groups.setdefault(req.module, (req.module_label, []))[1].append(req)
    return [(module, label, reqs) for module, (label, reqs) in groups.items()]


def summary(requirements: Iterable[Requirement]) -> list[SummaryRow]:
    """Counts by module (in the list's order) and priority; the annex table."""
    rows: dict[str, dict[str, int]] = {}
    labels: dict[str, str] = {}
    eliminatory: dict[str, int] = {}
    for req in requirements:
        counts = rows.setdefault(req.module, dict.fromkeys(PRIORITIES, 0))
        counts[req.priority] += 1
        labels[req.module] = req.module_label
        eliminatory[req.module] = eliminatory.get(req.module, 0) + req.eliminatory
    return [SummaryRow(m, labels[m], counts, eliminatory[m]) for m, counts in rows.items()]


def fingerprint(requirements: Iterable[Requirement]) -> str:
    """A hash of the ids, statements, priorities and eliminatory flags: tamper detection."""
    digest = hashlib.sha256()
    for req in requirements:
        digest.update(f"{req.id}\x1f{req.statement}\x1f{req.priority}\x1f"
                      f"{int(req.eliminatory)}\x1e".encode())
    return digest.hexdigest()[:16]


def project_id(data: Any, bank: Questionnaire) -> str:
    """A short id of the project (company and title), the same for every version of its grid."""
    company = _text(answer_of(data, bank, "company"))
    title = _text(answer_of(data, bank, "title"))
    digest = hashlib.sha256(f"{company}\x1f{title}".encode()).hexdigest()[:8].upper()
    return f"CDC-{digest}"


# --------------------------------------------------------------------------- checks


def known_ids(data: Any, bank: Questionnaire) -> dict[str, str]:
    """Every id a change may name → why it may be absent ('' if it is in the current list)."""
    present = {r.id for r in _base_requirements(data, bank, "en")}
    chosen = set(selected_modules(data, bank))
    result = {rid: "" for rid in present}
    for module, entries in load_catalogue().items():
        for entry in entries:
            if entry.id not in result:
                result[entry.id] = "" if module in chosen else f"module '{module}' is not " \
                    "selected in mapping.crm_modules"
    for rid in NFR_IDS:
        result.setdefault(rid, "no technical answer generates it")
    return result


def check_requirements(data: Any, bank: Questionnaire, doc: YamlDocument | None = None,
                       file: str = "") -> list[Problem]:
    """Problems in ``custom_requirements.ref`` and ``requirement_changes``, for ``cdc validate``.

    Unknown ids are errors (with a did-you-mean); changes that cannot take effect are warnings.
    ``doc`` (the parsed answers file) gives line numbers; without it the location is ``file``.
    """
    problems: list[Problem] = []

    def at(path: PathKey, severity: str, message: str, hint: str = "",
           qid: str = "requirement_changes") -> None:
        location = doc.where(("mapping", *path)) if doc is not None else Location(file)
        problems.append(Problem(severity, location, message, hint, qid,
                                ".".join(str(p) for p in ("mapping", *path))))

    catalogue_ids = {e.id for entries in load_catalogue().values() for e in entries}
    refs: dict[str, int] = {}
    for i, record in _records(data, bank, "custom_requirements"):
        ref = _text(record.get("ref")).upper()
        if not ref:
            continue
        module = _custom_module(record)
        path: PathKey = ("custom_requirements", i, "ref")
        prefix = PREFIXES[module]
        if not ID_RE.match(ref) or not ref.startswith(prefix + "-"):
            at(path, "error", f"ref '{ref}' is not an id of module '{module}'",
               f"Write {prefix}-{CUSTOM_FIRST} or a later number.", "custom_requirements.ref")
        elif int(ref[4:]) < CUSTOM_FIRST or ref in catalogue_ids:
            at(path, "error", f"ref '{ref}' is reserved for the standard catalogue",
               f"Your own requirements are numbered from {prefix}-{CUSTOM_FIRST}.",
               "custom_requirements.ref")
        elif ref in refs:
            at(path, "error", f"ref '{ref}' is already used by custom requirement {refs[ref] + 1}",
               "Each requirement keeps its own id.", "custom_requirements.ref")
        else:
            refs[ref] = i
    known = known_ids(data, bank)
    seen: dict[str, int] = {}
    for i, record in _records(data, bank, "requirement_changes"):
        raw = _text(record.get("id"))
        if not raw:
            continue
        rid = raw.upper()
        path = ("requirement_changes", i, "id")
        if rid not in known:
            close = difflib.get_close_matches(rid, sorted(known), n=1, cutoff=0.6)
            hint = f"Did you mean '{close[0]}'?" if close else \
                "Ids look like CON-003 or NFR-004: see the response grid or the requirements annex."
            at(path, "error", f"unknown requirement id '{raw}'", hint)
            continue
        if known[rid]:
            at(path, "warning", f"{rid} is not in the specification ({known[rid]}), so this change "
               "has no effect")
        if rid in seen:
            at(path, "warning", f"{rid} is changed twice (lines {seen[rid] + 1} and {i + 1}); the "
               "last one applies")
        seen[rid] = i
        action, priority = record.get("action"), record.get("priority")
        if action == "reprioritise" and priority not in PRIORITIES:
            at(("requirement_changes", i, "priority"), "warning",
               f"{rid}: 'reprioritise' without a new priority keeps the current one",
               "Give priority: must, should, could or wont.")
        elif action in ("keep", "drop") and priority in PRIORITIES:
            at(("requirement_changes", i, "priority"), "warning",
               f"{rid}: the priority is only applied when the action is 'reprioritise'")
    return problems


def check_or_raise(data: Any, bank: Questionnaire, file: str = "") -> None:
    """Raises CdcError when :func:`check_requirements` finds an error (for writers)."""
    problems = [p for p in check_requirements(data, bank, file=file) if p.is_error]
    if problems:
        raise CdcError("the requirement changes name unknown ids", problems=problems)
