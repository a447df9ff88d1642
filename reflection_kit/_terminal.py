"""Text for a terminal: control characters escaped, Python phrasing turned into flags.

Everything the command line prints goes through :func:`printable` (or
:func:`json_printable` for ``--json``): a file's own escape sequences, bidi
controls and undecodable name bytes are shown as visible escapes, never sent to
the terminal raw. :func:`cli_words` rewrites the library's suggestions (written
for Python, such as ``pass habits={'No contact': 'other'}``) into the flags of
the command line (``pass --habits "No contact=other"``).
"""

from __future__ import annotations

import ast
import re

__all__ = ["cli_words", "json_printable", "printable"]

#: Invisible characters that reorder or hide text (bidi controls, zero-width marks,
#: line and paragraph separators, the BOM): shown as ``\\uXXXX``.
_FORMAT_CONTROLS = (
    "\u061c\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f" + _FORMAT_CONTROLS + "\udc80-\udcff]")


def _escape(c: str) -> str:
    n = ord(c)
    if 0xDC80 <= n <= 0xDCFF:  # a byte of a name that is not valid UTF-8
        return f"\\x{n - 0xDC00:02x}"
    if n <= 0xFF:
        return f"\\x{n:02x}"
    return f"\\u{n:04x}"


def printable(text: object, *, newlines: bool = True) -> str:
    """``text`` safe to print: control characters shown as ``\\xNN`` / ``\\uXXXX``.

    Escapes C0 controls (ESC included) except tab and, with ``newlines``, the
    newline; DEL and C1 controls; bidi and zero-width controls; and lone
    surrogates (undecodable bytes of file names, shown as the byte ``\\xNN``).

    Examples
    --------
    >>> printable("a\\x1b]0;owned\\x07b\\u202ec")
    'a\\\\x1b]0;owned\\\\x07b\\\\u202ec'
    >>> printable("line 1\\nline 2")
    'line 1\\nline 2'
    """
    s = str(text)

    def repl(m: re.Match[str]) -> str:
        c = m.group()
        return c if (c == "\n" and newlines) else _escape(c)

    return _UNSAFE.sub(repl, s)


def json_printable(text: str) -> str:
    """JSON text with the characters :func:`printable` escapes written as ``\\uXXXX``.

    Valid JSON stays valid JSON: those characters only occur inside strings
    there (``json.dumps`` already escapes C0 controls).
    """
    return _UNSAFE.sub(lambda m: "\n" if m.group() == "\n" else f"\\u{ord(m.group()):04x}", text)


#: Reader options that the command line takes as repeated ``NAME=VALUE`` flags.
_PAIR_FLAGS = ("habits", "moods", "columns", "kinds", "activities")
_VALUE_FLAGS = {
    "timeformat": "--timeformat",
    "tagsymbols": "--tagsymbols",
    "format": "--format",
    "tz": "--tz",
    "max_unzipped_bytes": "--max-unzipped-bytes",
    "yes_means": "--yes-means",
    "date_format": "--date-format",
    "folder": "--folder",
}
_PLACEHOLDERS = {"format": "NAME", "timeformat": "PATTERN", "tz": "ZONE"}
_MAPPING = re.compile(r"\b(" + "|".join(_PAIR_FLAGS) + r")=(\{[^{}]*\})")
_VALUE = re.compile(
    r"\b(pass|set|with|use|or) (" + "|".join(_VALUE_FLAGS) + r")=('[^']*'|\"[^\"]*\"|[^\s,;)]+)"
)
_CALL = re.compile(r"rk\.read_(?:journal|urges)\(\.\.\., ([^()]*)\)")
_WHERE = re.compile(r"\((--\w+) on the command line, \w+= in Python\)")


def _quote(text: str) -> str:
    return f'"{text}"' if re.search(r"[\s'\"|&;<>()$`\\*?]", text) or not text else text


def _pairs(m: re.Match[str]) -> str:
    name, literal = m.group(1), m.group(2)
    try:
        mapping = ast.literal_eval(literal)
    except (ValueError, SyntaxError):  # an example with "...": keep its pairs
        pairs = re.findall(r"'([^']*)': '?([^',}]*)'?", literal)
        mapping = dict(pairs)
    if not isinstance(mapping, dict) or not mapping:
        return f"--{name} KEY=VALUE"
    return " ".join(f"--{name} {_quote(f'{k}={v}')}" for k, v in mapping.items())


def _value(m: re.Match[str]) -> str:
    verb, name, value = m.group(1), m.group(2), m.group(3)
    if value in ("...", "'...'"):
        return f"{verb} {_VALUE_FLAGS[name]} {_PLACEHOLDERS.get(name, 'VALUE')}"
    if value[:1] in "'\"":
        value = value[1:-1]
    value = value.rstrip(".")
    if name == "max_unzipped_bytes" and value.startswith("<"):
        value = "BYTES"
    return f"{verb} {_VALUE_FLAGS[name]} {_quote(value)}"


def cli_words(text: str) -> str:
    """The library's Python phrasing in command-line words.

    Examples
    --------
    >>> cli_words("pass habits={'No contact': 'other'} to include it")
    'pass --habits "No contact=other" to include it'
    >>> cli_words("Suggestion: pass format=... (see rk.formats())")
    'Suggestion: pass --format NAME (see `reflection-kit formats`)'
    >>> cli_words("map yours with columns={'Your name': 'timestamp', ...}.")
    'map yours with --columns "Your name=timestamp".'
    >>> cli_words("Suggestion: pass tz='Area/City' for the zone")
    'Suggestion: pass --tz Area/City for the zone'
    """
    text = re.sub(
        r"\bleave (\w+)=None\b",
        lambda m: f"leave out {_VALUE_FLAGS.get(m.group(1), m.group(1))}",
        text,
    )
    text = _CALL.sub(lambda m: m.group(1), text)
    text = _MAPPING.sub(_pairs, text)
    text = _VALUE.sub(_value, text)
    text = _WHERE.sub(r"(\1)", text)
    text = text.replace("force=True", "--force")
    text = text.replace("rk.formats()", "`reflection-kit formats`")
    text = re.sub(r"rk\.inspect\([^()]*\)", "`reflection-kit check PATH`", text)
    return text
