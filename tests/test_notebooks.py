"""The notebooks: clean in git, parameterised, public API only, friendly with bad paths."""

import json
import re
from pathlib import Path

import pytest

import reflection_kit as rk

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


def test_missing_path_gives_a_friendly_message(tmp_path):
    import papermill

    out = papermill.execute_notebook(
        str(ROOT / "notebooks" / "01_start_here.ipynb"),
        None,
        parameters={"journal_path": "my/journal.zip", "urge_path": "my/urges.csv"},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(ROOT / "notebooks"),
    )
    text = "".join(
        o.get("text", "") for c in out.cells if c.cell_type == "code" for o in c.outputs
    )
    assert "We could not find 'my/journal.zip'" in text
    assert "Traceback" not in text
    assert not [
        o
        for c in out.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    ]
