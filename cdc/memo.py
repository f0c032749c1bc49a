"""What one command computes once: results kept for the length of one use case.

Validation checks the requirement changes against the requirement list, the Spec prints that
list, the response grid lists it again and ``cdc check`` compares the answers with it: each
would tailor the whole catalogue to the answers anew. Inside :func:`one_run` (a render, a
check), a function decorated with :func:`once_per_run` computes its result once for the same
arguments. Outside, nothing is kept, so a caller that changes its answers between two calls
(an interview) never reads a stale result.

:func:`share` and :func:`shared` hand one result to another part of the same run: the validation
of the answers file, which the internal edition's quality findings would otherwise compute again
from the same answers.

Arguments are told apart by value for answers (a dict, compared through its ``repr``: the
internal edition's quality findings validate the answers again, into an equal dict), strings
and numbers, and by identity for the rest (the question bank, loaded once per process).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_RUN: ContextVar[dict[tuple[Any, ...], tuple[Any, Any]] | None] = ContextVar("cdc_run",
                                                                            default=None)


@contextlib.contextmanager
def one_run() -> Iterator[None]:
    """Within the block, :func:`once_per_run` functions keep their results (a nested block
    shares the outer one's)."""
    if _RUN.get() is not None:
        yield
        return
    token = _RUN.set({})
    try:
        yield
    finally:
        _RUN.reset(token)


def _key(value: object) -> object:
    if isinstance(value, str | int | float | bool | None):
        return value
    if isinstance(value, dict):  # answers: validated again by the internal edition's checks
        return repr(value)
    return id(value)


def once_per_run(function: Callable[P, R]) -> Callable[P, R]:
    """``function``, computed once per :func:`one_run` for the same positional arguments.

    The result is shared: the function must return something its callers do not change (a
    tuple, a frozen object).
    """
    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        memo = _RUN.get()
        if memo is None or kwargs:
            return function(*args, **kwargs)
        key = (function.__qualname__, *map(_key, args))
        found = memo.get(key)
        if found is not None:
            result: R = found[1]
            return result
        value = function(*args, **kwargs)
        memo[key] = (args, value)  # the arguments kept alive: their ids stay theirs
        return value

    return wrapper


def share(kind: str, owner: object, value: object) -> None:
    """Within :func:`one_run`, keeps ``value`` as the ``kind`` of ``owner`` (the very object,
    not an equal one) for :func:`shared`; outside, does nothing."""
    memo = _RUN.get()
    if memo is not None:
        memo[("shared", kind, id(owner))] = (owner, value)  # the owner kept alive: its id stays


def shared(kind: str, owner: object) -> Any:
    """What :func:`share` kept as the ``kind`` of ``owner`` in this run, else None."""
    memo = _RUN.get()
    found = memo.get(("shared", kind, id(owner))) if memo is not None else None
    return found[1] if found is not None and found[0] is owner else None
