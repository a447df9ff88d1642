"""What the page must never show: ``--redact`` and ``--aggregate-only`` on every text.

A fixture journal, notes vault and urge log are full of what a person would not want on a
shared page: the ex's name in every form (``Alex``, ``alex's``, ``ALEX``, ``Alex Kowalski``,
the surname alone), another person (``Mira``), a handle (``@alex_k``), a link without a
scheme (``instagram.com/alex.k``), an e-mail address, files named after him, a note whose
file name holds his name, misparsed rows whose reasons quote the text, and coping
strategies written ``$_$``. One review is rendered per mode through the command line (the
renders are slow, so once per module), and the same notebook is run in this process to
draw every figure and collect the text of every Text artist (titles, tick labels,
legends, notes): the secrets must appear in neither.
"""

from __future__ import annotations

import html
import json
import re
import warnings
from pathlib import Path

import matplotlib
import pytest

ENTRIES = [
    (
        "2025-05-01 21:00",
        "Alex day",
        "I keep thinking about Alex. Why did Alex Kowalski leave, "
        "why do I always replay it? I should have seen it, Mira said so.",
    ),
    (
        "2025-05-02 21:00",
        "Night",
        "What if alex's new life is better? I always check @alex_k "
        "and instagram.com/alex.k, over and over, and I never stop.",
    ),
    (
        "2025-05-04 21:00",
        "Kowalski",
        "Why does Kowalski still matter? I should have written "
        "to alex.kowalski@example.org, I always think that.",
    ),
    (
        "2025-05-06 21:00",
        "Walk",
        "I went for a walk with Mira. It helped. Alex's jacket is "
        "still here and I always look at it, again and again.",
    ),
    (
        "2025-05-08 21:00",
        "Loud",
        "ALEX ALEX ALEX. Why did he go, why do I always wonder what if I had called him?",
    ),
    ("2025-05-11 21:00", "Calmer", "Today was calmer. I cooked and read a book. Sam made tea."),
    (
        "2025-05-13 21:00",
        "Again",
        "I always reread our chat, why do I never stop? I should have let Alex go sooner.",
    ),
    ("2025-05-16 21:00", "Better", "A quiet day. I walked to the lake and felt fine."),
    (
        "2025-05-19 21:00",
        "Replay",
        "What if Alex Kowalski calls? I keep replaying it, I always should have known why.",
    ),
    ("2025-05-22 21:00", "Steady", "Work, dinner, sleep. I feel steadier this week."),
    (
        "2025-05-25 21:00",
        "Mira",
        "Mira said Alex is with someone new. Why do I always check, why can't I stop?",
    ),
    ("2025-05-28 21:00", "Evening", "A good evening with friends. I laughed a lot."),
    # two rows that cannot be read: the reasons quote what was written
    ("2025-05-40 21:00 Alex", "Broken", "I saw Alex Kowalski again"),
    ("I cannot sleep because I miss him so much", "Later", "and it hurts"),
]
JOURNAL_CSV = "date,title,text\n" + "".join(
    f'{d},{t},"{x}"\n' if not d[0].isalpha() else f"{d},{t},{x}\n" for d, t, x in ENTRIES
)

URGES_HEADER = "timestamp,kind,intensity,acted,trigger,coping,note\n"
COPING = [
    "called Mira",
    "texted Alex Kowalski back",
    "$_$",
    "breathing",
    "$\\frac{1}{0}$",
    "walked with Sam",
]
TRIGGERS = [
    "saw @alex_k story",
    "instagram.com/alex.k",
    "Alex's birthday",
    "Mira mentioned Kowalski",
    "quiet flat at night",
]
NOTES = ["DM from @alex_k", "mailed alex.kowalski@example.org", "Mira was kind", ""]
LABELS = ["checked his IG", "texted him", "reread our chat", "pictured Alex at my door"]
NOTE_ANSWERS = {
    "2025-05-05.md": (
        "Why do I always check @alex_k at night? I should have stopped, again and again.",
        "I want Alex Kowalski to say sorry. Sam says I deserve better.",
    ),
    "2025-05-12.md": (
        "Mira came over. Why do I always think of alex's voice?",
        "Mira thinks Alex's silence is the answer. Sam agrees with her.",
    ),
}
PROMPT = "What words am I still waiting to hear? I can write them to myself here."
BAD_NOTE = "2025-05-40 Alex.md"


def _urges_csv() -> str:
    rows = []
    for i in range(42):
        day = 1 + (i * 27) // 41
        acted = "yes" if i % 3 == 0 else "no"
        rows.append(
            ",".join(
                [
                    f"2025-05-{day:02d} {8 + (i * 5) % 15:02d}:{(i * 7) % 60:02d}",
                    LABELS[i % len(LABELS)],
                    str(3 + i % 7),
                    acted,
                    TRIGGERS[i % len(TRIGGERS)],
                    COPING[i % len(COPING)],
                    NOTES[i % len(NOTES)],
                ]
            )
        )
    rows.append("2025-05-40 21:00 Alex,checked his IG,5,no,x,y,z")
    return URGES_HEADER + "\n".join(rows) + "\n"


def _note(date: str, body: str, answer: str) -> str:
    return (
        f"---\ndate: {date}\n---\n# Notes\n\n{body}\n\n## {PROMPT}\n"
        f"<!-- prompt: closure_letter.wish_to_hear -->\n{answer}\n"
    )


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("alex-data")
    journal = root / "alex-journal.csv"
    journal.write_text(JOURNAL_CSV, encoding="utf-8")
    urges = root / "alex-urges.csv"
    urges.write_text(_urges_csv(), encoding="utf-8")
    notes = root / "alex-notes"
    notes.mkdir()
    for name, (body, answer) in NOTE_ANSWERS.items():
        (notes / name).write_text(_note(name[:10], body, answer), encoding="utf-8")
    (notes / BAD_NOTE).write_text(
        "---\ndate: someday with Alex\n---\nAlex Kowalski wrote.\n", encoding="utf-8"
    )
    return {"journal": journal, "notes": notes, "urges": urges}


# what each mode must hide (matched case-insensitively)
ABOUT_ALEX = ["alex", "kowalski", "instagram.com", "example.org"]
OTHER_PEOPLE = ["mira"]


def _typed(data: dict[str, Path]) -> list[str]:
    """Every text the person typed (12+ characters, so no common word matches alone)."""
    from reflection_kit.frames import COPING_STRATEGIES

    texts = [*COPING, *TRIGGERS, *NOTES, *LABELS, "miss him so much"]
    for date, title, text in ENTRIES:
        texts += [date, title, *re.split(r"(?<=[.?!,]) ", text)]
    for body, answer in NOTE_ANSWERS.values():
        texts += re.split(r"(?<=[.?!]) ", body) + re.split(r"(?<=[.?!]) ", answer)
    texts += [p.name for p in data.values()] + [BAD_NOTE, "someday with"]
    keep = {
        t.strip()
        for t in texts
        if (len(t.strip()) >= 12 and not t.strip()[:1].isdigit()) or "$" in t
    }
    return sorted(keep - set(COPING_STRATEGIES))


# --------------------------------------------------------------------------- the page

MODES = {
    "redact": ["--redact", "--people", "Alex"],
    "all_names": ["--redact-all-names", "--keep-name", "Sam", "--people", "Alex"],
    "aggregate": ["--aggregate-only", "--people", "Alex"],
}


@pytest.fixture(scope="module")
def pages(data, tmp_path_factory) -> dict[str, str]:
    from reflection_kit.cli import main

    out_dir = tmp_path_factory.mktemp("pages")
    pages = {}
    for mode, flags in MODES.items():
        out = out_dir / f"{mode}.html"
        argv = ["review", "--journal", str(data["journal"]), "--journal", str(data["notes"])]
        argv += ["--urges", str(data["urges"]), "--client", "C.", "-o", str(out), *flags]
        assert main(argv) == 0
        pages[mode] = out.read_text(encoding="utf-8")
    return pages


def _visible(page: str) -> list[str]:
    """The page as text in every form a reader (or a search) could meet it."""
    no_images = re.sub(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=\s]+", "data:", page)
    alts = re.findall(r'\balt="([^"]*)"', no_images) + re.findall(r"\btitle=\"([^\"]*)\"", page)
    return [no_images, html.unescape(no_images), *[html.unescape(a) for a in alts]]


def _leaks(texts: list[str], secrets: list[str]) -> list[str]:
    found = []
    for secret in secrets:
        for text in texts:
            if secret.casefold() in text.casefold():
                i = text.casefold().index(secret.casefold())
                found.append(f"{secret!r} in …{text[max(0, i - 60) : i + 60]}…")
                break
    return found


def test_redact_hides_the_ex_everywhere_on_the_page(pages):
    page = pages["redact"]
    assert not _leaks(_visible(page), ABOUT_ALEX)
    assert "[name]" in page and "[handle]" in page and "[link]" in page
    assert "file 1 (csv)" in page and "folder 2" in page  # files under neutral names
    assert "Mira" in page  # other people stay unless every name is hidden


def test_redact_all_names_hides_other_people_but_keeps_the_writer(pages):
    page = pages["all_names"]
    assert not _leaks(_visible(page), ABOUT_ALEX + OTHER_PEOPLE)
    assert "Sam says I deserve better" in page  # the writer's own name is kept


def test_aggregate_shows_no_text_the_person_typed(pages, data):
    page = pages["aggregate"]
    assert not _leaks(_visible(page), ABOUT_ALEX + OTHER_PEOPLE + _typed(data))
    assert "own strategy 1" in page or "Own strategy 1" in page
    assert "trigger 1" in page
    assert "got […]" in page  # the reasons say what was wrong, not what was written


@pytest.mark.parametrize("mode", list(MODES))
def test_every_record_is_still_accounted_for(pages, mode):
    page = html.unescape(pages[mode])
    assert "could not be loaded. Each is listed" in page
    assert page.count("line 14") + page.count("line 15") >= 2  # the two misparsed rows
    assert "a file inside" in page if mode == "aggregate" else "folder 2/" in page


# --------------------------------------------------------------------------- the figures


def _run_review_notebook(params: dict) -> tuple[list[str], list[list[str]]]:
    """Run the review notebook's code cells here; return the HTML shown and figure texts.

    Every figure is drawn (Agg) when the notebook calls ``plt.show()``, then the text of
    every Text artist is collected: titles, axis labels, tick labels, legends, notes.
    """
    import IPython.display
    import matplotlib.pyplot as plt
    from matplotlib.text import Text

    from reflection_kit.review import review_notebook

    nb = json.loads(review_notebook().read_text(encoding="utf-8"))
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    shown: list[str] = []
    figures: list[list[str]] = []

    def display(*objs, **_kw):
        for o in objs:
            shown.append(o._repr_html_() if hasattr(o, "_repr_html_") else str(o))

    def show(*_a, **_kw):
        for num in plt.get_fignums():
            fig = plt.figure(num)
            fig.canvas.draw()  # raises on text matplotlib cannot draw
            figures.append([t.get_text() for t in fig.findobj(Text)])
            plt.close(fig)

    ns: dict = {}
    with (
        pytest.MonkeyPatch.context() as mp,
        matplotlib.rc_context(),
        warnings.catch_warnings(),
    ):
        mp.setattr(IPython.display, "display", display)
        mp.setattr(plt, "show", show)
        exec(cells[0], ns)
        ns.update(params)
        for cell in cells[1:]:
            exec(cell, ns)
    return shown, figures


FIGURE_MODES = {
    "full": {"privacy": "full"},
    "redact": {"privacy": "redact"},
    "all_names": {"privacy": "redact", "all_names": True, "keep_names": ["Sam"]},
    "aggregate": {"privacy": "aggregate"},
}


@pytest.fixture(scope="module")
def drawn(data) -> dict[str, tuple[list[str], list[list[str]]]]:
    out = {}
    for mode, extra in FIGURE_MODES.items():
        params = {
            "journal_paths": [str(data["journal"]), str(data["notes"])],
            "urge_paths": [str(data["urges"])],
            "client": "C.",
            "people": ["Alex"],
            **extra,
        }
        out[mode] = _run_review_notebook(params)
    return out


def test_the_notebook_draws_every_figure(drawn):
    _, figures = drawn["full"]
    assert len(figures) >= 6  # rumination, tone, calendar, time to lapse, weekly, coping, clock
    coping = [f for f in figures if any("What helped" in t for t in f)]
    assert coping, "the coping figure was not drawn"
    labels = coping[0]
    assert any(t.startswith("$_$ (n=") for t in labels), labels  # drawn as written
    assert any(t.startswith("$\\frac{1}{0}$ (n=") for t in labels), labels
    assert any("called mira (n=" in t for f in figures for t in f)  # full mode shows all


def test_redacted_figures_hide_the_ex(drawn):
    shown, figures = drawn["redact"]
    texts = [t for f in figures for t in f]
    assert not _leaks(texts, ABOUT_ALEX)
    assert any(t.startswith("texted [name] back (n=") for t in texts)
    assert not _leaks(shown, ABOUT_ALEX)


def test_all_names_figures_hide_other_people(drawn):
    shown, figures = drawn["all_names"]
    texts = [t for f in figures for t in f]
    assert not _leaks(texts + shown, ABOUT_ALEX + OTHER_PEOPLE)
    assert any(t.startswith("walked with sam (n=") for t in texts)  # as urge_stats folds case


def test_aggregate_figures_show_no_typed_text(drawn, data):
    shown, figures = drawn["aggregate"]
    texts = [t for f in figures for t in f]
    assert not _leaks(texts + shown, ABOUT_ALEX + OTHER_PEOPLE + _typed(data))
    assert any(t.startswith("own strategy 1 (n=") for t in texts)
    assert any(t.startswith("breathing (n=") for t in texts)  # the product's own words


def test_aggregate_keeps_the_numbers(drawn):
    """Numbering the strategies changes no count: the same n's as the full review."""

    def counts(figures):
        coping = next(f for f in figures if any("What helped" in t for t in f))
        return sorted(re.findall(r"\(n=(\d+)\)", "\n".join(coping)))

    assert counts(drawn["aggregate"][1]) == counts(drawn["full"][1])

    def summary(shown):
        text = next(h for h in shown if 'class="rk-summary"' in h)
        return re.sub(r"\. [^.]* was followed by a resisted urge most often", ". X", text)

    assert summary(drawn["aggregate"][0]) == summary(drawn["full"][0])
    assert summary(drawn["redact"][0]) == summary(drawn["full"][0])
