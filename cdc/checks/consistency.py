"""Consistency: answers that contradict each other, or promise something another answer omits.

Each rule is a small function of the raw answers; RULES lists them in plan order. A rule reads
only what it needs and ignores malformed values (validation reports those). ``must_share``
reads the requirement list instead, which :mod:`.requirement_conflicts` builds once.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from cdc.answers import is_answered
from cdc.checks.measurability import records
from cdc.checks.model import Finding, part_number, say
from cdc.interfaces import INT_MODULE
from cdc.language import join
from cdc.requirements import NFR_MODULE, Requirement

Rule = Callable[[Any, str], list[Finding]]

MIGRATION_PHASE = re.compile(r"migra|reprise|bascule|cutover|data load", re.IGNORECASE)
MUST_SHARE_LIMIT = 0.6
MUST_MIN_REQUIREMENTS = 3


def get(data: Any, path: str) -> Any:
    """The answer at ``part.question``, or None."""
    part, _, question = path.partition(".")
    block = data.get(part) if isinstance(data, Mapping) else None
    return block.get(question) if isinstance(block, Mapping) else None


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _f(path: str, lang: str, severity: str, rule: str, fr: tuple[str, str],
       en: tuple[str, str], term: str = "") -> Finding:
    return Finding(path, term, "consistency", severity, say(lang, fr[0], en[0]),
                   say(lang, fr[1], en[1]), part_number(path), rule)


def _fmt(day: dt.date) -> str:
    return day.isoformat()


def hosting_vs_vendors(data: Any, lang: str) -> list[Finding]:
    mode = get(data, "technical.hosting_mode")
    offers = [r.get("offer") for _, r in records(data, "technical", "shortlisted_vendors")]
    offers = [o for o in offers if isinstance(o, str)]
    if not offers:
        return []
    path = "technical.shortlisted_vendors"
    if mode == "on_premise" and all(o == "saas" for o in offers):
        return [_f(path, lang, "error", "hosting_vendors",
                   ("hébergement sur site exigé, mais tous les éditeurs présélectionnés ne "
                    "proposent que du SaaS",
                    "Ajoutez un éditeur qui s'installe sur site, ou revoyez le mode "
                    "d'hébergement."),
                   ("on-premise hosting is required but every shortlisted vendor offers SaaS only",
                    "Shortlist a vendor that installs on premise, or revise the hosting mode."),
                   "on_premise")]
    if mode == "saas" and all(o == "on_premise" for o in offers):
        return [_f(path, lang, "error", "hosting_vendors",
                   ("SaaS exigé, mais les éditeurs présélectionnés ne proposent que du sur site",
                    "Ajoutez un éditeur SaaS, ou revoyez le mode d'hébergement."),
                   ("SaaS is required but every shortlisted vendor offers on-premise only",
                    "Shortlist a SaaS vendor, or revise the hosting mode."), "saas")]
    return []


def sovereign_hosting(data: Any, lang: str) -> list[Finding]:
    if get(data, "technical.secnumcloud_required") is True and \
            get(data, "technical.hosting_location") == "anywhere":
        return [_f("technical.hosting_location", lang, "error", "secnumcloud_location",
                   ("SecNumCloud exigé, mais l'hébergement est accepté partout",
                    "SecNumCloud impose un hébergement en France : choisissez france."),
                   ("SecNumCloud is required but hosting is accepted anywhere",
                    "SecNumCloud means hosting in France: choose france."), "anywhere")]
    return []


def backup_vs_rpo(data: Any, lang: str) -> list[Finding]:
    frequency = str(get(data, "technical.backup_frequency"))
    period = {"hourly": 1, "daily": 24, "weekly": 168}.get(frequency)
    rpo = get(data, "technical.rpo_hours")
    if period is None or isinstance(rpo, bool) or not isinstance(rpo, int | float) or rpo >= period:
        return []
    return [_f("technical.rpo_hours", lang, "error", "backup_rpo",
               (f"perte de données maximale de {rpo:g} h, mais sauvegardes toutes les {period} h",
                "Des sauvegardes plus fréquentes, ou un RPO réaliste."),
               (f"a {rpo:g}-hour recovery point objective with backups every {period} hours",
                "More frequent backups, or a realistic RPO."), str(rpo))]


def availability_absolute(data: Any, lang: str) -> list[Finding]:
    target = get(data, "technical.availability_target")
    if isinstance(target, int | float) and not isinstance(target, bool) and target >= 100:
        return [_f("technical.availability_target", lang, "warning", "availability_100",
                   ("une disponibilité de 100 % n'existe pas et ne se contractualise pas",
                    "Visez 99,5 % à 99,9 % par mois, hors maintenances planifiées."),
                   ("100% availability does not exist and cannot be contracted",
                    "Aim for 99.5% to 99.9% a month, excluding planned maintenance."),
                   f"{target:g} %")]
    return []


def sso_protocol(data: Any, lang: str) -> list[Finding]:
    if get(data, "technical.sso_required") is True and \
            not is_answered(get(data, "technical.sso_protocol")):
        return [_f("technical.sso_protocol", lang, "warning", "sso_protocol",
                   ("SSO exigé, sans protocole", "Précisez SAML, OIDC, ou l'un ou l'autre."),
                   ("SSO is required but no protocol is given", "Say SAML, OIDC, or either.")),
                ]
    return []


def personal_data(data: Any, lang: str) -> list[Finding]:
    if get(data, "technical.personal_data") is not True:
        return []
    findings = []
    purposes = list(records(data, "technical", "processing_purposes"))
    if not purposes:
        findings.append(_f(
            "technical.processing_purposes", lang, "warning", "gdpr_purposes",
            ("données personnelles traitées, mais aucune finalité ni base légale",
             "Listez chaque finalité (prospection, gestion clients…) avec sa base légale et sa "
             "durée de conservation."),
            ("personal data is processed but no purpose or legal basis is given",
             "List each purpose (prospecting, customer management...) with its legal basis and "
             "retention period.")))
    for i, purpose in purposes:
        name = str(purpose.get("purpose") or f"#{i + 1}")
        base = f"technical.processing_purposes[{i}]"
        if not is_answered(purpose.get("legal_basis")):
            findings.append(_f(f"{base}.legal_basis", lang, "warning", "gdpr_legal_basis",
                               (f"finalité sans base légale : {name}",
                                "Consentement, contrat, obligation légale ou intérêt légitime."),
                               (f"purpose without a legal basis: {name}",
                                "Consent, contract, legal obligation or legitimate interest."),
                               name))
        if not is_answered(purpose.get("retention")):
            findings.append(_f(f"{base}.retention", lang, "warning", "gdpr_retention",
                               (f"finalité sans durée de conservation : {name}",
                                "Ex. prospects : 3 ans après le dernier contact (CNIL)."),
                               (f"purpose without a retention period: {name}",
                                "E.g. prospects: 3 years after the last contact (CNIL)."), name))
    if not is_answered(get(data, "technical.dpo_name")):
        findings.append(_f("technical.dpo_name", lang, "warning", "gdpr_dpo",
                           ("données personnelles traitées, sans DPO ni référent désigné",
                            "Nommez le DPO ou le référent RGPD qui validera le projet."),
                           ("personal data is processed but no DPO or privacy lead is named",
                            "Name the DPO or privacy lead who will review the project.")))
    if get(data, "technical.sensitive_data") is True and get(data, "technical.dpia") == "no":
        findings.append(_f("technical.dpia", lang, "warning", "gdpr_dpia",
                           ("données sensibles traitées sans analyse d'impact (AIPD)",
                            "Une AIPD est attendue pour des données sensibles : prévoyez-la."),
                           ("sensitive data is processed without an impact assessment (DPIA)",
                            "A DPIA is expected for sensitive data: plan one.")))
    return findings


def source_owner(data: Any, lang: str) -> list[Finding]:
    findings = []
    for i, source in records(data, "data_flows", "sources"):
        if not is_answered(source.get("owner")):
            name = str(source.get("name") or f"#{i + 1}")
            findings.append(_f(f"data_flows.sources[{i}].owner", lang, "warning", "source_owner",
                               (f"source de données sans responsable : {name}",
                                "Nommez qui la tient à jour : il validera sa reprise."),
                               (f"data source without an owner: {name}",
                                "Name who keeps it up to date: they will sign off its migration."),
                               name))
    return findings


def blocker_mitigation(data: Any, lang: str) -> list[Finding]:
    findings = []
    for i, blocker in records(data, "company", "blockers"):
        if not is_answered(blocker.get("mitigation")):
            name = str(blocker.get("description") or f"#{i + 1}")
            findings.append(_f(f"company.blockers[{i}].mitigation", lang, "warning",
                               "blocker_mitigation",
                               (f"frein sans parade : {name}",
                                "Dites ce qui sera fait pour le lever, et par qui."),
                               (f"blocker without a mitigation: {name}",
                                "Say what will be done to remove it, and by whom."), name))
    return findings


def must_share(requirements: Sequence[Requirement], lang: str) -> list[Finding]:
    """Too many "must" among the requirements sent to vendors: all of them, the catalogue's,
    the respondents' own, the non-functional ones and the interfaces', as the grid lists
    them (not only the respondents' own, which would hide most of the musts)."""
    if len(requirements) < MUST_MIN_REQUIREMENTS:
        return []
    musts = [r for r in requirements if r.priority == "must"]
    share = len(musts) / len(requirements)
    if share <= MUST_SHARE_LIMIT:
        return []
    percent = round(100 * share)
    nfr = sum(r.module == NFR_MODULE for r in musts)
    interfaces = sum(r.module == INT_MODULE for r in musts)
    among_fr = [f"{nfr} non fonctionnelle{'s' if nfr > 1 else ''}"] if nfr else []
    among_fr += [f"{interfaces} sur les interfaces"] if interfaces else []
    among_en = [f"{nfr} non-functional"] if nfr else []
    among_en += [f"{interfaces} on interfaces"] if interfaces else []
    dont = f", dont {join(among_fr, 'fr')}" if among_fr else ""
    including = f", {join(among_en, 'en')} included" if among_en else ""
    return [_f("mapping.requirement_changes", lang, "warning", "must_share",
               (f"{len(musts)} des {len(requirements)} exigences envoyées aux éditeurs sont "
                f"obligatoires (must), soit {percent} %{dont}",
                "Au-delà de 60 %, les priorités ne départagent plus les offres : ne gardez "
                "obligatoire que ce qui n'a pas de contournement, et baissez la priorité des "
                "autres parmi les exigences propres au projet ou par un changement d'exigence."),
               (f"{len(musts)} of the {len(requirements)} requirements sent to vendors are "
                f"mandatory (must), {percent}%{including}",
                "Above 60%, priorities no longer separate the offers: keep as must only what "
                "has no workaround, and lower the others among the project's own requirements or "
                "with a requirement change."), f"{percent} %")]


def _phases(data: Any) -> list[tuple[int, Mapping[str, Any], dt.date | None, dt.date | None]]:
    return [(i, p, as_date(p.get("start")), as_date(p.get("end")))
            for i, p in records(data, "planning", "phases")]


def phase_order(data: Any, lang: str) -> list[Finding]:
    findings = []
    for i, phase, start, end in _phases(data):
        if start and end and end < start:
            name = str(phase.get("name") or f"#{i + 1}")
            findings.append(_f(f"planning.phases[{i}].end", lang, "error", "phase_dates",
                               (f"la phase « {name} » finit ({_fmt(end)}) avant de commencer "
                                f"({_fmt(start)})", "Corrigez l'une des deux dates."),
                               (f'phase "{name}" ends ({_fmt(end)}) before it starts '
                                f"({_fmt(start)})", "Fix one of the two dates."), name))
    return findings


def go_live_dates(data: Any, lang: str) -> list[Finding]:
    go_live = as_date(get(data, "planning.go_live_target"))
    if go_live is None:
        return []
    findings = []
    path = "planning.go_live_target"
    start = as_date(get(data, "planning.project_start"))
    if start and go_live < start:
        findings.append(_f(path, lang, "error", "go_live_before_start",
                           (f"mise en production ({_fmt(go_live)}) avant le début du projet "
                            f"({_fmt(start)})", "Corrigez l'une des deux dates."),
                           (f"go-live ({_fmt(go_live)}) before the project starts ({_fmt(start)})",
                            "Fix one of the two dates."), _fmt(go_live)))
    for _, phase, _, end in _phases(data):
        name = str(phase.get("name") or "")
        if end and MIGRATION_PHASE.search(name) and go_live < end:
            findings.append(_f(path, lang, "error", "go_live_before_migration",
                               (f"mise en production ({_fmt(go_live)}) avant la fin de la phase "
                                f"« {name} » ({_fmt(end)})",
                                "On ne démarre pas sans les données : décalez l'une des dates."),
                               (f'go-live ({_fmt(go_live)}) before phase "{name}" ends '
                                f"({_fmt(end)})",
                                "Nobody starts without the data: move one of the dates."),
                               _fmt(go_live)))
    decision = as_date(get(data, "company.decision_date"))
    if decision and decision > go_live:
        findings.append(_f("company.decision_date", lang, "error", "decision_after_go_live",
                           (f"décision de choix ({_fmt(decision)}) après la mise en production "
                            f"({_fmt(go_live)})",
                            "La décision précède le projet : corrigez les dates."),
                           (f"vendor decision ({_fmt(decision)}) after go-live ({_fmt(go_live)})",
                            "The decision comes before the project: fix the dates."),
                           _fmt(decision)))
    elif decision and start and decision > start:
        findings.append(_f("company.decision_date", lang, "warning", "decision_after_start",
                           (f"décision de choix ({_fmt(decision)}) après le début du projet "
                            f"({_fmt(start)})",
                            "Le choix de l'éditeur conditionne le paramétrage : vérifiez l'ordre."),
                           (f"vendor decision ({_fmt(decision)}) after the project start "
                            f"({_fmt(start)})",
                            "Configuration depends on the chosen vendor: check the order."),
                           _fmt(decision)))
    return findings


def migration_planned(data: Any, lang: str) -> list[Finding]:
    if get(data, "technical.migration_needed") is not True:
        return []
    findings = []
    phases = _phases(data)
    planned = any(MIGRATION_PHASE.search(str(p.get("name") or "")) for _, p, _, _ in phases)
    if phases and not planned:
        findings.append(_f("planning.phases", lang, "warning", "migration_phase",
                           ("reprise de données prévue, mais aucune phase de migration au "
                            "planning", "Ajoutez une phase « Reprise des données » avec ses "
                            "migrations à blanc."),
                           ("data migration is needed but no migration phase is planned",
                            "Add a data-migration phase, with its trial runs.")))
    services = get(data, "technical.expected_services")
    if isinstance(services, list) and services and "migration" not in services:
        findings.append(_f("technical.expected_services", lang, "warning", "migration_service",
                           ("reprise de données prévue, mais elle n'est pas demandée au "
                            "prestataire",
                            "Ajoutez migration aux prestations attendues, ou dites qui la fera."),
                           ("data migration is needed but not asked of the vendor",
                            "Add migration to the expected services, or say who will do it.")))
    return findings


def _normal(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[a-z0-9]+", bare))


def _person_in_team(person: str, names: list[str]) -> bool:
    """True when the person (possibly "Name, position") is one of the members."""
    wanted = _normal(re.split(r"[,(–—]| - ", person, maxsplit=1)[0])
    full = _normal(person)
    for name in names:
        known = _normal(name)
        if known and (known == wanted or f" {known} " in f" {full} "
                      or (wanted and f" {wanted} " in f" {known} ")):
            return True
    return False


def people_in_team(data: Any, lang: str) -> list[Finding]:
    names = [str(m.get("name")) for _, m in records(data, "team", "members")
             if isinstance(m.get("name"), str)]
    if not names:
        return []
    findings = []
    for key, fr, en in (("sponsor", "le sponsor", "the sponsor"),
                        ("project_lead", "le chef de projet", "the project lead")):
        person = get(data, f"team.{key}")
        if isinstance(person, str) and person.strip() and not _person_in_team(person, names):
            findings.append(_f(f"team.{key}", lang, "warning", f"{key}_in_team",
                               (f"{fr} ({person}) n'apparaît pas dans l'équipe projet",
                                "Ajoutez-le aux membres, avec son rôle et sa disponibilité."),
                               (f"{en} ({person}) is not among the team members",
                                "Add them to the members, with their role and availability."),
                               person))
    return findings


RULES: tuple[Rule, ...] = (
    blocker_mitigation,
    source_owner,
    hosting_vs_vendors,
    sovereign_hosting,
    sso_protocol,
    backup_vs_rpo,
    availability_absolute,
    personal_data,
    migration_planned,
    phase_order,
    go_live_dates,
    people_in_team,
)


def consistency_findings(data: Any, lang: str) -> list[Finding]:
    """Every rule's findings, in plan order."""
    return [finding for rule in RULES for finding in rule(data, lang)]
