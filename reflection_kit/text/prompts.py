"""Keep the reflection prompts that ``reflection-kit new-entry`` writes out of the scores.

A note written with :func:`reflection_kit.new_entry` has one ``## <prompt>`` heading per
prompt. The headings are not the person's words, and the answers under them are asked-for
reflection, read in the review's own "prompt answers" section
(:func:`reflection_kit.prompt_answers`): neither is counted in the rumination index or the
tone. They stay in the journal's ``text``.

:func:`unprompted` blanks them out **with spaces of the same length**, so character offsets
(``rk.explain``) still point into the original text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..prompt_sets import prompts

__all__ = ["unprompted"]

_HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_MARK_RE = re.compile(r"<!--\s*prompt:\s*[\w.]+\s*-->")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


@lru_cache(maxsize=1)
def _prompt_headings() -> frozenset[str]:
    return frozenset(_norm(p.text) for p in prompts.by_id().values())


def unprompted(text: str) -> tuple[str, bool]:
    """``text`` with every reflection-prompt section blanked out, and whether it had one.

    A prompt section runs from a heading whose words are a prompt's (or that is followed by
    the ``<!-- prompt: id -->`` mark) to the next heading of the same or a higher level.
    Blanked characters become spaces (line breaks are kept), so offsets stay valid.

    Examples
    --------
    >>> from reflection_kit.prompt_sets import prompts
    >>> q = next(iter(prompts["boundaries"])).text
    >>> out, had = unprompted(f"Long day.\\n## {q}\\nMy answer.\\n")
    >>> had, out.strip()
    (True, 'Long day.')
    """
    if "#" not in text:
        return text, False
    heads = list(_HEADING_RE.finditer(text))
    if not heads:
        return text, False
    known = _prompt_headings()
    cuts: list[tuple[int, int]] = []
    for k, h in enumerate(heads):
        level = len(h.group(1))
        after = text[h.end() : h.end() + 200]
        if _norm(h.group(2)) not in known and not _MARK_RE.match(after.lstrip()):
            continue
        end = len(text)
        for nxt in heads[k + 1 :]:
            if len(nxt.group(1)) <= level:
                end = nxt.start()
                break
        cuts.append((h.start(), end))
    if not cuts:
        return text, False
    chars = list(text)
    for s, e in cuts:
        for i in range(s, e):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars), True
