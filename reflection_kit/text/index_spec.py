"""The rumination index specification: its components, weights, caps and threshold, once.

The specification is versioned data, ``text/lexicons/index_weights.csv``; this module is the
only code that reads it. :func:`reflection_kit.score_entries` computes the index with
:meth:`IndexSpec.index`, :func:`reflection_kit.daily` averages every component per day and
takes the day's index from them, :func:`reflection_kit.plots.plot_rumination` draws
:meth:`IndexSpec.parts` with the plain-language :attr:`Component.label`, and
:func:`reflection_kit.explain` lists every contribution. The formula (``docs/rumination.md``)
is::

    rumination = sum over components of weight * min(value, cap)

where a component's value is its sum over the entry's (at most 3) highest-scoring passages
(unit ``sum over passages``; see :mod:`reflection_kit.text.passages`). A missing value keeps
the index missing, except for the components whose ``missing`` rule is ``0`` (``retelling`` of
a first entry, ``loop_tone``), which then count 0. Weights are rounded to multiples of 1/256
and parts to multiples of 2**-16, so ``parts(frame).sum(axis=1)`` equals the index exactly.

Importing this module is cheap: it loads neither the tokenizer nor the tone model, so the
metrics and plot layers may import it at the top.

Examples
--------
>>> from reflection_kit.text.index_spec import index_spec
>>> spec = index_spec()
>>> spec.threshold, spec.component("loop_why").weight, spec.component("loop_why").label
(2.0, 0.5, 'why-questions')
>>> "loop_about_them" in spec.columns
True
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pandas as pd

__all__ = ["INDEX_FILE", "Component", "IndexSpec", "index_spec", "parse_index_spec"]

#: The data file of the specification, inside ``reflection_kit/text/lexicons/``.
INDEX_FILE = "index_weights.csv"
#: Weights are rounded to multiples of 1/256 and parts to multiples of 1/65536 (exact sums).
_WEIGHT_GRID = 256
_PART_GRID = 65536
_UNITS = (
    "sum over passages",
    "per 100 words",
    "per sentence",
    "share of sentences",
    "mean compound",
    "similarity",
)


@dataclass(frozen=True)
class Component:
    """One component of the rumination index.

    Attributes
    ----------
    column : str
        The column of :func:`reflection_kit.score_entries` (and of the daily panel).
    weight, cap : float
        Its part of the index is ``weight * min(value, cap)``.
    missing : {"NA", "0"}
        What a missing value counts as in the index.
    marker : str
        The component of :func:`reflection_kit.explain` that counts it ("" when the value is
        not a count of markers: tone, negative sentences, retelling).
    unit : str
        ``"sum over passages"``, ``"per 100 words"``, ``"per sentence"``,
        ``"share of sentences"``, ``"mean compound"``
        or ``"similarity"``.
    label : str
        Plain words for people (plot legends).
    """

    column: str
    weight: float
    cap: float
    missing: str
    marker: str
    unit: str
    label: str

    @property
    def raises(self) -> bool:
        """True when the component raises the index (a positive weight)."""
        return self.weight > 0

    def part(self, values: pd.Series) -> pd.Series:
        """This component's part of the index, ``weight * min(value, cap)`` (NA stays NA).

        The part is rounded to a multiple of 2**-16, so the parts of a row add up to the same
        number in any order (the index is their sum, exactly). Per-entry values are already
        on that grid; a day's mean of them moves by at most 2**-17.
        """
        raw = self.weight * pd.to_numeric(values, errors="coerce").clip(upper=self.cap)
        return (raw * _PART_GRID).round() / _PART_GRID


@dataclass(frozen=True)
class IndexSpec:
    """The rumination index: components in file order, the threshold and the version."""

    components: tuple[Component, ...]
    threshold: float
    version: str

    @property
    def columns(self) -> tuple[str, ...]:
        """The component columns, in file order."""
        return tuple(c.column for c in self.components)

    @property
    def labels(self) -> dict[str, str]:
        """Plain-language label of each component column."""
        return {c.column: c.label for c in self.components}

    @property
    def passage_weights(self) -> dict[str, float]:
        """``{column: weight}`` of the components counted per passage."""
        return {c.column: c.weight for c in self.components if c.unit == "sum over passages"}

    @property
    def weights(self) -> dict[str, dict[str, float]]:
        """``{column: {"weight": w, "cap": c}}`` (the form ``Lexicon.weights`` holds)."""
        return {c.column: {"weight": c.weight, "cap": c.cap} for c in self.components}

    def component(self, column: str) -> Component:
        """The component of ``column``.

        Raises
        ------
        KeyError
            When ``column`` is not a component of the index.
        """
        for c in self.components:
            if c.column == column:
                return c
        raise KeyError(
            f"{column!r} is not a component of the rumination index; the components are "
            f"{list(self.columns)}. Suggestion: use one of them."
        )

    def parts(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Each component's part of the index for each row of ``frame``.

        Missing values follow each component's ``missing`` rule (0 or NA).

        Raises
        ------
        KeyError
            When ``frame`` lacks a component column (the message lists them).
        """
        absent = [c for c in self.columns if c not in frame.columns]
        if absent:
            raise KeyError(
                f"the frame has no column(s) {absent} of the rumination index. Suggestion: "
                "score the journal with rk.score_entries(journal)."
            )
        out = {}
        for c in self.components:
            col = pd.to_numeric(frame[c.column], errors="coerce").astype("float64")
            out[c.column] = c.part(col.fillna(0.0) if c.missing == "0" else col)
        return pd.DataFrame(out, index=frame.index)

    def index(self, frame: pd.DataFrame) -> pd.Series:
        """The rumination index of each row: the parts added up (exact, so in any order)."""
        parts = self.parts(frame)
        total = pd.Series(0.0, index=frame.index)
        for c in self.columns:  # in file order, one addition at a time (NA stays NA)
            total = total + parts[c]
        return total


def _rows(text: str) -> list[dict[str, str]]:
    body = "\n".join(ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))
    return list(csv.DictReader(io.StringIO(body)))


def _version(text: str) -> str:
    first = text.splitlines()[0] if text else ""
    _, _, version = first.partition("version:")
    return version.strip()


def parse_index_spec(text: str, where: str = INDEX_FILE) -> IndexSpec:
    """Parse the text of an index specification file.

    Raises
    ------
    ValueError
        When a row has an unknown unit or missing rule, a weight or cap that is not a finite
        number, or the file has no ``threshold`` row; the message names the file and row.
    """
    components: list[Component] = []
    threshold = None
    for n, row in enumerate(_rows(text), start=1):
        name = (row.get("component") or "").strip()
        try:
            weight = float(row["weight"])
            cap = float(row["cap"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(
                f"{where} row {n} ({name!r}): weight and cap must be numbers ({exc}). "
                "Suggestion: write them like 0.30 and 10."
            ) from exc
        if not (math.isfinite(weight) and math.isfinite(cap)):
            raise ValueError(
                f"{where} row {n} ({name!r}): weight and cap must be finite, got {weight}, "
                f"{cap}. Suggestion: write them like 0.30 and 10."
            )
        if name == "threshold":
            threshold = weight
            continue
        weight = round(weight * _WEIGHT_GRID) / _WEIGHT_GRID
        missing = (row.get("missing") or "").strip()
        unit = (row.get("unit") or "").strip()
        if missing not in ("NA", "0") or unit not in _UNITS:
            raise ValueError(
                f"{where} row {n} ({name!r}): `missing` must be NA or 0 and `unit` one of "
                f"{list(_UNITS)}, got {missing!r} and {unit!r}. Suggestion: fix that row."
            )
        components.append(
            Component(
                column=name,
                weight=weight,
                cap=cap,
                missing=missing,
                marker=(row.get("marker") or "").strip(),
                unit=unit,
                label=(row.get("label") or "").strip() or name,
            )
        )
    if threshold is None:
        raise ValueError(
            f"{where} has no `threshold` row. Suggestion: add `threshold,1.0,0,,,,,` to it."
        )
    return IndexSpec(tuple(components), threshold, _version(text))


@lru_cache(maxsize=1)
def index_spec() -> IndexSpec:
    """The rumination index specification shipped with the package (read once).

    Returns
    -------
    IndexSpec

    Examples
    --------
    >>> spec = index_spec()
    >>> [c.column for c in spec.components if c.missing == "0"]
    ['loop_tone', 'retelling']
    """
    text = (resources.files("reflection_kit.text") / "lexicons" / INDEX_FILE).read_text(
        encoding="utf-8"
    )
    return parse_index_spec(text)
