"""``cdc merge``: the answers of several people, interviewed one by one, in one project file.

Each respondent file (``cdc interview FILE --role R``, or any answers file) is validated first;
one with errors stops the merge before anything is written. The people are named by the
respondents their file records (``meta.respondents``), else by the file's name. What they said
is combined question by question (:mod:`cdc.merge.combine`), settled against the project file
if it exists (:mod:`cdc.merge.reconcile`: a merge run again is exact and keeps the project
lead's edits), and written with its provenance (:mod:`cdc.provenance`): who gave each answer,
and every disagreement with each version and its authors. The result is validated as ``cdc
validate`` would before it is written, atomically.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cdc.errors import CdcError, Location, Problem, UsageError
from cdc.merge.combine import combine
from cdc.merge.reconcile import Reconciler
from cdc.provenance import KEY, Disagreement, Entry, compact, disagreements, read
from cdc.questionnaire import Questionnaire, load_questionnaire

COMMENT = ("Written by cdc merge: who gave each answer, and the versions of each disagreement.\n"
           "Edit the answers above, not this block: cdc merge keeps your edits and rewrites it.")


@dataclass(frozen=True)
class Source:
    """One respondent file: who answered in it, and their validated answers."""

    path: Path
    who: str
    data: Mapping[str, Any]


@dataclass
class MergeResult:
    """What ``cdc merge`` wrote."""

    output: Path
    created: bool
    sources: list[Source]
    entries: list[Entry] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)  # open in the output
    kept: list[str] = field(default_factory=list)  # the project lead's edits kept

    @property
    def answers(self) -> int:
        """Answers (and fields of records) the people gave, as written."""
        return sum(1 for e in self.entries if e.field or not e.record)

    @property
    def shared(self) -> int:
        """Of them, those several people gave (alike, or adding up)."""
        return sum(1 for e in self.entries if (e.field or not e.record) and len(e.by) > 1
                   and not e.versions)


def _respondents(data: Mapping[str, Any]) -> list[str]:
    meta = data.get("meta")
    records = meta.get("respondents") if isinstance(meta, Mapping) else None
    names = []
    for record in records if isinstance(records, list) else []:
        name = str(record.get("name") or "").strip() if isinstance(record, Mapping) else ""
        if name and name not in names:
            names.append(name)
    return names


def _label_sources(found: Sequence[tuple[Path, Mapping[str, Any]]]) -> list[Source]:
    """Names each file by its respondents; two files of the same people also get their name."""
    labels = [", ".join(_respondents(data)) or path.name for path, data in found]
    sources = []
    for (path, data), label in zip(found, labels, strict=True):
        if labels.count(label) > 1 and label != path.name:
            label = f"{label} ({path.name})"
        sources.append(Source(path, label, data))
    return sorted(sources, key=lambda s: (s.who.casefold(), s.who, str(s.path)))


def _read_inputs(inputs: Sequence[Path], output: Path, bank: Questionnaire) -> list[Source]:
    from cdc.project import validate_project

    paths: list[Path] = []
    for path in inputs:
        if not path.is_file():
            raise UsageError(f"{path}: no such file", "Give the respondent files to merge.")
        if path.resolve() == output.resolve():
            raise UsageError(f"{path} is both a file to merge and the output",
                             "The output (-o) is the project file the answers go into.")
        if path.resolve() not in {p.resolve() for p in paths}:
            paths.append(path)
    problems: list[Problem] = []
    found = []
    for path in paths:
        validation = validate_project(path, bank)
        problems.extend(validation.errors)
        found.append((path, validation.data if isinstance(validation.data, dict) else {}))
    if problems:
        bad = len({p.location.file for p in problems})
        raise CdcError(f"{bad} file(s) to merge have errors; nothing was merged",
                       "Fix them (cdc validate FILE shows each one), then merge again.",
                       problems=problems)
    return _label_sources(found)


def _language(project: Mapping[str, Any], sources: list[Source], lang: str | None) -> str:
    """The language of the quotes: asked, else the project's document, else the people's."""
    if lang in ("fr", "en"):
        return lang
    for data in [project, *(s.data for s in sources)]:
        meta = data.get("meta")
        value = meta.get("language") if isinstance(meta, Mapping) else None
        if value in ("fr", "en"):
            return str(value)
    return "fr"


def _provenance_block(entries: list[Entry]) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    items = CommentedSeq()
    for entry in compact(entries):
        item = CommentedMap(entry.as_yaml())
        item["by"] = _flow(CommentedSeq(item["by"]))
        if "fields" in item:
            item["fields"] = _flow(CommentedMap(item["fields"]))
        if "versions" in item:
            versions = CommentedSeq()
            for version in item["versions"]:
                answer = version["answer"]
                if isinstance(answer, list):
                    answer = _flow(CommentedSeq(answer))
                versions.append(_flow(CommentedMap(
                    [("by", _flow(CommentedSeq(version["by"]))), ("answer", answer)])))
            item["versions"] = versions
        else:
            item.fa.set_flow_style()
        items.append(item)
    return CommentedMap([("answers", items)])


def _flow(node: Any) -> Any:
    node.fa.set_flow_style()
    return node


def _check_output(text: str, output: Path, bank: Questionnaire) -> dict[str, Any]:
    """The merged file must pass ``cdc validate``; this is the merge's own guarantee."""
    from cdc.answers import validate_document
    from cdc.requirements import check_requirements
    from cdc.yamlsource import parse

    doc = parse(text, str(output))
    validation = validate_document(doc, bank)
    errors = validation.errors
    if isinstance(validation.data, dict) and validation.data:
        errors += [p for p in check_requirements(validation.data, bank, doc) if p.is_error]
    if errors:
        raise CdcError(f"{output}: the merged answers would not be valid; nothing was written",
                       "Run cdc validate on the files to merge and on the project file.",
                       Location(str(output)), problems=errors)
    return validation.data if isinstance(validation.data, dict) else {}


def merge_files(inputs: Sequence[Path], output: Path, lang: str | None = None,
                bank: Questionnaire | None = None) -> MergeResult:
    """Merges the respondent files ``inputs`` into ``output`` (created, or merged into).

    Raises UsageError (exit 2) for a missing file or an input that is the output, and
    CdcError (exit 1) when a file to merge or the project file has errors.
    """
    from cdc.files import write_atomic
    from cdc.interview import store
    from cdc.project import validate_project

    bank = bank or load_questionnaire()
    output = Path(output)
    if output.is_dir():
        raise UsageError(f"{output} is a folder", "Give -o the project's answers file.")
    sources = _read_inputs(inputs, output, bank)
    created = not output.exists()
    if not created:
        validation = validate_project(output, bank)
        if validation.errors:
            raise CdcError(f"{output}: the project file has errors; nothing was merged",
                           f"Fix them first (cdc validate {output}).",
                           problems=validation.errors)
    data = store.load(output, bank)
    language = _language(data, sources, lang)
    said = combine(bank, [(s.who, s.data) for s in sources], language)
    previous, _ = read(data.get(KEY))
    settled = Reconciler(bank, data, previous, output.name, language).run(said)
    if settled.entries:
        fresh = KEY not in data
        data[KEY] = _provenance_block(settled.entries)
        if fresh:
            data.yaml_set_comment_before_after_key(KEY, before=COMMENT)
    elif KEY in data:
        del data[KEY]
    text = store.dumps(data, bank)
    written = _check_output(text, output, bank)
    write_atomic(output, text)
    return MergeResult(output, created, sources, settled.entries,
                       [d for d in disagreements(written, bank) if d.open], settled.kept)
