"""Finds the content folders (question bank, templates): the user's folder first, then ours.

In an installed wheel, ``questionnaires/`` and ``templates/`` sit inside the package
(pyproject.toml force-includes them); in a source checkout or an editable install they sit at the
top of the repository. Both are looked up here and nowhere else.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def packaged_dir(name: str) -> Path:
    """The packaged content folder ``name`` ("questionnaires" or "templates")."""
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, links followed, lies inside ``folder`` (links followed too)."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


def check_inside(path: Path, folder: Path) -> Path:
    """``path`` if it lies inside ``folder``; a CdcError otherwise.

    The user's template folder is the only place cdc reads templates from: a link that leads
    out of it is refused, as the PDF engines' URL fetcher refuses such files.
    """
    if not is_inside(path, folder):
        from cdc.errors import CdcError, Location

        raise CdcError(f"this is a link to a file outside the template folder {folder}",
                       "Copy the file into the template folder instead of linking to it.",
                       Location(str(path)))
    return path


def find(relative: str, user_dir: Path | None = None, kind: str = "templates") -> Path:
    """A content file: from ``user_dir`` if the user supplied one there, else the packaged one."""
    if user_dir is not None:
        candidate = user_dir / relative
        if candidate.is_file():
            return check_inside(candidate, user_dir)
    return packaged_dir(kind) / relative
