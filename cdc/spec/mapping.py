"""Part 3 (data mapping and interactions) and the rights of part 4: the data-flow map and the
rights matrix."""

from __future__ import annotations

from cdc.figures import DataFlow, build_dataflow
from cdc.questionnaire import Questionnaire
from cdc.spec.model import RightsMatrix, RightsRow
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


def dataflow(sources: tuple[Record, ...], interfaces: tuple[Record, ...]) -> DataFlow:
    """The data-flow map: live interfaces and migrated sources around the CRM
    (:func:`cdc.figures.build_dataflow`)."""
    return build_dataflow(sources, interfaces)
