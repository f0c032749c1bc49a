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
- a custom requirement asking the CRM for a capability a kept tool keeps or the scope excludes;
- a custom requirement broader or narrower than the technical answer it restates (MFA scope,
  hosting location, availability, identity provider).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from cdc.answers import answer_of, condition_evidence, is_answered
from cdc.catalogue import PRIORITIES
from cdc.checks.measurability import records
from cdc.checks.model import Finding, part_number, say
from cdc.questionnaire import Condition, Questionnaire, normal_text
from cdc.requirements import Requirement, build_requirements, tailored_catalogue
from cdc.tailoring import PRIORITY_LABELS, Tailored, capability_label
from cdc.wording import Answers, fill

POINTS = {p: len(PRIORITIES) - i for i, p in enumerate(PRIORITIES)}  # must 4 ... wont 1

CAPABILITY_WORDS: Mapping[str, tuple[str, ...]] = {
    "email_campaigns": ("campagne e-mail", "campagnes e-mail", "campagnes d'e-mailing",
                        "campagne d'e-mailing", "e-mailing", "emailing", "newsletter",
                        "newsletters", "lettre d'information", "lettres d'information",
                        "email campaign", "email campaigns", "e-mail campaigns"),
    "sms_campaigns": ("campagne sms", "campagnes sms", "sms campaign", "sms campaigns"),
    "marketing_automation": ("automatisation marketing", "scénarios marketing",
                             "marketing automation"),
    "telephony": ("téléphonie", "couplage téléphonique", "clic pour appeler", "click to call",
                  "telephony", "phone system"),
    "e_signature": ("signature électronique", "e-signature", "electronic signature"),
    "document_storage": ("gestion documentaire", "ged", "document management"),
    "bi": ("outil décisionnel", "business intelligence", "bi tool"),
    "helpdesk": ("ticket de support", "tickets de support", "tickets du service client",
                 "ticket du service client", "support ticket", "support tickets", "helpdesk",
                 "help desk", "support desk"),
    "pricing": ("grille tarifaire", "grilles tarifaires", "price list", "price lists"),
    "orders": ("saisie des commandes", "prise de commande", "prise des commandes",
               "order entry"),
    "invoicing": ("facture", "factures", "facturation", "invoice", "invoices", "invoicing"),
}
"""Words by which a requirement asks for a capability (the capabilities that are integrations by
nature, e-mail and calendars, sign-in, website forms, are not listed)."""

_NAME_STOP = frozenset({"gestion", "commerciale", "comptabilite", "the", "and", "des", "les",
                        "crm", "edition", "free", "pro", "for"})

MFA_WORDS = ("double authentification", "authentification à deux facteurs",
             "authentification à plusieurs facteurs", "authentification multifacteur",
             "authentification multi-facteurs", "authentification forte", "mfa", "2fa",
             "two-factor", "multi-factor", "multifactor")
MFA_SCOPE_WORDS = {
    "everyone": ("tous les utilisateurs", "chaque utilisateur", "tout utilisateur",
                 "chaque connexion", "every user", "all users", "each login", "every login"),
    "administrators": ("administrateur", "administrateurs", "administrator", "administrators",
                       "admin", "admins"),
    "remote_access": ("extérieur", "hors du réseau", "à distance", "remote", "outside the"),
}
HOSTING = re.compile(r"\b(?:heberg\w*|hosted|hosting|stock\w*|stored|data cent(?:re|er)s?"
                     r"|centres? de donnees|locali[sz]\w*|located)\b")
AVAILABILITY = re.compile(r"\b(?:disponibilite|disponible|availability|available)\b")
LOCATION_WORDS = {
    "france": ("en france", "in france", "territoire français"),
    "eu": ("union européenne", "european union", "eee", "eea", "european economic area",
           "espace économique européen", "en europe", "in europe"),
}
SSO_WORDS = ("sso", "authentification unique", "single sign-on", "saml", "openid")
IDENTITY_PROVIDERS = ("okta", "entra", "azure ad", "active directory", "microsoft 365",
                      "office 365", "google workspace", "keycloak", "onelogin", "auth0",
                      "jumpcloud", "ping identity", "lemonldap")
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")


def _has(text: str, words: tuple[str, ...] | list[str]) -> list[str]:
    """The words of ``words`` found in ``text`` (whole words, case and accents ignored)."""
    padded = f" {normal_text(text)} "
    return [w for w in words if normal_text(w) and f" {normal_text(w)} " in padded]


def _finding(path: str, lang: str, severity: str, rule: str, fr: tuple[str, str],
             en: tuple[str, str], related: tuple[str, ...] = (),
             ids: tuple[str, ...] = (), term: str = "") -> Finding:
    return Finding(path, term, "consistency", severity, say(lang, fr[0], en[0]),
                   say(lang, fr[1], en[1]), part_number(path), rule, related, ids)


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
            findings.append(_finding(
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
            findings.append(_finding(
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
        findings.append(_finding(
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
        findings.append(_finding(
            paths[0], lang, "warning", "requirement_answers_disagree",
            (f"vos réponses tirent la priorité de {rid} dans deux sens : {sides}",
             "Corrigez la réponse qui ne reflète pas le besoin : la première règle l'emporte."),
            (f"your answers pull {rid}'s priority both ways: {sides}",
             "Correct the answer that does not reflect the need: the first rule wins."),
            tuple(paths[1:]), (rid,), rid))
    return findings


def _custom(final: list[Requirement]) -> dict[int, Requirement]:
    """Custom requirement index (from 0) → its requirement in the final list."""
    result = {}
    for req in final:
        match = re.match(r"mapping\.custom_requirements\[(\d+)\]", req.source)
        if match:
            result[int(match.group(1)) - 1] = req
    return result


def _priority_text(req: Requirement, lang: str) -> str:
    eliminatory = say(lang, ", éliminatoire", ", eliminatory") if req.eliminatory else ""
    return f"{req.priority_label}{eliminatory}"


def _custom_vs_catalogue(tailored: Mapping[str, Tailored], final: list[Requirement],
                         data: Any, lang: str) -> list[Finding]:
    findings = []
    by_id = {r.id: r for r in final}
    changes = _effective_changes(data)
    for index, custom in _custom(final).items():
        for rid, t in tailored.items():
            catalogue = by_id.get(rid)
            if catalogue is None or catalogue.module != custom.module:
                continue
            words = _has(custom.statement, list(t.entry.subject))
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
                findings.append(_finding(
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
                findings.append(_finding(
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


def _names(tool: str) -> list[str]:
    words = [w for w in normal_text(tool).split() if len(w) >= 3 and w not in _NAME_STOP]
    return words or [normal_text(tool)]


def _custom_vs_capabilities(final: list[Requirement], a: Answers,
                            lang: str) -> list[Finding]:
    findings = []
    out = a.get("out_of_scope_capabilities") or []
    for index, custom in _custom(final).items():
        if custom.priority == "wont":
            continue
        for capability, words in CAPABILITY_WORDS.items():
            found = _has(custom.statement, words)
            if not found:
                continue
            tools = a.kept_tools(capability)
            names = [n for _, name in tools for n in _names(name)]
            if tools and _has(custom.statement, names):
                continue  # an integration with the tool that keeps it
            if not tools and capability not in out:
                continue
            path = f"mapping.custom_requirements[{index}].statement"
            if tools:
                who = ", ".join(name for _, name in tools)
                related = tuple(f"company.existing_tools[{i}].keeps" for i, _ in tools)
                fr = f"{custom.id} demande au CRM « {found[0]} », que {who} continue d'assurer"
                en = f"{custom.id} asks the CRM for \"{found[0]}\", which {who} keeps providing"
            else:
                related = (a.path("out_of_scope_capabilities"),)
                fr = f"{custom.id} demande au CRM « {found[0]} », une fonction exclue du projet"
                en = f"{custom.id} asks the CRM for \"{found[0]}\", a capability out of scope"
            findings.append(_finding(
                path, lang, "error", "custom_capability_excluded",
                (fr, "Réécrivez-la en exigence d'intégration avec l'outil conservé, ou revoyez "
                     "la réponse."),
                (en, "Rewrite it as an integration requirement with the kept tool, or revise "
                     "the answer."),
                related, (custom.id,), found[0]))
            break
    return findings


def _mfa_scope(text: str) -> str:
    for scope in ("everyone", "administrators", "remote_access"):
        if _has(text, MFA_SCOPE_WORDS[scope]):
            return scope
    return "everyone"


def _nfr_scope(final: list[Requirement], a: Answers, lang: str) -> list[Finding]:
    findings = []
    mfa, scope = a.get("mfa_required"), a.get("mfa_scope")
    if mfa is True and scope is None:
        findings.append(_finding(
            a.path("mfa_required"), lang, "warning", "mfa_scope_missing",
            ("authentification à plusieurs facteurs exigée, sans dire pour quelles connexions",
             "Répondez à mfa_scope (administrateurs, accès distants ou tous) : sans elle, "
             "NFR-005 demande seulement de pouvoir l'exiger par rôle."),
            ("multi-factor authentication is required without saying for which logins",
             "Answer mfa_scope (administrators, remote access or everyone): without it, NFR-005 "
             "only asks for MFA that can be required per role."), ids=("NFR-005",)))
    location = a.get("hosting_location")
    target = a.get("availability_target")
    idp = a.get("identity_provider")
    idp_path = a.path("identity_provider")
    if not isinstance(idp, str):
        tools = a.kept_tools("identity")  # the provider NFR-004 names when none is answered
        idp = ", ".join(name for _, name in tools) if tools else None
        idp_path = f"company.existing_tools[{tools[0][0]}].keeps" if tools else idp_path
    for index, custom in _custom(final).items():
        if custom.priority == "wont":
            continue
        text = custom.statement
        path = f"mapping.custom_requirements[{index}].statement"
        if _has(text, MFA_WORDS) and mfa is not None:
            stated = _mfa_scope(text)
            if mfa is False or (scope is not None and stated != scope):
                answer = say(lang, "non exigée", "not required") if mfa is False else \
                    a.label("mfa_scope", scope, lang).lower()
                mine = a.label("mfa_scope", stated, lang).lower()
                wider = mfa is False or (stated == "everyone" and scope != "everyone")
                fr_way, en_way = ("plus large", "broader") if wider else ("plus étroite",
                                                                          "narrower")
                related = (a.path("mfa_scope") if mfa is True else a.path("mfa_required"),)
                findings.append(_finding(
                    path, lang, "error", "nfr_scope_differs",
                    (f"{custom.id} exige l'authentification à plusieurs facteurs pour "
                     f"« {mine} », {fr_way} que la réponse ({answer}) dont découle NFR-005",
                     "Gardez une seule règle : corrigez la réponse, ou la vôtre."),
                    (f"{custom.id} requires multi-factor authentication for \"{mine}\", "
                     f"{en_way} than the answer ({answer}) NFR-005 comes from",
                     "Keep one rule: correct the answer, or yours."),
                    related, (custom.id, "NFR-005"), mine))
        normal = normal_text(text)
        if location in ("france", "eu", "anywhere") and HOSTING.search(normal):
            where = next((k for k, words in LOCATION_WORDS.items() if _has(text, words)), None)
            if where is not None and where != location:
                wider = where == "eu" and location == "france"
                fr_way, en_way = ("plus large", "broader") if wider else ("plus étroite",
                                                                          "narrower")
                answer = a.label("hosting_location", location, lang).lower()
                findings.append(_finding(
                    path, lang, "error", "nfr_scope_differs",
                    (f"{custom.id} fixe une localisation des données {fr_way} que la réponse "
                     f"({answer})", "Gardez une seule règle : corrigez la réponse, ou la vôtre."),
                    (f"{custom.id} sets a data location {en_way} than the answer ({answer})",
                     "Keep one rule: correct the answer, or yours."),
                    (a.path("hosting_location"),), (custom.id, "NFR-002"), where))
        if isinstance(target, int | float) and not isinstance(target, bool) and \
                AVAILABILITY.search(normal):
            rates = [float(m.group(1).replace(",", ".")) for m in _PERCENT.finditer(text)]
            if rates and all(abs(r - float(target)) > 1e-9 for r in rates):
                findings.append(_finding(
                    path, lang, "error", "nfr_scope_differs",
                    (f"{custom.id} fixe une disponibilité de {rates[0]:g} %, la réponse "
                     f"{float(target):g} %", "Gardez un seul taux : corrigez la réponse, ou la "
                                             "vôtre."),
                    (f"{custom.id} sets an availability of {rates[0]:g}%, the answer "
                     f"{float(target):g}%", "Keep one rate: correct the answer, or yours."),
                    (a.path("availability_target"),), (custom.id, "NFR-017"), f"{rates[0]:g}"))
        if isinstance(idp, str) and _has(text, SSO_WORDS):
            others = [p for p in _has(text, IDENTITY_PROVIDERS) if not _has(idp, [p])]
            if others:
                findings.append(_finding(
                    path, lang, "error", "nfr_scope_differs",
                    (f"{custom.id} nomme le fournisseur d'identité « {others[0]} », la réponse "
                     f"« {idp} »", "Gardez un seul fournisseur : corrigez la réponse, ou la "
                                   "vôtre."),
                    (f"{custom.id} names the identity provider \"{others[0]}\", the answer "
                     f"\"{idp}\"", "Keep one provider: correct the answer, or yours."),
                    (idp_path,), (custom.id, "NFR-004"), others[0]))
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
        findings.append(_finding(
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
        *_custom_vs_capabilities(final, a, lang),
        *_nfr_scope(final, a, lang),
        *_unanswered_conditions(tailored, a, lang),
    ]
