"""Many clients (issues 11 and 12): safe names, links that stay home, a reason per client.

One batch is rendered for the whole module (two clients get a review, the others are
refused before a kernel starts).
"""

from __future__ import annotations

import html
import os
import re
import stat
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from reflection_kit.review import review_clients
from reflection_kit.review.clients import safe_stem, shown_name

from .conftest import HOSTILE_JOURNAL

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX names and links")

NON_UTF8 = os.fsdecode(b"caf\xe9")


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("clients")
    clients = root / "clients"
    clients.mkdir()
    for name in ["index", "javascript:alert(1)"]:
        (clients / name).mkdir()
        (clients / name / "journal.txt").write_text(HOSTILE_JOURNAL, encoding="utf-8")
    for name in ["a#b\nc", NON_UTF8]:
        (clients / name).mkdir()
        (clients / name / "notes.bin").write_bytes(b"\x00\x01 not an export")
    # a client folder that is a link to /etc, and one whose links leave it
    (clients / "etc-link").symlink_to("/etc", target_is_directory=True)
    ben = clients / "ben"
    ben.mkdir()
    (ben / "journal.txt").symlink_to(clients / "index" / "journal.txt")
    (ben / "etc").symlink_to("/etc", target_is_directory=True)
    os.mkfifo(ben / "pipe.csv")
    vault = ben / "vault"
    vault.mkdir()
    (vault / "2025-03-03.md").symlink_to(clients / "index" / "journal.txt")
    out = root / "reviews"
    results = review_clients(clients, out, progress=False, privacy="aggregate")
    index = (out / "index.html").read_text(encoding="utf-8")
    return results, out, index


def _lines(index: str) -> list[str]:
    """The index's one line per client (each ``<li>`` of the client list, notes included)."""
    block = re.search(r'<ul class="rk-clients">(.*)</ul>', index, re.S).group(1)
    return [p for p in re.split(r"(?=<li>(?:Review written for|No review for) )", block) if p]


def _row(index: str, client: str) -> str:
    shown = html.escape(client)
    for line in _lines(index):
        if f">{shown}</a>, from " in line or line.startswith(f"<li>No review for {shown}. "):
            return line
    raise AssertionError(f"no line for {client!r} in the index")


def test_a_client_named_index_keeps_its_review(batch):
    results, out, index = batch
    by_name = {r.client: r for r in results}
    assert by_name["index"].ok and by_name["index"].path == out / "index-2.html"
    assert "<h1>Progress reviews</h1>" in index  # index.html is still the index
    review = (out / "index-2.html").read_text(encoding="utf-8")
    assert "Progress review for index" in review
    assert sorted(p.name for p in out.iterdir()) == [
        "index-2.html",
        "index.html",
        "javascript_alert_1.html",
    ]
    for p in out.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o600


def test_links_in_the_index_are_relative_percent_encoded_file_paths(batch):
    _, out, index = batch
    hrefs = re.findall(r'href="([^"]*)"', index)
    assert sorted(hrefs) == ["index-2.html", "javascript_alert_1.html"]
    for href in hrefs:
        assert ":" not in href and "/" not in href and "#" not in href
        assert (out / unquote(html.unescape(href))).is_file()
    assert "javascript:alert(1)" in index  # shown as text, escaped
    assert 'href="javascript:' not in index


def test_each_client_has_one_line_in_words(batch):
    results, _, index = batch
    assert "<table" not in index and "<th>" not in index and not re.search(r"\d s\b", index)
    assert len(_lines(index)) == len(results) == 6
    assert _row(index, "index").startswith('<li>Review written for <a href="index-2.html">')
    assert "from 1 export." in _row(index, "index")
    assert "<p>2 of 6 client reviews written.</p>" in index
    for name in ["a#b\\nc", "caf\ufffd"]:
        row = _row(index, name)
        # the batch is in aggregate mode: the file is not named, only numbered
        assert f"No review for {html.escape(name)}. Could not be read: " in row
        assert "file 1 (bin)" in row and "notes.bin" not in row
    by_name = {r.client: r for r in results}
    assert not by_name["a#b\\nc"].ok and by_name["a#b\\nc"].reason.startswith("could not be read")


def test_odd_names_are_shown_safely(batch):
    _, _, index = batch
    assert "a#b\\nc" in index and "a#b\nc" not in index
    assert "caf\ufffd" in index
    assert "\udce9" not in index


def test_links_that_leave_a_clients_folder_are_not_followed(batch):
    results, _, index = batch
    by_name = {r.client: r for r in results}
    etc = by_name["etc-link"]
    assert not etc.ok and "outside the client folders; not followed" in etc.reason
    ben = by_name["ben"]
    assert not ben.ok and ben.reason.startswith("could not be read")
    notes = " | ".join(ben.notes)  # aggregate mode: the files are numbered, not named
    assert "file 2 (txt): a link to a place outside this client's folder; not followed" in notes
    assert "folder 1: a link to a place outside this client's folder; not followed" in notes
    assert "file 3 (csv): not a file or folder" in notes
    assert "folder 4: skipped, because it holds a link that leaves this client's folder" in notes
    assert not any(w in notes for w in ("journal.txt", "etc", "pipe.csv", "vault", "2025-03"))
    row = _row(index, "ben")
    assert "not followed" in row and "passwd" not in index
    assert "Alex" not in row  # the other client's journal was not read into ben's


@pytest.mark.parametrize(
    ("names", "stems"),
    [
        (["index", "Index", "INDEX"], ["index-2", "Index-3", "INDEX-4"]),
        (["..", ".", "#", "\n", ""], ["client", "client-2", "client-3", "client-4", "client-5"]),
        (["javascript:alert(1)", "a b/c"], ["javascript_alert_1", "a_b_c"]),
        ([NON_UTF8, "café"], ["caf", "café"]),
        (["con", "Ana", "ana", "ana-2"], ["con-2", "Ana", "ana-2", "ana-2-2"]),
    ],
)
def test_safe_unique_file_names(names, stems):
    taken: set[str] = set()
    assert [safe_stem(n, taken) for n in names] == stems


def test_shown_name_escapes_controls_and_bad_bytes():
    assert shown_name("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert shown_name(NON_UTF8) == "caf\ufffd"
    assert shown_name("Zoë") == "Zoë"


def test_nothing_is_written_over_the_client_folders(tmp_path):
    clients = tmp_path / "clients"
    (clients / "ana").mkdir(parents=True)
    (clients / "index.html").write_text("mine", encoding="utf-8")
    from reflection_kit.review.render import ReviewError

    with pytest.raises(ReviewError, match="is a file in the client folders"):
        review_clients(clients, clients, progress=False, force=True)
    assert (clients / "index.html").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in Path(clients).iterdir()) == ["ana", "index.html"]
