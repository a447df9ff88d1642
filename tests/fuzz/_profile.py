"""The hypothesis settings of the fuzz tests (profiles registered in ``conftest.py``)."""

from __future__ import annotations

import os

from hypothesis import settings

__all__ = ["FUZZ", "LOSSLESS", "PROFILE"]

#: ``ci`` unless ``HYPOTHESIS_PROFILE`` names another registered profile.
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if PROFILE not in ("ci", "dev", "deep"):
    PROFILE = "ci"
#: Decorator applying the chosen profile to one test.
FUZZ = settings(settings.get_profile(PROFILE))
#: The re-encoding test has fewer distinct inputs (window x encoding x line ends x order).
LOSSLESS = settings(FUZZ, max_examples={"ci": 8, "dev": 50}.get(PROFILE, 200))
