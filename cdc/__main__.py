"""Allows ``python -m cdc``."""

from cdc.launcher import main

main()
