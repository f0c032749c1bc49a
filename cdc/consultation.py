"""The consultation itself (part 7 of the bank): its rules checked, its scenarios generated.

``check_consultation`` finds what ``cdc validate`` must report with a line: award-criteria
weights or payment shares that do not add up to 100, a time or an address that is not one, a
scenario id that names no scenario, a timeline out of order. ``scenarios`` writes the
demonstration scenarios: one per information flow of part 3 and one for mobile users, each with
numbered steps, the data used, the requirement ids it demonstrates and the expected result (the
mobile one when mobile users must work offline); the answers' ``demo_scenarios`` drop, change
or add scenarios.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from cdc.answer_values import Month
from cdc.answers import answer_of, is_answered
from cdc.errors import Location, Problem
from cdc.language import join
from cdc.questionnaire import Questionnaire
from cdc.scenario_links import Flow, Matcher, has_no_approval
from cdc.scenario_roles import approver, profiles_of, roles_of_people, runners
from cdc.yamlsource import PathKey, YamlDocument

PART = "consultation"
TIME_RE = re.compile(r"^([01]?\d|2[0-3])[:h]([0-5]\d)$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
URL_RE = re.compile(r"^https://[^\s/$.?#].[^\s]*$", re.IGNORECASE)
SCENARIO_ID = re.compile(r"^DEMO-(\d{2,3})$")
_MAX_IDS = 6  # requirements a mobile scenario shows


def _text(value: Any) -> str:
    return str(value).strip() if is_answered(value) and not isinstance(value, Mapping) else ""


def _records(data: Any, bank: Questionnaire, qid: str) -> list[tuple[int, Mapping[str, Any]]]:
    raw = answer_of(data, bank, qid)
    if not isinstance(raw, list):
        return []
    return [(i, r) for i, r in enumerate(raw) if isinstance(r, Mapping)]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


# --------------------------------------------------------------------------- checks


def check_consultation(data: Any, bank: Questionnaire, doc: YamlDocument | None = None,
                       file: str = "") -> list[Problem]:
    """What ``cdc validate`` reports about part 7, each problem with its line."""
    if PART not in {p.key for p in bank.parts}:
        return []
    problems: list[Problem] = []

    def at(path: PathKey, severity: str, message: str, hint: str, qid: str,
           key: bool = False) -> None:
        location = doc.where((PART, *path), key=key) if doc is not None else Location(file)
        problems.append(Problem(severity, location, message, hint, qid,
                                ".".join(str(p) for p in (PART, *path))))

    criteria = _records(data, bank, "award_criteria")
    weights = [w for _, r in criteria if (w := _number(r.get("weight"))) is not None]
    if criteria and len(weights) == len(criteria) and abs(sum(weights) - 100) > 0.01:
        at(("award_criteria",), "error",
           f"the award criteria's weights add up to {sum(weights):g}, not 100",
           "Adjust the weights so that they total 100 (a percentage each).", "award_criteria",
           key=True)
    for i, record in criteria:
        if record.get("criterion") == "other" and not _text(record.get("label")):
            at(("award_criteria", i, "label"), "error",
               "an 'other' award criterion needs its name",
               "Write what it assesses in label.", "award_criteria.label")

    shares = [(i, _number(r.get("share"))) for i, r in _records(data, bank, "payment_milestones")]
    if shares and all(s is not None for _, s in shares):
        total = sum(s for _, s in shares if s is not None)
        if abs(total - 100) > 0.01:
            at(("payment_milestones",), "error",
               f"the payment milestones' shares add up to {total:g}%, not 100%",
               "Adjust the shares so that they total 100.", "payment_milestones", key=True)

    time = answer_of(data, bank, "response_deadline_time")
    if is_answered(time) and not isinstance(time, Mapping) and not TIME_RE.match(
            str(time).strip()):
        at(("response_deadline_time",), "error", f"'{time}' is not a time of day",
           'Write it as HH:MM, in quotes: "12:00".', "response_deadline_time")
    channel = answer_of(data, bank, "submission_channel")
    address = _text(answer_of(data, bank, "submission_address"))
    if address and channel == "email" and not EMAIL_RE.match(address):
        at(("submission_address",), "error", f"'{address}' is not an e-mail address",
           "Write an address such as achats@exemple.fr.", "submission_address")
    if address and channel == "platform" and not URL_RE.match(address):
        at(("submission_address",), "error", f"'{address}' is not a web address",
           "Write the platform's address, starting with https://.", "submission_address")
    contact = _text(answer_of(data, bank, "questions_contact"))
    if contact and not (EMAIL_RE.match(contact) or URL_RE.match(contact)):
        at(("questions_contact",), "error", f"'{contact}' is neither an e-mail nor a web address",
           "Write an e-mail address or the platform's address (https://…).", "questions_contact")

    for label, earlier, later in _timeline_pairs():
        first, second = answer_of(data, bank, earlier), answer_of(data, bank, later)
        if isinstance(second, Month):  # a month is late enough while it lasts
            second = _month_end(second)
        if isinstance(first, dt.date) and isinstance(second, dt.date) and first > second:
            part = bank.part_of.get(later)
            location_key = (later,) if part is not None and part.key == PART else ()
            at(location_key or (earlier,), "warning",
               f"{label}: {earlier} ({first}) comes after {later} ({second})",
               "Put the consultation's dates in order.", later)

    generated = _generated_ids(data, bank)
    for i, record in _records(data, bank, "demo_scenarios"):
        ref = _text(record.get("id")).upper()
        if ref and ref not in generated:
            known = ", ".join(sorted(generated)) or "none"
            at(("demo_scenarios", i, "id"), "error",
               f"'{ref}' is not a demonstration scenario of this specification",
               f"Scenarios proposed: {known}. Leave id empty to add a scenario.",
               "demo_scenarios.id")
        if not ref and not record.get("drop") and not _text(record.get("title")):
            at(("demo_scenarios", i), "error", "a new demonstration scenario needs a title",
               "Give it a title, steps and an expected result.", "demo_scenarios.title")
    return problems


def _month_end(month: dt.date) -> dt.date:
    following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _timeline_pairs() -> list[tuple[str, str, str]]:
    return [
        ("questions after the deadline", "questions_deadline", "response_deadline"),
        ("shortlist before the offers", "response_deadline", "shortlist_date"),
        ("demonstrations before the offers", "response_deadline", "demonstrations_date"),
        ("decision before the demonstrations", "demonstrations_date", "decision_date"),
        ("decision before the offers", "response_deadline", "decision_date"),
        ("project before the decision", "decision_date", "project_start"),
    ]


# --------------------------------------------------------------------------- scenarios


@dataclass(frozen=True)
class Scenario:
    """One demonstration scenario, as the annex and the "Démonstrations" sheet print it."""

    id: str
    title: str
    actor: str  # the user profiles that run it, joined ("Commercial sédentaire et ADV")
    steps: tuple[str, ...]
    data: str
    requirements: tuple[str, ...]
    expected: str
    approval: str = ""  # who approves which step, or "Sans objet" / "Not applicable"
    actors: tuple[str, ...] = ()  # the same profiles, one by one


def quoted(text: str, lang: str) -> str:
    return f"« {text} »" if lang != "en" else f"“{text}”"


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _steps(text: str) -> tuple[str, ...]:
    parts = re.split(r"\s*(?:→|->|;|\n)\s*", text)
    return tuple(p[:1].upper() + p[1:] for p in (s.strip(" .") for s in parts) if p)


_MOBILE_STEPS: Mapping[str, tuple[str, ...]] = {
    "fr": ("Consulter la fiche du compte et son historique sur le téléphone",
           "Passer en mode avion", "Saisir le compte rendu de visite et une relance",
           "Retrouver le réseau et synchroniser"),
    "en": ("Open the account and its history on the phone", "Switch to airplane mode",
           "Enter the visit report and a follow-up", "Get back online and synchronise"),
}
_WORDS: Mapping[str, Mapping[str, str]] = {
    "fr": {
        "data": "Jeu de données de démonstration fourni par {owner} ({objects})",
        "data_none": "Jeu de données de démonstration fourni par {owner}",
        "expected": "Le flux se déroule de bout en bout dans la solution, sans ressaisie ni "
        "fichier intermédiaire, et chaque exigence citée est montrée à l'écran",
        "approval": "L'étape « {step} » est soumise {who}, qui la valide ou la refuse dans la "
        "solution ; la décision est historisée",
        "approval_nobody": "L'étape « {step} » est soumise à validation dans la solution ; la "
        "décision est historisée",
        "no_approval": "Sans objet : le flux ne comporte pas d'étape de validation",
        "mobile_title": "Préparer une visite sur mobile et en saisir le compte rendu, hors "
        "connexion",
        "mobile_data": "Un compte de démonstration avec son historique, ses contacts et ses "
        "affaires en cours",
        "mobile_expected": "Le compte rendu et la relance saisis hors connexion apparaissent "
        "dans le CRM après la synchronisation, sans doublon",
    },
    "en": {
        "data": "Demonstration data set supplied by {owner} ({objects})",
        "data_none": "Demonstration data set supplied by {owner}",
        "expected": "The flow runs end to end in the solution, with no re-entry and no "
        "intermediate file, and each requirement listed is shown on screen",
        "approval": "The step “{step}” is submitted {who}, who approves or rejects it in the "
        "solution; the decision is logged",
        "approval_nobody": "The step “{step}” is submitted for approval in the solution; the "
        "decision is logged",
        "no_approval": "Not applicable: the flow has no approval step",
        "mobile_title": "Prepare a visit and enter its report on a phone, offline",
        "mobile_data": "A demonstration account with its history, contacts and open deals",
        "mobile_expected": "The report and the follow-up entered offline appear in the CRM "
        "after synchronisation, with no duplicate",
    },
}


def _stems(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"\w{4,}", _fold(text))}


def _closest_profile(flow: Flow, profiles: list[Mapping[str, Any]]) -> tuple[str, ...]:
    """When no step names who performs it: the profile whose name and missions share most
    words with the flow (its name counting three times), if any does."""
    title, rest = _stems(flow.name), _stems(flow.text)
    best, score = "", 0
    for profile in profiles:
        label = _text(profile.get("profile"))
        found = _stems(label + " " + _text(profile.get("missions")))
        overlap = 3 * len(title & found) + len(rest & found)
        if label and overlap > score:
            best, score = label, overlap
    return (best,) if best else ()


def _approval(flow: Flow, people: Mapping[str, str], lang: str) -> str:
    """The scenario's approval line: who the flow's approval step is submitted to, by role."""
    words = _WORDS["en" if lang == "en" else "fr"]
    if not flow.validation_step or has_no_approval(flow.validation_step) or (
            flow.validator and has_no_approval(flow.validator)):
        return words["no_approval"] + "."
    if not flow.validator:
        return words["approval_nobody"].format(step=flow.validation_step) + "."
    return words["approval"].format(step=flow.validation_step,
                                    who=approver(flow.validator, people, lang)) + "."


def _named_flows(data: Any, bank: Questionnaire) -> list[tuple[str, Any]]:
    """The information flows that have a name: each is a demonstration scenario."""
    named = ((_text(flow.get("name")), flow) for _, flow in
             _records(data, bank, "information_flows"))
    return [(name, flow) for name, flow in named if name]


def _mobile_profiles(data: Any, bank: Questionnaire, profiles: list[Any]) -> list[Any]:
    """The mobile profiles, when the answers ask for offline mobile work (a scenario of its
    own), else none."""
    mobile = [p for p in profiles if p.get("mobile") is True]
    return mobile if mobile and answer_of(data, bank, "mobile_offline") is True else []


def _generated_ids(data: Any, bank: Questionnaire) -> set[str]:
    """The ids :func:`_generated` gives, without writing the scenarios (validation only needs
    the ids; the Spec writes them once)."""
    profiles = [r for _, r in _records(data, bank, "user_profiles")]
    count = len(_named_flows(data, bank)) + bool(_mobile_profiles(data, bank, profiles))
    return {f"DEMO-{k:02d}" for k in range(1, count + 1)}


def _generated(data: Any, bank: Questionnaire, lang: str,
               requirements: Sequence[Any]) -> list[Scenario]:
    words = _WORDS["en" if lang == "en" else "fr"]
    records = [r for _, r in _records(data, bank, "user_profiles")]
    glossary = [(_text(r.get("term")), _text(r.get("definition")))
                for _, r in _records(data, bank, "glossary")]
    profiles = profiles_of(records, glossary)
    objects = [_text(r.get("name")) for _, r in _records(data, bank, "data_objects")]
    tools = [_text(r.get("name")) for _, r in _records(data, bank, "existing_tools")]
    matcher = Matcher(requirements, lang, tools) if requirements else None
    people = roles_of_people(data) if isinstance(data, Mapping) else {}
    found: list[Scenario] = []
    # "l'AREI" for a body whose name takes an article (meta.company_in_text), else generic
    owner = _text(answer_of(data, bank, "company_in_text")) or (
        "the company" if lang == "en" else "l'entreprise")
    for name, record in _named_flows(data, bank):
        trigger = _text(record.get("trigger"))
        flow = Flow(name, trigger, _steps(_text(record.get("steps"))),
                    _text(record.get("validation_step")), _text(record.get("validator")))
        used = [o for o in objects if o and _fold(o) in _fold(flow.text)]
        actors = tuple(runners(flow, profiles, lang)) or _closest_profile(flow, records)
        found.append(Scenario(
            f"DEMO-{len(found) + 1:02d}", name, join(list(actors), lang),
            ((trigger,) if trigger else ()) + flow.steps,
            words["data"].format(objects=", ".join(quoted(o, lang) for o in used), owner=owner)
            if used else words["data_none"].format(owner=owner),
            matcher.shown(flow) if matcher else (), words["expected"] + ".",
            _approval(flow, people, lang), actors))
    mobile = _mobile_profiles(data, bank, records)
    if mobile:
        mob_ids = tuple(sorted(r.id for r in requirements if r.module == "mobile"
                               and r.priority in ("must", "should"))[:_MAX_IDS])
        actor = _text(mobile[0].get("profile"))
        found.append(Scenario(
            f"DEMO-{len(found) + 1:02d}", words["mobile_title"], actor,
            _MOBILE_STEPS["en" if lang == "en" else "fr"], words["mobile_data"], mob_ids,
            words["mobile_expected"] + ".", words["no_approval"] + ".",
            (actor,) if actor else ()))
    return found


def scenarios(data: Any, bank: Questionnaire, lang: str,
              requirements: Sequence[Any] = ()) -> tuple[Scenario, ...]:
    """The demonstration scenarios: generated, then dropped, changed or added by the answers."""
    result = {s.id: s for s in _generated(data, bank, lang, requirements)}
    order = list(result)
    added = 100
    known_ids = {r.id for r in requirements}
    for _, record in _records(data, bank, "demo_scenarios"):
        ref = _text(record.get("id")).upper()
        if ref and ref not in result:
            continue  # reported by check_consultation
        if ref and record.get("drop") is True:
            result.pop(ref)
            order.remove(ref)
            continue
        changes: dict[str, Any] = {}
        for field, attr in (("title", "title"), ("actor", "actor"), ("data", "data"),
                            ("expected_result", "expected")):
            if _text(record.get(field)):
                changes[attr] = _text(record.get(field))
        if changes.get("expected", ".")[-1] not in ".!?":
            changes["expected"] += "."
        if "actor" in changes:
            changes["actors"] = (changes["actor"],)
        if _text(record.get("steps")):
            changes["steps"] = _steps(_text(record.get("steps")))
        if _text(record.get("requirements")):
            ids = re.split(r"[\s,;]+", _text(record.get("requirements")).upper())
            changes["requirements"] = tuple(i for i in ids if i and (
                not known_ids or i in known_ids))
        if ref:
            result[ref] = replace(result[ref], **changes)
        elif changes.get("title"):
            added += 1
            new_id = f"DEMO-{added}"
            result[new_id] = Scenario(new_id, changes.get("title", ""), changes.get("actor", ""),
                                      changes.get("steps", ()), changes.get("data", ""),
                                      changes.get("requirements", ()),
                                      changes.get("expected", ""), "",
                                      changes.get("actors", ()))
            order.append(new_id)
    return tuple(result[i] for i in order)
