"""Whose events: the ``person=`` and ``me=`` options of the platform-download readers.

``person`` names the other person, as any mix of display names ("Sam Rivera"),
handles ("sam.rivera.88", "@sam.rivera.88") and profile URLs
("https://www.instagram.com/sam.rivera.88/"). ``me`` names the user where an
export does not say who its owner is (a WhatsApp chat, a Messenger thread).

Names are compared after Unicode NFKC, without case, invisible marks (U+200E...)
or repeated spaces, and without a leading ``@``. A profile URL is reduced to
its handle (``instagram.com/<handle>``, ``facebook.com/<vanity>``,
``facebook.com/profile.php?id=<number>``...).

Without ``person`` a reader raises :class:`PersonNeeded`, which lists the
counterparts found (names and how many messages or visits), so the person can
choose. Nothing is guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from ..errors import PersonNeeded
from ._base import ReadContext

__all__ = [
    "OPTIONS",
    "People",
    "PersonNeeded",
    "counterparts_text",
    "me_option",
    "norm_name",
    "person_option",
    "profile_handle",
]

#: The options of every platform reader (one set for a batch of downloads; a reader
#: ignores those that do not apply to it).
OPTIONS = {
    "person": "the other person: display names, handles or profile URLs (required)",
    "me": "your name as the export shows it, where it does not say (chats, threads)",
    "groups": "also count your messages in group chats with the person (default False)",
    "dayfirst": "WhatsApp: True when dates are day first (20/01/19), False when month first",
}

#: Marks that exports put around names and headers (LRM, RLM, embeddings, isolates, BOM,
#: zero-width spaces, soft hyphen): removed before any comparison.
INVISIBLE = dict.fromkeys(
    [
        0x200B,
        0x200C,
        0x200D,
        0x200E,
        0x200F,
        0x202A,
        0x202B,
        0x202C,
        0x202D,
        0x202E,
        0x2066,
        0x2067,
        0x2068,
        0x2069,
        0xFEFF,
        0x00AD,
    ]
)
_SPACES = re.compile(r"\s+")


def norm_name(value: object) -> str:
    """A name or handle as compared: NFKC, no case, no invisible marks, no leading ``@``.

    Examples
    --------
    >>> norm_name("  @Sam\u200e  Rivera ")
    'sam rivera'
    """
    if not isinstance(value, str):
        return ""
    text = unicodedata.normalize("NFKC", value.translate(INVISIBLE))
    return _SPACES.sub(" ", text).strip().lstrip("@").strip().casefold()


#: Sites whose profile URLs name a person, and the first path segments that are not handles.
_PROFILE_SITES = {
    "instagram.com": {
        "p",
        "reel",
        "reels",
        "tv",
        "explore",
        "accounts",
        "direct",
        "about",
        "legal",
        "developer",
        "web",
        "challenge",
    },
    "facebook.com": {
        "groups",
        "events",
        "pages",
        "watch",
        "marketplace",
        "photo",
        "photo.php",
        "story.php",
        "permalink.php",
        "messages",
        "notifications",
        "settings",
        "login",
        "login.php",
        "home.php",
        "search",
        "hashtag",
        "gaming",
        "friends",
        "bookmarks",
        "help",
        "policies",
        "privacy",
        "reel",
        "share",
        "l.php",
    },
    "twitter.com": {"home", "search", "explore", "i", "messages", "notifications", "settings"},
    "x.com": {"home", "search", "explore", "i", "messages", "notifications", "settings"},
    "tiktok.com": set(),
    "threads.net": set(),
    "threads.com": set(),
    "linkedin.com": set(),
}


def _site(host: str) -> str | None:
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    for site in _PROFILE_SITES:
        if host == site or host.endswith("." + site):
            return site
    if host in ("fb.com", "fb.me", "instagr.am"):
        return "facebook.com" if host.startswith("fb") else "instagram.com"
    return None


def profile_handle(url: object) -> tuple[str, str] | None:
    """``(site, handle)`` when ``url`` is a person's profile page (or a page of it), else None.

    The handle is normalised (:func:`norm_name`). Instagram's ``/_u/<handle>`` and
    ``/stories/<handle>/...``, Facebook's ``profile.php?id=<n>`` and ``/people/<name>/<n>``,
    TikTok's and Threads' ``/@<handle>`` and LinkedIn's ``/in/<handle>`` are understood.

    Examples
    --------
    >>> profile_handle("https://www.instagram.com/Sam.Rivera.88/?hl=en")
    ('instagram.com', 'sam.rivera.88')
    >>> profile_handle("https://m.facebook.com/profile.php?id=1000123")
    ('facebook.com', '1000123')
    >>> profile_handle("https://www.instagram.com/p/Cxyz/") is None
    True
    """
    if not isinstance(url, str) or "." not in url:
        return None
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
    except ValueError:
        return None
    site = _site(host)
    if site is None:
        return None
    segs = [unquote(s) for s in parts.path.split("/") if s]
    if not segs:
        return None
    first = segs[0]
    if site == "facebook.com":
        if first.lower() == "profile.php":
            ids = parse_qs(parts.query).get("id")
            return (site, ids[0]) if ids and ids[0].isdigit() else None
        if first.lower() == "people" and len(segs) >= 3 and segs[2].isdigit():
            return (site, segs[2])
    if site == "instagram.com" and first in ("_u", "stories") and len(segs) >= 2:
        first = segs[1]
    if site == "linkedin.com":
        if first != "in" or len(segs) < 2:
            return None
        first = segs[1]
    if site in ("tiktok.com", "threads.net", "threads.com") and not first.startswith("@"):
        return None
    if first.lower() in _PROFILE_SITES[site] or first.startswith(("?", "#")):
        return None
    handle = norm_name(first)
    return (site, handle) if handle else None


@dataclass(frozen=True)
class People:
    """Names and handles of one person, as given, ready to compare."""

    given: tuple[str, ...]
    names: frozenset[str]
    handles: frozenset[str]

    def matches(self, name: object) -> bool:
        """True when ``name`` (a display name or handle from an export) is this person."""
        n = norm_name(name)
        return bool(n) and (n in self.names or n in self.handles)

    def matches_handle(self, handle: str) -> bool:
        """True when a normalised profile handle is this person's."""
        return bool(handle) and (handle in self.handles or handle in self.names)

    def matches_url(self, url: object) -> bool:
        """True when ``url`` is a page of this person's profile."""
        found = profile_handle(url)
        return found is not None and self.matches_handle(found[1])

    def in_text(self, text: str) -> bool:
        """True when a name or handle appears in ``text`` as whole words (a search query)."""
        t = f" {_words(norm_name(text))} "
        return any(f" {_words(n)} " in t for n in self.names | self.handles if _words(n))

    @property
    def shown(self) -> str:
        """How the person is named in messages: the first name given."""
        return self.given[0]


def _words(text: str) -> str:
    """``text`` with punctuation other than ``.`` and ``@`` as single spaces."""
    return re.sub(r"[^\w.@]+", " ", text).strip()


def _parse(value: object, option: str) -> People | None:
    if value is None:
        return None
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, Iterable) or isinstance(items, bytes | dict):
        raise TypeError(
            f"`{option}` must be a name or a list of names, handles and profile URLs, got "
            f"{type(value).__name__}. Suggestion: {option}=['Sam Rivera', 'sam.rivera.88']."
        )
    items = list(items)
    bad = [v for v in items if not isinstance(v, str) or not norm_name(v)]
    if bad or not items:
        raise ValueError(
            f"`{option}` must hold non-empty names, handles or profile URLs, got {value!r}. "
            f"Suggestion: {option}=['Sam Rivera', 'sam.rivera.88']."
        )
    names: set[str] = set()
    handles: set[str] = set()
    for v in items:
        found = profile_handle(v) if ("/" in v or v.lower().startswith("www.")) else None
        if found is not None:
            handles.add(found[1])
        elif v.strip().startswith("@") or " " not in v.strip():
            handles.add(norm_name(v))
            names.add(norm_name(v))
        else:
            names.add(norm_name(v))
    return People(tuple(str(v).strip() for v in items), frozenset(names), frozenset(handles))


def person_option(ctx: ReadContext) -> People | None:
    """The ``person=`` option, parsed (``None`` when not given)."""
    return _parse(ctx.option("person"), "person")


def me_option(ctx: ReadContext) -> People | None:
    """The ``me=`` option, parsed (``None`` when not given)."""
    return _parse(ctx.option("me"), "me")


def counterparts_text(found: Counter[str], unit: str, limit: int = 12) -> str:
    """``'Sam Rivera' (120 messages), 'Alex' (3 messages)``, most first, at most ``limit``."""
    if not found:
        return f"none (no {unit} found)"
    items = found.most_common()
    one = unit[:-2] if unit.endswith("ches") else unit[:-1]
    shown = ", ".join(f"{name!r} ({n} {one if n == 1 else unit})" for name, n in items[:limit])
    return shown + (f", and {len(items) - limit} more" if len(items) > limit else "")


def need_person(where: str, platform: str, found: Counter[str], unit: str) -> PersonNeeded:
    """The error raised when ``person=`` is missing: never guess whose events these are."""
    # never suggest a name from the export: in a chat the most frequent one is often the user's
    return PersonNeeded(
        f"{where}: reading {platform} evidence needs to know who the other person is; it "
        f"holds {counterparts_text(found, unit)}. Suggestion: pass person=[...] with their "
        "names, handles or profile URLs as listed here, e.g. "
        "rk.read_urges(path, person=['Their Name', 'their.handle']) "
        "(--person on the command line, once per name).",
        location=where,
        reason="no person= given",
        counterparts=found,
    )


def need_me(where: str, platform: str, names: Counter[str], unit: str) -> PersonNeeded:
    """The error raised when the export does not say which name is the user's."""
    example = next(iter(names.most_common(1)), ("Jo", 0))[0]
    return PersonNeeded(
        f"{where}: this {platform} export does not say which name is yours; it holds "
        f"{counterparts_text(names, unit)}. Suggestion: pass me=[...] with the name the "
        f"export shows for you, e.g. me=[{example!r}] (--me on the command line).",
        location=where,
        reason="no me= given",
        counterparts=names,
    )
