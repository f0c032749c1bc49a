"""Contradictions between the answers and the requirements they produce.

The requirements follow the answers (:mod:`cdc.tailoring`), and ``requirement_changes`` has the
last word; these rules report where the last word, or the respondents' own requirements,
contradict the answers, each finding with both paths and the requirement ids:

- a change that keeps a requirement the answers leave out (its condition, a capability kept by
  another tool or out of scope), or moves a priority against the answer that set it;
- answers that pull one requirement's priority both ways;
- a custom requirement on the same subject as a catalogue one of its module: a duplicate at the
  same priority, a contradiction when it ranks higher than the general requirement (a
  refinement may rank lower);
- a custom requirement asking the CRM for a capability a kept tool keeps or the scope excludes,
  or broader or narrower than the technical answer it restates (:mod:`.own_requirements`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cdc.answers import answer_of, condition_evidence, is_answered
from cdc.catalogue import PRIORITIES
from cdc.checks.consistency import must_share
from cdc.checks.measurability import records
from cdc.checks.model import Finding, say
from cdc.checks.own_requirements import (
    custom_requirements,
    custom_vs_capabilities,
    custom_vs_technical_answers,
    finding,
    has_words,
)
from cdc.questionnaire import Condition, Questionnaire
from cdc.requirements import Requirement, build_requirements, tailored_catalogue
from cdc.tailoring import PRIORITY_LABELS, Tailored, capability_label
from cdc.wording import Answers, fill

POINTS = {p: len(PRIORITIES) - i for i, p in enumerate(PRIORITIES)}  # must 4 ... wont 1


def _label(priority: str, lang: str) -> str:
    return PRIORITY_LABELS[priority].get(lang)


def _question(a: Answers, qid: str, lang: str) -> str:
    """« the question's prompt », or « prompt : field » for a group's field: words, not paths."""
    group, _, field = qid.partition(".")
    question = a.bank.by_id.get(group)
    if question is None:
        return qid
    text = question.prompt.get(lang)
    sub = question.field(field) if field else None
    if sub is not None:
        text += (" : " if lang == "fr" else ": ") + sub.prompt.get(lang)
    return f"« {text} »" if lang == "fr" else f"“{text}”"


def _describe(when: Condition, a: Answers, lang: str) -> str:
    """``la réponse à « … » contient « Points… »``: a condition, for people."""
    question = _question(a, when.question, lang)
    pair = when.group_field
    target = a.bank.by_id.get(pair[0] if pair else when.question)
    choices = target.field(pair[1]) if pair and target else target
    values = when.value if isinstance(when.value, list) else [when.value]

    def label(value: Any) -> str:
        choice = choices.choice(value) if choices is not None and isinstance(value, str) else None
        if choice is not None:
            return choice.label.get(lang)
        if isinstance(value, bool):
            return say(lang, "oui" if value else "non", "yes" if value else "no")
        return str(value)

    shown = ", ".join(label(v) for v in values)
    shown = f"« {shown} »" if lang == "fr" else f"“{shown}”"
    fr = {"equals": f"vaut {shown}", "not_equals": f"ne vaut pas {shown}",
          "in": f"vaut l'un de {shown}", "contains": f"contient {shown}",
          "answered": "a une réponse" if when.value else "est sans réponse",
          "mentions": f"cite {shown}"}[when.op]
    en = {"equals": f"is {shown}", "not_equals": f"is not {shown}", "in": f"is one of {shown}",
          "contains": f"contains {shown}",
          "answered": "is answered" if when.value else "is not answered",
          "mentions": f"mentions {shown}"}[when.op]
    return (f"la réponse à {question} {fr}" if lang == "fr" else
            f"the answer to {question} {en}")


def _effective_changes(data: Any) -> dict[str, tuple[int, Mapping[str, Any]]]:
    """Requirement id → (index from 0, change): the last line for an id wins, as in the list."""
    result: dict[str, tuple[int, Mapping[str, Any]]] = {}
    for i, record in records(data, "mapping", "requirement_changes"):
        rid = str(record.get("id") or "").strip().upper()
        if rid and record.get("action") in ("keep", "drop", "reprioritise"):
            result[rid] = (i, record)
    return result


def _changes_against_answers(tailored: Mapping[str, Tailored], data: Any, a: Answers,
                             lang: str) -> list[Finding]:
    findings = []
    for rid, (i, change) in _effective_changes(data).items():
        t = tailored.get(rid)
        action = change.get("action")
        if t is None or action == "drop":
            continue
        path = f"mapping.requirement_changes[{i}]"
        asked = change.get("priority")
        new = str(asked) if action == "reprioritise" and asked in PRIORITIES else t.priority
        if not t.selected and t.entry.when is not None:
            why = _describe(t.entry.when, a, lang)
            findings.append(finding(
                path, lang, "error", "requirement_excluded_kept",
                (f"{rid} est retenue par votre changement alors que sa condition n'est pas "
                 f"remplie : elle ne vaut que si {why}",
                 "Abandonnez ce changement, ou corrigez la réponse dont dépend l'exigence."),
                (f"{rid} is kept by your change although its condition does not hold: it only "
                 f"applies when {why}",
                 "Remove this change, or correct the answer the requirement depends on."),
                (t.excluded_by,), (rid,), rid))
            continue
        if t.capability in ("kept_elsewhere", "out_of_scope") and new != "wont":
            what = capability_label(a, t.entry.capability, lang)
            tools = ", ".join(name for _, name in a.kept_tools(t.entry.capability))
            fr_why, en_why = (f"la fonction {what} reste assurée par {tools}",
                              f"the {what} capability stays with {tools}") if tools else (
                f"la fonction {what} est exclue du projet",
                f"the {what} capability is out of the project's scope")
            findings.append(finding(
                path, lang, "error", "requirement_capability_excluded",
                (f"{rid} est retenue en {_label(new, lang)} alors que {fr_why}",
                 "Abandonnez ce changement, ou retirez la fonction de l'outil conservé ou des "
                 "fonctions exclues."),
                (f"{rid} is kept as {_label(new, lang)} although {en_why}",
                 "Remove this change, or take the capability off the kept tool or the excluded "
                 "capabilities."),
                t.capability_paths, (rid,), rid))
            continue
        rule = t.rule
        if rule is None or new == t.priority:
            continue
        raised = POINTS[rule.priority] > POINTS[t.entry.priority]
        against = (raised and POINTS[new] < POINTS[rule.priority]) or \
            (not raised and POINTS[new] > POINTS[rule.priority])
        if not against:
            continue
        why, _ = fill(rule.reason.get(lang), a, lang)
        fr_move, en_move = ("abaissée", "lowered") if raised else ("relevée", "raised")
        findings.append(finding(
            path, lang, "error", "requirement_priority_against_answers",
            (f"{rid} est {fr_move} en {_label(new, lang)} par votre changement alors que vos "
             f"réponses la rendent {_label(rule.priority, lang)} : {why}",
             "Alignez le changement sur la réponse, ou corrigez la réponse."),
            (f"{rid} is {en_move} to {_label(new, lang)} by your change although your answers "
             f"make it {_label(rule.priority, lang)}: {why}",
             "Align the change with the answer, or correct the answer."),
            t.rule_paths, (rid,), rid))
    return findings


def _rules_disagree(tailored: Mapping[str, Tailored], a: Answers, lang: str) -> list[Finding]:
    findings = []
    for rid, t in tailored.items():
        if not t.selected or t.capability in ("kept_elsewhere", "out_of_scope"):
            continue
        held = [(rule, condition_evidence(rule.when, a.data, a.bank))
                for rule in t.entry.priority_rules]
        held = [(rule, found) for rule, found in held if found]
        if len({rule.priority for rule, _ in held}) < 2:
            continue
        sides = "; ".join(
            f"{_label(rule.priority, lang)} ({_question(a, rule.when.question, lang)})"
            for rule, _ in held)
        paths = [e.path for _, found in held for e in found]
        findings.append(finding(
            paths[0], lang, "warning", "requirement_answers_disagree",
            (f"vos réponses tirent la priorité de {rid} dans deux sens : {sides}",
             "Corrigez la réponse qui ne reflète pas le besoin : la première règle l'emporte."),
            (f"your answers pull {rid}'s priority both ways: {sides}",
             "Correct the answer that does not reflect the need: the first rule wins."),
            tuple(paths[1:]), (rid,), rid))
    return findings


def _priority_text(req: Requirement, lang: str) -> str:
    eliminatory = say(lang, ", éliminatoire", ", eliminatory") if req.eliminatory else ""
    return f"{req.priority_label}{eliminatory}"


def _custom_vs_catalogue(tailored: Mapping[str, Tailored], final: list[Requirement],
                         data: Any, lang: str) -> list[Finding]:
    findings = []
    by_id = {r.id: r for r in final}
    changes = _effective_changes(data)
    for index, custom in custom_requirements(final).items():
        for rid, t in tailored.items():
            catalogue = by_id.get(rid)
            if catalogue is None or catalogue.module != custom.module:
                continue
            words = has_words(custom.statement, list(t.entry.subject))
            if not words:
                continue
            path = f"mapping.custom_requirements[{index}].statement"
            related = list(t.rule_paths)
            if rid in changes:
                related.append(f"mapping.requirement_changes[{changes[rid][0]}]")
            mine, theirs = _priority_text(custom, lang), _priority_text(catalogue, lang)
            subject = words[0]
            stronger = (POINTS[custom.priority], custom.eliminatory) > (
                POINTS[catalogue.priority], catalogue.eliminatory)
            if custom.priority == catalogue.priority and not stronger:
                findings.append(finding(
                    path, lang, "warning", "custom_duplicates_catalogue",
                    (f"{custom.id} reprend le sujet de {rid} (« {subject} »), de même priorité",
                     f"Un éditeur répondrait deux fois : retirez la vôtre, ou abandonnez {rid} "
                     "(drop) si la vôtre est plus précise."),
                    (f"{custom.id} repeats the subject of {rid} (\"{subject}\"), with the same "
                     "priority",
                     f"A vendor would answer twice: remove yours, or drop {rid} if yours is "
                     "more precise."),
                    tuple(related), (custom.id, rid), subject))
            elif stronger:
                # a refinement may rank lower than the general need; not higher
                findings.append(finding(
                    path, lang, "error", "custom_contradicts_catalogue",
                    (f"{custom.id} ({mine}) et {rid} ({theirs}) portent sur le même sujet "
                     f"(« {subject} ») : la vôtre est plus exigeante que l'exigence générale",
                     f"Gardez-en une seule : alignez {rid} par requirement_changes et retirez la "
                     f"vôtre, ou abandonnez {rid} (drop)."),
                    (f"{custom.id} ({mine}) and {rid} ({theirs}) are about the same subject "
                     f"(\"{subject}\"): yours asks more than the general requirement",
                     f"Keep only one: align {rid} through requirement_changes and remove yours, "
                     f"or drop {rid}."),
                    tuple(related), (custom.id, rid), subject))
    return findings


def _unanswered_conditions(tailored: Mapping[str, Tailored], a: Answers,
                           lang: str) -> list[Finding]:
    left: dict[str, list[str]] = {}
    for rid, t in tailored.items():
        when = t.entry.when
        if t.selected or when is None or when.op == "answered":
            continue
        pair = when.group_field
        raw = answer_of(a.data, a.bank, pair[0] if pair else when.question)
        if pair is not None and isinstance(raw, list):
            raw = [r.get(pair[1]) for r in raw if isinstance(r, Mapping)]
            raw = [v for v in raw if is_answered(v)]
        if not is_answered(raw):
            left.setdefault(t.excluded_by, []).append(rid)
    findings = []
    for path, ids in left.items():
        question = _question(a, path.split(".", 1)[1], lang)
        findings.append(finding(
            path, lang, "info", "requirement_condition_unanswered",
            (f"{', '.join(ids)} non retenue(s) : {question} est sans réponse",
             "Répondez-y pour que le cahier des charges retienne les exigences qui vous "
             "concernent."),
            (f"{', '.join(ids)} left out: {question} is not answered",
             "Answer it so that the specification keeps the requirements that concern you."),
            ids=tuple(ids)))
    return findings


def requirement_findings(data: Any, bank: Questionnaire, lang: str) -> list[Finding]:
    """Every contradiction between the answers and the requirements, in the order above."""
    if not isinstance(data, Mapping):
        return []
    a = Answers(data, bank)
    tailored = {t.entry.id: t for t in tailored_catalogue(data, bank, lang)}
    final = build_requirements(data, bank, lang)
    return [
        *_changes_against_answers(tailored, data, a, lang),
        *_rules_disagree(tailored, a, lang),
        *_custom_vs_catalogue(tailored, final, data, lang),
        *custom_vs_capabilities(final, a, lang),
        *custom_vs_technical_answers(final, a, lang),
        *_unanswered_conditions(tailored, a, lang),
        *must_share(final, lang),
    ]
