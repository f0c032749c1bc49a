"""Text shown in a terminal stays text: no markup, no escape sequence, no unprintable character.

File names, vendor names, answers and template names reach the terminal inside messages. rich
would read ``[/x]`` as markup (and crash) or ``[link=file:///…]`` as a hyperlink, and a terminal
obeys the escape sequences a file name may hold. Every console cdc prints with is made by
:func:`console` (markup off); every piece of user text it prints goes through :func:`printable`.
"""

from __future__ import annotations

import re
from typing import Any

_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object) -> str:
    """``text`` with control characters, bidirectional overrides and lone surrogates written as
    visible escapes (``\\x1b``); everything else, accents and emoji included, unchanged."""
    return _UNPRINTABLE.sub(_escape, str(text))


def console(stderr: bool = False, **options: Any) -> Any:
    """A rich console that never reads markup in what it prints (styles are given as Text or
    ``style=``), nor highlights numbers and paths."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=options.pop("soft_wrap", True),
                   markup=False, **options)
