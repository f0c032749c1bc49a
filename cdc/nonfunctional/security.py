"""Hosting and security: where the data lives, who logs in and how, encryption, logs,
certifications and qualifications, backups and recovery."""

from __future__ import annotations

from cdc.nonfunctional.base import Nfr, choice_text, fmt_hours, join_and, tr
from cdc.wording import Answers, fill


def _buyer(text: str, a: Answers, lang: str) -> str:
    """A fixed phrase with the catalogue's {org} placeholders, the buyer named as the answers
    name it (meta.company_in_text: "de l'AREI"), else "de l'entreprise" / "the company"."""
    return fill(text, a, lang)[0]


def _hosting_mode(a: Answers, lang: str) -> Nfr | None:
    mode = a.get("hosting_mode")
    phrases = {
        "saas": ("en mode SaaS, hébergée et exploitée par l'éditeur",
                 "as SaaS, hosted and operated by the vendor"),
        "private_cloud": ("sur un cloud privé dédié {à org}",
                          "on a private cloud dedicated to {org}"),
        "on_premise": ("sur les serveurs {de org} (installation sur site)",
                       "on {org}'s own servers (on-premise installation)"),
    }
    if mode not in phrases:
        return None
    fr, en = (_buyer(p, a, lang) for p in phrases[mode])
    return Nfr(tr(lang, f"La solution doit être fournie {fr}.", f"The solution shall be "
                                                                f"provided {en}."),
               tr(lang, "L'offre et le contrat décrivent ce mode de fourniture.",
                  "The offer and the contract describe this delivery mode."),
               a.source("hosting_mode"))


def _hosting_location(a: Answers, lang: str) -> Nfr | None:
    """Where the data lives, in the very words of part 4's hosting paragraph (the bank's prose
    form of the choice), so that the narrative and the requirement cannot disagree."""
    where = a.get("hosting_location")
    if where not in ("france", "eu"):
        return None
    place = choice_text(a, "hosting_location", where, lang)
    return Nfr(
        tr(lang, f"Les données, leurs sauvegardes et les accès de support doivent être "
                 f"hébergés {place}.",
           f"The data, its backups and support access shall be located {place}."),
        tr(lang, f"La liste des centres de données et des sous-traitants, annexée au contrat, ne "
                 f"mentionne que des sites {place}.",
           f"The list of data centres and sub-processors annexed to the contract names only "
           f"sites {place}."),
        a.source("hosting_location"), eliminatory=True)


def _secnumcloud(a: Answers, lang: str) -> Nfr | None:
    if a.get("secnumcloud_required") is not True:
        return None
    return Nfr(tr(lang, "L'hébergement doit être qualifié SecNumCloud par l'ANSSI.",
                  "The hosting shall hold the ANSSI SecNumCloud qualification."),
               tr(lang, "Le titulaire fournit l'attestation de qualification SecNumCloud en cours "
                        "de validité couvrant le service proposé.",
                  "The vendor provides a valid SecNumCloud qualification certificate covering "
                  "the service offered."),
               a.source("secnumcloud_required"), eliminatory=True)


def _identity_provider(a: Answers, lang: str) -> tuple[str | None, list[str]]:
    """The identity provider named in the answers, else the directory the company keeps
    (Microsoft 365, Google Workspace...), with the paths of the answers it comes from."""
    idp = a.get("identity_provider")
    if isinstance(idp, str) and idp.strip():
        return idp.strip(), [a.path("identity_provider")]
    tools = a.kept_tools("identity")
    if not tools:
        return None, []
    return (join_and([name for _, name in tools], lang),
            [f"company.existing_tools[{i + 1}]" for i, _ in tools])


def _sso(a: Answers, lang: str) -> Nfr | None:
    if a.get("sso_required") is not True:
        return None
    protocol = a.get("sso_protocol")
    names = {"saml": "SAML 2.0", "oidc": "OpenID Connect",
             "either": tr(lang, "SAML 2.0 ou OpenID Connect", "SAML 2.0 or OpenID Connect")}
    proto = names.get(protocol, names["either"])
    idp, idp_paths = _identity_provider(a, lang)
    with_idp = tr(lang, f" ; le fournisseur d'identité est {idp}",
                  f"; the identity provider is {idp}") if idp else ""
    account = tr(lang, f"son compte d'entreprise, géré dans {idp}, ", f"their company account, "
                                                                     f"managed in {idp}, ") \
        if idp else tr(lang, "son compte d'entreprise, ", "their company account, ")
    return Nfr(tr(lang, f"Le CRM doit authentifier les utilisateurs par authentification unique "
                        f"(SSO) {proto}{with_idp}.",
                  f"The CRM shall authenticate users through {proto} single sign-on "
                  f"(SSO){with_idp}."),
               tr(lang, f"Un utilisateur de test se connecte au CRM avec {account}sans second "
                        "mot de passe ; la désactivation du compte bloque l'accès.",
                  f"A test user logs into the CRM with {account}without a second password; "
                  "disabling the account blocks access."),
               ", ".join([a.source("sso_required", "sso_protocol"), *idp_paths]),
               verification="test")


MFA_SCOPES = {
    "administrators": ("de chaque connexion d'un administrateur du CRM",
                       "each login of a CRM administrator"),
    "remote_access": ("de chaque connexion depuis l'extérieur du réseau {de org}",
                      "each login from outside {org} network"),
    "everyone": ("de chaque connexion de tout utilisateur, administrateurs compris",
                 "each login of every user, administrators included"),
}


_REFUSED = {
    "administrators": ("Une connexion d'un administrateur avec le seul mot de passe est refusée.",
                       "A login by an administrator with the password alone is refused."),
    "remote_access": ("Depuis l'extérieur du réseau {de org}, une connexion avec le seul "
                      "mot de passe est refusée.",
                      "From outside {org} network, a login with the password alone is "
                      "refused."),
    "everyone": ("Une connexion avec le seul mot de passe est refusée, pour tout utilisateur.",
                 "A login with the password alone is refused, for any user."),
}
# With single sign-on the CRM never sees the password: the second factor is the identity
# provider's, or the CRM's for the accounts that do not go through it.
_REFUSED_SSO = {
    "administrators": ("Un administrateur qui se connecte sans second facteur est refusé, par "
                       "le fournisseur d'identité comme par un compte local du CRM.",
                       "An administrator logging in without a second factor is refused, through "
                       "the identity provider as through a local CRM account."),
    "remote_access": ("Depuis l'extérieur du réseau {de org}, une connexion sans second "
                      "facteur est refusée, par le fournisseur d'identité comme par un compte "
                      "local du CRM.",
                      "From outside {org} network, a login without a second factor is "
                      "refused, through the identity provider as through a local CRM account."),
    "everyone": ("Une connexion sans second facteur est refusée, pour tout utilisateur, par le "
                 "fournisseur d'identité comme par un compte local du CRM.",
                 "A login without a second factor is refused, for any user, through the "
                 "identity provider as through a local CRM account."),
}


def _mfa(a: Answers, lang: str) -> Nfr | None:
    """Multi-factor authentication for the logins the answers name. With single sign-on it is
    enforced by the identity provider or by the CRM, whichever the solution relies on, and no
    local CRM account escapes it: "the CRM shall require" would ask the CRM for a check it
    does not make when the identity provider authenticates."""
    if a.get("mfa_required") is not True:
        return None
    scope = a.get("mfa_scope")
    sources = a.source("mfa_required", "mfa_scope") if scope in MFA_SCOPES \
        else a.source("mfa_required")
    if a.get("sso_required") is True:
        idp, _ = _identity_provider(a, lang)
        by = tr(lang, "par le CRM ou par le fournisseur d'identité" + (f", {idp}" if idp else ""),
                "by the CRM or by the identity provider" + (f", {idp}" if idp else ""))
        sources += ", " + a.path("sso_required")
        if scope not in MFA_SCOPES:
            return Nfr(tr(lang, f"L'authentification à plusieurs facteurs doit pouvoir être "
                                f"exigée par rôle d'utilisateur, appliquée {by}.",
                          f"Multi-factor authentication shall be enforceable per user role, "
                          f"{by}."),
                       tr(lang, "Activer l'authentification à plusieurs facteurs pour un rôle ; "
                                "un utilisateur de ce rôle qui se connecte sans second facteur "
                                "est refusé, un utilisateur d'un autre rôle ne l'est pas.",
                          "Enable multi-factor authentication for one role; a user of that "
                          "role logging in without a second factor is refused, a user of "
                          "another role is not."),
                       sources, verification="test")
        fr, en = (_buyer(p, a, lang) for p in MFA_SCOPES[scope])
        return Nfr(tr(lang, f"L'authentification à plusieurs facteurs doit être exigée lors "
                            f"{fr}, appliquée {by} ; aucun compte local du CRM ne doit y "
                            f"échapper.",
                      f"Multi-factor authentication shall be required for {en}, enforced {by}; "
                      f"no local CRM account shall escape it."),
                   _buyer(tr(lang, *_REFUSED_SSO[scope]), a, lang), sources,
                   verification="test")
    if scope not in MFA_SCOPES:
        # the scope is not known: ask for the means, not for a scope nobody stated
        return Nfr(tr(lang, "Le CRM doit pouvoir exiger une authentification à plusieurs "
                            "facteurs, activable par rôle d'utilisateur.",
                      "The CRM shall be able to require multi-factor authentication, enabled "
                      "per user role."),
                   tr(lang, "Activer l'authentification à plusieurs facteurs pour un rôle ; "
                            "une connexion d'un utilisateur de ce rôle avec le seul mot de passe "
                            "est refusée, celle d'un autre rôle ne l'est pas.",
                      "Enable multi-factor authentication for one role; a login by a user of "
                      "that role with the password alone is refused, one by another role is "
                      "not."),
                   sources, verification="test")
    fr, en = (_buyer(p, a, lang) for p in MFA_SCOPES[scope])
    return Nfr(tr(lang, f"Le CRM doit exiger une authentification à plusieurs facteurs lors {fr}.",
                  f"The CRM shall require multi-factor authentication for {en}."),
               _buyer(tr(lang, *_REFUSED[scope]), a, lang), sources, verification="test")


def _encryption(a: Answers, lang: str) -> Nfr | None:
    chosen = a.get("encryption") or []
    parts = []
    if "in_transit" in chosen:
        parts.append(tr(lang, "en transit (TLS 1.2 ou supérieur)", "in transit (TLS 1.2 or later)"))
    if "at_rest" in chosen:
        parts.append(tr(lang, "au repos (AES-256 ou algorithme de robustesse équivalente)",
                        "at rest (AES-256 or an algorithm of equivalent strength)"))
    if not parts:
        return None
    return Nfr(tr(lang, f"Les données doivent être chiffrées {join_and(parts, lang)}.",
                  f"Data shall be encrypted {join_and(parts, lang)}."),
               tr(lang, "Le plan d'assurance sécurité décrit les algorithmes et la gestion "
                        "des clés ; "
                        "un scan TLS du service ne montre aucun protocole antérieur à TLS 1.2.",
                  "The security assurance plan describes the algorithms and key management; a TLS "
                  "scan of the service shows no protocol older than TLS 1.2."),
               a.source("encryption"))


def _audit_logs(a: Answers, lang: str) -> Nfr | None:
    if a.get("audit_logs") is not True:
        return None
    return Nfr(tr(lang, "Le CRM doit journaliser les connexions, les exports et les modifications "
                        "de données et de droits, avec l'auteur et l'horodatage, et conserver ce "
                        "journal 12 mois.",
                  "The CRM shall log logins, exports and changes to data and rights, with author "
                  "and timestamp, and keep this log for 12 months."),
               tr(lang, "Modifier une fiche et exporter une liste ; le journal montre les deux "
                        "actions avec l'utilisateur et l'heure.",
                  "Edit a record and export a list; the log shows both actions with the user "
                  "and the time."),
               a.source("audit_logs"), verification="demonstration")


def _certifications(a: Answers, lang: str) -> Nfr | None:
    """The certifications asked for, and SecNumCloud as what it is: a qualification of the
    ANSSI, not a certification (left to NFR-003 when the hosting must hold it)."""
    chosen = [c for c in (a.get("certifications") or []) if c != "none"]
    qualified = "secnumcloud" in chosen and a.get("secnumcloud_required") is not True
    chosen = [c for c in chosen if c != "secnumcloud"]
    if not chosen and not qualified:
        return None
    names = {"iso27001": "ISO/IEC 27001", "hds": "HDS", "soc2": "SOC 2 Type II"}
    listed = join_and([names.get(c, c) for c in chosen], lang)
    several = len(chosen) > 1
    fr = [f"les certifications {listed}" if several else f"la certification {listed}"] \
        if chosen else []
    en = [f"the {listed} certifications" if several else f"the {listed} certification"] \
        if chosen else []
    if qualified:
        fr.append("la qualification SecNumCloud de l'ANSSI")
        en.append("the ANSSI SecNumCloud qualification")
    evidence = tr(lang, "Les certificats et attestations de qualification en cours de validité, "
                        "avec leur périmètre, sont joints à l'offre.",
                  "Valid certificates and qualification attestations, with their scope, are "
                  "attached to the offer.") if qualified else \
        tr(lang, "Les certificats en cours de validité et leur périmètre sont joints à l'offre.",
           "Valid certificates and their scope are attached to the offer.")
    return Nfr(tr(lang, f"Le titulaire doit détenir {join_and(fr, 'fr')} couvrant le service "
                        f"proposé.",
                  f"The vendor shall hold {join_and(en, 'en')} covering the service offered."),
               evidence, a.source("certifications"))


def _backups(a: Answers, lang: str) -> Nfr | None:
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
        parts_fr.append(f"avec une perte maximale de {fmt_hours(rpo, 'fr')} de saisie (RPO)")
        parts_en.append(f"with at most {fmt_hours(rpo, 'en')} of data lost (RPO)")
    return Nfr(tr(lang, f"Les données doivent être {' '.join(parts_fr)}, sur un site distinct du "
                        f"site de production.",
                  f"Data shall be {' '.join(parts_en)}, on a site separate from production."),
               tr(lang, "Une restauration de test, faite en recette, restitue les données de la "
                        "dernière sauvegarde dans la limite du RPO.",
                  "A test restore during acceptance returns the data of the last backup within "
                  "the RPO."),
               a.source("backup_frequency", "rpo_hours"), verification="test")


def _rto(a: Answers, lang: str) -> Nfr | None:
    rto = a.get("rto_hours")
    if rto is None:
        return None
    return Nfr(tr(lang, f"Le service doit être rétabli en {fmt_hours(rto, 'fr')} au plus "
                        f"après un sinistre (RTO).",
                  f"The service shall be restored within {fmt_hours(rto, 'en')} of a disaster "
                  f"(RTO)."),
               tr(lang, "Le plan de reprise d'activité et le compte rendu de son dernier test "
                        "montrent un rétablissement dans ce délai.",
                  "The disaster recovery plan and the report of its last test show a recovery "
                  "within this time."),
               a.source("rto_hours"), verification="analysis")


RULES = {
    "NFR-001": _hosting_mode,
    "NFR-002": _hosting_location,
    "NFR-003": _secnumcloud,
    "NFR-004": _sso,
    "NFR-005": _mfa,
    "NFR-006": _encryption,
    "NFR-007": _audit_logs,
    "NFR-008": _certifications,
    "NFR-009": _backups,
    "NFR-010": _rto,
}
