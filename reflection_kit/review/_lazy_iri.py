"""Import the notebook machinery without building rfc3987-syntax's parsers up front.

nbformat imports jsonschema, and jsonschema registers its ``iri`` and ``iri-reference``
format checks with ``rfc3987_syntax`` when that is installed (JupyterLab's
jupyter-events installs it, through ``jsonschema[format-nongpl]``). Importing
``rfc3987_syntax`` builds 39 Earley parsers: 1.5-3.5 s of one core, measured here,
longer than the review's kernel takes to start, and no notebook schema has an IRI
format. (Upstream: python-jsonschema/jsonschema#1428; the maintained fork
rfc3987-syntax2 loads its parsers lazily.)

:func:`defer_iri_parsers`, called before jsonschema is first imported, puts a stand-in
for ``rfc3987_syntax`` in ``sys.modules``. Its ``is_valid_syntax`` (the one name
jsonschema takes) imports the real module the first time an IRI is actually checked,
and so does asking it for anything else. Every check gives the answer it gave before;
only the moment of the import moves. Nothing is done when jsonschema or
``rfc3987_syntax`` is already imported, or when ``rfc3987_syntax`` is not installed.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from typing import Any

__all__ = ["defer_iri_parsers"]

_NAME = "rfc3987_syntax"
_LOCK = threading.RLock()


class _Deferred(types.ModuleType):
    """The stand-in: any public attribute it does not hold comes from the real module."""

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__"):
            # the import system asks for ``__path__`` (and others) on every
            # ``from rfc3987_syntax import ...``: answering would import it at once
            raise AttributeError(attr)
        return getattr(_real(), attr)


def _real() -> types.ModuleType:
    """The real ``rfc3987_syntax``, imported in place of the stand-in (once)."""
    with _LOCK:
        if isinstance(sys.modules.get(_NAME), _Deferred):
            del sys.modules[_NAME]
        return importlib.import_module(_NAME)


def _is_valid_syntax(term: str, value: str) -> Any:
    return _real().is_valid_syntax(term, value)


def defer_iri_parsers() -> bool:
    """Put the stand-in for ``rfc3987_syntax`` in place, if that is still possible.

    Returns
    -------
    bool
        Whether the stand-in was put in place (``False``: jsonschema or
        ``rfc3987_syntax`` was already imported, or it is not installed).

    Examples
    --------
    >>> import sys
    >>> from reflection_kit.review._lazy_iri import defer_iri_parsers
    >>> put = defer_iri_parsers()  # False when jsonschema was imported already
    >>> put or "jsonschema" in sys.modules or "rfc3987_syntax" not in sys.modules
    True
    """
    with _LOCK:
        if "jsonschema" in sys.modules or _NAME in sys.modules:
            return False
        try:
            spec = importlib.util.find_spec(_NAME)
        except (ImportError, ValueError):
            return False
        if spec is None:
            return False
        stand_in = _Deferred(_NAME, __doc__)
        stand_in.is_valid_syntax = _is_valid_syntax  # type: ignore[attr-defined]
        sys.modules[_NAME] = stand_in
        return True
