"""Atomic writes: a file is either the old one or the complete new one, never half of each.

Every file cdc writes goes through :func:`write_atomic`. A write that cannot happen (read-only
folder or file, full disk, a path that runs through a file) is a :class:`WriteError` naming the
file and what to do, never a traceback; the temporary file is removed and the old file, if any,
is untouched. A symbolic link is followed: its target is replaced, the link stays a link.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from cdc.errors import CdcError, ExitCode, Location

_HINTS = {
    errno.EACCES: "Choose a folder you may write to (-o DIR), or change its permissions.",
    errno.EPERM: "Choose a folder you may write to (-o DIR), or change its permissions.",
    errno.EROFS: "The disk is mounted read-only: choose another folder (-o DIR).",
    errno.ENOSPC: "The disk is full: free some space or choose another disk (-o DIR).",
    errno.EFBIG: "The file is larger than this disk or this session allows: free some space or "
                 "choose another disk (-o DIR).",
    errno.EDQUOT: "Your disk quota is exhausted: free some space or choose another disk.",
    errno.ENOTDIR: "A part of the path is a file, not a folder: choose another path.",
    errno.EEXIST: "A part of the path is a file, not a folder: choose another path.",
    errno.EISDIR: "The path is a folder: give a file name.",
    errno.ENAMETOOLONG: "Choose a shorter path.",
}


class WriteError(CdcError):
    """A file could not be written (exit code 1): where, why, and what to do."""

    def __init__(self, path: Path, reason: str, hint: str) -> None:
        super().__init__(f"cannot write this file: {reason}", hint, Location(str(path)),
                         ExitCode.INVALID)
        self.path = path


def write_error(path: Path, exc: OSError) -> WriteError:
    """The WriteError for an OSError met while writing ``path``."""
    reason = (exc.strerror or type(exc).__name__).lower()
    hint = _HINTS.get(exc.errno or 0, "Check the path and the free space, then run again.")
    return WriteError(path, reason, hint)


_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                       *(f"lpt{i}" for i in range(1, 10))})


def portable_name(stem: str) -> str:
    """``stem`` made safe as a file or folder name on Windows too: device names (con, nul,
    com1…) get a trailing dash, whatever extension follows."""
    return f"{stem}-" if stem.split(".")[0].lower() in _RESERVED else stem


def is_read_only(path: Path) -> bool:
    """True for an existing file this process may not, or should not, replace.

    The mode is read too: root may write anything, but a file nobody may write was made
    read-only on purpose.
    """
    try:
        return not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222
    except OSError:
        return False


def write_atomic(path: Path, data: str | bytes) -> None:
    """Writes ``data`` to ``path`` through a temporary file in the same folder, then renames it.

    Raises WriteError when the file cannot be written; a read-only file is refused rather than
    silently replaced (renaming over it would be allowed by the folder's permissions).
    """
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_dir():
        raise write_error(path, IsADirectoryError(errno.EISDIR, "it is a folder"))
    if path.exists() and is_read_only(path):
        raise WriteError(path, "the file is read-only",
                         "Make it writable (chmod u+w) if it may be replaced, or choose another "
                         "name.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise write_error(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise write_error(path, exc) from None
        raise
