"""Errors a user can cause, and the process exit codes, in one place.

Errors carry data (where, what, what to do); only the CLI prints them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class ExitCode(IntEnum):
    """Stable exit codes, documented in the README."""

    OK = 0
    INVALID = 1  # the input was read but is not valid (answers file, template, grid...)
    USAGE = 2  # wrong command line, missing file, no terminal where one is needed
    INTERRUPTED = 130  # Ctrl-C


@dataclass(frozen=True)
class Location:
    """A place in a file: 1-based line and column (0 when unknown)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in a file a user wrote."""

    severity: str  # "error" or "warning"
    location: Location
    message: str
    hint: str = ""
    question_id: str = ""
    path: str = ""  # dotted key path in the answers file, list items by index

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass
class CdcError(Exception):
    """An error a user can fix: what went wrong, where, and what to do."""

    message: str
    hint: str = ""
    location: Location | None = None
    exit_code: ExitCode = ExitCode.INVALID
    problems: list[Problem] = field(default_factory=list)
    lang: str = "en"  # the language of the answers file it is about: the CLI speaks it

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.message}"


class UsageError(CdcError):
    """A wrong command line or a missing file (exit code 2)."""

    def __init__(self, message: str, hint: str = "", location: Location | None = None) -> None:
        super().__init__(message, hint, location, ExitCode.USAGE)
