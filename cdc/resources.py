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


def find(relative: str, user_dir: Path | None = None, kind: str = "templates") -> Path:
    """A content file: from ``user_dir`` if the user supplied one there, else the packaged one."""
    if user_dir is not None:
        candidate = user_dir / relative
        if candidate.is_file():
            return candidate
    return packaged_dir(kind) / relative
