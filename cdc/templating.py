"""The Jinja environment that writes the document's Markdown: sandbox, escaping, typography.

Every ``{{ … }}`` goes through :func:`_finalize`: an answer is escaped for Markdown (it can never
become a heading, a link, an image, HTML or template code), control characters and terminal
escapes are stripped, and newlines are flattened so a value can sit in a table cell. Only
:class:`Markdown` values, produced by this module's own helpers (the "to be completed" mark, the
``paragraphs`` filter), pass through unescaped.

Templates are looked up in the user's ``--templates`` folder first (``DIR/<lang>/`` then ``DIR/``),
then in the packaged ``templates/<lang>/``. Every template runs in Jinja's sandbox, so a user's
template cannot reach Python internals.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from cdc.errors import CdcError, Location
from cdc.language import capitalise, count, elide, join, key_user
from cdc.resources import packaged_dir
from cdc.spec import Missing, Spec, Withheld, clean_text, format_date, format_number, note_withheld
from cdc.typography import typography

ENTRY = "document.md.j2"

TODO_TEXT = {"fr": "à compléter", "en": "to be completed"}
DASH = "—"


class Markdown(str):
    """Markdown written by cdc itself: printed as it is, never escaped."""

    __slots__ = ()


# --------------------------------------------------------------------------- escaping

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~&])")
_LINE_START = re.compile(r"^([-+=]|\d+[.)])")
_SPACES = re.compile(r"[ \n]+")
_BULLET = re.compile(r"^\s*[-*•–]\s+")


def escape_inline(value: object) -> str:
    """An answer as inline Markdown text: escaped, one line, safe in a table cell."""
    text = _SPACES.sub(" ", clean_text(str(value))).strip()
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], text)


def todo_mark(lang: str) -> Markdown:
    return Markdown(f"[{TODO_TEXT.get(lang, TODO_TEXT['en'])}](#todo)")


def _paragraphs(value: object, lang: str) -> Markdown:
    """A long answer as Markdown blocks: blank lines separate paragraphs, "- " lines make lists."""
    if isinstance(value, Withheld):
        note_withheld(value.question)
        return Markdown("")
    if isinstance(value, Missing):
        return Markdown(todo_mark(lang) if value.todo else DASH)
    text = clean_text(str(value)).strip()
    blocks: list[str] = []
    for chunk in re.split(r"\n[ ]*\n", text):
        lines = [line for line in chunk.split("\n") if line.strip()]
        prose: list[str] = []
        items: list[str] = []
        for line in lines:
            if _BULLET.match(line):
                if prose:
                    blocks.append(escape_inline(" ".join(prose)))
                    prose = []
                items.append("- " + escape_inline(_BULLET.sub("", line)))
            else:
                if items:
                    blocks.append("\n".join(items))
                    items = []
                prose.append(line)
        if prose:
            blocks.append(escape_inline(" ".join(prose)))
        if items:
            blocks.append("\n".join(items))
    return Markdown("\n\n".join(b for b in blocks if b.strip()) or DASH)


# --------------------------------------------------------------------------- words


def _prose(value: object, lang: str, particle: str | None = None, last: str | None = None
           ) -> object:
    """An answer as a sentence says it: a choice's ``text`` forms, each after ``particle``
    (elided and contracted: "aux entreprises (B2B) et au secteur public (B2G)"), joined with
    "et" (or ``last``). A missing answer is returned as it is, for the "to be completed" mark."""
    if isinstance(value, Missing):
        return value
    items = list(getattr(value, "prose_items", ()) or [str(value)])
    if particle:
        items = [elide(particle, item) for item in items]
    return join(items, lang, last)


def _elide(value: object, particle: str) -> object:
    """"Hydrotec" | elide("de") → "d'Hydrotec"."""
    if isinstance(value, Missing):
        return value
    return elide(particle, clean_text(str(value)))


# --------------------------------------------------------------------------- environment


def search_path(lang: str, user_dir: Path | None = None) -> list[Path]:
    """Folders searched for templates, first match wins."""
    folders: list[Path] = []
    if user_dir is not None:
        folders += [user_dir / lang, user_dir]
    folders.append(packaged_dir("templates") / lang)
    return [f for f in folders if f.is_dir()]


def make_environment(lang: str, user_dir: Path | None = None) -> Any:
    """The sandboxed Jinja environment for ``lang``."""
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    if user_dir is not None and not user_dir.is_dir():
        raise CdcError(f"template folder not found: {user_dir}",
                       "Give --templates an existing folder that holds your .md.j2 files.")

    def finalize(value: Any) -> str:
        if isinstance(value, Markdown):
            return value
        if isinstance(value, Withheld):  # not in this edition: nothing is printed
            note_withheld(value.question)
            return ""
        if isinstance(value, Missing):
            return todo_mark(lang) if value.todo else DASH
        if value is None:
            return DASH
        return escape_inline(value)

    env = SandboxedEnvironment(
        loader=FileSystemLoader([str(p) for p in search_path(lang, user_dir)]),
        undefined=StrictUndefined,
        finalize=finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["paragraphs"] = lambda v: _paragraphs(v, lang)
    env.filters["prose"] = lambda v, particle=None, last=None: _prose(v, lang, particle, last)
    env.filters["elide"] = _elide
    env.filters["capfirst"] = lambda v: v if isinstance(v, Missing) else capitalise(str(v))
    env.filters["key_user"] = lambda role: key_user(str(role), lang)
    env.filters["join_list"] = lambda items: join([str(i) for i in items], lang)
    env.globals["count"] = lambda n, noun, plural=None: count(
        n, noun, lang, plural, format_number(n, lang))
    env.filters["number"] = lambda v: format_number(v, lang)
    env.filters["date"] = lambda v: format_date(v, lang) if isinstance(v, dt.date) else v
    env.filters["typo"] = lambda v: typography(str(v), lang)
    env.filters["mark"] = lambda v: Markdown("●") if v else Markdown("–")
    env.globals["todo"] = lambda: todo_mark(lang)
    env.globals["lang"] = lang
    return env


def _template_location(exc: BaseException) -> Location | None:
    """Where in a template an error happened, from Jinja's rewritten traceback."""
    lineno = getattr(exc, "lineno", None)
    filename = getattr(exc, "filename", None)
    if filename and lineno:
        return Location(str(filename), int(lineno))
    tb = exc.__traceback__
    found: Location | None = None
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            found = Location(name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render_markdown(spec: Spec, user_dir: Path | None = None, entry: str = ENTRY) -> str:
    """The document's Markdown for ``spec``; template mistakes become a CdcError with a line."""
    from jinja2 import TemplateError, TemplateNotFound
    from jinja2.exceptions import SecurityError

    env = make_environment(spec.lang, user_dir)
    try:
        template = env.get_template(entry)
        return str(template.render(spec=spec, q=spec.q, g=spec.groups))
    except TemplateNotFound as exc:
        raise CdcError(f"template not found: {exc.name}",
                       f"Looked in: {', '.join(map(str, search_path(spec.lang, user_dir)))}."
                       ) from None
    except SecurityError as exc:
        raise CdcError(f"unsafe template code refused by the sandbox: {exc}",
                       "Templates may only print and loop over the values cdc gives them.",
                       _template_location(exc)) from None
    except TemplateError as exc:
        raise CdcError(f"template error: {exc.message or exc}",
                       "Check the template near this line (names: spec, q, g, todo()).",
                       _template_location(exc)) from None
    except (AttributeError, TypeError, ValueError, KeyError) as exc:
        raise CdcError(f"template error: {exc}",
                       "Check the template near this line (names: spec, q, g, todo()).",
                       _template_location(exc)) from None
