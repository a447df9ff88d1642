"""The whole-column Day One text cleaner gives exactly what the one-text reference gives.

``clean_column`` (numpy and pyarrow kernels, used by the reader for speed) must equal
``clean_text`` on every value; it relies on pyarrow's white space being Python's.
"""

from __future__ import annotations

import sys

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given, settings
from hypothesis import strategies as st

from reflection_kit.sources._dayone_text import TITLE_MAX, clean_column, clean_text
from reflection_kit.sources._text_columns import SPACE_BYTE

#: Pieces that exercise every rule: escapes (also runs of backslashes and non-punctuation
#: after one), headings, sentence ends, media links, white space of every kind, non-ASCII.
_PIECES = [
    "word",
    "a",
    " ",
    "  ",
    "\n",
    "\t",
    "\\",
    "\\.",
    "\\\\",
    "\\#",
    "\\a",
    "\\é",
    "#",
    "# ",
    "###### ",
    "####### ",
    ". ",
    "! ",
    "?\n",
    "…\u00a0",
    "…",
    ".\u3000",
    "\u2000",
    "é.",
    "💡…",
    ",",
    "-",
    ";:",
    "é",
    "💡",
    "\u00a0",
    "\u2028",
    "\x1c",
    "\x85",
    "\v",
    "\r\n",
    "\r",
    "\u200b",
    "![](dayone-moment://AB12)",
    "dayone-moment:/video/Y",
    "x" * 30,
    "long words " * 4,
]

_ASCII = [p for p in _PIECES if p.isascii() and "\r" not in p and "dayone" not in p]
# ASCII first lines are titled by the column path (a matrix of bytes), the others by Python
_texts = st.one_of(
    st.lists(st.sampled_from(_PIECES), max_size=40).map("".join),
    st.lists(st.sampled_from(_ASCII), max_size=40).map("".join),
)


def _reference(raws: list[str]) -> list[tuple[str, str, int]]:
    return [clean_text(r) for r in raws]


def _column(raws: list[str]) -> list[tuple[str, str, int]]:
    titles, texts, media = clean_column(raws)
    return list(zip(titles.to_pylist(), texts.to_pylist(), media.tolist(), strict=True))


@settings(max_examples=80, deadline=None)
@given(st.lists(_texts, min_size=1, max_size=8))
def test_clean_column_equals_clean_text_on_each_value(raws):
    assert _column(raws) == _reference(raws)


def test_clean_column_title_cuts_and_empty_columns():
    long_line = "# Walked to the river and back. " + "Then a long paragraph went on " * 10
    raws = [
        long_line,
        "word " * 100,
        "w" * 300,
        "x" * (TITLE_MAX + 8) + "\nmore",
        "x" * (TITLE_MAX + 9),
        "#" + "y" * 130,
        "\\# not a heading. A path C:\\\\temp stays.",
        "",
        # a media row whose column values are replaced (they must not break the kernels)
        "\\!![](dayone-moment://AB12)\\\\\\a\xa0\x0c# \r\x0c![cap](dayone-moment:/audio/X)"
        "dayone-moment:/video/Y\\/\u3000\u200b? [x](y)dayone-moment:/video/Y\\\\💡[x](y)",
    ]
    assert _column(raws) == _reference(raws)
    assert _column([]) == [] and _column(["", ""]) == [("", "", 0), ("", "", 0)]


def test_white_space_is_the_same_for_python_and_pyarrow():
    # every white space character lies below U+3001 (so the check below is complete)
    assert all(not chr(c).isspace() for c in range(0x3001, sys.maxunicode + 1))
    chars = [chr(c) for c in range(0x3001) if not 0xD800 <= c <= 0xDFFF]
    arr = pa.array(chars, pa.large_string())
    assert pc.utf8_is_space(arr).to_pylist() == [c.isspace() for c in chars]
    padded = pa.array([c + "x" + c for c in chars], pa.large_string())
    assert pc.utf8_trim_whitespace(padded).to_pylist() == [(c + "x" + c).strip() for c in chars]
    # the byte table the column steps use holds exactly Python's ASCII white space
    ascii_spaces = "".join(c for c in chars if c.isspace() and ord(c) < 128)
    assert ascii_spaces == "".join(map(chr, np.flatnonzero(SPACE_BYTE)))
