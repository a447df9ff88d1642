"""Small helpers for plain words: counts with the right plural, shares, spans of time.

They are shared by the metrics' plain-words descriptions and by the review, so that a
count reads the same everywhere ("1 day", "2 days", "5 of 12").
"""

from __future__ import annotations

import math

__all__ = ["KIND_WORDS", "count_of", "kind_words", "percent", "plural", "span_words"]

#: Each urge kind as the words that follow "days without ..." (the review, plots, notebooks).
KIND_WORDS: dict[str, str] = {
    "check_social": "checking social media",
    "reach_out": "reaching out",
    "reread": "rereading old messages",
    "fantasize": "daydreaming about getting back together",
    "other": "acting on other urges",
    "any": "acting on an urge",
}

_IRREGULAR = {"entry": "entries", "strategy": "strategies", "day": "days"}


def plural(n: float, word: str, many: str | None = None) -> str:
    """A count with its noun in the right form: ``1 day``, ``2 days``, ``0 entries``.

    Parameters
    ----------
    n : int or float
        The count (a whole-number float is written without decimals).
    word : str
        The noun for one.
    many : str, optional
        The noun for several; default: ``word`` + "s" (``entry`` -> ``entries``).

    Returns
    -------
    str

    Examples
    --------
    >>> plural(1, "day"), plural(2, "day"), plural(0, "entry"), plural(3, "child", "children")
    ('1 day', '2 days', '0 entries', '3 children')
    """
    if isinstance(n, float) and n.is_integer():
        n = int(n)
    if many is None:
        many = _IRREGULAR.get(word, word + "s")
    return f"{n} {word if n == 1 else many}"


def percent(part: float, whole: float | None = None) -> str:
    """A share as a whole percentage: ``percent(0.123)`` -> ``"12%"``; ``percent(1, 3)``.

    Parameters
    ----------
    part : float
        A share (0..1), or a count when ``whole`` is given.
    whole : float, optional
        The count ``part`` is a share of.

    Returns
    -------
    str
        ``"–"`` when the share is undefined (missing, or a whole of 0).

    Examples
    --------
    >>> percent(0.121693), percent(5, 12), percent(1, 0)
    ('12%', '42%', '–')
    """
    if whole is not None:
        if not whole or _missing(part) or _missing(whole):
            return "–"
        part = part / whole
    if _missing(part):
        return "–"
    return f"{round(100 * float(part))}%"


def count_of(part: float, whole: float, word: str | None = None) -> str:
    """``"5 of 12"``, or ``"5 of 12 urges"`` with a noun.

    Parameters
    ----------
    part, whole : int
        The counts.
    word : str, optional
        The noun, in the form for one (pluralised after ``whole``).

    Returns
    -------
    str

    Examples
    --------
    >>> count_of(5, 12), count_of(1, 1, "day")
    ('5 of 12', '1 of 1 day')
    """
    if _missing(part) or _missing(whole):
        return "–"
    text = f"{int(part)} of {int(whole)}"
    return f"{text} {plural(int(whole), word).split(' ', 1)[1]}" if word else text


def span_words(days: float) -> str:
    """A span of days as people say it: ``"5 days"``, ``"2 weeks"``, ``"16 weeks"``.

    Spans of two weeks or more are rounded to whole weeks.

    Parameters
    ----------
    days : float
        The number of days from the first to the last day, both counted.

    Returns
    -------
    str

    Examples
    --------
    >>> span_words(1), span_words(10), span_words(14), span_words(112)
    ('1 day', '10 days', '2 weeks', '16 weeks')
    """
    if _missing(days):
        return "the period"
    days = round(days)
    if days >= 14:
        return plural(round(days / 7), "week")
    return plural(days, "day")


def _missing(value: object) -> bool:
    try:
        return value is None or math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def kind_words(kind: object) -> str:
    """An urge kind as the words after "days without": ``reach_out`` -> "reaching out".

    Parameters
    ----------
    kind : object
        One of the urge kinds (:data:`reflection_kit.frames.URGE_KINDS`) or ``"any"``.

    Returns
    -------
    str

    Examples
    --------
    >>> kind_words("check_social"), kind_words("reach_out")
    ('checking social media', 'reaching out')
    """
    text = str(kind)
    return KIND_WORDS.get(text, text.replace("_", " "))
