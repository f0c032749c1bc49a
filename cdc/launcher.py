"""The ``cdc`` console script: answers ``--version`` before importing anything heavy.

Typer and the command definitions take about 0.15 s to import and build; printing the version
needs neither. Every other invocation goes to :mod:`cdc.cli`.
"""

from __future__ import annotations

import sys

from cdc import __version__


def main() -> None:
    """Entry point of the ``cdc`` console script and of ``python -m cdc``."""
    if sys.argv[1:] == ["--version"]:
        print(f"cdc {__version__}")
        return
    from cdc.cli import main as cli_main

    cli_main()
