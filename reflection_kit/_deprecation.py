"""Renamed arguments and moved names: one way to keep the old spelling working, with a warning.

Every layer may import this module (it imports nothing of reflection-kit).
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["moved_name", "renamed_first_arg"]

F = TypeVar("F", bound=Callable[..., Any])


def renamed_first_arg(old: str, new: str = "data") -> Callable[[F], F]:
    """Accept the first argument under its old keyword name ``old``, with a DeprecationWarning.

    ``func(old=frame)`` keeps working and warns that the argument is now ``new``; the
    positional form never warns. Passing both names is a TypeError.

    Examples
    --------
    >>> import warnings
    >>> @renamed_first_arg("daily", "panel")
    ... def f(panel):
    ...     return panel
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     f(daily=1), caught[0].category.__name__
    (1, 'DeprecationWarning')
    """

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if old in kwargs:
                if args or new in kwargs:
                    raise TypeError(
                        f"{func.__name__}() got its first argument twice (`{new}` and the old "
                        f"name `{old}`). Suggestion: pass it once, as `{new}=`."
                    )
                warnings.warn(
                    f"{func.__name__}(): the argument `{old}=` is now called `{new}=`; the old "
                    "name will be removed in a future release. Suggestion: pass it first, "
                    f"without a name, or as `{new}=`.",
                    DeprecationWarning,
                    stacklevel=2,
                )
                kwargs[new] = kwargs.pop(old)
            return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def moved_name(module: str, moved: dict[str, tuple[Any, str]]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that still serves names moved elsewhere, with a warning.

    ``moved`` maps an old name to ``(object, "where it lives now")``.
    """

    def __getattr__(name: str) -> Any:
        if name in moved:
            obj, where = moved[name]
            warnings.warn(
                f"{module}.{name} is no longer part of the public API; it lives in {where}. "
                "It will be removed from here in a future release. Suggestion: import it "
                f"from {where}.",
                DeprecationWarning,
                stacklevel=2,
            )
            return obj
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__
