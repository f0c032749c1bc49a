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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from cdc.answers import answer_of, is_answered
from cdc.errors import CdcError, Location, Problem
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


# --------------------------------------------------------------------------- non-functional rules


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


Rule = Callable[["_Answers", str], "_Nfr | None"]


class _Answers:
    """Read access to the technical (and other) answers, empty and open points as None."""

    def __init__(self, data: Any, bank: Questionnaire) -> None:
        self.data = data
        self.bank = bank

    def get(self, qid: str) -> Any:
        value = answer_of(self.data, self.bank, qid)
        return value if is_answered(value) else None

    def source(self, *qids: str) -> str:
        parts = []
        for qid in qids:
            part = self.bank.part_of.get(qid)
            parts.append(f"{part.key}.{qid}" if part else qid)
        return ", ".join(parts)

    def label_field(self, group: str, field: str, value: Any, lang: str) -> str:
        question = self.bank.by_id.get(group)
        sub = question.field(field) if question else None
        choice = sub.choice(value) if sub else None
        return choice.label.get(lang).lower() if choice else str(value)


_FR_SPACE = re.compile(r" ([;:!?»])")


def french_typography(text: str) -> str:
    """Non-breaking space before ; : ! ? » and after «, as French typography wants."""
    return _FR_SPACE.sub(NBSP + r"\1", text).replace("« ", "«" + NBSP)


def _t(lang: str, fr: str, en: str) -> str:
    return french_typography(fr) if lang == "fr" else en


def _hosting_mode(a: _Answers, lang: str) -> _Nfr | None:
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


def _hosting_location(a: _Answers, lang: str) -> _Nfr | None:
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


def _secnumcloud(a: _Answers, lang: str) -> _Nfr | None:
    if a.get("secnumcloud_required") is not True:
        return None
    return _Nfr(_t(lang, "L'hébergement doit être qualifié SecNumCloud par l'ANSSI.",
                   "The hosting shall hold the ANSSI SecNumCloud qualification."),
                _t(lang, "Le titulaire fournit l'attestation de qualification SecNumCloud en cours "
                         "de validité couvrant le service proposé.",
                   "The vendor provides a valid SecNumCloud qualification certificate covering "
                   "the service offered."),
                a.source("secnumcloud_required"), eliminatory=True)


def _sso(a: _Answers, lang: str) -> _Nfr | None:
    if a.get("sso_required") is not True:
        return None
    protocol = a.get("sso_protocol")
    names = {"saml": "SAML 2.0", "oidc": "OpenID Connect",
             "either": _t(lang, "SAML 2.0 ou OpenID Connect", "SAML 2.0 or OpenID Connect")}
    proto = names.get(protocol, names["either"])
    idp = a.get("identity_provider")
    with_idp = (_t(lang, f" avec le fournisseur d'identité {idp}", f" with the {idp} identity "
                                                                   f"provider")
                if idp else "")
    return _Nfr(_t(lang, f"Le CRM doit authentifier les utilisateurs par authentification unique "
                         f"(SSO) {proto}{with_idp}.",
                   f"The CRM shall authenticate users through {proto} single sign-on "
                   f"(SSO){with_idp}."),
                _t(lang, "Un utilisateur de test se connecte au CRM avec son compte d'entreprise, "
                         "sans second mot de passe ; la désactivation du compte bloque l'accès.",
                   "A test user logs into the CRM with their company account, without a second "
                   "password; disabling the account blocks access."),
                a.source("sso_required", "sso_protocol"), verification="test")


def _mfa(a: _Answers, lang: str) -> _Nfr | None:
    if a.get("mfa_required") is not True:
        return None
    return _Nfr(_t(lang, "Le CRM doit exiger une authentification à deux facteurs pour chaque "
                         "connexion d'un utilisateur interne ou d'un administrateur.",
                   "The CRM shall require two-factor authentication for each login of an internal "
                   "user or an administrator."),
                _t(lang, "Une connexion avec le seul mot de passe est refusée.",
                   "A login with the password alone is refused."),
                a.source("mfa_required"), verification="test")


def _encryption(a: _Answers, lang: str) -> _Nfr | None:
    chosen = a.get("encryption") or []
    parts = []
    if "in_transit" in chosen:
        parts.append(_t(lang, "en transit (TLS 1.2 ou supérieur)", "in transit (TLS 1.2 or later)"))
    if "at_rest" in chosen:
        parts.append(_t(lang, "au repos (AES-256 ou équivalent reconnu par l'ANSSI)",
                        "at rest (AES-256 or an ANSSI-recognised equivalent)"))
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


def _audit_logs(a: _Answers, lang: str) -> _Nfr | None:
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


def _certifications(a: _Answers, lang: str) -> _Nfr | None:
    chosen = [c for c in (a.get("certifications") or []) if c != "none"]
    if not chosen:
        return None
    names = {"iso27001": "ISO/IEC 27001", "hds": "HDS", "secnumcloud": "SecNumCloud",
             "soc2": "SOC 2 Type II"}
    listed = _join([names.get(c, c) for c in chosen], lang)
    return _Nfr(_t(lang, f"Le titulaire doit détenir les certifications {listed} couvrant le "
                         f"service proposé.",
                   f"The vendor shall hold the {listed} certifications covering the service "
                   f"offered."),
                _t(lang, "Les certificats en cours de validité et leur périmètre sont joints à "
                         "l'offre.",
                   "Valid certificates and their scope are attached to the offer."),
                a.source("certifications"))


def _backups(a: _Answers, lang: str) -> _Nfr | None:
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


def _rto(a: _Answers, lang: str) -> _Nfr | None:
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


def _purposes(a: _Answers) -> list[Mapping[str, Any]]:
    raw = a.get("processing_purposes") or []
    return [p for p in raw if isinstance(p, Mapping) and is_answered(p.get("purpose"))]


def _legal_basis(a: _Answers, lang: str) -> _Nfr | None:
    if a.get("personal_data") is not True:
        return None
    items = []
    for p in _purposes(a):
        basis = p.get("legal_basis")
        label = a.label_field("processing_purposes", "legal_basis", basis, lang) if basis else "?"
        items.append(f"{p['purpose']} ({label})")
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


def _retention(a: _Answers, lang: str) -> _Nfr | None:
    if a.get("personal_data") is not True:
        return None
    items = [f"{p['purpose']}{_t(lang, ' : ', ': ')}{p['retention']}" for p in _purposes(a)
             if is_answered(p.get("retention"))]
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


def _data_subject_rights(a: _Answers, lang: str) -> _Nfr | None:
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


def _processor_agreement(a: _Answers, lang: str) -> _Nfr | None:
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


def _breach(a: _Answers, lang: str) -> _Nfr | None:
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


def _reversibility(a: _Answers, lang: str) -> _Nfr | None:
    formats = a.get("reversibility_formats") or []
    if not formats:
        return None
    names = {"csv": "CSV", "xlsx": "XLSX", "json": "JSON", "sql": "SQL", "api": "API"}
    listed = _join([names.get(f, str(f)) for f in formats], lang)
    return _Nfr(_t(lang, f"Le titulaire doit restituer en fin de contrat la totalité des données, "
                         f"pièces jointes et historiques aux formats {listed}, puis fournir un "
                         f"certificat de destruction.",
                   f"At the end of the contract the vendor shall return the complete data, "
                   f"attachments and history in the {listed} formats, then provide a deletion "
                   f"certificate."),
                _t(lang, "Un export complet fait en recette est relu sans perte par un outil "
                         "tiers.",
                   "A complete export made during acceptance is read back without loss by a "
                   "third-party tool."),
                a.source("reversibility_formats"), verification="test")


def _availability(a: _Answers, lang: str) -> _Nfr | None:
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


def _support_hours(a: _Answers, lang: str) -> _Nfr | None:
    hours = a.get("support_hours")
    phrases = {
        "business_hours": ("du lundi au vendredi de 9 h à 18 h (heure de Paris)",
                           "Monday to Friday, 9 am to 6 pm (Paris time)"),
        "extended": ("du lundi au samedi de 8 h à 20 h (heure de Paris)",
                     "Monday to Saturday, 8 am to 8 pm (Paris time)"),
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


def _critical_response(a: _Answers, lang: str) -> _Nfr | None:
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


def _accessibility(a: _Answers, lang: str) -> _Nfr | None:
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


def _migration_volume(a: _Answers, lang: str) -> _Nfr | None:
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


def _migration_history(a: _Answers, lang: str) -> _Nfr | None:
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


def _no_ai_training(a: _Answers, lang: str) -> _Nfr | None:
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
