"""Hypothesis profiles of the fuzz suite, chosen with the environment variable
``HYPOTHESIS_PROFILE``:

* ``ci`` (the default): 20 damaged exports per reader (8 re-encoded ones), no deadline and a
  fixed seed (``derandomize``), so the normal suite stays quick and repeatable;
* ``deep``: 10,000 damaged exports per reader (200 re-encoded ones), still no
  deadline, a fresh seed for every run. Run it with
  ``HYPOTHESIS_PROFILE=deep python -m pytest tests/fuzz -n 2 -p no:randomly
  --hypothesis-show-statistics``.

The profiles are applied per test by :data:`FUZZ` in ``_profile.py`` instead of
being loaded globally, so other hypothesis tests in the suite keep their own settings.
Neither profile keeps an example database (nothing is written to the work tree).
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}

settings.register_profile("ci", max_examples=20, derandomize=True, **_COMMON)
settings.register_profile("deep", max_examples=10_000, derandomize=False, **_COMMON)
#: a middle size for hunting bugs locally after a change to a reader
settings.register_profile("dev", max_examples=300, derandomize=False, **_COMMON)
