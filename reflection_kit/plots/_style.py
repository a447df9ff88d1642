"""Shared look of the plots: the palette, the note on an empty axes, date axes, input checks.

Nothing here changes matplotlib's global state: no ``rcParams``, no style sheets. Every
colour and line width is set on the artist that uses it. ``matplotlib`` (and ``pyplot``) is
imported only inside functions, so ``import reflection_kit`` stays light and side-effect free.

Every public plot function is wrapped in :func:`literal_text`: the texts it draws (titles,
axis labels, tick labels, legends, notes) are drawn literally, so a coping strategy written
``$_$`` is shown as ``$_$`` instead of being read as matplotlib math text.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import pandas as pd

from .._deprecation import renamed_first_arg

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

F = TypeVar("F", bound=Callable[..., Any])

__all__ = [
    "COMPONENT_HATCHES",
    "MIN_FONT",
    "NOTE_GID",
    "OKABE_ITO",
    "PALETTE",
    "daily_frame",
    "daily_series",
    "date_axis",
    "draw_literally",
    "figure_literal_text",
    "get_ax",
    "literal_text",
    "note",
    "renamed_first_arg",
    "rolling_mean",
    "tidy",
]

#: The smallest font size (points) of any text the plots draw: readable at the review's
#: figure size (9 inches wide at 96 dpi) and when a phone scales the figure down.
MIN_FONT = 9

#: The Okabe–Ito palette (Okabe & Ito 2008), distinguishable with every common colour-vision
#: deficiency. Names are the authors' own.
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}

#: What each colour means across all the plots (one meaning per colour).
PALETTE: dict[str, str] = {
    "main": OKABE_ITO["blue"],  # the measured series
    "points": OKABE_ITO["sky_blue"],  # daily values behind a smoothed line
    "resisted": OKABE_ITO["blue"],
    "acted": OKABE_ITO["orange"],
    "clean": OKABE_ITO["bluish_green"],
    "checked": OKABE_ITO["orange"],
    "unknown": "#DDDDDD",
    "skip": "#F4F4F4",
    "rate": OKABE_ITO["black"],
    "faded": OKABE_ITO["grey"],
    "reference": "#777777",
    "grid": "#E6E6E6",
    "text": "#333333",
    "muted": "#666666",
}

#: Colours for the rumination components, in a fixed order: the eight Okabe–Ito colours that
#: stay apart under deuteranopia (grey is left out: it merges with reddish purple). A ninth
#: component and beyond reuse them with a hatch (:data:`COMPONENT_HATCHES`).
COMPONENT_COLOURS: tuple[str, ...] = (
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["yellow"],
    OKABE_ITO["black"],
)

#: Hatches of the rounds through :data:`COMPONENT_COLOURS`: none for the first eight components,
#: then diagonal lines, then dots.
COMPONENT_HATCHES: tuple[str | None, ...] = (None, "////", "..", "xx")


def component_style(i: int) -> tuple[str, str | None]:
    """Colour and hatch of the ``i``-th component (0-based)."""
    n = len(COMPONENT_COLOURS)
    return COMPONENT_COLOURS[i % n], COMPONENT_HATCHES[(i // n) % len(COMPONENT_HATCHES)]


#: The gid of the text artist that explains an empty plot (tests look it up by this).
NOTE_GID = "reflection_kit.note"


def get_ax(ax: Axes | None) -> Axes:
    """Return ``ax``, or the current axes of the current figure (``plt.gca()``)."""
    if ax is not None:
        return ax
    # deferred: pyplot (~0.3 s, picks a backend) must not load at `import reflection_kit`
    import matplotlib.pyplot as plt

    return plt.gca()


def draw_literally(*artists: Any) -> None:
    """Turn off math-text parsing on every text of ``artists`` (axes, figures, legends).

    Titles, axis labels, tick labels, legend entries and annotations then draw exactly the
    characters they hold: ``$``, ``_``, ``^`` and backslashes included.
    """
    # deferred: matplotlib (~0.2 s) loads at the first plot, never at `import reflection_kit`
    from matplotlib.text import Text

    for artist in artists:
        for text in artist.findobj(Text):
            text.set_parse_math(False)


def literal_text(func: F) -> F:
    """Wrap an axes-level plot function so that every text it draws is drawn literally.

    The axes it returns and every axes it added to that figure (a twin, a colour bar, an
    inset) are passed to :func:`draw_literally`; for a figure-level function (one that
    returns a Figure), the whole figure.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # deferred: matplotlib (~0.2 s) loads at the first plot, never at `import reflection_kit`
        from matplotlib.figure import Figure

        if kwargs.get("ax") is not None:
            before = set(kwargs["ax"].figure.axes)
        else:
            # deferred: pyplot (~0.3 s, picks a backend) must not load at `import reflection_kit`
            import matplotlib.pyplot as plt

            before = set(plt.gcf().axes)  # the figure that plt.gca() will draw on
        result = func(*args, **kwargs)
        if isinstance(result, Figure):
            draw_literally(result)
        else:
            draw_literally(result, *[a for a in result.figure.axes if a not in before])
        return result

    return wrapper  # type: ignore[return-value]


def figure_literal_text(func: F) -> F:
    """Wrap a figure-level plot function so that every text of its figure is literal."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        fig = func(*args, **kwargs)
        draw_literally(fig)
        return fig

    return wrapper  # type: ignore[return-value]


def tidy(ax: Axes, *, grid: str | None = "y") -> None:
    """Light per-axes styling: no top/right spines, a faint grid behind the data."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#AAAAAA")
    ax.tick_params(colors=PALETTE["text"], labelsize=MIN_FONT)
    if grid:
        ax.grid(axis=grid, color=PALETTE["grid"], linewidth=0.8)
        ax.set_axisbelow(True)


def note(ax: Axes, message: str, *, title: str | None = None) -> Axes:
    """Draw an empty axes that carries a short, friendly note, and return it.

    Used whenever there is nothing honest to draw: an empty frame, a single day, only
    missing values, a missing column. The text artist has ``gid`` :data:`NOTE_GID`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib.figure import Figure
    >>> ax = note(Figure().add_subplot(), "Nothing logged yet.")
    >>> [t.get_text() for t in ax.texts]
    ['Nothing logged yet.']
    """
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_facecolor("#FAFAFA")
    if title:
        ax.set_title(title)
    wrapped = "\n".join(textwrap.wrap(message, 64)) or message
    ax.text(
        0.5,
        0.5,
        wrapped,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=10,
        color=PALETTE["muted"],
        gid=NOTE_GID,
    )
    return ax


def below_axes(ax: Axes, points: float) -> Any:
    """A transform of ``ax``'s axes coordinates moved ``points`` down (under its tick labels).

    Legends anchored at its ``(x, 0)`` sit under the dates whatever the figure size.
    """
    # deferred: matplotlib (~0.2 s) loads at the first plot, never at `import reflection_kit`
    from matplotlib.transforms import offset_copy

    return offset_copy(ax.transAxes, fig=ax.figure, y=-points, units="points")


def wrap_to_axes(text: str, ax: Axes, fontsize: float = MIN_FONT) -> str:
    """``text`` broken into lines about as wide as ``ax`` at ``fontsize``."""
    width = ax.get_position().width * ax.figure.get_figwidth()
    return "\n".join(textwrap.wrap(text, max(24, int(width * 72 / (0.6 * fontsize)))))


def date_axis(ax: Axes) -> None:
    """Readable dates on the x axis (matplotlib's ConciseDateFormatter)."""
    # deferred: matplotlib (~0.2 s) loads at the first plot, never at `import reflection_kit`
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def check_frame(data: Any, name: str, hint: str) -> None:
    """Raise a TypeError naming the argument when ``data`` is not a DataFrame."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"`{name}` must be a pandas DataFrame, got {type(data).__name__}. {hint}")


def daily_frame(daily: Any, name: str = "data") -> pd.DataFrame:
    """The daily panel with a complete daily DatetimeIndex named ``date``.

    Accepts the frame of ``rk.daily`` (indexed by ``date``) or any frame with a ``date``
    column (several rows per day are averaged for numbers, first value for text). Days missing
    from the index are added as empty rows. Rows without a date are left out.
    """
    check_frame(daily, name, "Suggestion: pass the frame of rk.daily(journal=..., urges=...).")
    df = daily
    if not isinstance(df.index, pd.DatetimeIndex):
        if "date" not in df.columns:
            return pd.DataFrame(index=pd.DatetimeIndex([], name="date"))
        df = df.copy()
        df["date"] = pd.to_datetime(df["date"], errors="coerce")
        df = df[df["date"].notna()]
        if df["date"].duplicated().any():
            num = df.select_dtypes("number").columns.difference(["date"])
            agg = {c: ("mean" if c in num else "first") for c in df.columns if c != "date"}
            df = df.groupby("date").agg(agg)
        else:
            df = df.set_index("date")
    df = df[df.index.notna()]
    if df.index.tz is not None:
        df = df.tz_localize(None)
    df = df.sort_index()
    df.index = df.index.normalize()
    df = df[~df.index.duplicated(keep="first")]
    if len(df):
        full = pd.date_range(df.index.min(), df.index.max(), freq="D", name="date")
        df = df.reindex(full)
    df.index.name = "date"
    return df


def daily_series(df: pd.DataFrame, column: str) -> pd.Series:
    """A float column of the daily panel (NaN for missing), or an all-NaN series."""
    if column not in df.columns:
        return pd.Series(np.nan, index=df.index, dtype=float, name=column)
    values = pd.to_numeric(df[column], errors="coerce").astype("Float64")
    return values.astype(float).rename(column)


def min_periods(window: int) -> int:
    """Values a rolling window needs: 1 for no smoothing, else at least 2 (a third of it)."""
    return 1 if window <= 1 else min(window, max(2, window // 3))


def rolling_mean(series: pd.Series, window: int) -> pd.Series:
    """Centred rolling mean over calendar days; missing days are left out, never filled."""
    return series.rolling(window, center=True, min_periods=min_periods(window)).mean()


def check_window(window: Any) -> int:
    """Validate the ``window`` argument (a whole number of days, at least 1)."""
    if isinstance(window, bool) or not isinstance(window, int | np.integer) or window < 1:
        raise ValueError(
            f"`window` must be a whole number of days, at least 1, got {window!r}. "
            "Suggestion: window=7 for a weekly rolling mean, window=1 for none."
        )
    return int(window)


def span_text(index: pd.DatetimeIndex) -> str:
    """'3 Mar 2025' or '3 Mar – 22 Jun 2025' for a date range."""
    if not len(index):
        return ""
    a, b = index.min(), index.max()
    if a == b:
        return f"{a.day} {a:%b %Y}"
    left = f"{a.day} {a:%b}" if a.year == b.year else f"{a.day} {a:%b %Y}"
    return f"{left} – {b.day} {b:%b %Y}"
