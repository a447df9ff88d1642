"""The notebook machinery imports without building rfc3987-syntax's parsers first."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("rfc3987_syntax") is None,
    reason="rfc3987-syntax is not installed (jsonschema then has no IRI checks to defer)",
)

#: IRIs and non-IRIs: jsonschema's "iri" and "iri-reference" checks must answer alike
_CASES = [
    ("https://例え.jp/パス?q=1#frag", "iri"),
    ("ht tp://x y", "iri"),
    ("mailto:someone@example.org", "iri"),
    ("/relative/only", "iri"),
    ("../a/b", "iri-reference"),
    ("http://[::1", "iri-reference"),
    ("", "iri-reference"),
]

_PROBE = """
import json, sys
defer = sys.argv[1] == "defer"
if defer:
    from reflection_kit.review._lazy_iri import defer_iri_parsers
    assert defer_iri_parsers() is True
import nbformat, nbclient, nbconvert  # what the review imports
built_at_import = "lark" in sys.modules
import jsonschema
checker = jsonschema.FormatChecker()
answers = [checker.conforms(value, fmt) for value, fmt in json.loads(sys.argv[2])]
from rfc3987_syntax import is_valid_syntax
import rfc3987_syntax.syntax_helpers as helpers
print(json.dumps({
    "built_at_import": built_at_import,
    "answers": answers,
    "direct": [is_valid_syntax("iri", "https://a.example/"), helpers.is_valid_syntax_iri("x y")],
    "real_now": type(sys.modules["rfc3987_syntax"]).__name__,
}))
"""


def _probe(mode: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, mode, json.dumps(_CASES)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_the_parsers_wait_for_the_first_iri_and_answer_as_before():
    eager, lazy = _probe("eager"), _probe("defer")
    assert eager["built_at_import"] is True  # what the stand-in saves
    assert lazy["built_at_import"] is False
    assert lazy["answers"] == eager["answers"] == [True, False, True, False, True, False, True]
    assert lazy["direct"] == eager["direct"] == [True, False]
    assert lazy["real_now"] == "module"  # the real module took the stand-in's place


def test_nothing_is_replaced_once_jsonschema_or_the_module_is_imported():
    code = (
        "import sys, {first}\n"
        "from reflection_kit.review._lazy_iri import defer_iri_parsers\n"
        "print(defer_iri_parsers(), type(sys.modules.get('rfc3987_syntax')).__name__)\n"
    )
    for first, kind in [("jsonschema", "module"), ("rfc3987_syntax", "module")]:
        out = subprocess.run(
            [sys.executable, "-c", code.format(first=first)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        assert out == ["False", kind]


def test_the_review_reads_its_notebook_without_building_them(tmp_path):
    code = (
        "import sys\n"
        "from reflection_kit.review.render import _read_notebook, review_notebook\n"
        f"nb = _read_notebook(review_notebook(), {{}}, {str(tmp_path)!r}, None)\n"
        "print(len(nb.cells) > 0, 'lark' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["True", "False"]
