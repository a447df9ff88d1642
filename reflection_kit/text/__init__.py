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
['i', 'replay']
"""

from ._lexicon import LEXICON_VERSION
from .cache import ScoreCacheWarning, clear_cache
from .markers import explain
from .score import score_entries
from .tokenize import sentence_spans, split_sentences, token_spans, tokenize
from .tone import tone_table

__all__ = [
    "LEXICON_VERSION",
    "ScoreCacheWarning",
    "clear_cache",
    "explain",
    "score_entries",
    "sentence_spans",
    "split_sentences",
    "token_spans",
    "tokenize",
    "tone_table",
]
