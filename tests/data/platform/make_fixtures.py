"""Write the platform-download fixtures of tests/test_source_platform_*.py.

Hand-made (never copied from elsewhere), one small file per variant that
``../shared/design/platform-exports.md`` lists. Every message text holds the
marker ``zqx`` so the privacy tests can prove that no text ever leaves a reader.
The user is "Jo", the other person "Sam Rivera" (handle ``sam.rivera.88``).

Run from the repository root: ``python tests/data/platform/make_fixtures.py``.
"""

from __future__ import annotations

import json
import zipfile
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
LRM, NNBSP, NBSP = "\u200e", "\u202f", "\u00a0"

#: The chat: (when, sender or None for a system line, lines of text).
CHAT = [
    (datetime(2019, 1, 20, 23, 50, 5), "Jo", ["zqx hello are you awake"]),
    (datetime(2019, 1, 20, 23, 55, 6), "Sam Rivera", ["zqx yes", "zqx second line"]),
    (datetime(2019, 1, 21, 0, 10, 7), "Jo", ["<Media omitted>"]),
    (datetime(2019, 1, 21, 0, 11, 8), None, ["Sam Rivera changed the group icon zqx"]),
    (
        datetime(2019, 2, 3, 12, 0, 9),
        "Jo",
        ["zqx see you", "2019-02-03 12:00:00 zqx not a header"],
    ),
    (datetime(2019, 2, 3, 12, 0, 40), "Jo", ["This message was deleted zqx"]),
]


def _h12(d: datetime) -> tuple[int, str]:
    h = d.hour % 12 or 12
    return h, "AM" if d.hour < 12 else "PM"


def _fmt(style: str, d: datetime) -> str:
    h12, ap = _h12(d)
    yy = d.year % 100
    return {
        "android_dmy_24h": f"{d:%d/%m/}{yy:02d}, {d:%H:%M} - ",
        "android_mdy_24h": f"{d:%m/%d/}{yy:02d}, {d:%H:%M} - ",
        "android_ymd_24h": f"{d:%Y/%m/%d}, {d:%H:%M} - ",
        "android_mdy_12h_u202f": f"{d.month}/{d.day}/{yy}, {h12}:{d:%M}{NNBSP}{ap} - ",
        "android_mdyyyy_12h_es": f"{d:%m/%d/%Y}, {h12:02d}:{d:%M} {ap[0].lower()}. m. - ",
        "android_dotted_de": f"{d:%d.%m.%Y}, {d:%H:%M} - ",
        "bracketed_mdy_24h": f"[{d:%m/%d/}{yy:02d} {d:%H:%M}] ",
        "ios_dmy_12h_seconds": f"{LRM}[{d.day}/{d.month}/{d.year}, {h12}:{d:%M:%S}{NNBSP}{ap}] ",
        "ios_ymd_24h_seconds": f"[{d:%Y/%m/%d}, {d:%H:%M:%S}] ",
        "ios_dotted_mdy_seconds": f"[{d:%m.%d.}{yy:02d} {d:%H:%M:%S}] ",
        "ios_es_nbsp": f"[{d.month}/{d.day}/{yy} {h12}:{d:%M:%S} {ap[0].lower()}.{NBSP}m.] ",
        "finnish_klo": f"{d.day}.{d.month}.{d.year} klo {d:%H.%M.%S} - ",
        "croatian_spaced": f"{d.day}. {d.month}. {d.year}. {d:%H:%M:%S} ",
        "colon_after_time": f"{d:%d.%m.}{yy:02d} {d:%H.%M.%S}: ",
        "comma_separator": f"{d:%d/%m/}{yy:02d}, {d:%H:%M} , ",
        "en_dash": f"{d:%d/%m/}{yy:02d}, {d:%H:%M} \u2013 ",
    }[style]


STYLES = [
    "android_dmy_24h",
    "android_mdy_24h",
    "android_ymd_24h",
    "android_mdy_12h_u202f",
    "android_mdyyyy_12h_es",
    "android_dotted_de",
    "bracketed_mdy_24h",
    "ios_dmy_12h_seconds",
    "ios_ymd_24h_seconds",
    "ios_dotted_mdy_seconds",
    "ios_es_nbsp",
    "finnish_klo",
    "croatian_spaced",
    "colon_after_time",
    "comma_separator",
    "en_dash",
]


def chat_text(style: str, chat=CHAT, newline: str = "\n") -> str:
    lines = []
    for d, who, text in chat:
        head = _fmt(style, d)
        first = f"{who}: {text[0]}" if who else text[0]
        if style.startswith("ios") and who and text[0].startswith("<"):
            first = f"{who}: {LRM}image omitted zqx"
        lines.append(head + first)
        lines.extend(text[1:])
    return newline.join(lines) + newline


def write_whatsapp() -> None:
    out = HERE / "whatsapp"
    out.mkdir(exist_ok=True)
    for style in STYLES:
        (out / f"{style}.txt").write_text(chat_text(style), encoding="utf-8")
    # Android's own file name names the chat
    (out / "WhatsApp Chat with Sam Rivera.txt").write_text(
        chat_text("android_dmy_24h", [c for c in CHAT if c[1] != "Sam Rivera"]), encoding="utf-8"
    )
    (out / "crlf.txt").write_bytes(chat_text("android_dmy_24h", newline="\r\n").encode())
    with zipfile.ZipFile(out / "WhatsApp Chat - Sam Rivera.zip", "w") as zf:
        # fixed member times: the zip is the same byte for byte on every run
        stamp = (2019, 2, 4, 9, 0, 0)
        zf.writestr(zipfile.ZipInfo("_chat.txt", stamp), chat_text("ios_dmy_12h_seconds"))
        photo = zipfile.ZipInfo("00000042-PHOTO-2019-01-21-00-10-07.jpg", stamp)
        zf.writestr(photo, b"\xff\xd8\xff zqx")
    early = [(d.replace(day=min(d.day, 12)), w, t) for d, w, t in CHAT]
    (out / "ambiguous.txt").write_text(chat_text("android_dmy_24h", early), encoding="utf-8")
    bad = chat_text("android_dmy_24h") + "31/02/19, 10:00 - Jo: zqx a date that does not exist\n"
    bad += "04/02/19, 25:70 - Jo: zqx a time that does not exist\n"
    (out / "bad_date.txt").write_text(bad, encoding="utf-8")
    group = [*CHAT, (datetime(2019, 2, 4, 9, 0), "Alex", ["zqx hi all"])]
    (out / "group.txt").write_text(chat_text("android_dmy_24h", group), encoding="utf-8")


def _tg_msg(i, d, who, uid, text, *, unix=True, **extra):
    m = {"id": i, "type": "message", "date": d.isoformat(timespec="seconds")}
    if unix:
        m["date_unixtime"] = str(int((d - datetime(1970, 1, 1)).total_seconds()))
    m |= {"from": who, "from_id": f"user{uid}", "text": text} | extra
    return m


def write_telegram() -> None:
    out = HERE / "telegram"
    (out / "old_single").mkdir(parents=True, exist_ok=True)
    (out / "full").mkdir(parents=True, exist_ok=True)
    jo, sam = 111, 222
    single = {
        "name": "Sam Rivera",
        "type": "personal_chat",
        "id": sam,
        "messages": [
            _tg_msg(1, datetime(2020, 3, 1, 23, 30), "Jo", jo, "zqx plain string", unix=False),
            _tg_msg(
                2,
                datetime(2020, 3, 1, 23, 40),
                "Sam Rivera",
                sam,
                ["zqx part ", {"type": "bold", "text": "zqx bold"}],
                unix=False,
            ),
            _tg_msg(
                3,
                datetime(2020, 3, 2, 0, 5),
                "Jo",
                jo,
                [{"type": "link", "text": "https://zqx.example/"}],
                unix=False,
                photo="photos/zqx_photo.jpg",
            ),
            {
                "id": 4,
                "type": "service",
                "date": "2020-03-02T08:00:00",
                "actor": "Jo",
                "actor_id": f"user{jo}",
                "action": "phone_call",
                "duration_seconds": 60,
                "discard_reason": "hangup",
                "text": "",
            },
            {
                "id": 5,
                "type": "service",
                "date": "2020-03-02T09:00:00",
                "actor": "Sam Rivera",
                "actor_id": f"user{sam}",
                "action": "phone_call",
                "discard_reason": "missed",
                "text": "",
            },
            {"id": 6, "type": "message", "from": "Jo", "from_id": f"user{jo}", "text": "zqx"},
        ],
    }
    (out / "old_single" / "result.json").write_text(json.dumps(single, indent=1), "utf-8")
    full = {
        "about": "zqx about text",
        "personal_information": {"user_id": jo, "first_name": "Jo", "phone_number": "+1 zqx"},
        "chats": {
            "about": "",
            "list": [
                {
                    "name": "Sam Rivera",
                    "type": "personal_chat",
                    "id": sam,
                    "messages": [
                        _tg_msg(10, datetime(2021, 6, 1, 12), "Jo", jo, "zqx a"),
                        _tg_msg(11, datetime(2021, 6, 1, 12, 1), "Sam Rivera", sam, "zqx b"),
                        _tg_msg(12, datetime(2021, 6, 1, 12, 1), "Jo", jo, "zqx c"),
                    ],
                },
                {
                    "name": "Friends",
                    "type": "private_supergroup",
                    "id": 999,
                    "messages": [
                        _tg_msg(20, datetime(2021, 6, 2, 12), "Sam Rivera", sam, "zqx d"),
                        _tg_msg(21, datetime(2021, 6, 2, 12, 5), "Jo", jo, "zqx e"),
                    ],
                },
            ],
        },
        "left_chats": {
            "about": "",
            "list": [
                {
                    "name": "Alex",
                    "type": "personal_chat",
                    "id": 333,
                    "messages": [_tg_msg(30, datetime(2021, 7, 1), "Jo", jo, "zqx f")],
                }
            ],
        },
    }
    (out / "full" / "result.json").write_text(json.dumps(full, indent=1), "utf-8")


def _moji(s: str) -> str:
    return s.encode("utf-8").decode("latin-1")


def _meta_thread(title, parts, msgs, path):
    return {
        "participants": [{"name": _moji(p)} for p in parts],
        "messages": msgs,
        "title": _moji(title),
        "is_still_participant": True,
        "thread_type": "Regular",
        "thread_path": path,
    }


def _m(sender, ms, **kw):
    return {"sender_name": _moji(sender), "timestamp_ms": ms} | kw


def write_meta() -> None:
    base = HERE / "messenger"
    t0 = 1_700_000_000_000  # 2023-11-14 22:13:20 UTC
    zoe = "Zoë Ångström"
    # 2024 layout: your_activity_across_facebook/messages/inbox, split in numbered parts
    inbox = base / "dyi_2024" / "your_activity_across_facebook" / "messages" / "inbox"
    thread = inbox / "zoeangstrom_10158"
    thread.mkdir(parents=True, exist_ok=True)
    parts = {
        1: [
            _m("Jo", t0 + 9_000_000, content="zqx newest"),
            _m(zoe, t0 + 8_000_000, content="zqx"),
        ],
        2: [
            _m("Jo", t0 + 5_000_000, type="Call", call_duration=30),
            _m("Jo", t0 + 4_000_000, content=_moji("zqx café"), is_unsent=True),
        ],
        10: [_m("Jo", t0, content="zqx oldest", share={"link": "https://zqx.example"})],
    }
    for n, msgs in parts.items():
        data = _meta_thread(zoe, ["Jo", zoe], msgs, "inbox/zoeangstrom_10158")
        (thread / f"message_{n}.json").write_text(json.dumps(data, indent=1), "utf-8")
    other = inbox.parent / "archived_threads" / "alex_ARCH1"
    other.mkdir(parents=True, exist_ok=True)
    data = _meta_thread("Alex", ["Alex", "Jo"], [_m("Jo", t0, content="zqx")], "archived/alex")
    (other / "message_1.json").write_text(json.dumps(data, indent=1), "utf-8")
    # pre-2024 layout: messages/inbox at the top; a group thread with Zoë
    old = base / "dyi_2021" / "messages" / "inbox"
    (old / "zoe_abcdef1234").mkdir(parents=True, exist_ok=True)
    (old / "friends_xyz987").mkdir(parents=True, exist_ok=True)
    one = _meta_thread(zoe, [zoe, "Jo"], [_m("Jo", t0 - 86_400_000, content="zqx")], "inbox/z")
    grp = _meta_thread("friends", [zoe, "Jo", "Alex"], [_m("Jo", t0, content="zqx")], "inbox/f")
    (old / "zoe_abcdef1234" / "message_1.json").write_text(json.dumps(one), "utf-8")
    (old / "friends_xyz987" / "message_1.json").write_text(json.dumps(grp), "utf-8")
    # a correct (not mojibake) name must stay as it is
    ok = {
        "participants": [{"name": zoe}, {"name": "Jo"}],
        "title": zoe,
        "messages": [
            {"sender_name": "Jo", "timestamp_ms": t0, "content": "zqx"},
            {"sender_name": zoe, "timestamp_ms": t0 + 1, "content": "zqx"},
        ],
    }
    (base / "correct_utf8_message_1.json").write_text(json.dumps(ok, ensure_ascii=False), "utf-8")
    # E2EE download: flat <Name>_<n>.json, participants as strings
    e2ee = base / "e2ee" / "your_activity_across_facebook" / "messages"
    e2ee.mkdir(parents=True, exist_ok=True)
    data = {
        "participants": ["Jo", _moji(zoe)],
        "threadName": _moji(zoe),
        "messages": [
            {
                "senderName": "Jo",
                "text": "zqx",
                "timestamp": t0,
                "type": "Generic",
                "isUnsent": False,
                "media": [{"uri": "media/zqx.jpg"}],
                "reactions": [],
            },
            {
                "senderName": _moji(zoe),
                "text": "zqx",
                "timestamp": t0 + 1000,
                "type": "Generic",
                "isUnsent": False,
                "media": [],
                "reactions": [{"actor": "Jo", "reaction": "zqx"}],
            },
        ],
    }
    (e2ee / f"{zoe}_1.json").write_text(json.dumps(data), "utf-8")
    # a thread file that is cut short
    (base / "broken").mkdir(exist_ok=True)
    (base / "broken" / "message_1.json").write_text(
        '{"participants": [{"name": "Jo"}], "messages": [{"sender_name": "Jo", "content": "zqx',
        "utf-8",
    )


def write_instagram() -> None:
    base = HERE / "instagram"
    t_ms = 1_710_000_000_000  # 2024-03-09 16:00 UTC
    root = base / "dyi_2024"
    thread = root / "your_instagram_activity" / "messages" / "inbox" / "samrivera88_17841400"
    thread.mkdir(parents=True, exist_ok=True)
    data = {
        "participants": [{"name": "Sam Rivera"}, {"name": "Jo Example"}],
        "messages": [
            {
                "sender_name": "Jo Example",
                "timestamp_ms": t_ms + 60_000,
                "share": {"link": "https://zqx", "share_text": "zqx"},
                "is_geoblocked_for_viewer": False,
            },
            {"sender_name": "Sam Rivera", "timestamp_ms": t_ms + 30_000, "content": "zqx"},
            {"sender_name": "Jo Example", "timestamp_ms": t_ms, "content": "zqx liked a message"},
        ],
        "title": "Sam Rivera",
        "is_still_participant": True,
        "thread_path": "inbox/samrivera88_17841400",
        "magic_words": [],
    }
    (thread / "message_1.json").write_text(json.dumps(data, indent=1), "utf-8")
    pi = root / "personal_information" / "personal_information"
    pi.mkdir(parents=True, exist_ok=True)
    (pi / "personal_information.json").write_text(
        json.dumps(
            {
                "profile_user": [
                    {
                        "string_map_data": {
                            "Gebruikersnaam": {"value": "jo.example"},
                            "Naam": {"value": "Jo Example"},
                        }
                    }
                ]
            }
        ),
        "utf-8",
    )
    searches = root / "logged_information" / "recent_searches"
    searches.mkdir(parents=True, exist_ok=True)
    s0 = 1_710_003_600  # 2024-03-09 17:00 UTC
    items = [
        {
            "title": "",
            "string_list_data": [
                {
                    "href": "https://www.instagram.com/sam.rivera.88",
                    "value": "sam.rivera.88",
                    "timestamp": s0,
                }
            ],
        },
        {
            "title": "sam.rivera.88",
            "string_list_data": [
                {"href": "https://www.instagram.com/_u/sam.rivera.88", "timestamp": s0 + 600}
            ],
        },
        {
            "title": "",
            "string_list_data": [
                {
                    "href": "https://www.instagram.com/sam.rivera.88",
                    "value": "sam.rivera.88",
                    "timestamp": s0 + 7200,
                }
            ],
        },
        {
            "title": "",
            "string_list_data": [
                {
                    "href": "https://www.instagram.com/someone.else",
                    "value": "someone.else",
                    "timestamp": s0,
                }
            ],
        },
    ]
    (searches / "profile_searches.json").write_text(json.dumps({"searches_user": items}), "utf-8")
    # 2021: recent_searches/account_searches.json, string_map_data with German labels
    old = base / "dyi_2021_de" / "recent_searches"
    old.mkdir(parents=True, exist_ok=True)
    old_items = [
        {
            "string_map_data": {
                "Suche": {"value": "sam.rivera.88"},
                "Zeit": {"timestamp": 1_620_000_000},
            }
        },
        {
            "string_map_data": {
                "Suche": {"value": "other.person"},
                "Zeit": {"timestamp": 1_620_000_100},
            }
        },
        {"string_map_data": {"Suche": {"value": "sam.rivera.88"}, "Zeit": {"timestamp": "zqx"}}},
    ]
    (old / "account_searches.json").write_text(json.dumps({"searches_user": old_items}), "utf-8")


def write_facebook() -> None:
    base = HERE / "facebook" / "your_facebook_activity"
    where = base / "logged_information" / "interactions"
    where.mkdir(parents=True, exist_ok=True)
    v0 = 1_704_150_000  # 2024-01-01 23:00 UTC
    data = {
        "visited_things_v2": [
            {
                "name": _moji("Profilbesuche"),
                "description": "Personen zqx",
                "entries": [
                    {
                        "timestamp": v0,
                        "data": {
                            "name": "Sam Rivera",
                            "uri": "https://www.facebook.com/sam.rivera.88",
                        },
                    },
                    {
                        "timestamp": v0 + 900,
                        "data": {
                            "name": "Sam Rivera",
                            "uri": "https://www.facebook.com/sam.rivera.88",
                        },
                    },
                    {
                        "timestamp": v0 + 1700,
                        "data": {"name": "S. R.", "uri": "https://www.facebook.com/sam.rivera.88"},
                    },
                    {
                        "timestamp": v0 + 7200,
                        "data": {
                            "name": "Sam Rivera",
                            "uri": "https://www.facebook.com/sam.rivera.88",
                        },
                    },
                    {
                        "timestamp": v0,
                        "data": {
                            "name": "Alex",
                            "uri": "https://www.facebook.com/profile.php?id=1000",
                        },
                    },
                    {
                        "timestamp": None,
                        "data": {
                            "name": "Sam Rivera",
                            "uri": "https://www.facebook.com/sam.rivera.88",
                        },
                    },
                ],
            },
            {
                "name": "Page visits",
                "description": "Pages zqx",
                "entries": [
                    {
                        "timestamp": v0,
                        "data": {"name": "A Cafe", "uri": "https://www.facebook.com/acafe"},
                    },
                ],
            },
        ]
    }
    (where / "recently_visited.json").write_text(json.dumps(data, indent=1), "utf-8")
    thread = base / "messages" / "inbox" / "samrivera_777"
    thread.mkdir(parents=True, exist_ok=True)
    msg = _meta_thread(
        "Sam Rivera",
        ["Sam Rivera", "Jo"],
        [_m("Jo", v0 * 1000 + 5000, content="zqx")],
        "inbox/samrivera_777",
    )
    (thread / "message_1.json").write_text(json.dumps(msg), "utf-8")


def write_google() -> None:
    base = HERE / "google" / "Takeout"
    chrome = base / "Chrome"
    chrome.mkdir(parents=True, exist_ok=True)
    u0 = 1_711_929_000_000_000  # 2024-04-01 00:50 UTC = 01:50 in London (BST)
    hist = {
        "Browser History": [
            {
                "favicon_url": "https://zqx",
                "page_transition": "LINK",
                "title": "Sam Rivera (@sam.rivera.88) zqx",
                "url": "https://www.instagram.com/sam.rivera.88/",
                "client_id": "x",
                "time_usec": u0,
            },
            {
                "page_transition": "LINK",
                "title": "zqx",
                "url": "https://www.instagram.com/sam.rivera.88/?hl=en",
                "client_id": "x",
                "time_usec": u0 + 10 * 60 * 10**6,
            },
            {
                "page_transition": "LINK",
                "title": "zqx",
                "url": "https://www.instagram.com/p/Czqx/",
                "client_id": "x",
                "time_usec": u0 + 11 * 60 * 10**6,
            },
            {
                "page_transition": "TYPED",
                "title": "zqx",
                "url": "https://m.facebook.com/sam.rivera.88",
                "client_id": "x",
                "time_usec": u0 + 3 * 3600 * 10**6,
            },
            {
                "page_transition": "TYPED",
                "title": "zqx",
                "url": "https://www.zqx.example/sam.rivera.88",
                "client_id": "x",
                "time_usec": u0,
            },
            {
                "page_transition": "LINK",
                "title": "zqx",
                "url": "https://www.instagram.com/sam.rivera.88/",
                "client_id": "x",
                "time_usec": "zqx",
            },
        ]
    }
    (chrome / "History.json").write_text(json.dumps(hist, indent=1), "utf-8")
    act = base / "My Activity" / "Search"
    act.mkdir(parents=True, exist_ok=True)
    items = [
        {
            "header": "Search",
            "title": "Searched for sam rivera zqx",
            "titleUrl": "https://www.google.com/search?q=sam+rivera+instagram",
            "time": "2024-05-01T22:30:00.000Z",
            "products": ["Search"],
        },
        {
            "header": "Search",
            "title": "Gesucht nach zqx",
            "titleUrl": "https://www.google.com/search?q=weather",
            "time": "2024-05-01T22:35:00.000Z",
            "products": ["Search"],
        },
        {
            "header": "Search",
            "title": "Visited zqx",
            "titleUrl": "https://www.google.com/url?q=https://www.instagram.com/sam.rivera.88/&usg=zqx",
            "time": "2024-05-01T22:40:00.000Z",
            "products": ["Search"],
        },
        {
            "header": "Chrome",
            "title": "Visited zqx",
            "titleUrl": "https://www.facebook.com/sam.rivera.88",
            "time": "2024-05-02T09:00:00Z",
            "products": ["Chrome"],
        },
        {
            "header": "Search",
            "title": "1 notification zqx",
            "time": "2024-05-02T09:00:00Z",
            "products": ["Search"],
        },
    ]
    (act / "MyActivity.json").write_text(json.dumps(items, indent=1), "utf-8")
    html = HERE / "google" / "html" / "My Activity" / "Chrome"
    html.mkdir(parents=True, exist_ok=True)
    (html / "MyActivity.html").write_text(
        '<html><body><div class="outer-cell mdl-cell">Visited&nbsp;<a href="https://zqx">zqx</a>'
        "<br>Aug 25, 2020, 5:06:44 PM PDT</div></body></html>",
        "utf-8",
    )


if __name__ == "__main__":
    write_whatsapp()
    write_telegram()
    write_meta()
    write_instagram()
    write_facebook()
    write_google()
