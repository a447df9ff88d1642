"""The coach's progress review: content helpers, and rendering to private HTML.

The review itself is the notebook ``progress_review.ipynb`` in this package
(``notebooks/04_progress_review.ipynb`` in a checkout links to it).
"""

import html

from .content import (
    Html,
    Period,
    data_quality,
    examples,
    missing,
    period_of,
    prompts_answered,
    summary,
    table,
    title,
)
from .render import PRIVACY_MODES, ReviewResult, render_review, review_notebook

__all__ = [
    "PRIVACY_MODES",
    "Html",
    "Period",
    "ReviewResult",
    "data_quality",
    "examples",
    "html",
    "missing",
    "period_of",
    "prompts_answered",
    "render_review",
    "review_notebook",
    "summary",
    "table",
    "title",
]
