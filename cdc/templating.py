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

import contextlib
import datetime as dt
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cdc.answer_values import Month
from cdc.errors import CdcError, Location
from cdc.language import capitalise, count, elide, in_words, join, key_user
from cdc.resources import check_inside, packaged_dir
from cdc.spec import Missing, Spec, Withheld, clean_text, format_date, format_number, note_withheld
from cdc.typography import break_long_words, typography

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


def escape_inline(value: object, lang: str = "fr") -> str:
    """An answer as inline Markdown text: escaped, one line, safe in a table cell; a run of
    characters no engine may break (a URL, a pasted block) gets break opportunities and, past
    500 characters, is cut visibly (:func:`cdc.typography.break_long_words`)."""
    text = break_long_words(_SPACES.sub(" ", clean_text(str(value))).strip(), lang)
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
                    blocks.append(escape_inline(" ".join(prose), lang))
                    prose = []
                items.append("- " + escape_inline(_BULLET.sub("", line), lang))
            else:
                if items:
                    blocks.append("\n".join(items))
                    items = []
                prose.append(line)
        if prose:
            blocks.append(escape_inline(" ".join(prose), lang))
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


# --------------------------------------------------------------------------- bounds
# A user's template is code: it may loop, recurse or build huge strings. The sandbox keeps it
# from Python internals; these keep it from the machine's time and memory.

TEMPLATE_SECONDS = 60.0
"""Longest a document's templates may run: the largest example takes a fraction of a second."""

MAX_VALUE_CHARS = 10_000_000
"""Longest text or list one template operation may build (``*``, ``+``)."""


class TemplateTimeout(BaseException):
    """Raised when templates run past :data:`TEMPLATE_SECONDS` (a BaseException, so that no
    ``except Exception`` on the way swallows it)."""


_deadline = [0.0]  # monotonic time after which a running template is stopped (0: none)


def _tick() -> None:
    import time

    if _deadline[0] and time.monotonic() > _deadline[0]:
        raise TemplateTimeout


def _sized(value: Any) -> int:
    return len(value) if isinstance(value, str | list | tuple) else 0


def _make_sandbox() -> Any:
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    class Sandbox(SandboxedEnvironment):
        """Jinja's sandbox, plus a deadline and bounds on what one operation may build."""

        intercepted_binops = frozenset({"*", "**", "+"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            _tick()
            if operator == "**" and isinstance(left, int | float) and isinstance(right, int) \
                    and abs(right) > 64 and abs(left) not in (0, 1):
                raise SecurityError("the power is too large for a document")
            if operator == "*":
                count = right if isinstance(right, int) else left if isinstance(left, int) else 1
                if max(_sized(left), _sized(right)) * max(count, 1) > MAX_VALUE_CHARS:
                    raise SecurityError("the repeated text or list is too long for a document")
            if operator == "+" and _sized(left) + _sized(right) > MAX_VALUE_CHARS:
                raise SecurityError("the joined text or list is too long for a document")
            return super().call_binop(context, operator, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            _tick()
            return super().call(__context, __obj, *args, **kwargs)

        def getattr(self, obj: Any, attribute: str) -> Any:
            _tick()
            return super().getattr(obj, attribute)

    return Sandbox


def _make_loader(folders: list[Path], user_dir: Path | None) -> Any:
    from jinja2 import FileSystemLoader

    class Loader(FileSystemLoader):
        """Jinja's file loader, refusing a user template that links out of --templates (the
        PDF engines' URL fetcher refuses such files too)."""

        def get_source(self, environment: Any, template: str) -> Any:
            source, filename, uptodate = super().get_source(environment, template)
            if user_dir is not None and filename and Path(filename).is_relative_to(user_dir):
                check_inside(Path(filename), user_dir)
            return source, filename, uptodate

    return Loader([str(p) for p in folders])


def _bytecode_cache() -> Any:
    """Compiled templates kept between runs (:mod:`cdc.cache`), or None. Compiling the
    document's templates takes longer than rendering them; a template is compiled again only
    when its source changes (the entry is keyed by its checksum)."""
    from jinja2 import FileSystemBytecodeCache

    from cdc.cache import folder

    where = folder("templates")
    if where is None:
        return None

    class Cache(FileSystemBytecodeCache):
        """Jinja's file cache, which never fails a render: a cache that cannot be written is
        only a slower run."""

        def dump_bytecode(self, bucket: Any) -> None:
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

    return Cache(str(where))


_ENVIRONMENTS: dict[tuple[str, str | None], Any] = {}
_KEPT = 8  # environments kept per process (one per language, and a few --templates folders)


def environment(lang: str, user_dir: Path | None = None) -> Any:
    """The environment for ``lang`` and ``user_dir``, made once per process and reused, so that
    each template is compiled once, not once per document (a batch renders hundreds).

    What belongs to one render is not kept in it: the withheld answers a template prints are
    collected in a context variable (:func:`cdc.spec.collect_withheld`), the time limit is set
    by each :func:`render_markdown`. A user's templates are checked for changes at every render.
    """
    if user_dir is not None and not user_dir.is_dir():
        raise CdcError(f"template folder not found: {user_dir}",
                       "Give --templates an existing folder that holds your .md.j2 files.")
    key = (lang, str(user_dir.resolve()) if user_dir is not None else None)
    env = _ENVIRONMENTS.pop(key, None)
    if env is None:
        env = make_environment(lang, user_dir)
    _ENVIRONMENTS[key] = env  # the most recent last
    while len(_ENVIRONMENTS) > _KEPT:
        del _ENVIRONMENTS[next(iter(_ENVIRONMENTS))]
    return env


def prepare(lang: str, user_dir: Path | None = None) -> None:
    """Compiles (or loads from the cache) every template of ``lang`` now, once per process: a
    batch does it before forking its workers."""
    env = environment(lang, user_dir)
    for name in env.list_templates(filter_func=lambda n: n.endswith(".j2")):
        with contextlib.suppress(Exception):  # a broken user template fails its render, later
            env.get_template(name)


def make_environment(lang: str, user_dir: Path | None = None) -> Any:
    """A new sandboxed Jinja environment for ``lang`` (:func:`environment` reuses them)."""
    from jinja2 import StrictUndefined

    if user_dir is not None and not user_dir.is_dir():
        raise CdcError(f"template folder not found: {user_dir}",
                       "Give --templates an existing folder that holds your .md.j2 files.")

    def finalize(value: Any) -> str:
        _tick()
        if isinstance(value, Markdown):
            return value
        if isinstance(value, Withheld):  # not in this edition: nothing is printed
            note_withheld(value.question)
            return ""
        if isinstance(value, Missing):
            return todo_mark(lang) if value.todo else DASH
        if value is None:
            return DASH
        return escape_inline(value, lang)

    env = _make_sandbox()(
        loader=_make_loader(search_path(lang, user_dir), user_dir),
        undefined=StrictUndefined,
        finalize=finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=user_dir is not None,  # a user edits templates between two renders
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["paragraphs"] = lambda v: _paragraphs(v, lang)
    env.filters["prose"] = lambda v, particle=None, last=None: _prose(v, lang, particle, last)
    env.filters["elide"] = _elide
    env.filters["capfirst"] = lambda v: v if isinstance(v, Missing) else capitalise(str(v))
    env.filters["key_user"] = lambda role: key_user(str(role), lang)
    env.filters["join_list"] = lambda items: join([str(i) for i in items], lang)
    env.globals["count"] = lambda n, noun, plural=None: count(
        n, noun, lang, plural, format_number(n, lang))
    env.globals["in_words"] = lambda n: in_words(n, lang)  # "deux lots", "two lots"
    env.filters["number"] = lambda v: format_number(v, lang)
    env.filters["date"] = lambda v: format_date(v, lang) if isinstance(v, dt.date) else v
    env.filters["typo"] = lambda v: typography(str(v), lang)
    env.tests["month"] = lambda v: isinstance(getattr(v, "raw", v), Month)  # "en juin 2027"
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


def _template_file(exc: BaseException | None) -> Location | None:
    """The template running when ``exc`` interrupted it (the file only: Jinja maps lines back
    to the template for the errors it handles, not for an interruption)."""
    found = _template_location(exc) if exc is not None else None
    return Location(found.file) if found is not None else None


def render_markdown(spec: Spec, user_dir: Path | None = None, entry: str = ENTRY) -> str:
    """The document's Markdown for ``spec``; template mistakes become a CdcError with a line."""
    from jinja2 import TemplateError, TemplateNotFound
    from jinja2.exceptions import SecurityError

    env = environment(spec.lang, user_dir)
    try:
        with _time_limit(TEMPLATE_SECONDS):
            template = env.get_template(entry)
            return str(template.render(spec=spec, q=spec.q, g=spec.groups))
    except TemplateTimeout:
        raise CdcError(f"the templates ran for more than {TEMPLATE_SECONDS:g} seconds and were "
                       "stopped", "A loop in a template never ends, or runs over far too many "
                       "items: check the templates of --templates.", _template_file(
                           sys.exc_info()[1])) from None
    except RecursionError as exc:
        raise CdcError("a template calls itself without end (a macro or an include that "
                       "recurses)", "Check the macros and includes of --templates.",
                       _template_location(exc)) from None
    except MemoryError:
        raise CdcError("the templates built more text than memory holds",
                       "Check the loops of --templates.") from None
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


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Stops a running template after ``seconds``: checked at every call, attribute and output
    (any platform), and by a timer signal in the main thread where there is one, for loops
    that do nothing else."""
    import signal
    import threading
    import time

    _deadline[0] = time.monotonic() + seconds
    timer = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    previous: Any = None
    if timer:
        def expire(signum: int, frame: Any) -> None:
            raise TemplateTimeout

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        _deadline[0] = 0.0
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
