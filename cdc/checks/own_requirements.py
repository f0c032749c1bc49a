"""Own requirements that restate what another answer already decides.

A respondent's requirement may ask the CRM for a capability a kept tool keeps or the scope
excludes, or restate a technical answer more broadly or more narrowly than the answer itself
(MFA scope, hosting location, availability, identity provider). Words are matched whole, case
and accents ignored (:func:`cdc.questionnaire.normal_text`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from cdc.checks.model import Finding, part_number, say
from cdc.questionnaire import normal_text
from cdc.requirements import Requirement
from cdc.wording import Answers

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


def has_words(text: str, words: tuple[str, ...] | list[str]) -> list[str]:
    """The words of ``words`` found in ``text`` (whole words, case and accents ignored)."""
    padded = f" {normal_text(text)} "
    return [w for w in words if normal_text(w) and f" {normal_text(w)} " in padded]


def finding(path: str, lang: str, severity: str, rule: str, fr: tuple[str, str],
            en: tuple[str, str], related: tuple[str, ...] = (),
            ids: tuple[str, ...] = (), term: str = "") -> Finding:
    """A consistency finding: (message, hint) in both languages, the other answers' paths in
    ``related`` and the requirement ids in ``ids``."""
    return Finding(path, term, "consistency", severity, say(lang, fr[0], en[0]),
                   say(lang, fr[1], en[1]), part_number(path), rule, related, ids)


def custom_requirements(final: list[Requirement]) -> dict[int, Requirement]:
    """Custom requirement index (from 0) → its requirement in the final list."""
    result = {}
    for req in final:
        match = re.match(r"mapping\.custom_requirements\[(\d+)\]", req.source)
        if match:
            result[int(match.group(1)) - 1] = req
    return result


def _names(tool: str) -> list[str]:
    words = [w for w in normal_text(tool).split() if len(w) >= 3 and w not in _NAME_STOP]
    return words or [normal_text(tool)]


def custom_vs_capabilities(final: list[Requirement], a: Answers,
                           lang: str) -> list[Finding]:
    """An own requirement asking the CRM for a capability a kept tool keeps (without naming
    the tool: that would be an integration) or the scope excludes."""
    findings = []
    out = a.get("out_of_scope_capabilities") or []
    for index, custom in custom_requirements(final).items():
        if custom.priority == "wont":
            continue
        for capability, words in CAPABILITY_WORDS.items():
            found = has_words(custom.statement, words)
            if not found:
                continue
            tools = a.kept_tools(capability)
            names = [n for _, name in tools for n in _names(name)]
            if tools and has_words(custom.statement, names):
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
            findings.append(finding(
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
        if has_words(text, MFA_SCOPE_WORDS[scope]):
            return scope
    return "everyone"


def custom_vs_technical_answers(final: list[Requirement], a: Answers,
                                lang: str) -> list[Finding]:
    """An own requirement broader or narrower than the technical answer it restates (MFA scope,
    hosting location, availability, identity provider); MFA required without a scope."""
    findings = []
    mfa, scope = a.get("mfa_required"), a.get("mfa_scope")
    if mfa is True and scope is None:
        findings.append(finding(
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
    for index, custom in custom_requirements(final).items():
        if custom.priority == "wont":
            continue
        text = custom.statement
        path = f"mapping.custom_requirements[{index}].statement"
        if has_words(text, MFA_WORDS) and mfa is not None:
            stated = _mfa_scope(text)
            if mfa is False or (scope is not None and stated != scope):
                answer = say(lang, "non exigée", "not required") if mfa is False else \
                    a.label("mfa_scope", scope, lang).lower()
                mine = a.label("mfa_scope", stated, lang).lower()
                wider = mfa is False or (stated == "everyone" and scope != "everyone")
                fr_way, en_way = ("plus large", "broader") if wider else ("plus étroite",
                                                                          "narrower")
                related = (a.path("mfa_scope") if mfa is True else a.path("mfa_required"),)
                findings.append(finding(
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
            where = next((k for k, words in LOCATION_WORDS.items() if has_words(text, words)), None)
            if where is not None and where != location:
                wider = where == "eu" and location == "france"
                fr_way, en_way = ("plus large", "broader") if wider else ("plus étroite",
                                                                          "narrower")
                answer = a.label("hosting_location", location, lang).lower()
                findings.append(finding(
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
                findings.append(finding(
                    path, lang, "error", "nfr_scope_differs",
                    (f"{custom.id} fixe une disponibilité de {rates[0]:g} %, la réponse "
                     f"{float(target):g} %", "Gardez un seul taux : corrigez la réponse, ou la "
                                             "vôtre."),
                    (f"{custom.id} sets an availability of {rates[0]:g}%, the answer "
                     f"{float(target):g}%", "Keep one rate: correct the answer, or yours."),
                    (a.path("availability_target"),), (custom.id, "NFR-017"), f"{rates[0]:g}"))
        if isinstance(idp, str) and has_words(text, SSO_WORDS):
            others = [p for p in has_words(text, IDENTITY_PROVIDERS) if not has_words(idp, [p])]
            if others:
                findings.append(finding(
                    path, lang, "error", "nfr_scope_differs",
                    (f"{custom.id} nomme le fournisseur d'identité « {others[0]} », la réponse "
                     f"« {idp} »", "Gardez un seul fournisseur : corrigez la réponse, ou la "
                                   "vôtre."),
                    (f"{custom.id} names the identity provider \"{others[0]}\", the answer "
                     f"\"{idp}\"", "Keep one provider: correct the answer, or yours."),
                    (idp_path,), (custom.id, "NFR-004"), others[0]))
    return findings
