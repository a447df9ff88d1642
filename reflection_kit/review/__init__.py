"""The coach's progress review: content helpers, and rendering to private HTML.

The review itself is the notebook ``progress_review.ipynb`` in this package
(``notebooks/04_progress_review.ipynb`` in a checkout links to it).
"""

from .clients import ClientResult, review_clients
from .content import (
    Html,
    Period,
    data_quality,
    examples,
    heading,
    missing,
    paragraph,
    period_of,
    prompts_answered,
    summary,
    table,
    title,
)
from .policy import PrivacyPolicy, ShownExports
from .render import (
    PRIVACY_MODES,
    MissingFiguresError,
    NotebookError,
    NothingToReviewError,
    OutputIsInputError,
    ReviewError,
    ReviewResult,
    render_review,
    review_notebook,
)

__all__ = [
    "PRIVACY_MODES",
    "ClientResult",
    "Html",
    "MissingFiguresError",
    "NotebookError",
    "NothingToReviewError",
    "OutputIsInputError",
    "Period",
    "PrivacyPolicy",
    "ReviewError",
    "ReviewResult",
    "ShownExports",
    "data_quality",
    "examples",
    "heading",
    "missing",
    "paragraph",
    "period_of",
    "prompts_answered",
    "render_review",
    "review_clients",
    "review_notebook",
    "summary",
    "table",
    "title",
]
