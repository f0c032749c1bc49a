"""Running the real CLI on hostile input, with its memory and time bounded.

Each run is a subprocess with an address-space limit (``MEMORY_MB``: a render with WeasyPrint
needs about 600 MB of address space; the hostile files of issue 14 needed 3 GB and more) and a
timeout; its output must hold no traceback and no "internal error". Bounds are enforced by the
operating system and the timeout, never by timed assertions.

``read_only=True`` drops the capabilities that let root ignore file permissions, so that tests
running as root (CI) see a read-only folder as a user would; ``file_size`` limits the size of
any file written (writes past it fail as on a full disk).
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "industrie-b2b.yaml"
ANSWERS = ROOT / "tests" / "requirements" / "data" / "answers.yaml"
MEMORY_MB = 1024
TIMEOUT = 180

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE = 1
_CAP_DAC_READ_SEARCH = 2


def _limits(read_only: bool, file_size: int | None) -> Callable[[], None]:
    def apply() -> None:
        limit = MEMORY_MB * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        if file_size is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a kill
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
        if read_only and os.geteuid() == 0:
            libc = ctypes.CDLL(None, use_errno=True)
            for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
                libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0)
    return apply


def cdc(*args: str | Path, cwd: Path | None = None, read_only: bool = False,
        file_size: int | None = None, python: str = "") -> subprocess.CompletedProcess[str]:
    """Runs ``cdc ARGS`` (or ``python -c PYTHON`` with ARGS as sys.argv) under the bounds."""
    command = [sys.executable, "-c", python, *map(str, args)] if python \
        else [sys.executable, "-m", "cdc", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=TIMEOUT,
                          preexec_fn=_limits(read_only, file_size),
                          env={**os.environ, "COLUMNS": "200", "PYTHONPATH": str(ROOT)})


def clean_failure(result: subprocess.CompletedProcess[str], *names: str,
                  code: int | tuple[int, ...] = 1) -> str:
    """Asserts a clean failure: the exit code, the names (file, line, sheet, cell) in the
    output, no traceback, no internal error. Returns the output."""
    output = result.stdout + result.stderr
    codes = code if isinstance(code, tuple) else (code,)
    assert result.returncode in codes, (result.returncode, output[-3000:])
    assert "Traceback" not in output, output[-3000:]
    assert "internal error" not in output, output[-3000:]
    assert "MemoryError" not in output, output[-3000:]
    for name in names:
        assert name in output, (name, output[-3000:])
    return output


def success(result: subprocess.CompletedProcess[str]) -> str:
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "Traceback" not in output and "internal error" not in output, output[-3000:]
    return output


def replace_line(source: Path, target: Path, key: str, value: str) -> Path:
    """A copy of ``source`` whose first ``  key: ...`` line reads ``  key: value``; returns it
    and the line number as text is found again by the tests."""
    lines = source.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if line.strip().startswith(f"{key}:") and line.startswith("  ") \
                and not line.startswith("   "):
            lines[i] = f"  {key}: {value}"
            break
    else:
        raise AssertionError(f"no line for {key}")
    target.write_text("\n".join(lines), encoding="utf-8")
    return target


def line_of(path: Path, key: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8", errors="replace").split("\n"), 1):
        if line.strip().startswith(f"{key}:"):
            return i
    raise AssertionError(key)
