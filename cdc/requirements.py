"""Requirements: the catalogue per module, the non-functional rules, the user's changes → one list.

Every requirement has a stable id. Catalogue ids are fixed in ``questionnaires/catalogue/*.yaml``
(``CON-003`` stays ``CON-003`` whatever else is added or removed); each non-functional rule has
its own fixed ``NFR-`` id; each interface of ``mapping.interfaces`` is ``INT-<its row>``
(:mod:`cdc.interfaces`); the respondent's own requirements are numbered ``<PREFIX>-101`` onwards
per module in list order, unless their ``ref`` field freezes an id. A "won't" requirement keeps
its statement and has nothing to test at acceptance.

The same list feeds the document tables, the vendor response grid (:mod:`cdc.writers.xlsx`) and
the scoring of returned grids (:mod:`cdc.scoring`): one place decides ids, texts and weights.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from cdc.answers import answer_of, is_answered
from cdc.catalogue import CUSTOM_FIRST as CUSTOM_FIRST
from cdc.catalogue import ID_RE as ID_RE
from cdc.catalogue import PRIORITIES as PRIORITIES
from cdc.catalogue import CatalogueEntry as CatalogueEntry
from cdc.catalogue import catalogue_dir as catalogue_dir
from cdc.catalogue import load_catalogue as load_catalogue
from cdc.errors import CdcError, Location, Problem
from cdc.interfaces import INT_MODULE, INT_PREFIX, interface_requirements
from cdc.language import vendor_terms
from cdc.memo import once_per_run
from cdc.nonfunctional import NFR_IDS, NFR_RULES
from cdc.questionnaire import Localized, Questionnaire
from cdc.tailoring import PRIORITY_LABELS as PRIORITY_LABELS
from cdc.tailoring import WONT_CRITERION, Tailored, tailor
from cdc.typography import cut_long_words
from cdc.wording import Answers
from cdc.yamlsource import PathKey, YamlDocument

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
META_HEADER_ROW = 10  # the _cdc sheet: facts in rows 1-9, then the requirements' header

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
    "portal": "POR", "other": "GEN", INT_MODULE: INT_PREFIX, "nfr": "NFR",
}
NFR_MODULE = "nfr"
NFR_LABEL = Localized("Exigences non fonctionnelles", "Non-functional requirements")
INT_LABEL = Localized("Interfaces", "Interfaces")
OTHER_LABEL = Localized("Autres exigences", "Other requirements")


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
    reasons: tuple[str, ...] = ()
    """Why the answers or the user's changes set this priority, in the document's language.
    They may quote internal answers (a blocker naming a person): never for the vendor edition."""

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


# --------------------------------------------------------------------------- building the list


def _records(data: Any, bank: Questionnaire, qid: str) -> list[tuple[int, Mapping[str, Any]]]:
    raw = answer_of(data, bank, qid)
    if not isinstance(raw, list):
        return []
    return [(i, r) for i, r in enumerate(raw) if isinstance(r, Mapping)]


def _text(value: Any) -> str:
    return str(value).strip() if is_answered(value) else ""


def module_order(bank: Questionnaire) -> list[str]:
    """Modules in the bank's order (crm_modules choices), then 'other', the interfaces, then
    non-functional."""
    question = bank.by_id.get("crm_modules")
    values = question.choice_values() if question else []
    return [*values, "other", INT_MODULE, NFR_MODULE]


def module_label(bank: Questionnaire, module: str, lang: str) -> str:
    if module == NFR_MODULE:
        return NFR_LABEL.get(lang)
    if module == INT_MODULE:
        return INT_LABEL.get(lang)
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
    return module if isinstance(module, str) and module in PREFIXES \
        and module not in (NFR_MODULE, INT_MODULE) else "other"


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


def tailored_catalogue(data: Any, bank: Questionnaire, lang: str) -> list[Tailored]:
    """Every catalogue entry of the selected modules fitted to the answers, those whose
    condition leaves them out included (``selected`` False)."""
    return list(_tailored(data, bank, lang))


@once_per_run
def _tailored(data: Any, bank: Questionnaire, lang: str) -> tuple[Tailored, ...]:
    catalogue = load_catalogue()
    answers = Answers(data, bank)
    return tuple(tailor(entry, answers, lang)
                 for module in selected_modules(data, bank) for entry in catalogue.get(module, ()))


def _from_catalogue(t: Tailored, label: str, lang: str) -> Requirement:
    entry = t.entry
    return Requirement(
        id=entry.id, module=entry.module, module_label=label, statement=t.statement,
        priority=t.priority, priority_label=PRIORITY_LABELS[t.priority].get(lang),
        eliminatory=t.eliminatory, acceptance_criterion=t.acceptance,
        source="; ".join(("catalogue", *t.sources)), verification=entry.verification,
        verification_label=VERIFICATIONS[entry.verification].get(lang), reasons=t.reasons)


def _base_requirements(data: Any, bank: Questionnaire, lang: str) -> list[Requirement]:
    """The list before the user's changes."""
    return [req for req, selected in _candidates(data, bank, lang) if selected]


@once_per_run
def _candidates(data: Any, bank: Questionnaire, lang: str) -> tuple[tuple[Requirement, bool], ...]:
    """Every requirement the answers could give, and whether they select it: the catalogue
    entries whose condition leaves them out are there too (a change may bring them back)."""
    labels = {m: module_label(bank, m, lang) for m in selected_modules(data, bank)}
    result = [(_from_catalogue(t, labels[t.entry.module], lang), t.selected)
              for t in _tailored(data, bank, lang)]
    ids = _custom_ids(data, bank)
    for i, record in _records(data, bank, "custom_requirements"):
        # a runaway run (a pasted block) is cut here, once, for every output: the documents,
        # the grid's cells and what cdc score compares them with
        statement = cut_long_words(_text(record.get("statement")), lang)
        if not statement:
            continue
        module = _custom_module(record)
        priority = record.get("priority")
        priority = priority if priority in PRIORITIES else "should"
        result.append((Requirement(
            id=ids[i], module=module, module_label=module_label(bank, module, lang),
            statement=statement, priority=priority,
            priority_label=PRIORITY_LABELS[priority].get(lang),
            eliminatory=record.get("eliminatory") is True and priority != "wont",
            acceptance_criterion=cut_long_words(_text(record.get("acceptance_criterion")), lang),
            source=f"mapping.custom_requirements[{i + 1}]", verification="test",
            verification_label=VERIFICATIONS["test"].get(lang)), True))
    answers = Answers(data, bank)
    result += [(Requirement(
        id=i.id, module=INT_MODULE, module_label=INT_LABEL.get(lang), statement=i.statement,
        priority="must", priority_label=PRIORITY_LABELS["must"].get(lang), eliminatory=False,
        acceptance_criterion=i.acceptance, source=i.source, verification="test",
        verification_label=VERIFICATIONS["test"].get(lang)), True)
        for i in interface_requirements(answers, lang)]
    label = NFR_LABEL.get(lang)
    for rid, rule in NFR_RULES:
        nfr = rule(answers, lang)
        if nfr is None:
            continue
        result.append((Requirement(
            id=rid, module=NFR_MODULE, module_label=label, statement=nfr.statement,
            priority=nfr.priority, priority_label=PRIORITY_LABELS[nfr.priority].get(lang),
            eliminatory=nfr.eliminatory, acceptance_criterion=nfr.acceptance,
            source=nfr.source, verification=nfr.verification,
            verification_label=VERIFICATIONS[nfr.verification].get(lang),
            reasons=nfr.reasons), True))
    return tuple(result)


def requirements_from_answers(data: Any, bank: Questionnaire,
                              lang: str = "fr") -> list[Requirement]:
    """The requirements as the answers alone make them, before ``requirement_changes``."""
    return _base_requirements(data, bank, lang)


def _changes(data: Any, bank: Questionnaire) -> dict[str, tuple[int, Mapping[str, Any]]]:
    """Requirement id → (record index, change record); a later line for the same id wins."""
    result: dict[str, tuple[int, Mapping[str, Any]]] = {}
    for i, record in _records(data, bank, "requirement_changes"):
        rid = _text(record.get("id")).upper()
        if rid and record.get("action") in ("keep", "drop", "reprioritise"):
            result[rid] = (i, record)
    return result


def _apply(req: Requirement, index: int, change: Mapping[str, Any], lang: str,
           brought_back: bool = False) -> Requirement:
    priority = req.priority
    if change.get("action") == "reprioritise" and change.get("priority") in PRIORITIES:
        priority = str(change["priority"])
    eliminatory = change["eliminatory"] if isinstance(change.get("eliminatory"), bool) \
        else req.eliminatory
    where = f"mapping.requirement_changes[{index + 1}]"
    reasons = req.reasons
    if brought_back or priority != req.priority:
        label = PRIORITY_LABELS[priority].get(lang)
        why = {("fr", True): "exigence retenue par votre changement, bien que sa condition ne "
                             "soit pas remplie",
               ("fr", False): "priorité fixée par votre changement",
               ("en", True): "requirement kept by your change although its condition does not "
                             "hold",
               ("en", False): "priority set by your change"}[("en" if lang == "en" else "fr",
                                                     brought_back)]
        colon = "\u00a0: " if lang != "en" else ": "
        reasons = (*reasons, f"{label}{colon}{why} ({where})")
    return replace(
        req, priority=priority, priority_label=PRIORITY_LABELS[priority].get(lang),
        eliminatory=bool(eliminatory) and priority != "wont",
        source=f"{req.source}; {where}", note=_text(change.get("note")), reasons=reasons)


def build_requirements(data: Any, bank: Questionnaire, lang: str = "fr") -> list[Requirement]:
    """Every requirement of the specification, in a fixed order (modules in bank order, then ids).

    Catalogue requirements of the chosen modules fitted to the answers (:mod:`cdc.tailoring`),
    the respondents' own requirements, one per interface and the non-functional ones generated
    from the technical answers, with ``requirement_changes`` applied last: dropped ones left
    out, and a catalogue entry its condition left out brought back when a change keeps or
    reprioritises it. "Won't" ones read as out of scope (:func:`out_of_scope`).

    Computed once per :func:`cdc.memo.one_run` (a render validates, prints and lists them).
    """
    return list(_requirements(data, bank, lang))


@once_per_run
def _requirements(data: Any, bank: Questionnaire, lang: str) -> tuple[Requirement, ...]:
    changes = _changes(data, bank)
    result = []
    for req, selected in _candidates(data, bank, lang):
        change = changes.get(req.id)
        if change is None:
            if selected:
                result.append(req)
        elif change[1].get("action") != "drop":
            result.append(_apply(req, change[0], change[1], lang, brought_back=not selected))
    order = {m: i for i, m in enumerate(module_order(bank))}
    result.sort(key=lambda r: (order.get(r.module, len(order)), r.id))
    procedure = answer_of(data, bank, "procedure")
    return tuple(in_vocabulary(out_of_scope(r, lang), lang,
                               procedure if isinstance(procedure, str) else None)
                 for r in result)


WONT_PREFIX = Localized("Hors périmètre de ce projet\u00a0: ", "Out of this project's scope: ")
# "doit" / "shall" become "n'a pas à" / "need not": what is left out, said as not asked for.
_WONT_MODAL = {"fr": re.compile(r"\b(ne )?(doit|doivent)\b"),
               "en": re.compile(r"\bshall( not)?()\b")}
_NOT_ASKED = {"doit": "n'a pas à", "doivent": "n'ont pas à", "": "need not"}


def out_of_scope(req: Requirement, lang: str) -> Requirement:
    """A "won't" requirement reads as out of scope in the document, the grid and the score:
    "Hors périmètre de ce projet : le CRM n'a pas à envoyer des campagnes SMS…", never "le CRM
    doit…", and its acceptance criterion says there is nothing to test. A statement already
    in the negative ("le CRM ne doit pas proposer de portail") keeps its verb."""
    if req.priority != "wont":
        return req
    statement = req.statement
    match = _WONT_MODAL["en" if lang == "en" else "fr"].search(statement)
    if match and not match.group(1):
        statement = statement[:match.start()] + _NOT_ASKED[match.group(2)] + \
            statement[match.end():]
    if statement[1:2].islower() or statement.startswith(("L'", "L\u2019")):
        statement = statement[:1].lower() + statement[1:]
    return replace(req, statement=WONT_PREFIX.get(lang) + statement,
                   acceptance_criterion=WONT_CRITERION.get(lang))


_CONTRACTOR = {"fr": re.compile(r"\b([Tt])itulaire(s?)\b"),
               "en": re.compile(r"\b([Tt])he vendor\b")}


def in_vocabulary(req: Requirement, lang: str, procedure: str | None) -> Requirement:
    """The requirement with the procedure's name for the party that delivers: the catalogue
    and the non-functional rules write "le titulaire" / "the vendor"; a private consultation
    says "le prestataire", public procurement "the contractor" (:mod:`cdc.language`)."""
    terms = vendor_terms(lang, procedure)
    words = "en" if lang == "en" else "fr"
    noun = terms.contractor_noun

    def replace_word(match: re.Match[str]) -> str:
        if words == "en":
            return f"{'T' if match.group(1) == 'T' else 't'}he {noun}" if noun != "supplier" \
                else match.group(0)
        head = noun[0].upper() if match.group(1) == "T" else noun[0]
        return head + noun[1:] + match.group(2)

    statement = _CONTRACTOR[words].sub(replace_word, req.statement)
    criterion = _CONTRACTOR[words].sub(replace_word, req.acceptance_criterion)
    if statement == req.statement and criterion == req.acceptance_criterion:
        return req
    return replace(req, statement=statement, acceptance_criterion=criterion)


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


def _language(data: Any) -> str:
    meta = data.get("meta") if isinstance(data, dict) else None
    lang = meta.get("language") if isinstance(meta, dict) else None
    return lang if lang in ("fr", "en") else "fr"


def known_ids(data: Any, bank: Questionnaire) -> dict[str, str]:
    """Every id a change may name → why it may be absent ('' if it is in the current list).

    Tailored in the document's language, as the Spec does, so that a render tailors the
    catalogue once (ids and conditions do not depend on the language)."""
    lang = _language(data)
    present = {r.id for r in _base_requirements(data, bank, lang)}
    chosen = set(selected_modules(data, bank))
    result = {rid: "" for rid in present}
    for t in _tailored(data, bank, lang):
        if not t.selected:
            result[t.entry.id] = f"its condition on {t.excluded_by} does not hold"
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
    changes = list(_records(data, bank, "requirement_changes"))
    known = known_ids(data, bank) if changes else {}
    seen: dict[str, int] = {}
    for i, record in changes:
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
        action = record.get("action")
        if known[rid] and not (known[rid].startswith("its condition") and action in (
                "keep", "reprioritise")):
            at(path, "warning", f"{rid} is not in the specification ({known[rid]}), so this change "
               "has no effect")
        if rid in seen:
            at(path, "warning", f"{rid} is changed twice (lines {seen[rid] + 1} and {i + 1}); the "
               "last one applies")
        seen[rid] = i
        priority = record.get("priority")
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
