"""dashboard(), the package surface, and the rules: no pyplot on import, no show/savefig."""

from __future__ import annotations

import subprocess
import sys
import warnings

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.figure import Figure

import reflection_kit.plots as rkp
from reflection_kit.frames import empty_urges
from reflection_kit.metrics import streaks

from ._helpers import SAMPLE, notes

PLOTS = (
    "plot_rumination",
    "plot_tone",
    "plot_calendar",
    "plot_urges_weekly",
    "plot_urge_clock",
    "plot_coping",
    "plot_time_to_lapse",
)


def _labels(fig):
    return [ax.get_label() for ax in fig.axes if ax.get_label() and ax.get_label()[0] != "<"]


def test_all_panels(daily, sample_urges):
    fig = rkp.dashboard(daily, sample_urges)
    assert isinstance(fig, Figure)
    assert _labels(fig) == [
        "rumination",
        "tone",
        "urges_weekly",
        "calendar",
        "time_to_lapse",
        "urge_clock",
        "coping",
    ]
    by = {ax.get_label(): ax for ax in fig.axes}
    assert by["rumination"].get_title() == "How much the writing loops back, day by day"
    assert by["time_to_lapse"].get_title().startswith("How long streaks tend to last")
    # rumination spans the full width, the others half of it
    full = by["rumination"].get_subplotspec()
    half = by["tone"].get_subplotspec()
    assert full.colspan == range(0, 2) and half.colspan == range(0, 1)
    assert "Your data at a glance: 3 Mar – 13 Apr 2025" in fig._suptitle.get_text()
    assert "not a diagnosis" in fig._suptitle.get_text()


def test_only_the_panels_the_inputs_allow(make_daily):
    fig = rkp.dashboard(make_daily(columns=["tone", "social_status"]))
    assert _labels(fig) == ["tone", "calendar"]
    fig = rkp.dashboard(None, streaks=pd.DataFrame({"days": [1, 4], "ended": [True, False]}))
    assert _labels(fig) == ["time_to_lapse"]


def test_streaks_given_or_computed(daily, sample_urges):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        s = streaks(sample_urges)
    fig = rkp.dashboard(daily, streaks=s)
    assert "time_to_lapse" in _labels(fig) and "urge_clock" not in _labels(fig)
    computed = rkp.dashboard(daily, sample_urges)
    title = {ax.get_label(): ax for ax in computed.axes}["time_to_lapse"].get_title()
    assert f"({len(s)} streaks" in title


def test_long_calendar_gets_the_full_width(make_daily):
    fig = rkp.dashboard(make_daily(days=200, columns=["social_status"]))
    (ax,) = [a for a in fig.axes if a.get_label() == "calendar"]
    assert ax.get_subplotspec().colspan == range(0, 2)


@pytest.mark.parametrize("case", ["empty", "none", "empty_urges"])
def test_nothing_to_draw_is_one_note(make_daily, case):
    daily = make_daily().iloc[:0] if case != "none" else None
    urges = empty_urges() if case == "empty_urges" else None
    fig = rkp.dashboard(daily, urges)
    (ax,) = fig.axes
    (text,) = notes(ax)
    assert "Nothing to draw yet" in text.replace("\n", " ")


def test_single_day_panels_are_notes(make_daily):
    fig = rkp.dashboard(make_daily().iloc[:1])
    assert _labels(fig) and all(notes(ax) for ax in fig.axes if ax.get_label() in _labels(fig))


def test_draws_on_a_given_figure_without_pyplot(daily):
    fig = Figure()
    out = rkp.dashboard(daily, fig=fig, figsize=(10, 8))
    assert out is fig
    assert tuple(fig.get_size_inches()) == (10, 8)
    assert fig not in [plt.figure(n) for n in plt.get_fignums()]


def test_bad_urges_argument(daily):
    with pytest.raises(TypeError, match="`urges` must be a pandas DataFrame"):
        rkp.dashboard(daily, "urges.csv")


def test_public_names():
    extra = {"dashboard", "OKABE_ITO", "PALETTE"}
    extra |= {"plot_habit_strength", "plot_mood", "plot_year_in_pixels"}
    assert set(rkp.__all__) == {*PLOTS, *extra}
    for name in rkp.__all__:
        assert hasattr(rkp, name)


def test_palette_is_okabe_ito():
    assert set(rkp.PALETTE[k] for k in ("main", "resisted", "acted", "clean", "checked")) <= set(
        rkp.OKABE_ITO.values()
    )


def test_importing_does_not_load_pyplot_or_touch_rcparams(tmp_path):
    code = (
        "import sys, matplotlib as mpl\n"
        "snap = lambda: {k: dict.__getitem__(mpl.rcParams, k) for k in mpl.rcParams}\n"
        "before = snap()\n"
        "import reflection_kit, reflection_kit.plots\n"
        "from reflection_kit.plots import dashboard, plot_rumination\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'\n"
        "assert snap() == before, 'rcParams changed'\n"
        "print('ok')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "ok"


def test_plotting_leaves_rcparams_alone(daily, sample_urges):
    import matplotlib as mpl

    before = dict(mpl.rcParams)
    rkp.dashboard(daily, sample_urges)
    assert dict(mpl.rcParams) == before


def test_plot_functions_never_show_save_or_create_figures(monkeypatch, daily, sample_urges):
    def forbidden(*args, **kwargs):
        raise AssertionError("a plot function must not show, save or create a figure")

    _, ax = plt.subplots()  # a current figure exists, so plt.gca() needs no new one
    monkeypatch.setattr(plt, "show", forbidden)
    monkeypatch.setattr(plt, "savefig", forbidden)
    monkeypatch.setattr(plt, "figure", forbidden)
    monkeypatch.setattr(plt, "subplots", forbidden)
    monkeypatch.setattr(Figure, "savefig", forbidden)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        s = streaks(sample_urges)
    calls = {
        "plot_rumination": (daily,),
        "plot_tone": (daily,),
        "plot_calendar": (daily,),
        "plot_urges_weekly": (daily,),
        "plot_urge_clock": (sample_urges,),
        "plot_coping": (sample_urges,),
        "plot_time_to_lapse": (s,),
    }
    assert set(calls) == set(PLOTS)
    for name, args in calls.items():
        ax.clear()
        assert getattr(rkp, name)(*args, ax=ax) is ax
        assert getattr(rkp, name)(*args) is plt.gca()
    # the dashboard shows and saves nothing either (it may create its own figure)
    monkeypatch.undo()
    monkeypatch.setattr(plt, "show", forbidden)
    monkeypatch.setattr(Figure, "savefig", forbidden)
    rkp.dashboard(daily, sample_urges)


def test_no_warnings_on_sample_data(daily, sample_urges):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = rkp.dashboard(daily, sample_urges)
        fig.canvas.draw()


def test_sample_folder_exists():
    assert (SAMPLE / "urges.csv").exists()
