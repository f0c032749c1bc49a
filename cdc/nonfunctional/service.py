"""Service levels: availability, support hours, incident response, accessibility."""

from __future__ import annotations

from cdc.nonfunctional.base import Nfr, fmt_hours, percent, tr
from cdc.wording import Answers


def _availability(a: Answers, lang: str) -> Nfr | None:
    target = a.get("availability_target")
    if target is None:
        return None
    return Nfr(tr(lang, f"Le service doit être disponible {percent(target, 'fr')} du temps, mesuré "
                        f"par mois hors maintenances planifiées annoncées 5 jours ouvrés à "
                        f"l'avance.",
                  f"The service shall be available {percent(target, 'en')} of the time, measured "
                  f"monthly excluding planned maintenance announced 5 working days ahead."),
               tr(lang, "Le rapport mensuel de disponibilité fourni par le titulaire atteint "
                        "ce taux.",
                  "The monthly availability report provided by the vendor meets this rate."),
               a.source("availability_target"), verification="analysis")


_SUPPORT_HOURS = {
    "business_hours": ("du lundi au vendredi de 9 h à 18 h", "Monday to Friday, 9 am to 6 pm"),
    "extended": ("du lundi au samedi de 8 h à 20 h", "Monday to Saturday, 8 am to 8 pm"),
    "always": ("24 h sur 24, 7 jours sur 7", "24 hours a day, 7 days a week"),
}
_LOCAL_TIME = ("heure locale du siège", "head-office local time")


def _support_hours(a: Answers, lang: str) -> Nfr | None:
    hours = a.get("support_hours")
    if hours not in _SUPPORT_HOURS:
        return None
    fr, en = _SUPPORT_HOURS[hours]
    if hours != "always":
        fr, en = f"{fr} ({_LOCAL_TIME[0]})", f"{en} ({_LOCAL_TIME[1]})"
    return Nfr(tr(lang, f"Le support du titulaire doit être joignable en français {fr}.",
                  f"The vendor's support shall be reachable {en}."),
               tr(lang, "Le contrat de support précise ces horaires et les canaux de contact.",
                  "The support contract states these hours and the contact channels."),
               a.source("support_hours"))


def _critical_response(a: Answers, lang: str) -> Nfr | None:
    """The response time to a blocking incident, counted within the support hours the answers
    give (NFR-018): round the clock only when the support is asked 24/7."""
    hours = a.get("critical_response_hours")
    if hours is None:
        return None
    support = a.get("support_hours")
    if support == "always":
        when_fr, when_en = (f", {_SUPPORT_HOURS['always'][0]}",
                            f", {_SUPPORT_HOURS['always'][1]}")
    elif support in _SUPPORT_HOURS:
        fr, en = _SUPPORT_HOURS[support]
        when_fr = f", délai décompté pendant les horaires du support ({fr}, {_LOCAL_TIME[0]})"
        when_en = f", counted within the support hours ({en}, {_LOCAL_TIME[1]})"
    else:
        when_fr = ", délai décompté pendant les horaires du support fixés au contrat"
        when_en = ", counted within the support hours set in the contract"
    return Nfr(tr(lang, f"Le titulaire doit prendre en charge un incident bloquant en "
                        f"{fmt_hours(hours, 'fr')} au plus{when_fr}.",
                  f"The vendor shall respond to a blocking incident within "
                  f"{fmt_hours(hours, 'en')}{when_en}."),
               tr(lang, "Le contrat de service fixe ce délai, la plage horaire où il court et des "
                        "pénalités en cas de dépassement.",
                  "The service contract sets this time, the hours during which it runs and "
                  "penalties when it is exceeded."),
               a.source("critical_response_hours", "support_hours") if support else
               a.source("critical_response_hours"))


def _accessibility(a: Answers, lang: str) -> Nfr | None:
    standard = a.get("accessibility_standard")
    names = {"rgaa": "RGAA 4.1", "wcag_aa": "WCAG 2.1 AA"}
    if standard not in names:
        return None
    return Nfr(tr(lang, f"Les écrans utilisateurs du CRM doivent être conformes au référentiel "
                        f"{names[standard]}.",
                  f"The CRM's user screens shall conform to {names[standard]}."),
               tr(lang, "Le titulaire fournit la déclaration d'accessibilité et l'audit sur "
                        "lesquels elle repose.",
                  "The vendor provides the accessibility statement and the audit it is based on."),
               a.source("accessibility_standard"), priority="should")


RULES = {
    "NFR-017": _availability,
    "NFR-018": _support_hours,
    "NFR-019": _critical_response,
    "NFR-020": _accessibility,
}
