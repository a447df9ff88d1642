"""What the review may show: one privacy policy that every shown text passes.

A :class:`PrivacyPolicy` is made once per review from the ``privacy`` mode and the people
to hide. Everything the review shows or draws comes from it:

* :meth:`PrivacyPolicy.exports` gives the loaded exports as they may be shown: the urge
  and journal frames with every free-text column protected (so the summary, the tables
  and the figure labels built from them are protected too), the files under neutral
  names, and every problem, note and message protected;
* :meth:`PrivacyPolicy.text` protects one piece of the person's own text (a quoted
  sentence, a prompt answer);
* :meth:`PrivacyPolicy.message` protects one of our messages that quotes the person's
  data (a problem's reason, a note about a file).

The modes:

``"full"``
    Everything as written.
``"redact"``
    The person's text is shown with the people's names (and their surnames), handles,
    links, e-mail addresses and phone numbers replaced (:func:`reflection_kit.redact`);
    with ``all_names=True`` every other capitalised name too, except the ``keep`` names
    (the writer's own). Files are shown as "file 1 (csv)", "folder 2"...
``"aggregate"``
    No text the person typed appears anywhere: no quotes, no answers, no file names,
    nothing quoted in a problem's reason. Coping strategies from the product's own list
    (breathing, movement...) keep their names; other strategies become "own strategy 1",
    "own strategy 2"..., and triggers "trigger 1", "trigger 2"... (numbered by how often
    they were logged, most often first).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .._redaction import _names_pattern, _surnames, redact
from ..frames import COPING_STRATEGIES, empty_journal, empty_urges
from ..metrics.urges import _text_keys
from ..workspace import Exports

__all__ = ["PRIVACY_MODES", "PrivacyPolicy", "ShownExports"]

PRIVACY_MODES = ("full", "redact", "aggregate")

#: What a piece of the person's text becomes in aggregate mode (it is never shown there).
HIDDEN = "[hidden]"
#: What a quoted value in one of our messages becomes in aggregate mode.
ELIDED = "[…]"

# string columns that hold our own words, not the person's
_OURS = frozenset({"entry_id", "urge_id", "source", "tz", "kind", "checkin"})
# a value quoted in a message: 'x', "x" (Python repr, with escapes), ‘x’, “x”, `x`` is ours
_QUOTED = re.compile(r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|‘[^’\n]*’|“[^”\n]*”""")
_POSITION = re.compile(r"\b(?:line|entry|record|row|item|day)s? \d+\b")


def _ext(path: str) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if re.fullmatch(r"[a-z0-9]{1,5}", suffix) else ""


@dataclasses.dataclass(frozen=True)
class PrivacyPolicy:
    """How much of the person's own text a review may show.

    Parameters
    ----------
    mode : {"full", "redact", "aggregate"}
        See the module docstring.
    people : sequence of str
        Names and aliases of the person being let go (and anyone else to hide).
    all_names : bool
        In ``"redact"`` mode, hide every capitalised name, not only ``people``.
    keep : sequence of str
        Names ``all_names`` never hides: the writer's own.
    files : tuple of (str, str)
        The real file names and paths and how they are shown; filled by
        :meth:`for_exports`.
    members : tuple of str
        Names of the files inside a zip or folder that have problems; aggregate mode
        hides them in messages. Filled by :meth:`for_exports`.

    Examples
    --------
    >>> from reflection_kit.review import PrivacyPolicy
    >>> policy = PrivacyPolicy("redact", people=["Alex"])
    >>> policy.text("Alex Kowalski texted me (@alex_k)")
    '[name] texted me ([handle])'
    >>> PrivacyPolicy("aggregate").message("the date must look like YYYY-MM-DD, got 'Alex'")
    'the date must look like YYYY-MM-DD, got […]'
    """

    mode: str = "full"
    people: tuple[str, ...] = ()
    all_names: bool = False
    keep: tuple[str, ...] = ()
    files: tuple[tuple[str, str], ...] = ()
    members: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.mode not in PRIVACY_MODES:
            raise ValueError(
                f"`privacy` must be one of {', '.join(PRIVACY_MODES)}, got {self.mode!r}. "
                "Suggestion: use 'redact' to hide names and links, or 'aggregate' to show "
                "no text at all."
            )
        for name in ("people", "keep"):
            value = getattr(self, name)
            if isinstance(value, str):
                value = (value,)
            object.__setattr__(self, name, tuple(str(v) for v in value if str(v).strip()))

    @classmethod
    def of(cls, privacy: str | PrivacyPolicy, people: Sequence[str] = ()) -> PrivacyPolicy:
        """``privacy`` itself when it is a policy, else a policy for that mode and people."""
        if isinstance(privacy, PrivacyPolicy):
            return privacy
        return cls(str(privacy), people=tuple(people))

    @property
    def quotes(self) -> bool:
        """Whether the person's sentences may be quoted (not in aggregate mode)."""
        return self.mode != "aggregate"

    # ----------------------------------------------------------------- single texts

    def _files(self, text: str) -> str:
        for real, shown in self.files:
            if "/" in real or "\\" in real or "." in real:
                pattern = r"(?<![\w.-])" + re.escape(real) + r"(?![\w-])"
            else:  # a plain word (a folder "notes"): only where it stands as a path
                pattern = r"(?<![\w.-])" + re.escape(real) + r"(?=[/\\:'\"’]|\s+line\b|$)"
            text = re.sub(pattern, shown.replace("\\", r"\\"), text)
        return text

    def _redact(self, text: str, *, all_names: bool | None = None) -> str:
        use_all = self.all_names if all_names is None else all_names
        return redact(text, self.people, all_names=use_all, keep=self.keep)

    def text(self, value: object) -> str:
        """One piece of the person's own text, as the review may show it."""
        text = "" if value is None else str(value)
        if self.mode == "full":
            return text
        if self.mode == "aggregate":
            return HIDDEN if text else ""
        return self._redact(self._files(text))

    def file(self, path: object) -> str:
        """How a file or folder given to the review is named on the page."""
        text = str(path)
        if self.mode == "full":
            return Path(text).name or text
        for real, shown in self.files:
            if real == text:
                return shown
        return self._files(text) if self.mode == "redact" else "a file"

    def message(self, value: object) -> str:
        """One of our messages (a reason, a note), with the person's data in it protected.

        Files are named as on the page. In ``"redact"`` mode the people are hidden
        everywhere and, with ``all_names``, other names inside quoted values (our own
        words such as "Day One" stay). In ``"aggregate"`` mode every quoted value
        becomes ``[…]``.
        """
        text = "" if value is None else str(value)
        if self.mode == "full" or not text:
            return text
        if self.mode == "aggregate":
            for member in self.members:
                text = text.replace(member, ELIDED)
        text = self._files(text)
        if self.mode == "aggregate":
            ours = {shown for _, shown in self.files}
            text = _QUOTED.sub(lambda m: m.group() if m.group()[1:-1] in ours else ELIDED, text)
            return self._redact(text, all_names=False)
        if self.all_names:
            text = _QUOTED.sub(lambda m: self._redact(m.group()), text)
        return self._redact(text, all_names=False)

    def location(self, value: object) -> str:
        """Where a problem is: the file as named on the page, and the line or entry."""
        text = "" if value is None else str(value)
        if self.mode == "full" or not text:
            return text
        if self.mode == "redact":
            return self._redact(self._files(text))
        shown = self._files(text)
        names = sorted({s for _, s in self.files}, key=len, reverse=True)
        head = next((s for s in names if shown.startswith(s)), "a file")
        rest = shown[len(head) :] if shown.startswith(head) else shown
        inside = ", a file inside" if re.match(r"\s*[:/\\]", rest) else ""
        pos = _POSITION.search(rest)
        return head + inside + (f", {pos.group()}" if pos else "")

    # ----------------------------------------------------------------- preparing

    def for_exports(self, exports: Any) -> PrivacyPolicy:
        """This policy with the exports' files named and the surnames they hold learned.

        Files and folders are named "file 1 (csv)", "folder 2"...: the exports that were
        read in the order given, then those that could not be read. Surnames written
        right after a hidden name anywhere in the data (``Alex Kowalski``) are hidden
        wherever else they stand (``Kowalski``).
        """
        if self.mode == "full":
            return self
        paths: list[str] = []
        for p in [r.path for r in exports.reports] + [p for p, _ in exports.failures]:
            if str(p) not in paths:
                paths.append(str(p))
        files: list[tuple[str, str]] = []
        for i, p in enumerate(paths, 1):
            ext = _ext(p)
            is_dir = Path(p).is_dir()
            shown = f"folder {i}" if is_dir else f"file {i}" + (f" ({ext})" if ext else "")
            files.append((p, shown))
            name = Path(p).name
            if name and name != p:
                files.append((name, shown))
        files.sort(key=lambda rs: len(rs[0]), reverse=True)
        members: set[str] = set()
        for r in exports.reports:
            name = Path(r.path).name
            for loc in (loc for t in _tables(r) for loc in t.get("location", ())):
                rest = str(loc)[len(name) :] if str(loc).startswith(name) else ""
                if rest[:1] in (":", "/", "\\"):
                    pos = _POSITION.search(rest)
                    member = rest[1 : pos.start() if pos else len(rest)].strip()
                    if member:
                        members.add(member)
        people = self.people
        if people and self.mode == "redact":
            pattern = _names_pattern(list(people))
            found: set[str] = set()
            for text in _texts(exports):
                found |= _surnames(text, pattern)[1]
            people = tuple(dict.fromkeys([*people, *sorted(found)]))
        return dataclasses.replace(
            self,
            files=tuple(files),
            people=people,
            members=tuple(sorted(members, key=len, reverse=True)),
        )

    # ----------------------------------------------------------------- frames

    def _column(self, values: pd.Series) -> pd.Series:
        def one(v: Any) -> Any:
            if isinstance(v, str):
                return self.text(v) if self.mode == "redact" else ""
            if isinstance(v, list | tuple):
                return [] if self.mode == "aggregate" else [self.text(x) for x in v]
            if isinstance(v, dict):
                return {k: one(x) for k, x in v.items()}
            return v

        out = values.map(one)
        return out.astype(values.dtype) if values.dtype == "str" else out

    def _frame(self, frame: pd.DataFrame, skip: Iterable[str] = ()) -> pd.DataFrame:
        if self.mode == "full" or not len(frame):
            return frame
        out = frame.copy()
        for col in out.columns:
            if col in _OURS or col in skip:
                continue
            dtype = out[col].dtype
            if pd.api.types.is_string_dtype(dtype) or pd.api.types.is_object_dtype(dtype):
                out[col] = self._column(out[col])
        return out

    def _table(self, table: pd.DataFrame) -> pd.DataFrame:
        """A report's table (problems, skipped files): locations, reasons and raw text."""
        out = table.copy()
        how = {"location": self.location, "reason": self.message, "raw": self.text}
        for col in out.columns:
            if len(out) and col in how:
                out[col] = out[col].map(how[col])
            elif len(out) and col not in _OURS:
                out[col] = self._column(out[col].astype(object))
        return out

    def journal(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A journal frame with every text column protected (numbers are unchanged).

        ``prompts`` keeps which prompts were answered; the answers are protected.
        """
        return self._frame(frame)

    def urges(self, frame: pd.DataFrame) -> pd.DataFrame:
        """An urge frame with every text column protected.

        In aggregate mode coping strategies and triggers are numbered (see the module
        docstring), so the counts and rates computed from them do not change.
        """
        if self.mode != "aggregate" or not len(frame):
            return self._frame(frame)
        out = self._frame(frame, skip=("coping", "trigger"))
        for col, word, split in (("coping", "own strategy", True), ("trigger", "trigger", False)):
            if col in out.columns:
                out[col] = _numbered(frame[col], word, split=split)
        return out

    def failure_messages(self, failures: Iterable[tuple[str, str]]) -> list[str]:
        """Messages about exports that could not be read, as a page may show them.

        ``failures`` are ``(path, message)`` pairs (``Exports.failures``); the files are
        named "file 1 (csv)"... in their order.
        """
        bare = Exports(journal=empty_journal(), urges=empty_urges(), failures=list(failures))
        return self.exports(bare).messages

    def exports(self, exports: Exports) -> ShownExports:
        """The loaded exports as the review may show them (see the module docstring).

        Exports already shown under this policy are returned as they are.
        """
        if isinstance(exports, ShownExports) and exports.policy.mode == self.mode:
            return exports
        policy = self.for_exports(exports)
        if self.mode == "full":
            return ShownExports(**_fields(exports), policy=policy)
        reports = []
        for r in exports.reports:
            changes: dict[str, Any] = {
                "path": policy.file(r.path),
                "notes": [policy.message(n) for n in r.notes],
                "frame": None,
            }
            for f in dataclasses.fields(r):  # problems, skipped files...: every table
                table = getattr(r, f.name)
                if isinstance(table, pd.DataFrame) and f.name != "frame":
                    changes[f.name] = policy._table(table)
            reports.append(dataclasses.replace(r, **changes))
        failures = [(policy.file(p), policy.message(m)) for p, m in exports.failures]
        fields = _fields(exports)
        fields.update(
            journal=policy.journal(exports.journal),
            urges=policy.urges(exports.urges),
            reports=reports,
            failures=failures,
        )
        return ShownExports(**fields, policy=policy)


@dataclasses.dataclass
class ShownExports(Exports):
    """Exports as a review may show them: the result of :meth:`PrivacyPolicy.exports`.

    Attributes
    ----------
    policy : PrivacyPolicy
        The policy they were protected with (its files named), for the texts the review
        quotes from the original journal.
    """

    policy: PrivacyPolicy = dataclasses.field(default_factory=PrivacyPolicy)


def _fields(exports: Exports) -> dict[str, Any]:
    return {
        f.name: getattr(exports, f.name)
        for f in dataclasses.fields(Exports)
        if f.init and f.name != "policy"
    }


def _tables(report: Any) -> list[pd.DataFrame]:
    """The tables of a load report that list places in the input (problems, skipped files)."""
    return [
        t
        for f in dataclasses.fields(report)
        if f.name != "frame" and isinstance(t := getattr(report, f.name), pd.DataFrame)
    ]


def _texts(exports: Any) -> Iterable[str]:
    """Every piece of free text in the exports (for learning surnames)."""
    for frame in (exports.journal, exports.urges):
        for col in frame.columns:
            if col in _OURS:
                continue
            for v in frame[col]:
                if isinstance(v, str) and v:
                    yield v
                elif isinstance(v, list | tuple):
                    yield from (x for x in v if isinstance(x, str))
                elif isinstance(v, dict):
                    yield from (x for x in v.values() if isinstance(x, str))
    for r in exports.reports:
        for table in _tables(r):
            for col in ("location", "reason", "raw"):
                if col in table.columns:
                    yield from (str(v) for v in table[col])
        yield r.path
        yield from r.notes
    for p, m in exports.failures:
        yield str(p)
        yield m


def _numbered(values: pd.Series, word: str, *, split: bool) -> pd.Series:
    """Free texts as "word 1", "word 2"... by how often they occur (most often first).

    The texts are normalised and (for coping) split as :func:`reflection_kit.urge_stats`
    does; names from the product's list of coping strategies are kept.
    """
    strings = values.astype("str").where(values.notna(), "")
    uniques = list(dict.fromkeys(strings))
    keys, members = _text_keys(uniques, split)
    counts = strings.value_counts()
    uses = [0] * len(keys)
    for value, idx in zip(uniques, members, strict=True):
        for k in idx:
            uses[k] += int(counts[value])
    names: dict[int, str] = {}
    own = [k for k in range(len(keys)) if not (split and keys[k] in COPING_STRATEGIES)]
    for rank, k in enumerate(sorted(own, key=lambda k: (-uses[k], keys[k])), 1):
        names[k] = f"{word} {rank}"
    shown = {
        value: ", ".join(names.get(k, keys[k]) for k in idx)
        for value, idx in zip(uniques, members, strict=True)
    }
    return strings.map(shown).astype("str")
