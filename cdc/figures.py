"""What the two figures show, built from the answers: the data-flow map and the Gantt chart.

Pure data; :mod:`cdc.diagrams` draws it. The data-flow map has one box per system: the live
interfaces (each with its direction seen from the CRM: into it, out of it, or both ways) and the
data sources migrated once into the CRM. A system named differently in the sources inventory and
in the interfaces table ("Site web", "Formulaires du site web") is one box when every significant
word of the shorter name is in the longer one.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

IN, OUT, BOTH = "in", "out", "both"  # a link's direction, seen from the CRM


@dataclass(frozen=True)
class FlowLink:
    """One interface between a system and the CRM."""

    number: int  # its row in the interfaces table, from 1
    name: str  # the interface's name, printed in full beside its arrow
    frequency: str  # "Quotidienne", or ""
    direction: str  # IN, OUT or BOTH


@dataclass(frozen=True)
class FlowSystem:
    """One box of the map."""

    name: str
    links: tuple[FlowLink, ...]  # live interfaces, in the table's order
    migrated: bool = False  # a data source whose data is taken over into the CRM
    records: str = ""  # "9 600 fiches": the volume migrated, when known


@dataclass(frozen=True)
class DataFlow:
    """The data-flow map: the CRM and the systems around it."""

    crm: str
    systems: tuple[FlowSystem, ...]

    def __bool__(self) -> bool:
        return bool(self.systems)

    @property
    def interfaced(self) -> tuple[FlowSystem, ...]:
        """Systems with at least one live interface."""
        return tuple(s for s in self.systems if s.links)

    @property
    def migrated_only(self) -> tuple[FlowSystem, ...]:
        """Data sources taken over once, with no live interface."""
        return tuple(s for s in self.systems if not s.links)


@dataclass(frozen=True)
class GanttBar:
    name: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Gantt:
    bars: tuple[GanttBar, ...]
    milestones: tuple[tuple[str, dt.date], ...]
    lang: str

    def __bool__(self) -> bool:
        return bool(self.bars or self.milestones)


# --------------------------------------------------------------------------- building

_CRM = re.compile(r"\bcrm\b", re.IGNORECASE)
_STOP = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "au", "aux", "a", "sur",
         "pour", "par", "depuis", "vers", "the", "of", "and", "an", "for", "to", "from", "on",
         "in", "with"}


def _tokens(name: str) -> frozenset[str]:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return frozenset(t for t in re.split(r"[^a-z0-9]+", ascii_name) if t and t not in _STOP)


def _brands(name: str) -> dict[str, bool]:
    """Capitalised words of a name (product names: "Zendesk"), each with whether it comes first."""
    found: dict[str, bool] = {}
    for position, word in enumerate(re.findall(r"[^\W\d_][\w+-]*", name)):
        if len(word) >= 3 and word[0].isupper() and word.casefold() not in _GENERIC:
            found.setdefault(_fold(word), position == 0)
    return found


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


_GENERIC = {"crm", "erp", "api", "site", "web", "base", "fichiers", "fichier", "export",
            "exports", "liste", "listes", "suivi", "outil", "outils", "plateforme", "portail"}


def same_system(a: str, b: str) -> bool:
    """Whether two names denote one system: every significant word of one is in the other
    ("Site web", "Formulaires du site web"), or both carry the same product name, not first
    in both ("Zendesk Suite", "Utilisateurs et tickets Zendesk")."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return a.strip().casefold() == b.strip().casefold()
    if ta <= tb or tb <= ta:
        return True
    brands_a, brands_b = _brands(a), _brands(b)
    return any(not (brands_a[w] and brands_b[w]) for w in brands_a.keys() & brands_b.keys())


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


def build_dataflow(sources: tuple[Any, ...], interfaces: tuple[Any, ...]) -> DataFlow:
    """The map from the sources inventory and the interfaces table (records of the Spec)."""
    names: list[str] = []
    links: dict[int, list[FlowLink]] = {}
    migrated: dict[int, str] = {}

    def system(name: str) -> int:
        for index, known in enumerate(names):
            if same_system(known, name):
                return index
        names.append(name)
        return len(names) - 1

    for number, rec in enumerate(interfaces, 1):
        source, target = _text(rec.source), _text(rec.target)
        if not source or not target:
            continue
        raw = getattr(rec.direction, "raw", None)
        if raw not in ("inbound", "outbound", "bidirectional"):
            raw = "outbound" if _CRM.search(source) and not _CRM.search(target) else "inbound"
        direction = {"inbound": IN, "outbound": OUT, "bidirectional": BOTH}[raw]
        if _CRM.search(target) and not _CRM.search(source):
            other = source
        elif _CRM.search(source) and not _CRM.search(target):
            other = target
        else:  # neither end (or both) names the CRM: the end the data comes from
            other = target if direction == OUT else source
        frequency = re.sub(r"\s*\(.*?\)", "", _text(getattr(rec, "frequency", "")))
        link = FlowLink(number, _text(rec.name) or other, frequency, direction)
        links.setdefault(system(other), []).append(link)
    for rec in sources:
        name = _text(rec.name)
        if not name:
            continue
        index = system(name)
        volume = getattr(rec, "records", None)  # formatted with its unit: "9 600 fiches"
        migrated[index] = str(volume) if getattr(volume, "raw", None) is not None else ""
    systems = tuple(
        FlowSystem(name, tuple(links.get(i, ())), i in migrated, migrated.get(i, ""))
        for i, name in enumerate(names)
    )
    return DataFlow("CRM", systems)
