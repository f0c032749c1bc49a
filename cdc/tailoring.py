"""A catalogue entry fitted to one company's answers: selected or not, worded, prioritised.

The answers decide three things, each recorded so that the document's internal edition and
``cdc check`` can say why:

- selection: an entry whose ``when`` does not hold is left out;
- wording: a capability kept by a tool turns the entry into an integration requirement with
  that tool, by name; otherwise the first variant whose condition holds gives the texts; the
  placeholders take values from the answers (:mod:`cdc.wording`);
- priority: a capability out of scope or kept by a tool without integration texts makes it
  "won't"; otherwise the first ``priority_when`` rule that holds sets it, with its reason.

The user's ``requirement_changes`` come after all this (:mod:`cdc.requirements`).
"""

from __future__ import annotations

from dataclasses import dataclass

from cdc.answers import Evidence, condition_evidence, condition_holds
from cdc.catalogue import CatalogueEntry, PriorityRule, Variant
from cdc.questionnaire import Localized
from cdc.typography import french
from cdc.wording import Answers, fill, join, quoted

PRIORITY_LABELS = {
    "must": Localized("Obligatoire", "Must"),
    "should": Localized("Souhaité", "Should"),
    "could": Localized("Optionnel", "Could"),
    "wont": Localized("Hors périmètre", "Won't"),
}
WONT_CRITERION = Localized("Sans objet\u00a0: hors périmètre de ce projet.",
                           "Not applicable: out of this project's scope.")
"""The acceptance criterion of every "won't" requirement, in the document, the grid and the
score: nothing out of scope is tested at acceptance."""
QUOTE_LENGTH = 90


@dataclass(frozen=True)
class Tailored:
    """One entry after the answers: its texts, its priority and where they came from."""

    entry: CatalogueEntry
    selected: bool
    statement: str
    acceptance: str
    priority: str
    eliminatory: bool
    reasons: tuple[str, ...]  # why the answers changed the priority, in the document's language
    sources: tuple[str, ...]  # the answers its texts or priority came from (records from 1)
    excluded_by: str = ""  # the answer whose condition left it out (``part.question`` or
    # ``part.group.field``)
    capability: str = ""  # "kept", "kept_elsewhere" (no integration texts) or "out_of_scope"
    capability_paths: tuple[str, ...] = ()  # the answers that say so (records from 0)
    rule: PriorityRule | None = None  # the priority rule that applied
    rule_paths: tuple[str, ...] = ()  # the answers that made it apply (records from 0)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LENGTH else text[:QUOTE_LENGTH - 1].rstrip() + "…"


def evidence_text(found: list[Evidence], lang: str) -> str:
    """``company.blockers[6] : « Couverture réseau… »``: where, and what was quoted."""
    parts = []
    for e in found:
        if e.text:
            colon = " : " if lang == "fr" else ": "
            parts.append(f"{e.label}{colon}{quoted(_short(e.text), lang)}")
        else:
            parts.append(e.label)
    return "; ".join(parts)


def reason(priority: str, why: str, where: str, lang: str) -> str:
    """``Obligatoire : why (where)``, the form every priority reason takes."""
    label = PRIORITY_LABELS[priority].get(lang)
    text = f"{label} : {why} ({where})" if lang == "fr" else f"{label}: {why} ({where})"
    return french(text) if lang == "fr" else text


def capability_label(a: Answers, capability: str, lang: str) -> str:
    group = a.bank.by_id.get("existing_tools")
    keeps = group.field("keeps") if group else None
    choice = keeps.choice(capability) if keeps else None
    label = choice.label.get(lang) if choice else capability
    return quoted(label, lang)


def tailor(entry: CatalogueEntry, a: Answers, lang: str) -> Tailored:
    """Fits ``entry`` to the answers (see the module's docstring for the order of the rules)."""
    selected = entry.when is None or condition_holds(entry.when, a.data, a.bank)
    excluded_by = ""
    if not selected and entry.when is not None:
        pair = entry.when.group_field
        excluded_by = f"{a.path(pair[0])}.{pair[1]}" if pair else a.path(entry.when.question)

    priority, eliminatory = entry.priority, entry.eliminatory
    reasons: list[str] = []
    sources: list[str] = []
    texts: Variant | None = None
    capability = ""
    capability_paths: tuple[str, ...] = ()
    if entry.capability:
        tools = a.kept_tools(entry.capability)
        out = entry.capability in (a.get("out_of_scope_capabilities") or [])
        what = capability_label(a, entry.capability, lang)
        if tools and entry.kept is not None:
            capability = "kept"
            texts = entry.kept
        elif tools:
            capability, priority = "kept_elsewhere", "wont"
            names = join([name for _, name in tools], lang)
            why = (f"la fonction {what} reste assurée par {names}" if lang == "fr" else
                   f"the {what} capability stays with {names}")
            reasons.append(reason("wont", why, ", ".join(
                f"company.existing_tools[{i + 1}]" for i, _ in tools), lang))
        elif out:
            capability, priority = "out_of_scope", "wont"
            why = (f"la fonction {what} est exclue du projet" if lang == "fr" else
                   f"the {what} capability is out of the project's scope")
            reasons.append(reason("wont", why, a.path("out_of_scope_capabilities"), lang))
        if capability and tools:
            capability_paths = tuple(f"company.existing_tools[{i}].keeps" for i, _ in tools)
            sources.extend(f"company.existing_tools[{i + 1}]" for i, _ in tools)
        elif capability:
            capability_paths = (a.path("out_of_scope_capabilities"),)
            sources.append(a.path("out_of_scope_capabilities"))

    if texts is None:
        texts = next((v for v in entry.variants
                      if v.when is not None and condition_holds(v.when, a.data, a.bank)), None)
        if texts is not None and texts.when is not None:
            pair = texts.when.group_field
            sources.append(a.path(pair[0] if pair else texts.when.question))

    rule: PriorityRule | None = None
    rule_paths: tuple[str, ...] = ()
    if priority != "wont":
        for candidate in entry.priority_rules:
            found = condition_evidence(candidate.when, a.data, a.bank)
            if found:
                rule, rule_paths = candidate, tuple(e.path for e in found)
                priority = candidate.priority
                if candidate.eliminatory is not None:
                    eliminatory = candidate.eliminatory
                why, _ = fill(candidate.reason.get(lang), a, lang)
                reasons.append(reason(priority, why, evidence_text(found, lang), lang))
                sources.extend(e.label for e in found)
                break

    statement = (texts.statement if texts and texts.statement else entry.statement).get(lang)
    acceptance = (texts.acceptance if texts and texts.acceptance else entry.acceptance).get(lang)
    statement, used = fill(statement, a, lang)
    acceptance, used_too = fill(acceptance, a, lang)
    for path in (*used, *used_too):
        if path not in sources:
            sources.append(path)
    return Tailored(entry, selected, statement, acceptance, priority,
                    eliminatory and priority != "wont", tuple(reasons),
                    tuple(dict.fromkeys(sources)), excluded_by, capability, capability_paths,
                    rule, rule_paths)
