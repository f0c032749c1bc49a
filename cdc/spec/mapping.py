"""Part 3 (data mapping and interactions) and the rights of part 4: the data-flow map and the
rights matrix."""

from __future__ import annotations

import re

from cdc.questionnaire import Questionnaire
from cdc.spec.model import DataFlow, FlowEdge, RightsMatrix, RightsRow
from cdc.spec.values import Field, Missing, Record, Value


def rights_matrix(roles: tuple[Record, ...], bank: Questionnaire, lang: str) -> RightsMatrix:
    """Roles × permissions, from the roles group and its permission choices."""
    roles_q = bank.by_id.get("roles")
    perm_field = roles_q.field("permissions") if roles_q else None
    columns = tuple(c.label.get(lang) for c in perm_field.choices) if perm_field else ()
    values = tuple(c.value for c in perm_field.choices) if perm_field else ()
    return RightsMatrix(columns, tuple(
        RightsRow(rec.role, rec.description, tuple(v in rec.permissions for v in values),
                  _scope(rec, lang))
        for rec in roles
    ))


def _scope(role: Record, lang: str) -> Field:
    """The role's scope, with its wider read scope when it has one ("Ses propres fiches ; en
    consultation : toutes les fiches")."""
    scope: Field = role.scope
    read = role.read_scope if "read_scope" in role else Missing()
    if not read or not scope or getattr(read, "raw", None) == getattr(scope, "raw", None):
        return scope
    items = getattr(read, "prose_items", ())
    text = items[0] if items else str(read)
    joined = (f"{scope} ; en consultation : {text}" if lang == "fr" else
              f"{scope}; read: {text}")
    return Value(joined, getattr(scope, "raw", None))


def dataflow(sources: tuple[Record, ...], interfaces: tuple[Record, ...], lang: str) -> DataFlow:
    """The data-flow map: live interfaces and migrated sources around the CRM."""
    crm = "CRM"
    inputs: list[str] = []
    outputs: list[str] = []
    edges: list[FlowEdge] = []

    def is_crm(name: str) -> bool:
        return bool(re.search(r"\bcrm\b", name, re.IGNORECASE))

    for rec in interfaces:
        src, dst = str(rec.source), str(rec.target)
        if not src or not dst:
            continue
        direction = getattr(rec.direction, "raw", "inbound")
        frequency = re.sub(r"\s*\(.*?\)", "", str(rec.frequency)) if rec.frequency else ""
        label = " · ".join(x for x in (str(rec.name), frequency) if x)
        if is_crm(src) and not is_crm(dst):
            other, inbound = dst, direction == "inbound"
        elif is_crm(dst) and not is_crm(src):
            other, inbound = src, direction != "outbound"
        else:
            other, inbound = src, direction != "outbound"
        both = direction == "bidirectional"
        if inbound and not both:
            if other not in inputs and other not in outputs:
                inputs.append(other)
            edges.append(FlowEdge(other, crm, label))
        else:
            if other not in outputs and other not in inputs:
                outputs.append(other)
            edges.append(FlowEdge(crm, other, label, both_ways=both))
    migration = "migration" if lang == "en" else "reprise"
    for rec in sources:
        name = str(rec.name)
        if not name or name in inputs or name in outputs:
            continue
        inputs.append(name)
        edges.append(FlowEdge(name, crm, migration, dashed=True))
    return DataFlow(crm, tuple(inputs), tuple(outputs), tuple(edges))
