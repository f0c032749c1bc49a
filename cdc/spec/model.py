"""The Spec model: everything the document says, typed and immutable, for one language and one
edition. Built by :func:`cdc.spec.build.build_spec`; printed by the templates."""

from __future__ import annotations

from dataclasses import dataclass, field

from cdc.figures import DataFlow, Gantt
from cdc.language import VendorTerms
from cdc.spec.consultation import Consultation
from cdc.spec.interviews import Interviews
from cdc.spec.values import Field, Record


@dataclass(frozen=True)
class Risk:
    """A blocker turned into a risk. ``level`` 1-4 from impact × likelihood."""

    id: str
    category: Field
    description: Field
    impact: Field
    likelihood: Field
    mitigation: Field
    owner: Field
    score: int  # impact × likelihood, 1-9; 0 when not assessed
    level: Field  # Faible / Modérée / Élevée / Critique
    shared: bool = True  # also in the vendor edition (its category is not internal)


@dataclass(frozen=True)
class Requirement:
    """One requirement as the document prints it: ids and texts from
    :func:`cdc.requirements.build_requirements`, the same as in the vendor grid."""

    id: str
    module: str
    module_label: str
    statement: str
    priority: str  # must / should / could / wont
    priority_label: str  # "Obligatoire"
    eliminatory: bool
    priority_text: str  # "Obligatoire, éliminatoire": the table cell
    acceptance_criterion: Field  # Missing (to be completed) when the catalogue gives none
    verification: str  # "Démonstration"
    source: str = ""  # the answers its text and priority came from: "catalogue; mapping.x"
    priority_reasons: tuple[str, ...] = ()  # why answers or changes set the priority; they may
    # quote internal answers, so the vendor edition does not carry them


@dataclass(frozen=True)
class RequirementModule:
    """One module's requirements: one table of the document."""

    module: str
    label: str
    requirements: tuple[Requirement, ...]


@dataclass(frozen=True)
class SummaryLine:
    """One row of the requirements summary annex: counts by priority."""

    module: str
    label: str
    must: int
    should: int
    could: int
    wont: int
    eliminatory: int
    total: int


@dataclass(frozen=True)
class Vigilance:
    """A quality finding (``cdc check``) shown in the internal note's open-points annex."""

    part: str  # "1. Présentation de l'entreprise"
    answer: str  # the question's prompt, "(ligne N)" for a group record, then the field's
    message: str
    hint: str
    severity: str  # error / warning / info


@dataclass(frozen=True)
class RightsRow:
    role: Field
    description: Field
    cells: tuple[bool, ...]
    scope: Field


@dataclass(frozen=True)
class RightsMatrix:
    columns: tuple[str, ...]
    rows: tuple[RightsRow, ...]


@dataclass(frozen=True)
class RaciMatrix:
    """Activities × people, cells R, A, C, I (several letters joined when needed)."""

    people: tuple[str, ...]
    rows: tuple[tuple[Field, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Phase:
    name: Field
    start: Field
    end: Field
    weeks: Field
    deliverable: Field
    owner: Field


@dataclass(frozen=True)
class OpenPoint:
    number: int
    part: str  # "1. Présentation de l'entreprise"
    section: str
    question: str
    note: str  # the {todo} note (internal edition only)
    kind: str  # "missing" or "todo"
    action: str = ""  # what to do about it (internal edition only)


@dataclass(frozen=True)
class Term:
    term: str
    definition: str


@dataclass(frozen=True)
class TeamBalance:
    """The article's advice on the project team, checked: every level, producers, sceptics."""

    size: int
    champions: int
    reluctant: int
    levels: tuple[str, ...]  # the hierarchy levels represented, as a sentence says them
    all_levels: bool
    data_producers: int
    regular_users: int
    key_users: int


@dataclass(frozen=True)
class DocumentMeta:
    title: Field
    company: Field
    version: Field
    author: Field
    date: Field
    confidentiality: Field
    title_text: str  # plain, for file names and document properties
    company_text: str
    version_text: str
    author_text: str


@dataclass(frozen=True)
class Spec:
    """Everything the document says, typed, immutable, formatted for ``lang``.

    ``edition`` is "vendor" (the specification sent to vendors: internal answers are not in it)
    or "internal" (the project's scoping note: everything, plus the quality findings).
    """

    lang: str
    edition: str
    meta: DocumentMeta
    q: Record  # every top-level answer by question id
    groups: Record  # every repeating group by id: tuple of Records
    parts: Record  # part titles by key, in the document's language
    risks: tuple[Risk, ...]
    requirements: tuple[Requirement, ...]  # all, in the grid's order
    requirement_modules: tuple[RequirementModule, ...]  # functional, one per module (part 3)
    nfr_requirements: tuple[Requirement, ...]  # non-functional (part 4)
    interface_requirements: tuple[Requirement, ...]  # one per interface (part 3, INT-)
    requirement_summary: tuple[SummaryLine, ...]  # the summary annex, one row per module
    requirement_totals: SummaryLine
    findings: tuple[Vigilance, ...]  # quality findings (internal edition only, info included)
    rights: RightsMatrix
    raci: RaciMatrix
    phases: tuple[Phase, ...]
    milestones: tuple[Record, ...]
    team: TeamBalance
    total_users: Field
    sites: Field  # the number of sites, a record counting for several when it says so
    total_records: Field
    poor_sources: tuple[str, ...]
    glossary: tuple[Term, ...]
    open_points: tuple[OpenPoint, ...]
    dataflow: DataFlow
    gantt: Gantt
    duration_weeks: Field
    vendor: VendorTerms  # the vendor's names, one choice for the whole document
    consultation: Consultation  # part 7: deadline, timeline, award criteria, scenarios
    interviews: Interviews = field(default_factory=Interviews)  # internal edition: who said
    # what (cdc merge)

    @property
    def internal(self) -> bool:
        """True for the internal scoping note."""
        return self.edition == "internal"
