"""Load the versioned lexicon files of ``reflection_kit/text/lexicons/``.

Every list the text layer uses is a data file, never a code literal. ``VERSION`` holds the
lexicon version that is reported (``LEXICON_VERSION``); :attr:`Lexicon.digest` is a hash of every
file, so editing a file invalidates cached scores even if the version was not bumped.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ._triggers import Alternative, CueSet, compile_alternatives, regex_tokens
from .index_spec import INDEX_FILE, parse_index_spec

__all__ = ["LEXICON_VERSION", "Lexicon", "load_lexicon"]

_PACKAGE = "reflection_kit.text"
_FILES = (
    "VERSION",
    "first_person.csv",
    "absolutist.txt",
    "absolutist_extended.txt",
    "we_words.txt",
    "ex_pronouns.txt",
    "past_focus.txt",
    "negation.txt",
    "clause_breaks.txt",
    "quote_self.txt",
    "counterfactual_patterns.txt",
    "why_patterns.txt",
    "why_exclusions.txt",
    "replay_patterns.txt",
    "release_patterns.csv",
    "tone_overrides.csv",
    "english_common.txt",
    "non_english_common.txt",
    "question_patterns.txt",
    INDEX_FILE,
    "abbreviations.txt",
    "other_people.txt",
)
_DEFINE_RE = re.compile(r"@define\s+(\w+)\s*=\s*(.+)$")
# Patterns are matched case-sensitively on lower-cased text (3x faster than IGNORECASE), so
# they must be written in lower case; _check_lower enforces it when the files are loaded.
_FLAGS = re.MULTILINE
_ESCAPES_RE = re.compile(r"\\.|\(\?P?<[^>]*>|\(\?P=\w+\)")


def _check_lower(pattern: str, where: str) -> str:
    bare = _ESCAPES_RE.sub("", pattern)
    if bare != bare.lower():
        raise ValueError(
            f"lexicon {where}: pattern {pattern!r} has capital letters; patterns are matched on "
            "lower-cased text, so write them in lower case."
        )
    return pattern


def optional_apostrophes(pattern: str) -> str:
    """Make every apostrophe of a pattern optional (outside character classes).

    Journals written on a phone drop apostrophes ("cant", "didnt", "im"); the cue files are
    written with them, and this makes one pattern match both spellings.

    Examples
    --------
    >>> print(optional_apostrophes("can't stop"))
    can'?t stop
    """
    out = []
    for i, tok, in_class in regex_tokens(pattern):
        optional = tok == "'" and not in_class and pattern[i + 1 : i + 2] not in ("?", "*")
        out.append("'?" if optional else tok)
    return "".join(out)


def _join(patterns: list[str], where: str) -> re.Pattern[str]:
    return re.compile(
        "|".join(f"(?:{optional_apostrophes(_check_lower(p, where))})" for p in patterns),
        _FLAGS,
    )


def _read(name: str) -> str:
    return (resources.files(_PACKAGE) / "lexicons" / name).read_text(encoding="utf-8")


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _csv_rows(text: str) -> list[dict[str, str]]:
    body = "\n".join(ln for ln in text.splitlines() if not ln.startswith("#"))
    return list(csv.DictReader(io.StringIO(body)))


@dataclass(frozen=True)
class CuePatterns:
    """A compiled cue list: trigger-gated alternatives plus anchored exceptions."""

    cues: CueSet
    exceptions: tuple[re.Pattern[str], ...]
    sources: tuple[str, ...]

    @property
    def alternatives(self) -> tuple[Alternative, ...]:
        """The compiled alternatives, in file order."""
        return self.cues.alternatives


def _patterns(text: str, where: str) -> CuePatterns:
    defines: dict[str, str] = {}
    keep: list[str] = []
    exc: list[re.Pattern[str]] = []
    for line in _lines(text):
        m = _DEFINE_RE.match(line)
        if m:
            defines[m.group(1)] = m.group(2).strip()
            continue
        for k, v in defines.items():
            line = line.replace("{" + k + "}", v)
        if line.startswith("!"):
            pat = line[1:].strip()
            pat = pat[1:] if pat.startswith("^") else pat
            exc.append(re.compile(optional_apostrophes(_check_lower(pat, where)), _FLAGS))
        else:
            keep.append(line)
    alts = compile_alternatives(
        [(optional_apostrophes(_check_lower(p, where)), "") for p in keep], _FLAGS
    )
    return CuePatterns(CueSet.build(alts), tuple(exc), tuple(keep))


def _phrase_regex(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    alts = sorted(
        (re.escape(p.lower()).replace(r"\ ", r"[ \t]+") for p in phrases), key=len, reverse=True
    )
    return re.compile(r"(?<![\w'])(?:" + "|".join(alts) + r")(?![\w'])", _FLAGS)


@dataclass(frozen=True)
class Lexicon:
    """Every lexicon of the text layer, loaded and compiled."""

    version: str
    digest: str
    i_words: frozenset[str]
    my_words: frozenset[str]
    absolutist: frozenset[str]
    absolutist_ext: frozenset[str]
    we_words: frozenset[str]
    ex_pronouns: frozenset[str]
    past_words: frozenset[str]
    past_phrases: re.Pattern[str] | None
    negation: re.Pattern[str]
    clause_breaks: frozenset[str]
    quote_self: re.Pattern[str]
    counterfactual: CuePatterns
    why: CuePatterns
    why_exclusions: re.Pattern[str]
    replay: CuePatterns
    question: CuePatterns
    release: CuePatterns
    release_groups: tuple[str, ...]
    tone_overrides: tuple[dict[str, str], ...]
    english_common: frozenset[str]
    non_english_common: frozenset[str]
    other_people: frozenset[str] = frozenset()
    weights: dict[str, dict[str, float]] = field(default_factory=dict)
    threshold: float = 1.0

    @property
    def word_sets(self) -> dict[str, frozenset[str]]:
        """The single-token categories, by component name."""
        return {
            "i": self.i_words,
            "my": self.my_words,
            "absolutist": self.absolutist,
            "absolutist_ext": self.absolutist_ext,
            "we": self.we_words,
            "ex": self.ex_pronouns,
            "past": self.past_words,
        }


def _words(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _lines(_read(name)))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load and compile every lexicon file (cached for the life of the process).

    Returns
    -------
    Lexicon

    Examples
    --------
    >>> lex = load_lexicon()
    >>> len(lex.absolutist)
    19
    """
    texts = {name: _read(name) for name in _FILES}
    digest = hashlib.sha256(
        "\0".join(f"{n}\0{t}" for n, t in sorted(texts.items())).encode("utf-8")
    ).hexdigest()[:16]
    version = texts["VERSION"].strip()

    fp = _csv_rows(texts["first_person.csv"])
    past = _lines(texts["past_focus.txt"])
    release_rows = _csv_rows(texts["release_patterns.csv"])
    groups: dict[str, list[str]] = {}
    for row in release_rows:
        groups.setdefault(row["subcomponent"].strip(), []).append(row["pattern"].strip())
    release = CuePatterns(
        CueSet.build(
            compile_alternatives(
                [
                    (optional_apostrophes(_check_lower(p, "release_patterns.csv")), g)
                    for g, ps in groups.items()
                    for p in ps
                ],
                _FLAGS,
            )
        ),
        (),
        tuple(p for ps in groups.values() for p in ps),
    )
    spec = parse_index_spec(texts[INDEX_FILE])
    return Lexicon(
        version=version,
        digest=digest,
        i_words=frozenset(r["term"].lower() for r in fp if r["component"] == "i"),
        my_words=frozenset(r["term"].lower() for r in fp if r["component"] == "my"),
        absolutist=_words("absolutist.txt"),
        absolutist_ext=_words("absolutist_extended.txt"),
        we_words=_words("we_words.txt"),
        ex_pronouns=_words("ex_pronouns.txt"),
        past_words=frozenset(p.lower() for p in past if " " not in p),
        past_phrases=_phrase_regex([p for p in past if " " in p]),
        negation=_join(_lines(texts["negation.txt"]), "negation.txt"),
        clause_breaks=_words("clause_breaks.txt"),
        quote_self=_join(_lines(texts["quote_self.txt"]), "quote_self.txt"),
        counterfactual=_patterns(texts["counterfactual_patterns.txt"], "counterfactual"),
        why=_patterns(texts["why_patterns.txt"], "why_patterns.txt"),
        why_exclusions=_join(_lines(texts["why_exclusions.txt"]), "why_exclusions.txt"),
        replay=_patterns(texts["replay_patterns.txt"], "replay_patterns.txt"),
        question=_patterns(texts["question_patterns.txt"], "question_patterns.txt"),
        release=release,
        release_groups=tuple(groups),
        tone_overrides=tuple(_csv_rows(texts["tone_overrides.csv"])),
        english_common=_words("english_common.txt"),
        non_english_common=_words("non_english_common.txt"),
        other_people=_words("other_people.txt"),
        weights=spec.weights,
        threshold=spec.threshold,
    )


#: The version of the lexicon files (``reflection_kit/text/lexicons/VERSION``).
LEXICON_VERSION: str = _read("VERSION").strip()
