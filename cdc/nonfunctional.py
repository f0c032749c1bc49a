"""Non-functional requirements generated from the technical answers, one fixed id per rule.

Each rule reads a few answers and, when they exist, writes a requirement in the document's
language from their values (hosting, SSO, GDPR items, SLA, migration...). A rule keeps its
``NFR-`` id forever: new rules are added at the end with the next number.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cdc.answers import is_answered
from cdc.typography import french
from cdc.wording import Answers as Answers

NBSP = "\u00a0"


def _fr_number(value: float) -> str:
    text = f"{value:g}"
    return text.replace(".", ",")


def _num(value: Any, lang: str) -> str:
    number = float(value)
    return _fr_number(number) if lang == "fr" else f"{number:g}"


def _pct(value: Any, lang: str) -> str:
    return f"{_num(value, lang)}{NBSP}%" if lang == "fr" else f"{_num(value, lang)}%"


def _count(value: Any, lang: str, fr: str, en: str) -> str:
    """``24 heures``, ``1 hour``: the number in the language's format and the noun agreed."""
    number = float(value)
    plural = number >= 2 if lang == "fr" else number != 1
    noun = (fr if lang == "fr" else en) + ("s" if plural else "")
    return f"{_num(value, lang)} {noun}"


def _hours(value: Any, lang: str) -> str:
    return _count(value, lang, "heure", "hour")


def _years(value: Any, lang: str) -> str:
    return _count(value, lang, "année", "year")


def _lower_first(text: str) -> str:
    """``Durée du contrat`` → ``durée du contrat`` after a colon; ``RGPD`` and names stay."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    last = " et " if lang == "fr" else " and "
    return ", ".join(items[:-1]) + last + items[-1]


@dataclass(frozen=True)
class _Nfr:
    statement: str
    acceptance: str
    source: str
    priority: str = "must"
    eliminatory: bool = False
    verification: str = "inspection"
    reasons: tuple[str, ...] = ()


Rule = Callable[["Answers", str], "_Nfr | None"]


def _t(lang: str, fr: str, en: str) -> str:
    return french(fr) if lang == "fr" else en


def _hosting_mode(a: Answers, lang: str) -> _Nfr | None:
    mode = a.get("hosting_mode")
    phrases = {
        "saas": ("en mode SaaS, hébergée et exploitée par l'éditeur",
                 "as SaaS, hosted and operated by the vendor"),
        "private_cloud": ("sur un cloud privé dédié à l'entreprise",
                          "on a private cloud dedicated to the company"),
        "on_premise": ("sur les serveurs de l'entreprise (installation sur site)",
                       "on the company's own servers (on-premise installation)"),
    }
    if mode not in phrases:
        return None
    fr, en = phrases[mode]
    return _Nfr(_t(lang, f"La solution doit être fournie {fr}.", f"The solution shall be "
                                                                 f"provided {en}."),
                _t(lang, "L'offre et le contrat décrivent ce mode de fourniture.",
                   "The offer and the contract describe this delivery mode."),
                a.source("hosting_mode"))


def _hosting_location(a: Answers, lang: str) -> _Nfr | None:
    where = a.get("hosting_location")
    phrases = {"france": ("en France", "in France"),
               "eu": ("dans l'Union européenne", "in the European Union")}
    if where not in phrases:
        return None
    fr, en = phrases[where]
    return _Nfr(
        _t(lang, f"Les données, leurs sauvegardes et les accès de support doivent être "
                 f"hébergés {fr}.",
           f"The data, its backups and support access shall be located {en}."),
        _t(lang, f"La liste des centres de données et des sous-traitants, annexée au contrat, ne "
                 f"mentionne que des sites {fr}.",
           f"The list of data centres and sub-processors annexed to the contract names only "
           f"sites {en}."),
        a.source("hosting_location"), eliminatory=True)


def _secnumcloud(a: Answers, lang: str) -> _Nfr | None:
    if a.get("secnumcloud_required") is not True:
        return None
    return _Nfr(_t(lang, "L'hébergement doit être qualifié SecNumCloud par l'ANSSI.",
                   "The hosting shall hold the ANSSI SecNumCloud qualification."),
                _t(lang, "Le titulaire fournit l'attestation de qualification SecNumCloud en cours "
                         "de validité couvrant le service proposé.",
                   "The vendor provides a valid SecNumCloud qualification certificate covering "
                   "the service offered."),
                a.source("secnumcloud_required"), eliminatory=True)


def _sso(a: Answers, lang: str) -> _Nfr | None:
    if a.get("sso_required") is not True:
        return None
    protocol = a.get("sso_protocol")
    names = {"saml": "SAML 2.0", "oidc": "OpenID Connect",
             "either": _t(lang, "SAML 2.0 ou OpenID Connect", "SAML 2.0 or OpenID Connect")}
    proto = names.get(protocol, names["either"])
    sources = ["sso_required", "sso_protocol"]
    idp = a.get("identity_provider")
    tool_paths: list[str] = []
    if isinstance(idp, str) and idp.strip():
        sources.append("identity_provider")
        idp = idp.strip()
    else:
        # the directory the company keeps (Microsoft 365, Google Workspace...) is the provider
        tools = a.kept_tools("identity")
        idp = _join([name for _, name in tools], lang) if tools else None
        tool_paths = [f"company.existing_tools[{i + 1}]" for i, _ in tools]
    with_idp = _t(lang, f" ; le fournisseur d'identité est {idp}",
                  f"; the identity provider is {idp}") if idp else ""
    account = _t(lang, f"son compte d'entreprise, géré dans {idp}, ", f"their company account, "
                                                                     f"managed in {idp}, ") \
        if idp else _t(lang, "son compte d'entreprise, ", "their company account, ")
    return _Nfr(_t(lang, f"Le CRM doit authentifier les utilisateurs par authentification unique "
                         f"(SSO) {proto}{with_idp}.",
                   f"The CRM shall authenticate users through {proto} single sign-on "
                   f"(SSO){with_idp}."),
                _t(lang, f"Un utilisateur de test se connecte au CRM avec {account}sans second "
                         "mot de passe ; la désactivation du compte bloque l'accès.",
                   f"A test user logs into the CRM with {account}without a second password; "
                   "disabling the account blocks access."),
                ", ".join([a.source(*sources), *tool_paths]), verification="test")


MFA_SCOPES = {
    "administrators": ("de chaque connexion d'un administrateur du CRM",
                       "each login of a CRM administrator"),
    "remote_access": ("de chaque connexion depuis l'extérieur du réseau de l'entreprise",
                      "each login from outside the company network"),
    "everyone": ("de chaque connexion de tout utilisateur, administrateurs compris",
                 "each login of every user, administrators included"),
}


def _mfa(a: Answers, lang: str) -> _Nfr | None:
    if a.get("mfa_required") is not True:
        return None
    scope = a.get("mfa_scope")
    if scope not in MFA_SCOPES:
        # the scope is not known: ask for the means, not for a scope nobody stated
        return _Nfr(_t(lang, "Le CRM doit pouvoir exiger une authentification à plusieurs "
                             "facteurs, activable par rôle d'utilisateur.",
                       "The CRM shall be able to require multi-factor authentication, enabled "
                       "per user role."),
                    _t(lang, "Activer l'authentification à plusieurs facteurs pour un rôle ; "
                             "une connexion d'un utilisateur de ce rôle avec le seul mot de passe "
                             "est refusée, celle d'un autre rôle ne l'est pas.",
                       "Enable multi-factor authentication for one role; a login by a user of "
                       "that role with the password alone is refused, one by another role is "
                       "not."),
                    a.source("mfa_required"), verification="test")
    fr, en = MFA_SCOPES[scope]
    refused = {
        "administrators": ("Une connexion d'un administrateur avec le seul mot de passe est "
                           "refusée.", "A login by an administrator with the password alone is "
                                       "refused."),
        "remote_access": ("Depuis l'extérieur du réseau de l'entreprise, une connexion avec le "
                          "seul mot de passe est refusée.", "From outside the company network, a "
                                                            "login with the password alone is "
                                                            "refused."),
        "everyone": ("Une connexion avec le seul mot de passe est refusée, pour tout "
                     "utilisateur.", "A login with the password alone is refused, for any "
                                     "user."),
    }[scope]
    return _Nfr(_t(lang, f"Le CRM doit exiger une authentification à plusieurs facteurs lors {fr}.",
                   f"The CRM shall require multi-factor authentication for {en}."),
                _t(lang, *refused), a.source("mfa_required", "mfa_scope"), verification="test")


def _encryption(a: Answers, lang: str) -> _Nfr | None:
    chosen = a.get("encryption") or []
    parts = []
    if "in_transit" in chosen:
        parts.append(_t(lang, "en transit (TLS 1.2 ou supérieur)", "in transit (TLS 1.2 or later)"))
    if "at_rest" in chosen:
        parts.append(_t(lang, "au repos (AES-256 ou algorithme de robustesse équivalente)",
                        "at rest (AES-256 or an algorithm of equivalent strength)"))
    if not parts:
        return None
    return _Nfr(_t(lang, f"Les données doivent être chiffrées {_join(parts, lang)}.",
                   f"Data shall be encrypted {_join(parts, lang)}."),
                _t(lang, "Le plan d'assurance sécurité décrit les algorithmes et la gestion "
                         "des clés ; "
                         "un scan TLS du service ne montre aucun protocole antérieur à TLS 1.2.",
                   "The security assurance plan describes the algorithms and key management; a TLS "
                   "scan of the service shows no protocol older than TLS 1.2."),
                a.source("encryption"))


def _audit_logs(a: Answers, lang: str) -> _Nfr | None:
    if a.get("audit_logs") is not True:
        return None
    return _Nfr(_t(lang, "Le CRM doit journaliser les connexions, les exports et les modifications "
                         "de données et de droits, avec l'auteur et l'horodatage, et conserver ce "
                         "journal 12 mois.",
                   "The CRM shall log logins, exports and changes to data and rights, with author "
                   "and timestamp, and keep this log for 12 months."),
                _t(lang, "Modifier une fiche et exporter une liste ; le journal montre les deux "
                         "actions avec l'utilisateur et l'heure.",
                   "Edit a record and export a list; the log shows both actions with the user "
                   "and the time."),
                a.source("audit_logs"), verification="demonstration")


def _certifications(a: Answers, lang: str) -> _Nfr | None:
    chosen = [c for c in (a.get("certifications") or []) if c != "none"]
    if not chosen:
        return None
    names = {"iso27001": "ISO/IEC 27001", "hds": "HDS", "secnumcloud": "SecNumCloud",
             "soc2": "SOC 2 Type II"}
    listed = _join([names.get(c, c) for c in chosen], lang)
    several = len(chosen) > 1
    fr = f"les certifications {listed}" if several else f"la certification {listed}"
    en = f"the {listed} certifications" if several else f"the {listed} certification"
    return _Nfr(_t(lang, f"Le titulaire doit détenir {fr} couvrant le service proposé.",
                   f"The vendor shall hold {en} covering the service offered."),
                _t(lang, "Les certificats en cours de validité et leur périmètre sont joints à "
                         "l'offre.",
                   "Valid certificates and their scope are attached to the offer."),
                a.source("certifications"))


def _backups(a: Answers, lang: str) -> _Nfr | None:
    frequency = a.get("backup_frequency")
    rpo = a.get("rpo_hours")
    if frequency is None and rpo is None:
        return None
    freq = {"hourly": ("toutes les heures", "every hour"), "daily": ("chaque jour", "every day"),
            "weekly": ("chaque semaine", "every week")}
    parts_fr, parts_en = [], []
    if frequency in freq:
        parts_fr.append(f"sauvegardées {freq[frequency][0]}")
        parts_en.append(f"backed up {freq[frequency][1]}")
    if rpo is not None:
        parts_fr.append(f"avec une perte maximale de {_hours(rpo, 'fr')} de saisie (RPO)")
        parts_en.append(f"with at most {_hours(rpo, 'en')} of data lost (RPO)")
    return _Nfr(_t(lang, f"Les données doivent être {' '.join(parts_fr)}, sur un site distinct du "
                         f"site de production.",
                   f"Data shall be {' '.join(parts_en)}, on a site separate from production."),
                _t(lang, "Une restauration de test, faite en recette, restitue les données de la "
                         "dernière sauvegarde dans la limite du RPO.",
                   "A test restore during acceptance returns the data of the last backup within "
                   "the RPO."),
                a.source("backup_frequency", "rpo_hours"), verification="test")


def _rto(a: Answers, lang: str) -> _Nfr | None:
    rto = a.get("rto_hours")
    if rto is None:
        return None
    return _Nfr(_t(lang, f"Le service doit être rétabli en {_hours(rto, 'fr')} au plus "
                         f"après un sinistre (RTO).",
                   f"The service shall be restored within {_hours(rto, 'en')} of a disaster "
                   f"(RTO)."),
                _t(lang, "Le plan de reprise d'activité et le compte rendu de son dernier test "
                         "montrent un rétablissement dans ce délai.",
                   "The disaster recovery plan and the report of its last test show a recovery "
                   "within this time."),
                a.source("rto_hours"), verification="analysis")


def _purposes(a: Answers) -> list[Mapping[str, Any]]:
    raw = a.get("processing_purposes") or []
    return [p for p in raw if isinstance(p, Mapping) and is_answered(p.get("purpose"))]


def _legal_basis(a: Answers, lang: str) -> _Nfr | None:
    if a.get("personal_data") is not True:
        return None
    items = []
    for p in _purposes(a):
        basis = p.get("legal_basis")
        label = a.label_field("processing_purposes", "legal_basis", basis, lang) if basis else "?"
        purpose = str(p["purpose"]).strip()
        # "(consent)" after a purpose that already ends in brackets would read "(...) (...)"
        items.append(f"{purpose} – {label}" if purpose.endswith(")") else f"{purpose} ({label})")
    if not items:
        return None
    return _Nfr(_t(lang, f"Le CRM doit enregistrer, pour chaque personne, la base légale de chaque "
                         f"traitement : {' ; '.join(items)}, et la preuve du consentement (date, "
                         f"source, texte) lorsque la base est le consentement.",
                   f"The CRM shall record, for each person, the legal basis of each processing "
                   f"purpose: {'; '.join(items)}, and the proof of consent (date, source, wording) "
                   f"when the basis is consent."),
                _t(lang, "La fiche d'un contact de test affiche la base légale de chaque "
                         "traitement "
                         "et la preuve de son consentement.",
                   "A test contact's record shows the legal basis of each purpose and the proof "
                   "of consent."),
                a.source("processing_purposes"), verification="demonstration")


def _retention(a: Answers, lang: str) -> _Nfr | None:
    if a.get("personal_data") is not True:
        return None
    items = [f"{p['purpose']}{_t(lang, ' : ', ': ')}{_lower_first(str(p['retention']))}"
             for p in _purposes(a) if is_answered(p.get("retention"))]
    if not items:
        return None
    return _Nfr(_t(lang, f"Le CRM doit supprimer ou anonymiser automatiquement les données "
                         f"personnelles à la fin de leur durée de conservation : "
                         f"{' ; '.join(items)}.",
                   f"The CRM shall automatically delete or anonymise personal data at the end "
                   f"of its "
                   f"retention period: {'; '.join(items)}."),
                _t(lang, "Une fiche de test dont la durée est échue est purgée ou anonymisée au "
                         "passage suivant du traitement de purge, tracé dans le journal.",
                   "A test record whose period has expired is purged or anonymised at the next "
                   "run of the purge job, recorded in the log."),
                a.source("processing_purposes", "automatic_purge"), verification="test")


def _data_subject_rights(a: Answers, lang: str) -> _Nfr | None:
    rights = a.get("data_subject_rights") or []
    if a.get("personal_data") is not True or not rights:
        return None
    labels = {"access": ("accès", "access"), "rectification": ("rectification", "rectification"),
              "erasure": ("effacement", "erasure"), "portability": ("portabilité", "portability"),
              "restriction": ("limitation", "restriction"),
              "objection": ("opposition", "objection")}
    listed = _join([labels[r][0 if lang == "fr" else 1] for r in rights if r in labels], lang)
    return _Nfr(_t(lang, f"Le CRM doit traiter les demandes d'exercice des droits ({listed}) en "
                         f"retrouvant une personne dans chaque module, en exportant ses données "
                         f"et en propageant l'effacement aux pièces jointes et aux outils "
                         f"marketing connectés.",
                   f"The CRM shall process data-subject requests ({listed}) by finding a person "
                   f"in each module, exporting their data and propagating erasure to attachments "
                   f"and connected marketing tools."),
                _t(lang, "Pour un contact de test, produire l'export de ses données en moins de 15 "
                         "minutes, puis l'effacer ; il n'apparaît plus dans aucun module.",
                   "For a test contact, produce the export of their data in less than 15 minutes, "
                   "then erase them; they no longer appear in any module."),
                a.source("data_subject_rights"), verification="demonstration")


def _processor_agreement(a: Answers, lang: str) -> _Nfr | None:
    if a.get("processor_agreement") is not True:
        return None
    return _Nfr(_t(lang, "Le titulaire doit signer un accord de sous-traitance conforme à "
                         "l'article "
                         "28 du RGPD, listant ses sous-traitants ultérieurs et leur localisation.",
                   "The vendor shall sign a data processing agreement complying with GDPR article "
                   "28, listing its sub-processors and their location."),
                _t(lang, "Le projet d'accord est joint à l'offre.",
                   "The draft agreement is attached to the offer."),
                a.source("processor_agreement"), eliminatory=True)


def _breach(a: Answers, lang: str) -> _Nfr | None:
    hours = a.get("breach_notification_hours")
    if hours is None:
        return None
    return _Nfr(_t(lang, f"Le titulaire doit notifier à l'entreprise toute violation de données "
                         f"personnelles dans un délai de {_hours(hours, 'fr')} après sa "
                         f"découverte.",
                   f"The vendor shall notify the company of any personal-data breach within "
                   f"{_hours(hours, 'en')} of its discovery."),
                _t(lang, "La procédure de gestion des incidents et le contrat mentionnent ce "
                         "délai.",
                   "The incident procedure and the contract state this time limit."),
                a.source("breach_notification_hours"))


def _reversibility(a: Answers, lang: str) -> _Nfr | None:
    formats = a.get("reversibility_formats") or []
    if not formats:
        return None
    names = {"csv": "CSV", "xlsx": "XLSX", "json": "JSON", "sql": "SQL"}
    files = [names.get(f, str(f)) for f in formats if f != "api"]
    ways_fr, ways_en = [], []
    if files:
        ways_fr.append(f"au{'x' if len(files) > 1 else ''} format{'s' if len(files) > 1 else ''} "
                       f"{_join(files, 'fr')}")
        ways_en.append(f"in the {_join(files, 'en')} format{'s' if len(files) > 1 else ''}")
    if "api" in formats:
        ways_fr.append("par son API")
        ways_en.append("through its API")
    return _Nfr(_t(lang, f"Le titulaire doit restituer en fin de contrat la totalité des données, "
                         f"pièces jointes et historiques {' et '.join(ways_fr)}, puis fournir un "
                         f"certificat de destruction.",
                   f"At the end of the contract the vendor shall return the complete data, "
                   f"attachments and history {' and '.join(ways_en)}, then provide a deletion "
                   f"certificate."),
                _t(lang, "Un export complet fait en recette est relu sans perte par un outil "
                         "tiers.",
                   "A complete export made during acceptance is read back without loss by a "
                   "third-party tool."),
                a.source("reversibility_formats"), verification="test")


def _availability(a: Answers, lang: str) -> _Nfr | None:
    target = a.get("availability_target")
    if target is None:
        return None
    return _Nfr(_t(lang, f"Le service doit être disponible {_pct(target, 'fr')} du temps, mesuré "
                         f"par mois hors maintenances planifiées annoncées 5 jours ouvrés à "
                         f"l'avance.",
                   f"The service shall be available {_pct(target, 'en')} of the time, measured "
                   f"monthly excluding planned maintenance announced 5 working days ahead."),
                _t(lang, "Le rapport mensuel de disponibilité fourni par le titulaire atteint "
                         "ce taux.",
                   "The monthly availability report provided by the vendor meets this rate."),
                a.source("availability_target"), verification="analysis")


def _support_hours(a: Answers, lang: str) -> _Nfr | None:
    hours = a.get("support_hours")
    phrases = {
        "business_hours": ("du lundi au vendredi de 9 h à 18 h (heure locale du siège)",
                           "Monday to Friday, 9 am to 6 pm (head-office local time)"),
        "extended": ("du lundi au samedi de 8 h à 20 h (heure locale du siège)",
                     "Monday to Saturday, 8 am to 8 pm (head-office local time)"),
        "always": ("24 h sur 24, 7 jours sur 7", "24 hours a day, 7 days a week"),
    }
    if hours not in phrases:
        return None
    fr, en = phrases[hours]
    return _Nfr(_t(lang, f"Le support du titulaire doit être joignable en français {fr}.",
                   f"The vendor's support shall be reachable {en}."),
                _t(lang, "Le contrat de support précise ces horaires et les canaux de contact.",
                   "The support contract states these hours and the contact channels."),
                a.source("support_hours"))


def _critical_response(a: Answers, lang: str) -> _Nfr | None:
    hours = a.get("critical_response_hours")
    if hours is None:
        return None
    return _Nfr(_t(lang, f"Le titulaire doit prendre en charge un incident bloquant en "
                         f"{_hours(hours, 'fr')} au plus.",
                   f"The vendor shall respond to a blocking incident within "
                   f"{_hours(hours, 'en')}."),
                _t(lang, "Le contrat de service fixe ce délai et des pénalités en cas de "
                         "dépassement.",
                   "The service contract sets this time and penalties when it is exceeded."),
                a.source("critical_response_hours"))


def _accessibility(a: Answers, lang: str) -> _Nfr | None:
    standard = a.get("accessibility_standard")
    names = {"rgaa": "RGAA 4.1", "wcag_aa": "WCAG 2.1 AA"}
    if standard not in names:
        return None
    return _Nfr(_t(lang, f"Les écrans utilisateurs du CRM doivent être conformes au référentiel "
                         f"{names[standard]}.",
                   f"The CRM's user screens shall conform to {names[standard]}."),
                _t(lang, "Le titulaire fournit la déclaration d'accessibilité et l'audit sur "
                         "lesquels elle repose.",
                   "The vendor provides the accessibility statement and the audit it is based on."),
                a.source("accessibility_standard"), priority="should")


def _migration_volume(a: Answers, lang: str) -> _Nfr | None:
    if a.get("migration_needed") is not True:
        return None
    records = a.get("migration_records")
    if records is None:
        return None
    trials = a.get("trial_migrations")
    count = f"{int(records):,}".replace(",", "\u202f" if lang == "fr" else ",")
    trial_fr = f", après {_count(trials, 'fr', 'migration', 'x')} à blanc" if trials else ""
    trial_en = f", after {_count(trials, 'en', 'x', 'trial migration')}" if trials else ""
    return _Nfr(_t(lang, f"Le titulaire doit reprendre les {count} enregistrements existants dans "
                         f"le CRM{trial_fr}, avec un rapport de rapprochement des volumes par "
                         f"objet.",
                   f"The vendor shall migrate the {count} existing records into the CRM{trial_en}, "
                   f"with a reconciliation report of the volumes per object."),
                _t(lang, "Le rapport de rapprochement montre un écart nul, ou chaque écart "
                         "justifié.",
                   "The reconciliation report shows no gap, or each gap explained."),
                a.source("migration_needed", "migration_records"), verification="analysis")


def _migration_history(a: Answers, lang: str) -> _Nfr | None:
    if a.get("migration_needed") is not True:
        return None
    years = a.get("history_years")
    if years is None:
        return None
    return _Nfr(_t(lang, f"La reprise doit inclure {_years(years, 'fr')} d'historique "
                         f"(activités, devis, tickets) rattaché aux fiches reprises.",
                   f"The migration shall include {_years(years, 'en')} of history "
                   f"(activities, quotes, tickets) linked to the migrated records."),
                _t(lang, "Sur 20 fiches tirées au hasard, l'historique de la période est présent "
                         "et identique à la source.",
                   "On 20 random records, the history of the period is present and identical to "
                   "the source."),
                a.source("history_years"), priority="should", verification="test")


def _no_ai_training(a: Answers, lang: str) -> _Nfr | None:
    if a.get("ai_training_allowed") is not False:
        return None
    return _Nfr(_t(lang, "Le titulaire ne doit réutiliser les données de l'entreprise pour aucune "
                         "autre finalité que le service, entraînement de modèles d'IA compris.",
                   "The vendor shall not reuse the company's data for any purpose other than the "
                   "service, AI model training included."),
                _t(lang, "Le contrat contient cette clause.", "The contract contains this clause."),
                a.source("ai_training_allowed"))


# Each rule keeps its id forever: add new rules at the end with the next number.
NFR_RULES: tuple[tuple[str, Rule], ...] = (
    ("NFR-001", _hosting_mode),
    ("NFR-002", _hosting_location),
    ("NFR-003", _secnumcloud),
    ("NFR-004", _sso),
    ("NFR-005", _mfa),
    ("NFR-006", _encryption),
    ("NFR-007", _audit_logs),
    ("NFR-008", _certifications),
    ("NFR-009", _backups),
    ("NFR-010", _rto),
    ("NFR-011", _legal_basis),
    ("NFR-012", _retention),
    ("NFR-013", _data_subject_rights),
    ("NFR-014", _processor_agreement),
    ("NFR-015", _breach),
    ("NFR-016", _reversibility),
    ("NFR-017", _availability),
    ("NFR-018", _support_hours),
    ("NFR-019", _critical_response),
    ("NFR-020", _accessibility),
    ("NFR-021", _migration_volume),
    ("NFR-022", _migration_history),
    ("NFR-023", _no_ai_training),
)
NFR_IDS = tuple(rid for rid, _ in NFR_RULES)
