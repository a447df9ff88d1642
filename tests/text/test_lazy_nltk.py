"""NLTK is the tokenizer, loaded on first use (import reflection_kit stays quick)."""

import subprocess
import sys


def _run(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_import_does_not_load_nltk_but_tokenize_uses_it():
    out = _run(
        "import sys\n"
        "import reflection_kit as rk\n"
        "from reflection_kit.text import tokenize\n"
        "print('nltk' in sys.modules)\n"
        "print(tokenize('I’m fine 🙂'))\n"
        "print('nltk' in sys.modules)\n"
    )
    assert out.splitlines() == ["False", "['I’m', 'fine', '🙂']", "True"]
