"""The error hierarchy and the data-quality warning.

Every error subclasses a built-in as well, so generic ``except ValueError``
handlers keep working.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = [
    "DataQualityWarning",
    "ParseError",
    "PersonNeeded",
    "ReflectionKitError",
    "SchemaError",
    "UnknownFormatError",
]


class ReflectionKitError(Exception):
    """Base class of every error raised on purpose by reflection-kit."""


class ParseError(ReflectionKitError, ValueError):
    """A record in an export could not be read.

    Attributes
    ----------
    location : str or None
        Where the record is, for example ``"urges.csv line 12"``.
    reason : str
        What is wrong and what to do about it.
    raw : str
        A short snippet of the offending input.
    """

    def __init__(
        self,
        message: str,
        *,
        location: str | None = None,
        reason: str | None = None,
        raw: str = "",
    ) -> None:
        super().__init__(message)
        self.location = location
        self.reason = reason if reason is not None else message
        self.raw = raw


class UnknownFormatError(ParseError):
    """No reader recognised the input.

    Attributes
    ----------
    tried : dict of str to str
        Each format that was tried, with the reason it did not match.
    """

    def __init__(self, message: str, *, location: str, tried: Mapping[str, str]) -> None:
        super().__init__(message, location=location, reason=message)
        self.tried = dict(tried)


class PersonNeeded(ParseError):
    """A platform download was read without ``person=`` (or needs ``me=``).

    Nothing is guessed: the message lists the people the download holds, with
    how many messages, searches or visits each has, so the person can choose.
    No message text is ever part of it.

    Attributes
    ----------
    counterparts : dict of str to int
        Each name or handle found, with how many messages, searches or visits.

    Examples
    --------
    >>> import reflection_kit as rk
    >>> issubclass(rk.PersonNeeded, rk.ParseError)
    True
    """

    def __init__(
        self, message: str, *, location: str, reason: str, counterparts: Mapping[str, int]
    ) -> None:
        super().__init__(message, location=location, reason=reason)
        self.counterparts = dict(counterparts)


class SchemaError(ReflectionKitError, ValueError):
    """A frame does not have the columns or types a function needs.

    Attributes
    ----------
    columns : list of str
        The missing or malformed columns.
    """

    def __init__(self, message: str, *, columns: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.columns = list(columns)
        self.location = None


class DataQualityWarning(UserWarning):
    """Some records could not be loaded; the rest were.

    One warning summarises all problems of a read. ``rk.inspect`` lists them.
    """
