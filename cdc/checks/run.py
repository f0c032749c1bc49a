"""The use case: check an answers file and say whether it is ready to send to vendors."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cdc.answers import Validation, is_answered, validate_document
from cdc.checks.completeness import completeness_findings, completeness_summary
from cdc.checks.consistency import consistency_findings
from cdc.checks.disagreements import disagreement_findings
from cdc.checks.figures import figure_findings
from cdc.checks.leaks import leak_findings
from cdc.checks.measurability import measurability_findings
from cdc.checks.model import CheckReport, Finding, Verdict, say
from cdc.checks.requirement_conflicts import requirement_findings
from cdc.checks.rights import rights_findings
from cdc.checks.vague import vague_findings
from cdc.errors import UsageError
from cdc.language import join
from cdc.memo import one_run, shared
from cdc.project import validate_project
from cdc.provenance import KEY as PROVENANCE
from cdc.questionnaire import Questionnaire
from cdc.yamlsource import YamlDocument

NOT_READY_PERCENT = 70
NOT_READY_MISSING = 5

_ORDER = {"consistency": 0, "edition": 0, "disagreement": 1, "missing": 2, "open_point": 3,
          "measurability": 4}


def _document_language(data: Any) -> str | None:
    meta = data.get("meta") if isinstance(data, Mapping) else None
    lang = meta.get("language") if isinstance(meta, Mapping) else None
    return lang if lang in ("fr", "en") else None


def check_answers(data: Any, bank: Questionnaire, lang: str | None = None,
                  file: str = "<answers>") -> CheckReport:
    """Checks answers (the parsed YAML of an answers file) against the bank.

    ``lang`` forces the language of the report and of the vague-wording lexicon; by default the
    report follows meta.language and each answer is read in the language it is written in.
    """
    with one_run():
        # the answers of a file validated in this run (a render's internal edition): that
        # validation, not a second one of the same answers
        validation = shared("validation", data) if file == "<answers>" else None
        if validation is None:
            validation = validate_document(YamlDocument(file, data), bank)
        return _check(validation, bank, lang)


def check_file(path: Path, bank: Questionnaire, lang: str | None = None) -> CheckReport:
    """Reads, validates and checks one answers file. A missing file is a UsageError."""
    if not path.is_file():
        raise UsageError(f"{path}: no such file", "Give the path of an answers file "
                         "(cdc new creates one).")
    from cdc.messages import file_language

    with one_run():  # validation and the checks read the same requirement list
        validation = validate_project(path, bank)
        # a file that does not parse still says its language on its meta.language line
        return _check(validation, bank, lang, file_language(path, validation.data))


def _check(validation: Validation, bank: Questionnaire, forced: str | None,
           fallback: str = "fr") -> CheckReport:
    data = validation.data
    document = _document_language(data)
    lang = forced or document or fallback
    answers = {k: v for k, v in data.items() if k != PROVENANCE} \
        if isinstance(data, Mapping) else data  # the rules read answers, not bookkeeping
    findings = [
        *consistency_findings(answers, lang),
        *disagreement_findings(data, bank, lang),
        *figure_findings(answers, lang),
        *rights_findings(answers, lang),
        *requirement_findings(data, bank, lang),  # the validated dict: tailored once
        *measurability_findings(answers, lang),
        *completeness_findings(validation, bank, lang),
        *vague_findings(answers, bank, forced, document),
        *leak_findings(answers, bank, lang),
    ]
    findings = _dedupe(findings)
    report = CheckReport(findings, validation, Verdict("not_ready", ()), lang,
                         completeness_summary(validation, bank, lang))
    report.verdict = verdict(report)
    return report


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per problem: a rule that explains an empty field beats "required field empty"."""
    explained = {f.path for f in findings if f.category in ("consistency", "measurability")}
    disputed = {f.path for f in findings if f.category == "disagreement"}
    kept = [f for f in findings if not (f.category == "missing" and f.path in explained)
            and not (f.category == "open_point" and f.path in disputed)]
    return sorted(kept, key=lambda f: (f.part if f.part is not None else 99,
                                        _ORDER.get(f.category, 4)))


_CONSULTATION_ESSENTIALS = (
    ("response_deadline", "la date limite de remise des offres", "the response deadline"),
    ("submission_channel", "le canal de remise des offres", "the submission channel"),
    ("submission_address", "l'adresse de remise des offres", "the submission address"),
)


def _consultation_gaps(data: Any, lang: str) -> list[str]:
    """What a vendor needs to answer at all and the answers do not say yet."""
    block = data.get("consultation") if isinstance(data, dict) else None
    block = block if isinstance(block, dict) else {}
    return [fr if lang == "fr" else en for qid, fr, en in _CONSULTATION_ESSENTIALS
            if not is_answered(block.get(qid))]


def verdict(report: CheckReport) -> Verdict:
    """ready: nothing to fix; nearly: warnings or open points only; not_ready: contradictions,
    an invalid file, or too much missing."""
    lang = report.language
    completeness = report.completeness
    percent = int(completeness.get("percent", 0))
    missing = int(completeness.get("missing_required", 0))
    errors = report.count("error")
    warnings = report.count("warning")
    open_points = len(completeness.get("open_points", []))
    blocking = []
    if not report.valid:
        count = len(report.validation.errors)
        blocking.append(say(lang, f"le fichier de réponses est invalide ({count} erreur(s))",
                            f"the answers file is invalid ({count} error(s))"))
    if errors:
        blocking.append(say(lang, f"{errors} contradiction(s) à corriger",
                            f"{errors} contradiction(s) to fix"))
    if percent < NOT_READY_PERCENT:
        blocking.append(say(lang, f"seulement {percent} % des questions ont une réponse",
                            f"only {percent}% of the questions are answered"))
    if missing > NOT_READY_MISSING:
        blocking.append(say(lang, f"{missing} réponses obligatoires manquantes",
                            f"{missing} required answers missing"))
    lacking = _consultation_gaps(report.validation.data, lang)
    if lacking:
        blocking.append(say(lang, "la consultation n'est pas prête : il manque "
                                  + join(lacking, lang),
                            "the consultation is not ready: it lacks " + join(lacking, lang)))
    if blocking:
        return Verdict("not_ready", tuple(blocking))
    reasons = []
    if missing:
        reasons.append(say(lang, f"{missing} réponse(s) obligatoire(s) manquante(s)",
                           f"{missing} required answer(s) missing"))
    disputes = sum(1 for f in report.findings if f.category == "disagreement")
    if disputes:
        reasons.append(say(lang, f"{disputes} désaccord(s) entre personnes interrogées à "
                                 "trancher",
                           f"{disputes} disagreement(s) between the people interviewed to "
                           "settle"))
        open_points -= disputes
    if open_points:
        reasons.append(say(lang, f"{open_points} point(s) ouvert(s)",
                           f"{open_points} open point(s)"))
    other = warnings - sum(1 for f in report.findings if f.severity == "warning"
                           and f.category in ("missing", "open_point", "disagreement"))
    if other:
        reasons.append(say(lang, f"{other} avertissement(s) de rédaction ou de cohérence",
                           f"{other} wording or consistency warning(s)"))
    if reasons:
        return Verdict("nearly", tuple(reasons))
    return Verdict("ready", (say(lang, f"{percent} % des questions ont une réponse, "
                                       "aucune contradiction ni formulation vague",
                                 f"{percent}% answered, no contradiction or vague wording"),))
