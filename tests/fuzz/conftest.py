"""Hypothesis profiles: ``quick`` in the normal suite (CI), ``long`` for bench/fuzz.py.

``CDC_FUZZ_PROFILE=long python -m pytest tests/fuzz`` runs the long profile under pytest
(``CDC_FUZZ_EXAMPLES`` examples per command, 1000 by default); ``python bench/fuzz.py --minutes
20`` runs it for a given time and prints the examples tried per command.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow,
                                                        HealthCheck.data_too_large,
                                                        HealthCheck.filter_too_much],
           "print_blob": True}
settings.register_profile("quick", max_examples=40, **_COMMON)
settings.register_profile("long", max_examples=int(os.environ.get("CDC_FUZZ_EXAMPLES", "1000")),
                          **_COMMON)
settings.load_profile(os.environ.get("CDC_FUZZ_PROFILE", "quick"))
