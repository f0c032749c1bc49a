"""Non-functional requirements generated from the technical answers, one fixed id per rule.

Each rule reads a few answers and, when they exist, writes a requirement in the document's
language from their values (hosting, SSO, GDPR items, SLA, migration...). A rule keeps its
``NFR-`` id forever: new rules are added at the end with the next number. The rules live
by subject: :mod:`.security` (hosting, identity, backups), :mod:`.data` (GDPR, reversibility,
migration), :mod:`.service` (service levels).
"""

from __future__ import annotations

from cdc.nonfunctional import data, security, service
from cdc.nonfunctional.base import Rule
from cdc.wording import Answers as Answers

# Each rule keeps its id forever: add new rules at the end with the next number.
NFR_RULES: tuple[tuple[str, Rule], ...] = tuple(sorted(
    {**security.RULES, **data.RULES, **service.RULES}.items()))
NFR_IDS = tuple(rid for rid, _ in NFR_RULES)
