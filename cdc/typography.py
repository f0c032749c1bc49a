"""French typography, once for every output: the document, the grid, the interview, the checks.

No-break spaces before ; : ! ? % » and after «; the document also gets typographic apostrophes.
English text only loses the space a French habit puts before % ("86 %" reads "86%").
The rules are idempotent: text may go through them twice.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"  # no-break space: before : and %, inside « »
NNBSP = "\u202f"  # narrow no-break space: before ; ! ?, and in French thousands

_FR_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[ \u00a0]([;!?])"), NNBSP + r"\1"),
    (re.compile(r"(?<=[\w)»\]])([;!?])(?=\s|$)"), NNBSP + r"\1"),
    (re.compile(r"[ \u202f]:"), NBSP + ":"),
    (re.compile(r"(?<=[\w)»\]]):(?=\s|$)"), NBSP + ":"),
    (re.compile(r"(?<=[\d}])[ \u202f]%"), NBSP + "%"),  # "12 %", "{percent} %"
    (re.compile(r"«[ \u00a0\u202f]?"), "«" + NBSP),
    (re.compile(r"[ \u00a0\u202f]?»"), NBSP + "»"),
)
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_EN_PERCENT = re.compile(r"(?<=\d)[ \u00a0\u202f]%")


def typography(text: str, lang: str) -> str:
    """The typography of ``lang`` applied to ``text``: French rules, or English percentages."""
    if lang != "fr":
        return _EN_PERCENT.sub("%", text)
    return _APOSTROPHE.sub("’", french(text))


def french(text: str) -> str:
    """French spacing: no-break spaces before ; : ! ? % » and after « (apostrophes kept)."""
    for pattern, replacement in _FR_RULES:
        text = pattern.sub(replacement, text)
    return text
