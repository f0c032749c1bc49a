"""The one type family of the document, its files, and the width of a text set in it.

Every format is set in Liberation Sans: the PDF engines and the figures use it by that name, the
Word output names Arial, whose metrics it shares (LibreOffice substitutes one for the other), so
a line breaks at the same word everywhere. The fonts come from the Debian package
``fonts-liberation2`` (``.ci/run`` installs it; on other systems, any installation of Liberation
Sans 2). Without them, every engine falls back to DejaVu Sans, which matplotlib ships, and widths
are measured with it.

Widths are measured from the font's own advance widths (fontTools, which matplotlib already
depends on): table columns and figure labels are sized from them, so a header word is never
broken and a label never cut.
"""

from __future__ import annotations

import functools
import itertools
import re
import shutil
import subprocess
from pathlib import Path

FAMILY = "Liberation Sans"
WORD_FAMILY = "Arial"  # metric-compatible; LibreOffice shows Liberation Sans for it
FALLBACK = "DejaVu Sans"

_FILES = {
    (False, False): "LiberationSans-Regular.ttf",
    (True, False): "LiberationSans-Bold.ttf",
    (False, True): "LiberationSans-Italic.ttf",
    (True, True): "LiberationSans-BoldItalic.ttf",
}
_FALLBACK_FILES = {
    (False, False): "DejaVuSans.ttf",
    (True, False): "DejaVuSans-Bold.ttf",
    (False, True): "DejaVuSans-Oblique.ttf",
    (True, True): "DejaVuSans-BoldOblique.ttf",
}
_FOLDERS = (
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/liberation-sans",  # Fedora
    "/usr/share/fonts/TTF",  # Arch
    "/usr/local/share/fonts",
    "/Library/Fonts",
    str(Path.home() / ".local/share/fonts"),
    str(Path.home() / "Library/Fonts"),
)


@functools.cache
def font_file(bold: bool = False, italic: bool = False) -> Path | None:
    """The Liberation Sans file of that style, or None when it is not installed."""
    name = _FILES[(bold, italic)]
    for folder in _FOLDERS:
        path = Path(folder) / name
        if path.is_file():
            return path
    if shutil.which("fc-match"):
        style = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic",
                 (True, True): "Bold Italic"}[(bold, italic)]
        try:
            found = subprocess.run(["fc-match", "-f", "%{file}", f"{FAMILY}:style={style}"],
                                   capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            found = ""
        if found.endswith(name) and Path(found).is_file():
            return Path(found)
    return None


def installed() -> bool:
    """Whether Liberation Sans is there (else every engine falls back to DejaVu Sans)."""
    return font_file() is not None


def font_folders() -> list[Path]:
    """Folders holding the family's files, for engines that take font paths (Typst)."""
    return sorted({p.parent for b in (False, True) for i in (False, True)
                   if (p := font_file(b, i)) is not None})


_FALLBACK_FOLDERS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu",
                     "/usr/share/fonts/TTF")


@functools.cache
def fallback_file(bold: bool = False, italic: bool = False) -> Path:
    """DejaVu Sans of that style: the system's, else the copy matplotlib ships."""
    name = _FALLBACK_FILES[(bold, italic)]
    for folder in _FALLBACK_FOLDERS:
        if (Path(folder) / name).is_file():
            return Path(folder) / name
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name


@functools.cache
def _advances(bold: bool, italic: bool) -> tuple[dict[str, float], float]:
    """Advance width of every character, in ems, and the average for unknown characters (read
    from the font once, then kept in the user's cache: :func:`cdc.cache.remember`)."""
    from cdc.cache import remember

    path = _file(bold, italic)
    return remember(f"advances-{path.stem}", [path], lambda: _read_advances(path))


def _read_advances(path: Path) -> tuple[dict[str, float], float]:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        units = float(font["head"].unitsPerEm)
        metrics = font["hmtx"].metrics
        widths = {chr(code): metrics[glyph][0] / units
                  for code, glyph in font.getBestCmap().items() if glyph in metrics}
    average = sum(widths.get(c, 0.55) for c in "etaoinsrhldcu") / 13
    return widths, average


def _file(bold: bool, italic: bool) -> Path:
    return font_file(bold, italic) or fallback_file(bold, italic)


@functools.cache
def vertical_metrics(bold: bool = False, italic: bool = False) -> tuple[float, float]:
    """The font's ascent and descent (both positive), in ems: where a line's baseline sits."""
    from cdc.cache import remember

    path = _file(bold, italic)
    return remember(f"vertical-{path.stem}", [path], lambda: _read_vertical(path))


def _read_vertical(path: Path) -> tuple[float, float]:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        units = float(font["head"].unitsPerEm)
        return font["hhea"].ascent / units, -font["hhea"].descent / units


_BREAKS = re.compile(r"[ \t\n]+")  # not the non-breaking spaces


def words(text: str) -> list[str]:
    """The words of ``text`` as engines break lines: at ordinary spaces, never at non-breaking
    ones (French numbers, units, « guillemets »)."""
    return [w for w in _BREAKS.split(text) if w]


def text_width(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """The width of ``text`` on one line, in points, at ``size`` points."""
    if len(text) <= _MEMO_CHARS:
        return size * _short_width(text, bold, italic)
    widths, average = _advances(bold, italic)
    return size * sum(map(widths.get, text, itertools.repeat(average)))


_MEMO_CHARS = 200  # table columns and labels measure the same short texts at several sizes


@functools.lru_cache(maxsize=65536)
def _short_width(text: str, bold: bool, italic: bool) -> float:
    widths, average = _advances(bold, italic)
    return sum(map(widths.get, text, itertools.repeat(average)))


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """``text`` broken into lines of at most ``width`` points, at spaces only; never cut.

    A word wider than the line stays whole on its own line (the caller gives enough width for
    the longest word: :func:`longest_word`). Widths add up (no kerning), so each word is
    measured once: the time is linear in the text's length.
    """
    space = text_width(" ", size, bold)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in words(paragraph):
            word_width = text_width(word, size, bold)
            if line and used + space + word_width > width:
                lines.append(" ".join(line))
                line, used = [word], word_width
            else:
                used += (space if line else 0.0) + word_width
                line.append(word)
        lines.append(" ".join(line))
    return lines


# Every engine may break a line after a hyphen followed by a letter (not "CON-001": UAX #14).
_HYPHEN = re.compile(r"(?<=\w-)(?=[^\W\d_])")


def longest_word(text: str, size: float, bold: bool = False) -> float:
    """The width of the widest piece of ``text`` no engine breaks: words split at ordinary
    spaces (non-breaking spaces hold a number to its unit) and after a hyphen followed by a
    letter ("technico-" "commerciaux")."""
    if len(text) <= _MEMO_CHARS:
        return size * _longest_em(text, bold)
    return size * _longest(text, bold)


@functools.lru_cache(maxsize=16384)
def _longest_em(text: str, bold: bool) -> float:
    return _longest(text, bold)


def _longest(text: str, bold: bool) -> float:
    """The widest unbreakable piece of ``text``, in ems (widths scale with the size)."""
    return max((text_width(piece, 1.0, bold) for w in words(text) for piece in _HYPHEN.split(w)),
               default=0.0)


# Pictographs and symbols a text font may lack: emoji (with their joiners, variation selectors
# and tag sequences), miscellaneous symbols and dingbats (✅ ☎), stars and arrows of U+2B00.
_PICTOGRAPHS = re.compile("[\u2600-\u27bf\u2b00-\u2bff\U0001F000-\U0001FAFF\u200d\ufe0f"
                          "\U000E0020-\U000E007F]")


@functools.cache
def drawable(char: str) -> bool:
    """Whether fontconfig knows a font that has ``char`` (most servers have no emoji font)."""
    if shutil.which("fc-list") is None:
        return False
    try:
        found = subprocess.run(["fc-list", f":charset={ord(char):x}", "family"],
                               capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(found.strip())


def drawable_text(text: str) -> str:
    """``text`` without the pictographs no installed font can draw, for the PDF engines: a
    missing glyph prints as a box, and leaves the page's text unextractable for some readers.
    (Word draws them with the reader's own emoji font: the DOCX keeps them.)"""
    if not _PICTOGRAPHS.search(text):
        return text
    return _PICTOGRAPHS.sub(lambda m: m.group(0) if m.group(0) not in "\u200d\ufe0f"
                            and drawable(m.group(0)) else "", text)

