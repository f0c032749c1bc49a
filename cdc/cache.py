"""The user's private cache folder: what cdc parsed or compiled once, kept for the next run.

A command is a process of its own: without a cache, every ``cdc render`` would read and check
the same question bank and compile the same templates again. What is kept here is derived from
files (the parsed bank and catalogue, keyed by their bytes and cdc's code; the compiled
templates, keyed by the checksum of their source), so a stale entry is never used, and a
missing or unwritable folder only makes cdc slower, never wrong.

The folder is ``$CDC_CACHE_DIR``, else the platform's cache folder (``$XDG_CACHE_HOME/cdc`` or
``~/.cache/cdc`` on Linux, ``~/Library/Caches/cdc`` on macOS, ``%LOCALAPPDATA%\\cdc\\Cache`` on
Windows), one sub-folder per cdc version. ``CDC_CACHE_DIR=off`` turns the cache off. What it
holds is loaded as code, so the folder must be the user's own and closed to others: cdc creates
it so (mode 700) and ignores a folder that another user owns or may write to.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from cdc import __version__

ENV = "CDC_CACHE_DIR"
T = TypeVar("T")


def _base() -> Path | None:
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return Path(local) / "cdc" / "Cache" if local else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "cdc"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache") / "cdc"


def _private(folder: Path) -> bool:
    """Whether ``folder`` is a real folder of this user that no one else may write to."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    if not hasattr(os, "getuid"):  # Windows: the user's own profile folder
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


@functools.cache
def folder(kind: str) -> Path | None:
    """The cache folder for ``kind`` ("templates"…), created if needed; None when there is no
    usable one (turned off, unwritable, or not private)."""
    base = _base()
    if base is None:
        return None
    target = base / __version__ / kind
    try:
        for path in (base, base / __version__, target):
            path.mkdir(mode=0o700, parents=path is base, exist_ok=True)
    except OSError:
        return None
    if not all(_private(p) for p in (base, base / __version__, target)):
        return None
    return target


def _code_stamp() -> bytes:
    """What the parsed objects' classes depend on: cdc's own modules (a checkout being edited
    must not read objects pickled by other code of the same version)."""
    package = Path(__file__).resolve().parent
    stamp = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*.py")):
        with contextlib.suppress(OSError):
            info = path.stat()
            stamp.update(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}\n"
                         .encode())
    return stamp.digest()


_STAMP: list[bytes] = []


def remember(kind: str, sources: list[Path], build: Callable[[], T]) -> T:
    """``build()``, or what it returned on an earlier run for the same ``sources`` (their
    bytes) and the same cdc: the parsed question bank, catalogue and lexicons are kept as
    pickles, which load ten times faster than the YAML is read and checked.

    Nothing is kept when there is no cache folder or ``build`` raises (a bank with errors is
    read, and reported, every time).
    """
    where = folder("parsed")
    if where is None:
        return build()
    if not _STAMP:
        _STAMP.append(_code_stamp())
    digest = hashlib.sha256(_STAMP[0])
    try:
        for path in sources:
            digest.update(f"{path.name}\n".encode())
            digest.update(path.read_bytes())
    except OSError:
        return build()
    entry = where / f"{kind}-{digest.hexdigest()[:32]}.pickle"
    with contextlib.suppress(Exception):  # missing, partial or from other code: build again
        value: T = pickle.loads(entry.read_bytes())
        return value
    value = build()
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        handle, temporary = tempfile.mkstemp(dir=where, prefix=f".{kind}-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, entry)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return value
