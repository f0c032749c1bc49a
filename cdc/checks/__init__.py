"""`cdc check`: is this specification ready to send to vendors?

Completeness, vague wording (French and English lexicons, data in lexicon_*.yaml), measurability
and consistency, as one list of findings. The CLI prints them (text or JSON); the document's
open-points annex lists the same findings::

    from cdc.checks import check_answers
    report = check_answers(data, bank)          # data: the parsed answers file
    for finding in report.findings: ...
    report.verdict.status                       # "ready", "nearly" or "not_ready"
"""

from __future__ import annotations

from cdc.checks.model import CheckReport, Finding, Verdict
from cdc.checks.run import check_answers, check_file

__all__ = ["CheckReport", "Finding", "Verdict", "check_answers", "check_file"]
