"""Language analytics: tokens, sentences, rumination markers, the rumination index and tone.

Everything here runs offline. NLTK is used only through tokenizers that need no downloaded
data, the tone model is the lexicon shipped inside the ``vaderSentiment`` wheel, and no NLTK
data is ever fetched. The method, its sources and its limits are in ``docs/rumination.md``.

Examples
--------
>>> from reflection_kit.text import explain, split_sentences
>>> split_sentences("I keep replaying it. Why?")
['I keep replaying it.', 'Why?']
>>> explain("I keep replaying it.")["component"].tolist()
['replay']
"""

from __future__ import annotations

import importlib

from ._lexicon import LEXICON_VERSION
from .cache import ScoreCacheWarning, clear_cache
from .tokenize import sentence_spans, split_sentences, token_spans, tokenize

# The scorer and the tone table load the tone model (vaderSentiment): they load on first use,
# so that the metrics and plot layers can import ``reflection_kit.text.index_spec`` at the top
# without it. Import time is the reason for this indirection.
_LAZY = {
    "score_entries": ".score",
    "tone_table": ".tone",
    "explain": ".analysis",
    "contributing": ".analysis",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "LEXICON_VERSION",
    "ScoreCacheWarning",
    "clear_cache",
    "contributing",
    "explain",
    "score_entries",
    "sentence_spans",
    "split_sentences",
    "token_spans",
    "tokenize",
    "tone_table",
]
