"""The sample story's platform downloads: what the platforms kept of Robin's reaching out.

Robin's urge log is not the only record of the 16 weeks: the platforms kept one too.
These files are what Robin could download (every format reflection-kit reads as
evidence), written from the story's urges with their own fixed-seed random numbers:

* most acted ``reach_out`` urges are messages or calls in a WhatsApp chat, a Telegram
  chat, a Messenger or an Instagram thread with Alex Winter; most acted
  ``check_social`` urges are Instagram profile searches, Facebook profile visits,
  Chrome visits of his profile pages, and Google searches of his name;
* like any record they are **not identical** to the log: a few reach-outs and checks
  are in the downloads only (the log did not note them), a few logged ones are not in
  any download (a look at his Strava, his "last seen", an app whose history is not
  downloaded), the trip week's checks are not in them, and the WhatsApp chat starts a
  week before the log does;
* Alex's replies are in the chats (never read as urges).

Every message text is invented for this sample and must never appear in a frame or a
review (the tests check it). The user is "Robin" (WhatsApp, Telegram) or "Robin
Keller" (Meta); the other person is ``SAMPLE_PERSON``.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .model import BERLIN, END, NEW_YORK, START, TRIP, Story

__all__ = ["MESSAGE_TEXTS", "SAMPLE_DOWNLOADS", "SAMPLE_PERSON", "downloads_files"]

#: The other person as the downloads name them: display name and handle.
SAMPLE_PERSON: tuple[str, ...] = ("Alex Winter", "alex.winter.84")
#: Each sample download (relative path) -> the format it is read as. Read them with
#: ``rk.read_urges(paths, person=SAMPLE_PERSON, tz="Europe/Berlin")``.
SAMPLE_DOWNLOADS: dict[str, str] = {
    "downloads/WhatsApp Chat with Alex Winter.txt": "whatsapp",
    "downloads/telegram/result.json": "telegram",
    "downloads/messenger": "messenger",
    "downloads/instagram": "instagram",
    "downloads/facebook": "facebook",
    "downloads/takeout": "chrome",
}

_ROBIN_TEXTS = (
    "are you still awake by any chance",
    "I keep thinking about the lake house weekend",
    "sorry, that was a lot, please ignore me",
    "did you get home okay after the concert",
    "I found your grey scarf in my drawer",
    "happy to give the books back whenever suits you",
    "could we talk for five minutes this week",
    "saw a dog that looked exactly like Biscuit today",
    "remember the terrible pancakes in Leipzig",
    "I hope the new flat is treating you well",
    "just wanted to say happy Wednesday, weird I know",
    "the tram driver played our song this morning",
)
_ALEX_TEXTS = (
    "I think we said everything we needed to say",
    "please give me some space for a while",
    "got home fine, thanks for asking",
    "leave the books with Mira, that works for me",
    "I hope you are doing okay, really",
    "let's not do this tonight",
)
#: Every invented text in the downloads (tests prove none reaches a frame or a page).
MESSAGE_TEXTS: tuple[str, ...] = (
    *_ROBIN_TEXTS,
    *_ALEX_TEXTS,
    "alex winter instagram",
    "Alex Winter (@alex.winter.84) - Instagram photos and videos",
)

_HANDLE = "alex.winter.84"
_ME_WA, _ME_META, _THEM = "Robin", "Robin Keller", "Alex Winter"
_IG_URL = f"https://www.instagram.com/{_HANDLE}/"
_FB_URL = f"https://www.facebook.com/{_HANDLE}"
_TITLE = "Alex Winter (@alex.winter.84) - Instagram photos and videos"

#: labels of the log -> where such an urge leaves a trace (None: in no download)
_CHECK_ROUTES = {
    "checked his IG": "profile",
    "checked his Instagram": "profile",
    "looked at his profile": "profile",
    "looked at his stories": "stories",
    "watched his story": "stories",
    "scrolled his feed": "facebook",
    "looked at his Strava": None,
    "checked his last seen": None,
}


def _instant(local: datetime, tz: str) -> float:
    return local.replace(tzinfo=ZoneInfo(tz)).timestamp()


class _Events:
    """The downloads' events, collected before they are written per format."""

    def __init__(self) -> None:
        self.whatsapp: list[tuple[datetime, str, list[str]]] = []
        self.telegram: list[tuple[datetime, str, str, object]] = []  # local, sender, type, text
        self.messenger: list[tuple[datetime, str, str]] = []  # local, sender, text ("" call)
        self.instagram: list[tuple[datetime, str, str]] = []
        self.searches: list[tuple[datetime, str]] = []  # local, handle
        self.visits: list[tuple[datetime, str, str]] = []  # local, name, profile url
        self.chrome: list[tuple[datetime, str, str]] = []  # local, url, title
        self.activity: list[tuple[datetime, str, str]] = []  # local, title, url


def _reply(rng: random.Random, ev: _Events, at: datetime, where: str) -> None:
    if rng.random() < 0.5:
        when = at + timedelta(minutes=rng.randint(6, 40))
        text = rng.choice(_ALEX_TEXTS)
        if where == "whatsapp":
            ev.whatsapp.append((when, _THEM, [text]))
        elif where == "telegram":
            ev.telegram.append((when, _THEM, "message", text))
        elif where == "messenger":
            ev.messenger.append((when, _THEM, text))
        else:
            ev.instagram.append((when, _THEM, text))


def _reach_out(rng: random.Random, ev: _Events, at: datetime, label: str, trip: bool) -> None:
    if label == "called him" and not trip:
        ev.telegram.append((at, _ME_WA, "call", rng.choice((0, 35, 94))))
        return
    places = ("whatsapp", "whatsapp", "telegram", "messenger", "instagram")
    where = "whatsapp" if trip else rng.choice(places)
    n = 1 if label == "sent him a voice note" else rng.randint(1, 3)
    when = at
    for i in range(n):
        if where == "whatsapp":
            if label == "sent him a voice note":
                lines = ["<Media omitted>"]
            elif i == 0 and rng.random() < 0.3:
                lines = [rng.choice(_ROBIN_TEXTS), rng.choice(_ROBIN_TEXTS)]  # two lines
            else:
                lines = [rng.choice(_ROBIN_TEXTS)]
            ev.whatsapp.append((when, _ME_WA, lines))
        elif where == "telegram":
            ev.telegram.append((when, _ME_WA, "message", rng.choice(_ROBIN_TEXTS)))
        elif where == "messenger":
            ev.messenger.append((when, _ME_META, rng.choice(_ROBIN_TEXTS)))
        else:
            ev.instagram.append((when, _ME_META, rng.choice(_ROBIN_TEXTS)))
        when += timedelta(minutes=rng.randint(1, 4))
    _reply(rng, ev, when, where)


def _check(rng: random.Random, ev: _Events, at: datetime, route: str) -> None:
    if route == "facebook":
        ev.visits.append((at, _THEM, _FB_URL))
        return
    if route == "profile" and rng.random() < 0.5:
        ev.searches.append((at, _HANDLE))
        return
    url = f"https://www.instagram.com/stories/{_HANDLE}/" if route == "stories" else _IG_URL
    if route == "profile" and rng.random() < 0.4:  # found through Google first
        ev.activity.append(
            (
                at - timedelta(minutes=1),
                "Searched for alex winter instagram",
                "https://www.google.com/search?q=alex+winter+instagram",
            )
        )
        ev.activity.append(
            (at, f"Visited {_TITLE}", f"https://www.google.com/url?q={_IG_URL}&usg=AOvVaw3x")
        )
    when = at
    for _ in range(rng.choice((1, 1, 2, 3))):  # a few hits in one sitting: one check
        ev.chrome.append((when, url, _TITLE))
        when += timedelta(minutes=rng.randint(1, 9))


def _free_days(rng: random.Random, busy: set[date], n: int) -> list[date]:
    days = [
        START + timedelta(days=i)
        for i in range((END - START).days + 1)
        if START + timedelta(days=i) not in busy
        and not TRIP[0] - timedelta(days=1) <= START + timedelta(days=i) <= TRIP[1] + timedelta(1)
    ]
    return sorted(rng.sample(days, n))


def _events(story: Story) -> _Events:
    rng = random.Random(story.seed * 1_000_003 + 16)  # its own numbers: the log never changes
    ev = _Events()
    acted = [u for u in story.urges if u.acted and u.kind in ("reach_out", "check_social")]
    reach = [u for u in acted if u.kind == "reach_out"]
    skipped = rng.choice(reach) if len(reach) > 2 else None  # sent from a borrowed phone
    for u in acted:
        trip = u.tz == NEW_YORK
        if u.kind == "reach_out":
            if u is not skipped:
                _reach_out(rng, ev, u.local, u.label, trip)
            continue
        route = _CHECK_ROUTES.get(u.label)
        if route is None or trip or rng.random() < 0.1:  # an app with no downloadable history
            continue
        _check(rng, ev, u.local, route)
    # what the log did not note: a few late-evening messages and checks on "clean" days
    reach_days = {u.local.date() for u in reach}
    check_days = {u.local.date() for u in acted if u.kind == "check_social"}
    for i, day in enumerate(_free_days(rng, reach_days, 3)):
        at = datetime(day.year, day.month, day.day, 22, rng.randint(0, 50))
        if i == 1:
            ev.instagram.append((at, _ME_META, rng.choice(_ROBIN_TEXTS)))
            _reply(rng, ev, at, "instagram")
        elif i == 2:
            ev.telegram.append((at, _ME_WA, "message", rng.choice(_ROBIN_TEXTS)))
            _reply(rng, ev, at, "telegram")
        else:
            ev.whatsapp.append((at, _ME_WA, [rng.choice(_ROBIN_TEXTS)]))
            _reply(rng, ev, at, "whatsapp")
    for i, day in enumerate(_free_days(rng, check_days, 3)):
        at = datetime(day.year, day.month, day.day, rng.randint(20, 23), rng.randint(0, 59))
        _check(rng, ev, at, ("profile", "facebook", "stories")[i])
    # Alex wrote first, once, on Telegram
    ev.telegram.append((datetime(2025, 3, 4, 18, 2), _THEM, "message", _ALEX_TEXTS[1]))
    # the chat is older than the log: the week before it, not compared
    for k in range(4):
        at = datetime(2025, 2, 24 + k, 20 + k % 3, 10 + 7 * k)
        ev.whatsapp.append((at, _ME_WA if k % 2 == 0 else _THEM, [rng.choice(_ROBIN_TEXTS)]))
    return ev


# ------------------------------------------------------------------------- writers


def _whatsapp(ev: _Events) -> bytes:
    first = min(t for t, _, _ in ev.whatsapp) - timedelta(days=30)
    lines = [
        f"{first:%d/%m/%Y, %H:%M} - Messages and calls are end-to-end encrypted. No one outside "
        "of this chat, not even WhatsApp, can read or listen to them. Tap to learn more."
    ]
    for when, who, texts in sorted(ev.whatsapp, key=lambda e: e[0]):
        lines.append(f"{when:%d/%m/%Y, %H:%M} - {who}: {texts[0]}")
        lines.extend(texts[1:])
    return ("\n".join(lines) + "\n").encode("utf-8")


def _json(obj: object) -> bytes:
    return (json.dumps(obj, indent=1, ensure_ascii=True) + "\n").encode("utf-8")


def _telegram(ev: _Events) -> bytes:
    ids = {_ME_WA: "user5550101", _THEM: "user5550202"}
    messages = []
    for i, (when, who, kind, what) in enumerate(sorted(ev.telegram, key=lambda e: e[0]), 1):
        unix = str(int(_instant(when, BERLIN)))
        base = {"id": 4000 + i, "date": f"{when:%Y-%m-%dT%H:%M:%S}", "date_unixtime": unix}
        if kind == "call":
            base.update(
                type="service",
                actor=who,
                actor_id=ids[who],
                action="phone_call",
                duration_seconds=what,
                discard_reason="hangup" if what else "missed",
                text="",
                text_entities=[],
            )
        else:
            text = str(what)
            head, _, tail = text.partition(" ")
            base.update(
                type="message",
                **{"from": who},
                from_id=ids[who],
                text=[head + " ", {"type": "bold", "text": tail}] if tail else text,
                text_entities=[{"type": "plain", "text": text}],
            )
        messages.append(base)
    return _json({"name": _THEM, "type": "personal_chat", "id": 5550202, "messages": messages})


def _thread(
    events: list[tuple[datetime, str, str]], path: str, *, instagram: bool
) -> dict[str, object]:
    messages = []
    for when, who, text in sorted(events, key=lambda e: e[0], reverse=True):  # newest first
        msg: dict[str, object] = {
            "sender_name": who,
            "timestamp_ms": int(_instant(when, BERLIN) * 1000),
            "content": text,
        }
        if instagram:
            msg["is_geoblocked_for_viewer"] = False
        messages.append(msg)
    return {
        "participants": [{"name": _THEM}, {"name": _ME_META}],
        "messages": messages,
        "title": _THEM,
        "is_still_participant": True,
        "thread_path": path,
        "magic_words": [],
    }


def _searches(ev: _Events, rng: random.Random) -> bytes:
    items = [
        (when, handle) for when, handle in ev.searches
    ] + [  # other accounts searched: never urges
        (datetime(2025, 3, 3) + timedelta(days=rng.randint(0, 110), hours=19), h)
        for h in ("mira.bakes", "berlin.runners", "mira.bakes", "plantsofkreuzberg")
    ]
    out = []
    for when, handle in sorted(items, key=lambda e: e[0], reverse=True):
        stamp = int(_instant(when, BERLIN))
        url = f"https://www.instagram.com/{handle}"
        out.append(
            {
                "title": "",
                "string_list_data": [{"href": url, "value": handle, "timestamp": stamp}],
            }
        )
    return _json({"searches_user": out})


def _visits(ev: _Events) -> bytes:
    people = [
        {"timestamp": int(_instant(w, BERLIN)), "data": {"name": n, "uri": u}}
        for w, n, u in sorted(ev.visits, key=lambda e: e[0], reverse=True)
    ]
    people.append(
        {
            "timestamp": int(_instant(datetime(2025, 4, 2, 18, 5), BERLIN)),
            "data": {"name": "Mira Hoffmann", "uri": "https://www.facebook.com/mira.hoffmann.7"},
        }
    )
    pages = [
        {
            "timestamp": int(_instant(datetime(2025, 5, 20, 12, 30), BERLIN)),
            "data": {"name": "Kreuzberg Running Club", "uri": "https://www.facebook.com/krc"},
        }
    ]
    return _json(
        {
            "visited_things_v2": [
                {
                    "name": "Profile visits",
                    "description": "People whose profiles you've visited",
                    "entries": people,
                },
                {"name": "Page visits", "description": "Pages you've visited", "entries": pages},
            ]
        }
    )


def _chrome(ev: _Events, rng: random.Random) -> bytes:
    noise = [
        ("https://www.tagesschau.de/", "tagesschau.de"),
        ("https://www.bbc.co.uk/food/recipes/sourdough", "Sourdough recipe"),
        ("https://www.bvg.de/en", "BVG"),
        ("https://www.instagram.com/explore/", "Explore - Instagram"),
        ("https://www.instagram.com/mira.bakes/", "Mira (@mira.bakes) - Instagram"),
    ]
    items = list(ev.chrome)
    for k in range(40):
        url, title = noise[k % len(noise)]
        items.append(
            (datetime(2025, 3, 3, 8) + timedelta(hours=rng.randint(0, 110 * 24)), url, title)
        )
    rows = [
        {
            "favicon_url": "https://www.google.com/favicon.ico",
            "page_transition": "LINK",
            "title": title,
            "url": url,
            "client_id": "kq2ZbGx1TBf3kL0w",
            "time_usec": int(_instant(when, BERLIN)) * 1_000_000 + 250_000,
        }
        for when, url, title in sorted(items, key=lambda e: e[0], reverse=True)
    ]
    return _json({"Browser History": rows})


def _activity(ev: _Events) -> bytes:
    items = [
        *ev.activity,
        (
            datetime(2025, 3, 9, 11, 15),
            "Searched for sourdough starter ratio",
            "https://www.google.com/search?q=sourdough+starter+ratio",
        ),
        (
            datetime(2025, 5, 1, 9, 40),
            "Searched for bvg strike dates",
            "https://www.google.com/search?q=bvg+strike+dates",
        ),
    ]
    out = []
    for when, title, url in sorted(items, key=lambda e: e[0], reverse=True):
        utc = datetime.fromtimestamp(_instant(when, BERLIN), ZoneInfo("UTC"))
        out.append(
            {
                "header": "Search",
                "title": title,
                "titleUrl": url,
                "time": f"{utc:%Y-%m-%dT%H:%M:%S}.000Z",
                "products": ["Search"],
                "activityControls": ["Web & App Activity"],
            }
        )
    return _json(out)


def downloads_files(story: Story) -> dict[str, bytes]:
    """Every sample download as bytes, keyed by its path under the sample folder.

    Parameters
    ----------
    story : Story
        The story (:func:`reflection_kit.sample.story.build_story`).

    Returns
    -------
    dict of str to bytes

    Examples
    --------
    >>> from reflection_kit.sample.story import build_story
    >>> files = downloads_files(build_story(1))
    >>> "downloads/telegram/result.json" in files
    True
    """
    ev = _events(story)
    rng = random.Random(story.seed * 1_000_003 + 17)
    msg = "downloads/messenger/your_facebook_activity/messages/inbox/alexwinter_10229"
    ig = "downloads/instagram/your_instagram_activity/messages/inbox/alexwinter84_17841402"
    return {
        "downloads/WhatsApp Chat with Alex Winter.txt": _whatsapp(ev),
        "downloads/telegram/result.json": _telegram(ev),
        f"{msg}/message_1.json": _json(
            _thread(ev.messenger, "inbox/alexwinter_10229", instagram=False)
        ),
        f"{ig}/message_1.json": _json(
            _thread(ev.instagram, "inbox/alexwinter84_17841402", instagram=True)
        ),
        "downloads/instagram/logged_information/recent_searches/profile_searches.json": _searches(
            ev, rng
        ),
        "downloads/facebook/logged_information/interactions/recently_visited.json": _visits(ev),
        "downloads/takeout/Chrome/History.json": _chrome(ev, rng),
        "downloads/takeout/My Activity/Search/MyActivity.json": _activity(ev),
    }
