"""What every fuzzed command must do: succeed, or fail with a located CdcError; never hang."""

from __future__ import annotations

import contextlib
import faulthandler
import os
from collections.abc import Callable, Iterator
from typing import TypeVar

from hypothesis import settings

from cdc.errors import CdcError

T = TypeVar("T")

HANG_SECONDS = 120
"""An example running longer than this is a hang: the process dumps every thread's stack and
exits, which fails the run loudly (a real hang never returns to Hypothesis)."""


def scaled(quick: int) -> int:
    """``quick`` examples in the quick profile; the profile's own count otherwise."""
    return quick if os.environ.get("CDC_FUZZ_PROFILE", "quick") == "quick" \
        else settings().max_examples


@contextlib.contextmanager
def no_hang() -> Iterator[None]:
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


def outcome(call: Callable[[], T]) -> T | CdcError:
    """The result of ``call``, or the CdcError it raised; any other exception fails the test."""
    with no_hang():
        try:
            return call()
        except CdcError as exc:
            assert str(exc).strip(), "an error without a message"
            return exc
