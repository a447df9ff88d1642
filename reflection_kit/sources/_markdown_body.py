"""The body of a Markdown note: code, comments, tags, headings, sections, prompt answers.

Split from :mod:`.markdown` (which finds the notes, dates them and reads their
front matter), the way :mod:`._dayone_text` holds the cleaning of Day One's text.
Every function takes the body as written (front matter removed, ``\\n``
newlines) and is pure.

Every pattern here runs in linear time on hostile input (the fuzz tests feed it
250,000 spaces, backticks or brackets): runs are matched possessively (``++``), a
URL scheme has at most 32 characters, and link bodies stop at the next bracket or
parenthesis; comments are removed by a linear scan, not by a regex.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "drop_html_comments",
    "heading_text",
    "inline_mood",
    "inline_tags",
    "prompt_answers",
    "sections",
    "strip_code",
    "tag_list",
    "title_and_text",
]

_FENCE = re.compile(r"^ {0,3}(`{3,}+|~{3,}+).*?^ {0,3}\1[`~]*[ \t]*$", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"(?<!`)(`++)[^`].*?\1", re.DOTALL)
_LINKS = re.compile(
    r"\[\[[^\[\]\n]*\]\]|\]\([^()\n]*\)|<?[a-z][a-z0-9+.-]{0,31}://\S+", re.IGNORECASE
)
_TAG = re.compile(r"(?<![^\s(\[{,;:!?\"'])#([\w/-]+)")
_INLINE_MOOD = re.compile(
    r"(?:^|[\[(])[ \t]*+(?:[-*+][ \t]++)?mood::[ \t]*+([^\]\)\n]*+)(?:[\])]|$)",
    re.IGNORECASE | re.MULTILINE,
)


_H1 = re.compile(r"^# +(.+)$", re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->\n?", re.S)
_PROMPT_MARK = re.compile(r"<!--\s*prompt:\s*([\w.]+)\s*-->")


def _drop_comments(body: str) -> str:
    """Remove ``%%...%%`` and ``<!--...-->`` comments, leftmost first, in linear time.

    (A regex would re-scan to the end of the note from every unclosed ``<!--``.)
    """
    closer = {"%%": "%%", "<!--": "-->"}
    nxt = {o: body.find(o) for o in closer}
    out, i = [], 0
    while True:
        live = [(p, o) for o, p in nxt.items() if p >= 0]
        if not live:
            break
        p, o = min(live)
        end = body.find(closer[o], p + len(o))
        if end < 0:  # no later opener of this kind can be closed either
            nxt[o] = -1
            continue
        out.append(body[i:p])
        i = end + len(closer[o])
        for k, q in nxt.items():
            if 0 <= q < i:
                nxt[k] = body.find(k, i)
    out.append(body[i:])
    return "".join(out)


def drop_html_comments(text: str) -> str:
    """``_COMMENT.sub("", text)`` in linear time: only up to the last ``-->`` can match."""
    cut = text.rfind("-->")
    if cut < 0:
        return text
    cut += 3 + (text[cut + 3 : cut + 4] == "\n")
    return _COMMENT.sub("", text[:cut]) + text[cut:]


def heading_text(raw: str) -> str:
    """A heading's text without its optional closing ``#`` sequence (CommonMark)."""
    text = raw.rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and bare and bare[-1] in " \t":
        text = bare.rstrip(" \t")
    return text


def strip_code(body: str) -> str:
    """The body without fenced code, inline code and comments (where tags do not count).

    Examples
    --------
    >>> strip_code("a `#no` b %%c%% d")
    'a  b  d'
    """
    body = _FENCE.sub("", body)
    body = _drop_comments(body)
    return _INLINE_CODE.sub("", body)


def inline_tags(body: str) -> list[str]:
    """The ``#tags`` of a body, outside code, comments and links; a tag needs a non-digit.

    Examples
    --------
    >>> inline_tags("#calm day, see [x](#anchor) and `#code`; #2024 #work/late")
    ['calm', 'work/late']
    """
    clean = _LINKS.sub(" ", strip_code(body))
    out = []
    for t in _TAG.findall(clean):
        t = t.strip("/")
        if t and re.search(r"[^\d/_-]", t):
            out.append(t)
    return out


def tag_list(value: Any) -> list[str]:
    """A ``tags`` property (a list, or a comma or space separated string) as tags.

    Examples
    --------
    >>> tag_list("#sleep, walk"), tag_list(["a", 3]), tag_list({"a": 1})
    (['sleep', 'walk'], ['a', '3'], [])
    """
    if value is None:
        return []
    if isinstance(value, list):
        items = value
    elif isinstance(value, str | int | float):
        items = re.split(r"[,\s]+", str(value))
    else:  # a mapping (maybe a YAML alias bomb): never turned into one huge string
        return []
    return [str(v).strip().lstrip("#").strip() for v in items if isinstance(v, str | int)]


def sections(body: str, level: int = 2) -> list[tuple[str, str]]:
    """Split a note's body at its headings of one level.

    Parameters
    ----------
    body : str
        Markdown text (without front matter).
    level : int, default 2
        Heading level to split at (2 means ``## Heading``). Headings inside
        code blocks are ignored.

    Returns
    -------
    list of (heading, text)
        The text before the first heading comes first, under the heading ``""``
        (only when it is not blank). Texts are stripped.

    Examples
    --------
    >>> from reflection_kit.sources.markdown import sections
    >>> sections("intro\\n## Morning\\nwoke early\\n## Evening\\ntea")
    [('', 'intro'), ('Morning', 'woke early'), ('Evening', 'tea')]
    """
    head = re.compile(rf"^{'#' * level}[ \t]+(.+)$")
    out: list[tuple[str, list[str]]] = [("", [])]
    fence = None
    for line in body.split("\n"):
        m = re.match(r"^ {0,3}(`{3,}|~{3,})", line)
        if m and (fence is None or m.group(1).startswith(fence)):
            fence = None if fence else m.group(1)
        h = head.match(line) if fence is None else None
        if h:
            out.append((heading_text(h.group(1)).strip(), []))
        else:
            out[-1][1].append(line)
    res = [(h, "\n".join(ls).strip()) for h, ls in out]
    return res if res[0][1] else res[1:]


def _norm_heading(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def prompt_answers(body: str) -> dict[str, str]:
    r"""The answers to reflection prompts in a note, by prompt id.

    A ``## heading`` section is linked to a prompt by the ``<!-- prompt: id -->``
    mark that ``reflection-kit new-entry`` writes, or, failing that, by its
    heading matching a prompt's text. Sections without an answer are left out.

    Examples
    --------
    >>> from reflection_kit.sources._markdown_body import prompt_answers
    >>> body = "## Anything\n<!-- prompt: hardest_part.hardest -->\nThe evenings."
    >>> prompt_answers(body)
    {'hardest_part.hardest': 'The evenings.'}
    """
    # deferred for an import cycle, not for time: prompt_sets imports sources._moment,
    # which loads this package (and this module) first
    from ..prompt_sets import prompts

    by_text = {_norm_heading(p.text): p.id for p in prompts.by_id().values()}
    known = prompts.by_id()
    out: dict[str, str] = {}
    for heading, text in sections(body, level=2):
        mark = _PROMPT_MARK.search(text)
        pid = (
            mark.group(1)
            if mark and mark.group(1) in known
            else by_text.get(_norm_heading(heading))
        )
        answer = drop_html_comments(text).strip()
        if pid and answer:
            out[pid] = answer
    return out


def title_and_text(body: str, stem: str) -> tuple[str, str]:
    r"""The first ``# `` heading (outside code) and the body without it; else ``stem``.

    Examples
    --------
    >>> title_and_text("# A walk\nFelt lighter.", "2024-03-05")
    ('A walk', 'Felt lighter.')
    >>> title_and_text("No heading", "2024-03-05")
    ('2024-03-05', 'No heading')
    """
    searchable = _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), body)
    m = _H1.search(searchable)
    if not m:
        return stem, body.strip("\n").rstrip()
    start = body.rfind("\n", 0, m.start()) + 1
    end = body.find("\n", m.end())
    rest = body[:start] + ("" if end < 0 else body[end + 1 :])
    return heading_text(m.group(1)).strip(), rest.strip("\n").rstrip()


def inline_mood(body: str) -> str | None:
    r"""The value of a Dataview inline field ``mood:: x`` outside code, or None.

    Examples
    --------
    >>> inline_mood("A calm day.\n- mood:: okay\n"), inline_mood("`mood:: x`")
    ('okay', None)
    """
    found = _INLINE_MOOD.search(strip_code(body))
    return found.group(1).rstrip(" \t") if found and found.group(1).strip() else None
