"""The ``cdc render`` use case: answers file → specification in every format asked.

validate → Spec (of one edition) → Markdown (templates) → document tree → one writer per format.
Output names come from a safe slug of the company, the title and the version, plus the edition's
name for the internal note: an answer never becomes a path as it is. ``SOURCE_DATE_EPOCH`` is
honoured by the writers (no timestamps otherwise).

The vendor edition is the specification sent to vendors; the internal edition is the project's
scoping note (:mod:`cdc.audience`). Rendering the vendor edition reports what is still open and
any internal answer a template tried to print; ``strict`` turns those into an error.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cdc.audience import EDITION_SUFFIX, INTERNAL, VENDOR, check_edition
from cdc.document import Document, Text, parse_markdown
from cdc.errors import CdcError, Location, Problem, UsageError
from cdc.memo import one_run
from cdc.spec import OpenPoint, Spec, build_spec, collect_withheld

DEFAULT_FORMATS = ("docx", "pdf")
_DANGLING = {"de", "des", "du", "d", "la", "le", "les", "l", "et", "a", "au", "aux", "en",
             "pour", "of", "the", "and", "for", "to", "in", "on", "with"}
PDF_VARIANTS = ("pdf/a-3b", "pdf/ua-1")


def slug(text: str, limit: int = 60) -> str:
    """ASCII, lowercase, dashes: safe as a file name on every system."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(cleaned) <= limit:
        return cleaned
    cut = cleaned[: limit + 1].rsplit("-", 1)[0]  # whole words when possible
    words = cut.split("-")
    while len(words) > 1 and words[-1] in _DANGLING:  # "...-plateforme-de" reads cut off
        words.pop()
    cut = "-".join(words)
    return (cut if len(cut) >= limit // 2 else cleaned[:limit]).strip("-")


INTERNAL_NOTICE = {"fr": "Document interne – ne pas diffuser", "en": "Internal – do not distribute"}


def output_stem(spec: Spec) -> str:
    """menuiseries-durand-sas-cahier-des-charges-projet-crm-2027-v1-0 (…-interne for the
    internal note, so that the two editions never overwrite each other)."""
    from cdc.files import portable_name

    parts = [slug(spec.meta.company_text, 32), slug(spec.meta.title_text, 40)]
    stem = "-".join(p for p in parts if p) or "cahier-des-charges"
    version = slug(spec.meta.version_text, 12)
    stem = f"{stem}-v{version}" if version else stem
    if spec.edition == INTERNAL:
        stem += "-" + EDITION_SUFFIX["en" if spec.lang == "en" else "fr"]
    return portable_name(stem)


def standard_terms(lang: str, user_dir: Path | None) -> dict[str, str]:
    """The glossary's standard terms (templates/<lang>/glossary.yaml, overridable).

    A user's glossary is read like an answers file (:func:`cdc.yamlsource.load`): size, encoding,
    tags and alias bombs are refused with their line, and every definition must be text.
    """
    from cdc.errors import Location, Problem
    from cdc.resources import check_inside, is_inside
    from cdc.templating import search_path
    from cdc.yamlsource import load

    for folder in search_path(lang, user_dir):
        path = folder / "glossary.yaml"
        if path.is_file():
            if user_dir is not None and is_inside(folder, user_dir):
                check_inside(path, user_dir)
            doc = load(path, what="glossary files")
            problems = [p for p in doc.problems if p.is_error]
            data = doc.data if doc.data is not None else {}
            if not problems and not isinstance(data, dict):
                problems.append(Problem("error", Location(str(path), 1, 1),
                                        "expected 'term: definition' lines"))
            elif not problems:
                problems += [Problem("error", doc.where((k,)), f"the definition of '{k}' must "
                                     "be text", "Write it on the same line, quoted if needed.")
                             for k, v in data.items() if not isinstance(v, str | int | float)]
            if problems:
                raise CdcError(f"{path}: the glossary has {len(problems)} problem(s)",
                               "Fix the glossary (one 'term: definition' line per term), then "
                               "render again.", problems=problems)
            return {str(k): str(v) for k, v in data.items()}
    return {}


def _typeset(node: Any, lang: str) -> Any:
    """Applies the language's typography to every Text node of the tree (English: only "86%").

    Nodes whose texts do not change are kept as they are, and each distinct text is set once:
    a document repeats the same cells ("Oui", "Obligatoire") hundreds of times."""
    from cdc.typography import typography

    done: dict[str, Text] = {}

    def walk(item: Any) -> Any:
        if isinstance(item, Text):
            found = done.get(item.text)
            if found is None:
                text = typography(item.text, lang)
                found = done[item.text] = item if text == item.text else Text(text)
            return found
        if isinstance(item, tuple):
            items = tuple(walk(n) for n in item)
            return item if all(a is b for a, b in zip(items, item, strict=True)) else items
        names = _NODE_FIELDS.get(type(item))
        if names is None:
            names = _NODE_FIELDS[type(item)] = tuple(
                f.name for f in dataclasses.fields(item)) if dataclasses.is_dataclass(item) \
                and not isinstance(item, type) else ()
        changes = {}
        for name in names:
            value = getattr(item, name)
            if isinstance(value, tuple | Text) or (dataclasses.is_dataclass(value)
                                                   and not isinstance(value, type)):
                new = walk(value)
                if new is not value:
                    changes[name] = new
        return dataclasses.replace(item, **changes) if changes else item

    return walk(node)


_NODE_FIELDS: dict[type, tuple[str, ...]] = {}


def build_document(spec: Spec, templates: Path | None = None) -> Document:
    """The document tree for ``spec``: templates → Markdown → tree, typography applied."""
    from cdc.templating import render_markdown
    from cdc.typography import break_long_words

    source = render_markdown(spec, templates)
    meta = {
        "title": spec.meta.title_text,
        "author": spec.meta.author_text,
        "company": spec.meta.company_text,
        "version": spec.meta.version_text,
        "subject": spec.meta.title_text + (f" – {spec.meta.company_text}"
                                           if spec.meta.company_text else ""),
        "keywords": "CRM, cahier des charges" if spec.lang == "fr" else
        "CRM, requirements specification",
        # The internal note's every page says it must not be distributed: the writers print the
        # confidentiality in the running footer.
        "confidentiality": INTERNAL_NOTICE["en" if spec.lang == "en" else "fr"]
        if spec.internal else str(spec.meta.confidentiality),
        "date": str(spec.meta.date),
    }
    # the running header and footer and the file's properties hold answers too
    meta = {key: break_long_words(value, spec.lang) for key, value in meta.items()}
    doc = parse_markdown(source, spec.lang, meta)
    return Document(_typeset(doc.blocks, spec.lang), doc.lang, doc.meta)


def load_spec(answers_path: Path, templates: Path | None = None, edition: str = VENDOR) -> Spec:
    """Validates the answers file and builds its Spec; raises CdcError listing every error."""
    return load_answers(answers_path, templates, edition)[0]


def load_answers(answers_path: Path, templates: Path | None = None, edition: str = VENDOR
                 ) -> tuple[Spec, dict[str, Any]]:
    """The Spec and the validated answers of one file; raises CdcError listing every error."""
    from cdc.project import validate_project
    from cdc.questionnaire import load_questionnaire

    if not answers_path.is_file():
        raise UsageError(f"{answers_path}: no such file",
                         "Give the answers file to render, e.g. cdc render answers.yaml")
    bank = load_questionnaire()
    validation = validate_project(answers_path, bank)
    if not validation.ok:
        from cdc.messages import file_language

        raise CdcError(f"{answers_path}: {len(validation.errors)} error(s); nothing was rendered",
                       f"Fix them, then run again (cdc validate {answers_path}).",
                       problems=validation.errors,
                       lang=file_language(answers_path, validation.data))
    lang = validation.language()
    spec = build_spec(validation.data, bank, lang, standard_terms(lang, templates), edition)
    return spec, validation.data


def make_assets(spec: Spec, templates: Path | None, pdf_variant: str | None,
                answers: dict[str, Any] | None = None) -> Any:
    """What writers need beside the tree: pictures on demand, templates, the answers.

    Each picture is laid out once, the first time a writer asks for it, and written in each
    format asked (SVG for HTML and PDF, PNG for Word) from that one drawing.
    """
    import functools

    from cdc import diagrams
    from cdc.writers import Assets

    drawing = functools.cache(lambda name: diagrams.figure(spec, name))
    return Assets(
        make_svg=functools.cache(lambda name: diagrams.to_svg(drawing(name))),
        make_png=functools.cache(lambda name: diagrams.to_png(drawing(name))),
        templates_dir=templates,
        pdf_variant=pdf_variant,
        answers=answers,  # writers built from the model (the vendor grid) read the answers
        lang=spec.lang,
    )


def parse_formats(text: str | list[str] | tuple[str, ...]) -> list[str]:
    """"docx,pdf" → ["docx", "pdf"], checked against the writers' registry."""
    from cdc.writers import formats

    items = text.split(",") if isinstance(text, str) else list(text)
    wanted: list[str] = []
    for item in (i.strip().lower() for i in items):
        if not item:
            continue
        item = {"markdown": "md", "word": "docx"}.get(item, item)
        if item not in formats():
            raise UsageError(f"unknown format '{item}'", f"Formats: {', '.join(formats())}.")
        if item not in wanted:
            wanted.append(item)
    if not wanted:
        raise UsageError("no format given", f"Formats: {', '.join(formats())}.")
    return wanted


@dataclass(frozen=True)
class RenderResult:
    """What ``cdc render`` wrote, and what the user must hear about the edition it wrote."""

    written: list[Path]
    edition: str
    open_points: tuple[OpenPoint, ...]  # still to complete (printed "à compléter")
    withheld: tuple[str, ...]  # internal answers a template tried to print (left out)

    def problems(self, answers_path: Path) -> list[Problem]:
        """The warnings of a vendor edition, one per open point or withheld answer."""
        where = Location(str(answers_path))
        found = [Problem("warning", where, f"open point, printed as to be completed: "
                         f"{p.part} › {p.question}") for p in self.open_points]
        found += [Problem("warning", where, f"a template prints the internal answer '{key}'; "
                          "the vendor edition leaves it out",
                          "Print it only in the internal edition ({% if spec.internal %}).",
                          key) for key in self.withheld]
        return found


def render_file(
    answers_path: Path,
    formats: list[str] | tuple[str, ...] | str = DEFAULT_FORMATS,
    out_dir: Path | None = None,
    templates: Path | None = None,
    pdf_variant: str | None = None,
    pdf_engine: str | None = None,
    edition: str = VENDOR,
) -> list[Path]:
    """Renders one answers file in each format; returns every file written."""
    return render_answers(answers_path, formats, out_dir, templates, pdf_variant, pdf_engine,
                          edition).written


def render_answers(
    answers_path: Path,
    formats: list[str] | tuple[str, ...] | str = DEFAULT_FORMATS,
    out_dir: Path | None = None,
    templates: Path | None = None,
    pdf_variant: str | None = None,
    pdf_engine: str | None = None,
    edition: str = VENDOR,
    strict: bool = False,
) -> RenderResult:
    """Renders one answers file in each format, in one edition.

    ``pdf_engine`` picks the PDF writer: "typst" or "weasyprint" (default: Typst, unless
    ``templates`` holds a stylesheet, which only WeasyPrint reads: :func:`pdf_engine_for`). With
    ``strict``, a vendor edition that still has open points, or whose templates try to print an
    internal answer, is refused (CdcError, exit 1) before anything is written.
    """
    from cdc.writers import get_writer, pdf_engine_for

    edition = check_edition(edition)
    wanted = parse_formats(formats)
    pdf_engine = pdf_engine_for(pdf_engine, templates)
    if pdf_variant is not None and pdf_variant not in PDF_VARIANTS:
        raise UsageError(f"unknown PDF variant '{pdf_variant}'",
                         f"Variants: {', '.join(PDF_VARIANTS)}.")
    if templates is not None and not templates.is_dir():
        raise UsageError(f"template folder not found: {templates}",
                         "Give --templates an existing folder.")
    writers = []
    for fmt in wanted:
        try:
            writers.append((fmt, get_writer(fmt, pdf_engine)))
        except ModuleNotFoundError as exc:
            if not (exc.name or "").startswith("cdc."):
                raise
            raise UsageError(f"format '{fmt}' is not available in this version of cdc",
                             "Choose among: md, html, pdf, docx, xlsx.") from None
    with one_run():  # the requirements are listed by validation, the Spec and the grid
        return _render(answers_path, writers, out_dir, templates, pdf_variant, edition, strict)


def _render(answers_path: Path, writers: list[tuple[str, Any]], out_dir: Path | None,
            templates: Path | None, pdf_variant: str | None, edition: str,
            strict: bool) -> RenderResult:
    spec, answers = load_answers(answers_path, templates, edition)
    with collect_withheld() as withheld:
        doc = build_document(spec, templates)
    result = RenderResult([], edition, spec.open_points if edition == VENDOR else (),
                          tuple(withheld))
    if strict and (result.open_points or result.withheld):
        raise CdcError(f"{answers_path}: the vendor edition is not ready; nothing was rendered",
                       "Answer the open points (cdc check lists them), or render without "
                       "--strict to print them as to be completed.",
                       problems=[dataclasses.replace(p, severity="error")
                                 for p in result.problems(answers_path)])
    out = out_dir if out_dir is not None else answers_path.parent
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is not a folder", "Give -o an existing or new folder.")
    assets = make_assets(spec, templates, pdf_variant, answers)
    stem = output_stem(spec)
    for fmt, writer in writers:
        # The response grid is the vendors' in both editions: one file, one name.
        name = output_stem(dataclasses.replace(spec, edition=VENDOR)) if fmt == "xlsx" else stem
        result.written.extend(writer.write(doc, assets, out / f"{name}.{writer.extension}"))
    return result


def warm_up(formats: list[str] | tuple[str, ...] = ("docx", "pdf"),
            pdf_engine: str | None = None, compile_typst: bool = True,
            templates: Path | None = None) -> None:
    """Loads once what every document needs: the bank and the catalogue, every template
    compiled (both languages), the writers' libraries and fonts, the pictures' fonts. A batch
    calls it before forking its workers, so that no document pays for it. It writes a one-line
    document in each format into a temporary folder; with ``compile_typst`` False, Typst is only
    imported (it starts threads when it compiles, and a process with threads must not fork)."""
    import tempfile

    from cdc import diagrams
    from cdc.catalogue import load_catalogue
    from cdc.checks.lexicon import load_lexicon
    from cdc.questionnaire import load_questionnaire
    from cdc.templating import prepare
    from cdc.writers import Assets, get_writer, pdf_engine_for

    pdf_engine = pdf_engine_for(pdf_engine, templates)
    load_questionnaire()
    load_catalogue()
    wanted = parse_formats(list(formats))
    for lang in ("fr", "en"):
        prepare(lang, templates)
        load_lexicon(lang)  # the internal edition's quality findings
    if any(fmt in ("docx", "pdf", "html") for fmt in wanted):
        diagrams.prepare()
    doc = parse_markdown("# cdc\n\ncdc\n", "fr", {"title": "cdc"})
    assets = Assets(make_svg=lambda name: b"", make_png=lambda name: b"", answers=None)
    with tempfile.TemporaryDirectory(prefix="cdc-warm-") as tmp:
        for fmt in wanted:
            writer = get_writer(fmt, pdf_engine)
            if fmt == "xlsx" or (fmt == "pdf" and pdf_engine == "typst" and not compile_typst):
                continue  # the grid is built from the answers, not the tree: importing is enough
            writer.write(doc, assets, Path(tmp) / f"warm.{fmt}")
