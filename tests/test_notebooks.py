"""The notebooks: clean in git, parameterised, public API only, friendly with bad paths.

Every notebook is executed here (nbclient, from the ``notebooks/`` folder, as a
reader would run it). The kernel is reached over Unix domain sockets only
(:class:`reflection_kit.review._kernel.IPCKernelManager`), so the notebooks run
under the suite's ``--disable-socket`` without any TCP/IP socket, even loopback.
The manager also forces the inline backend, so figures are drawn even when the
environment says ``MPLBACKEND=Agg`` (common on servers and in CI). papermill is
not used: importing it imports urllib3, which opens a socket at import time;
parameters are injected as papermill would
(:func:`reflection_kit.review.render.inject_parameters`).
"""

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import reflection_kit as rk
from reflection_kit.review._kernel import IPCKernelManager
from reflection_kit.review.render import inject_parameters

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXPECTED = ["01_start_here", "02_my_progress", "03_workshop", "04_progress_review"]


def _nb(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_four_notebooks_exist():
    assert [p.stem for p in NOTEBOOKS] == EXPECTED
    review = ROOT / "notebooks" / "04_progress_review.ipynb"
    assert review.resolve() == (ROOT / "reflection_kit" / "review" / "progress_review.ipynb")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_clean_and_parameterised(path):
    nb = _nb(path)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c.get("outputs") and not c.get("execution_count") for c in code)
    assert "parameters" in code[0]["metadata"].get("tags", [])
    assert "sample" in "".join(code[0]["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_public_api_only(path):
    source = "\n".join(
        "".join(c["source"]) for c in _nb(path)["cells"] if c["cell_type"] == "code"
    )
    for name in set(re.findall(r"\brk\.(\w+)", source)):
        assert name in rk.__all__, name
    for module in re.findall(r"from reflection_kit(\.\w+)* import", source):
        assert module in ("", ".review"), module
    from reflection_kit import review

    for name in set(re.findall(r"\brv\.(\w+)", source)):
        assert name in review.__all__, name


def _execute(path: Path, parameters: dict | None = None) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    inject_parameters(nb, parameters or {})
    client = NotebookClient(
        nb,
        kernel_name="python3",
        kernel_manager_class=IPCKernelManager,
        timeout=600,
        startup_timeout=120,
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as exc:  # the message holds the cell and its traceback
        pytest.fail(f"{path.name}: a cell raised an error\n{exc}", pytrace=False)
    return nb


def _figures(nb: nbformat.NotebookNode) -> int:
    return sum(
        "image/png" in o.get("data", {})
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
    )


def _promised(path: Path) -> int:
    """The figures a notebook promises: one per ``plt.show()`` or ``figures.show(...)``."""
    source = "\n".join(
        "".join(c["source"]) for c in _nb(path)["cells"] if c["cell_type"] == "code"
    )
    return len(re.findall(r"\bplt\.show\(\)|\bfigures\.show\(", source))


#: Notebooks that run from a copy anywhere, on the bundled sample ("sample:..." paths).
PORTABLE = ("01_start_here", "03_workshop")


def _shown_text(nb: nbformat.NotebookNode) -> str:
    """Everything a reader sees as text: streams, plain-text and HTML results."""
    parts = []
    for c in nb.cells:
        for o in c.get("outputs", []):
            parts.append(o.get("text", ""))
            data = o.get("data", {})
            parts += [data.get("text/plain", ""), data.get("text/html", "")]
    return "\n".join(parts)


def _assert_people_facing(nb: nbformat.NotebookNode) -> None:
    """Issue 15: no pandas internals, raw Markdown or NaN reach the reader."""
    text = _shown_text(nb)
    for internal in ("dtype:", "Name: count", "NaN", "<NA>", "# Why\\n", "None\n", "Traceback"):
        assert internal not in text, internal
    html = "\n".join(
        o.get("data", {}).get("text/html", "") for c in nb.cells for o in c.get("outputs", [])
    )
    headers = re.findall(r"<th[^>]*col_heading[^>]*>([^<]*)</th>", html)
    assert headers and not [h for h in headers if "_" in h], headers  # words, not columns


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_cell_runs(path, tmp_path):
    if path.stem in PORTABLE:  # run from a copy in another folder: no ../data to lean on
        path = Path(shutil.copy(path, tmp_path / path.name))
    nb = _execute(path)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code)
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    # the sample data draws every figure the notebook shows
    assert _figures(nb) >= _promised(path)
    if path.stem in PORTABLE:
        _assert_people_facing(nb)
        assert "from the bundled sample." in _shown_text(nb)
        assert re.search(
            r"Loaded [\d,]+ journal entries and [\d,]+ urges \(2025-", _shown_text(nb)
        )


@pytest.mark.slow
def test_figures_are_drawn_when_the_environment_says_agg(monkeypatch):
    """``MPLBACKEND=Agg`` (servers, containers, CI) must not leave a notebook without plots."""
    monkeypatch.setenv("MPLBACKEND", "Agg")
    path = ROOT / "notebooks" / "02_my_progress.ipynb"
    assert _promised(path) >= 3
    nb = _execute(path)
    assert _figures(nb) >= _promised(path)


def test_missing_path_gives_a_friendly_message(tmp_path):
    out = _execute(
        ROOT / "notebooks" / "01_start_here.ipynb",
        {"journal_path": "my/journal.zip", "urge_path": "my/urges.csv"},
    )
    text = "".join(
        o.get("text", "") for c in out.cells if c.cell_type == "code" for o in c.outputs
    )
    assert "We could not find 'my/journal.zip'" in text
    assert "Traceback" not in text
    assert "Nothing was loaded." in text
    assert "There is no journal to show here" in text  # the tables say why they are empty
    assert not [
        o
        for c in out.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    ]


# --- issue 15: 01 and 03 on the packaged sample, for people, and a workshop to run -----------


def _code(path: Path) -> list[str]:
    return ["".join(c["source"]) for c in _nb(path)["cells"] if c["cell_type"] == "code"]


def _markdown(path: Path) -> str:
    return "\n".join(
        "".join(c["source"]) for c in _nb(path)["cells"] if c["cell_type"] == "markdown"
    )


@pytest.mark.parametrize("name", PORTABLE)
def test_the_sample_is_the_packaged_one_and_no_boilerplate(name):
    path = ROOT / "notebooks" / f"{name}.ipynb"
    code = _code(path)
    assert "../data" not in "\n".join(code)
    assert re.findall(r'= "sample:[\w.]+"', code[0])  # the parameters name bundled exports
    assert "warnings" not in "\n".join(code)
    assert ".value_counts()" not in "\n".join(code)


@pytest.mark.parametrize("name", PORTABLE)
def test_every_chart_and_table_says_why_it_is_empty(name):
    """A wrong path never leaves a chart or a table silently blank."""
    for source in _code(ROOT / "notebooks" / f"{name}.ipynb"):
        if "plt.show()" in source or ".preview(" in source:
            assert "nothing_to_show(" in source, source


def test_the_workshop_has_an_agenda_notes_and_turns_for_non_programmers():
    path = ROOT / "notebooks" / "03_workshop.ipynb"
    text = _markdown(path)
    assert len(text.split()) >= 1200  # it was 332 words for a two-hour session
    times = re.findall(r"^\| (\d:\d\d) \|", text, flags=re.M)
    assert times[0] == "0:00" and len(times) >= 7 and times == sorted(times)
    for needed in ("For the facilitator", "not a diagnosis", "Gentle language", "privacy"):
        assert needed.lower() in text.lower(), needed
    turns = [c for c in _code(path) if "YOUR TURN" in c]
    assert len(turns) >= 4
    for cell in turns:
        # one ✏️ line that runs as it is: an assignment, not code to uncomment
        assert re.search(r"^my_\w+ = \S", cell, flags=re.M), cell
        commented_code = re.findall(r"^#\s*(?:rk\.|\w+\s*=|\w+\()", cell, flags=re.M)
        assert not commented_code, cell
    # words that judge appear only in the list of words to avoid
    kind = re.sub(r"Avoid [^.]*\.", "", text).replace("not a failure", "").lower()
    for word in ("relapse", "failed", "failure", "clean streak broken"):
        assert word not in kind, word
