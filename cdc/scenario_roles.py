"""Who runs a demonstration scenario and who approves in it, by role, never by name.

**Who runs it**: the user profiles that perform the flow's steps, in order: "par le
sédentaire", "by the account manager", "AE creates…"; a profile is recognised by its name, a
part of it ("Conseiller du service client" → "service client"), its acronym ("SDR"), its
initials ("Account Executive" → "AE"), a word only it has ("sédentaire") or a glossary
acronym defined by it ("TC: Technico-commercial itinérant…"). A flow no profile performs goes
to the profile whose missions are most like it, or to none.

The approver is the flow's ``validator`` said as a role: "Paul Chabert (directeur commercial)"
→ "au directeur commercial"; a name alone takes the role its owner has elsewhere in the answers
(the respondents, the project team), so that vendors read who decides, not who the person is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cdc.language import to_role
from cdc.scenario_links import STOP_WORDS, Flow, fold, stems

# --------------------------------------------------------------------------- who runs it


_SPLIT_PARTS = re.compile(r"\s*(?:,|/|\bet\b|\band\b)\s*")
_PREPOSITION = re.compile(r"^(\S+)\s+(?:de la|de l'|du|des|de|d'|en|of the|of)\s*(.+)$",
                          re.IGNORECASE)
_ALIAS_GENERIC = frozenset({"equipe", "team", "service", "pole", "direction", "staff",
                            "group", "groupe", "utilisateur", "user", "users", "senior",
                            "junior", "responsable", "manager"})
_BY = {"fr": re.compile(r"\bpar\s+(?:le |la |les |l'|l’|un |une |des |son |sa |ses )?",
                        re.IGNORECASE),
       "en": re.compile(r"\bby\s+(?:the |a |an |its |their )?", re.IGNORECASE)}


@dataclass(frozen=True)
class Profile:
    label: str
    missions: str
    aliases: tuple[tuple[str, ...], ...]  # folded word sequences that name the profile


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in re.findall(r"[\w+]+", fold(text)) if w)


def profiles_of(records: Iterable[Mapping[str, Any]],
                glossary: Iterable[tuple[str, str]] = ()) -> list[Profile]:
    """The user profiles of part 1 with every name a flow may give them."""
    raw = [(str(r.get("profile") or "").strip(), str(r.get("missions") or "").strip())
           for r in records]
    raw = [(label, missions) for label, missions in raw if label]
    aliases: list[set[tuple[str, ...]]] = []
    for label, _ in raw:
        found: set[tuple[str, ...]] = {_words(label)}
        inside = re.findall(r"\(([^)]*)\)", label)
        bare = re.sub(r"\([^)]*\)", " ", label)
        found.update(_words(i) for i in inside)
        for part in _SPLIT_PARTS.split(bare):
            part = part.strip()
            if not part:
                continue
            found.add(_words(part))
            match = _PREPOSITION.match(part)
            if match and len(_words(match.group(2))) >= 1:
                found.add(_words(match.group(2)))
            capitals = [w for w in part.split() if w[:1].isupper()]
            if len(capitals) >= 2 and len(capitals) == len(part.split()):
                found.add((fold("".join(w[0] for w in capitals)),))  # Account Executive → AE
        aliases.append({a for a in found if a})
    # A word only one profile's name has names that profile ("sédentaire", "e-commerce").
    counts: dict[str, int] = {}
    for label, _ in raw:
        for word in set(_words(re.sub(r"\([^)]*\)", " ", label))):
            counts[word] = counts.get(word, 0) + 1
    for (label, _), found in zip(raw, aliases, strict=True):
        for word in set(_words(re.sub(r"\([^)]*\)", " ", label))):
            if counts[word] == 1 and len(word) >= 4 and word not in _ALIAS_GENERIC \
                    and word not in STOP_WORDS:
                found.add((word,))
    # A glossary acronym defined by one profile's name names it too ("TC: Technico-commercial").
    for term, definition in glossary:
        if not term.isupper() or len(term) > 6:
            continue
        start = _words(" ".join(definition.split()[:4]))
        owners = [i for i, found in enumerate(aliases)
                  if any(len(a) >= 1 and _starts_with(start, a) and a != (fold(term),)
                         and (len(a) > 1 or counts.get(a[0], 0) == 1) for a in found)]
        if len(owners) == 1:
            aliases[owners[0]].add((fold(term),))
    return [Profile(label, missions, tuple(sorted(found, key=len, reverse=True)))
            for (label, missions), found in zip(raw, aliases, strict=True)]


def _starts_with(words: tuple[str, ...], alias: tuple[str, ...]) -> bool:
    return words[:len(alias)] == alias


def _named_at(words: tuple[str, ...], profiles: Sequence[Profile]) -> list[tuple[int, Profile]]:
    """The profiles whose name ``words`` starts with, with the number of words matched."""
    found = []
    for profile in profiles:
        length = max((len(a) for a in profile.aliases if _starts_with(words, a)), default=0)
        if length:
            found.append((length, profile))
    return found


def _performer(step: str, profiles: Sequence[Profile], lang: str,
               context: set[str]) -> Profile | None:
    """The profile that performs ``step``: named after "par"/"by", or, in English, as the
    step's subject ("AE creates a quote") unless the step is passive ("CSM notified")."""
    lang = "en" if lang == "en" else "fr"
    places = [step[m.end():] for m in _BY[lang].finditer(step)]
    if lang == "en":
        words = step.split()
        passive = bool(words) and words[-1].lower().rstrip(".").endswith("ed")
        if not passive:
            places.append(re.sub(r"^(?:the|a|an)\s+", "", step, flags=re.IGNORECASE))
    for place in places:
        found = _named_at(_words(place), profiles)
        if not found:
            continue
        longest = max(n for n, _ in found)
        tied = [p for n, p in found if n == longest]
        return max(tied, key=lambda p: len(stems(p.missions + " " + p.label, lang) & context))
    return None


def runners(flow: Flow, profiles: Sequence[Profile], lang: str) -> list[str]:
    """The profiles that perform the flow's steps, in the order they first act; when none
    does, the one whose missions are most like the flow (none on a tie)."""
    context = stems(flow.text, lang)
    found: list[str] = []
    for step in (flow.trigger, *flow.steps):
        profile = _performer(step, profiles, lang, context) if step else None
        if profile is not None and profile.label not in found:
            found.append(profile.label)
    if found:
        return found
    scored = sorted(((len(stems(p.missions, lang) & context), p.label) for p in profiles),
                    reverse=True)
    if scored and scored[0][0] >= 2 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return [scored[0][1]]
    return []


# --------------------------------------------------------------------------- who approves


_PARENTHESIS = re.compile(r"^(?P<who>[^()]+?)\s*\((?P<role>[^()]+)\)(?P<rest>.*)$")
_THEN = re.compile(r"(,?\s+(?:puis|then)\s+)", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.-]*$")


def _looks_like_a_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words)


def _role_of(text: str) -> str:
    """"Responsable SAV, site de Villefranche" → "Responsable SAV"."""
    return re.split(r"\s*[,;]\s*", text.strip(), maxsplit=1)[0]


def roles_of_people(data: Any) -> dict[str, str]:
    """Each person the answers name with a role: the records that have a ``name`` and a
    ``role`` (respondents, project team) and the answers written "Name (role)"."""
    found: dict[str, str] = {}

    def visit(node: Any) -> None:
        if isinstance(node, Mapping):
            name, role = node.get("name"), node.get("role")
            if isinstance(name, str) and isinstance(role, str) and name.strip() \
                    and role.strip() and _looks_like_a_name(name.strip()):
                found.setdefault(name.strip(), _role_of(role))
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)
        elif isinstance(node, str) and "(" in node and len(node) < 200:
            match = _PARENTHESIS.match(node.strip())
            if match and _looks_like_a_name(match.group("who")) and not match.group("rest"):
                found.setdefault(match.group("who").strip(), _role_of(match.group("role")))

    visit(data)
    return found


def _as_role(part: str, people: Mapping[str, str]) -> str:
    """One approver of a chain, by role: "Paul Chabert (directeur commercial)" → "directeur
    commercial", "Anne-Sophie Reynaud au-delà de 150 k€" → "Directrice générale au-delà de
    150 k€"; anything else as written."""
    match = _PARENTHESIS.match(part)
    if match and (match.group("who").strip() in people
                  or _looks_like_a_name(match.group("who").strip())):
        return match.group("role").strip() + match.group("rest")
    for name in sorted(people, key=len, reverse=True):
        if part == name or part.startswith(name + " "):
            return people[name] + part[len(name):]
    return part


def approver(validator: str, people: Mapping[str, str], lang: str) -> str:
    """The ``validator`` answer as the one a step is submitted to, by role and with its
    article: "au directeur commercial, puis à la directrice générale au-delà de 150 k€ HT" /
    "to the Sales Director, then to the CRO above 20%"."""
    parts = _THEN.split(validator.strip())
    return "".join(part if i % 2 else to_role(_as_role(part.strip(), people), lang)
                   for i, part in enumerate(parts))
