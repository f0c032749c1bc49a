"""Rights stated in words against the rights matrix (technical.roles).

A sentence of ``rights_notes``, or a role's own description, that names a role and says it
reads every record while the matrix limits its scope; says it edits only its own records while
the matrix lets it edit all; or reserves deletion to administrators while another role may
delete. A role is named by its name (singular or plural) or by a glossary term whose definition
starts with it ("TC: technico-commercial itinérant...").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cdc.checks.consistency import get
from cdc.checks.measurability import records
from cdc.checks.model import Finding, part_number, say
from cdc.questionnaire import normal_text

READ_ALL = re.compile(
    r"\b(?:lire|lit|lisent|consulter|consulte|consultent|voir|voit|voient|lecture|acces)\b"
    r"(?: \w+){0,4}? (?:tous|toutes|l ensemble|autres secteurs|autres equipes|autres agences)\b"
    r"|\b(?:read|reads|see|sees|view|views|access)\b(?: \w+){0,3}? (?:all|every|other)\b")
EDIT_OWN = re.compile(
    r"\bne (?:modifie|modifient|peut modifier|peuvent modifier) que\b|\bmodifie uniquement\b"
    r"|\bonly (?:edit|edits|change|changes|modify|modifies)\b"
    r"|\b(?:edit|edits|change|changes|modify|modifies) only\b")
ADMIN_DELETE = re.compile(
    r"(?:aucun utilisateur hors administrateurs|seuls les administrateurs|only administrators"
    r"|nobody but administrators|no one but administrators)(?: \w+){0,6}? "
    r"(?:supprimer|suppriment|supprime|delete|deletes)\b")
_SENTENCE = re.compile(r"[.;!?\n\u2026]+")
SCOPES = {"own": ("ses propres fiches", "own records"), "team": ("les fiches de son équipe",
                                                                  "the team's records")}


@dataclass(frozen=True)
class _Role:
    index: int
    name: str
    aliases: tuple[str, ...]  # normalised
    scope: str
    read_scope: str
    permissions: tuple[str, ...]

    @property
    def reads(self) -> str:
        return self.read_scope or self.scope


def _plural(word: str) -> str:
    if word.endswith("al"):
        return word[:-2] + "aux"
    return word if word.endswith(("s", "x")) else word + "s"


def _roles(data: Any) -> list[_Role]:
    glossary = [(normal_text(str(g.get("term") or "")), normal_text(str(g.get("definition") or "")))
                for _, g in records(data, "meta", "glossary")]
    roles = []
    for index, role in records(data, "technical", "roles"):
        name = role.get("role")
        if not isinstance(name, str) or not normal_text(name):
            continue
        base = normal_text(name)
        aliases = {base, " ".join(_plural(w) for w in base.split())}
        aliases.update(term for term, definition in glossary
                       if term and (definition.startswith(base + " ") or definition == base))
        permissions = role.get("permissions")
        roles.append(_Role(index, name, tuple(sorted(aliases)), str(role.get("scope") or ""),
                           str(role.get("read_scope") or ""),
                           tuple(permissions) if isinstance(permissions, list) else ()))
    return roles


def _named(sentence: str, roles: list[_Role]) -> list[_Role]:
    padded = f" {sentence} "
    return [r for r in roles if any(f" {alias} " in padded for alias in r.aliases)]


def _finding(path: str, lang: str, fr: tuple[str, str], en: tuple[str, str],
             related: str, term: str) -> Finding:
    return Finding(path, term, "consistency", "error", say(lang, fr[0], en[0]),
                   say(lang, fr[1], en[1]), part_number(path), "rights_text", (related,))


def _sentence_findings(path: str, sentence: str, named: list[_Role], roles: list[_Role],
                       lang: str) -> list[Finding]:
    findings = []
    for role in named:
        scope_path = f"technical.roles[{role.index}].scope"
        if READ_ALL.search(sentence) and role.reads in ("own", "team"):
            findings.append(_finding(
                path, lang,
                (f"le texte dit que le rôle « {role.name} » consulte toutes les fiches, la "
                 f"matrice des droits limite son périmètre à « {SCOPES[role.reads][0]} »",
                 "Donnez au rôle un périmètre en consultation « toutes les fiches » (read_scope), "
                 "ou corrigez le texte."),
                (f"the text says the \"{role.name}\" role reads every record, the rights matrix "
                 f"limits its scope to \"{SCOPES[role.reads][1]}\"",
                 "Give the role an \"all records\" read scope (read_scope), or correct the "
                 "text."), scope_path, role.name))
        if EDIT_OWN.search(sentence) and role.scope == "all" and "edit" in role.permissions:
            findings.append(_finding(
                path, lang,
                (f"le texte dit que le rôle « {role.name} » ne modifie que ses fiches, la matrice "
                 "des droits lui permet de modifier toutes les fiches",
                 "Limitez son périmètre (scope) et gardez la consultation large (read_scope), "
                 "ou corrigez le texte."),
                (f"the text says the \"{role.name}\" role edits only its own records, the rights "
                 "matrix lets it edit all records",
                 "Narrow its scope and keep a wide read scope (read_scope), or correct the text."),
                scope_path, role.name))
    if ADMIN_DELETE.search(sentence):
        for role in roles:
            if "delete" in role.permissions and "admin" not in role.permissions:
                findings.append(_finding(
                    path, lang,
                    (f"le texte réserve la suppression aux administrateurs, mais le rôle "
                     f"« {role.name} » a le droit de supprimer",
                     "Retirez la permission de supprimer à ce rôle, ou corrigez le texte."),
                    (f"the text reserves deletion to administrators, but the \"{role.name}\" "
                     "role may delete",
                     "Take the delete permission away from this role, or correct the text."),
                    f"technical.roles[{role.index}].permissions", role.name))
    return findings


def rights_findings(data: Any, lang: str) -> list[Finding]:
    """Contradictions between the rights written in words and the rights matrix."""
    if not isinstance(data, Mapping):
        return []
    roles = _roles(data)
    if not roles:
        return []
    findings = []
    notes = get(data, "technical.rights_notes")
    if isinstance(notes, str):
        for raw in _SENTENCE.split(notes):
            sentence = normal_text(raw)
            named = _named(sentence, roles)
            findings.extend(_sentence_findings("technical.rights_notes", sentence, named, roles,
                                               lang))
    for role in roles:
        _, record = next((i, r) for i, r in records(data, "technical", "roles")
                         if i == role.index)
        description = record.get("description")
        if isinstance(description, str):
            for raw in _SENTENCE.split(description):
                findings.extend(_sentence_findings(
                    f"technical.roles[{role.index}].description", normal_text(raw), [role],
                    [], lang))
    return _unique(findings)


def _unique(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        key = (f.path, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
