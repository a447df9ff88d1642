"""Inputs: zips read in memory, unsafe members refused, bombs refused, text decoded."""

import io
import zipfile

import pytest
from _privileges import as_nobody, shared_tmp

import reflection_kit as rk
from reflection_kit.sources._input import Input, decode_text


def _zip(path, members):
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            if isinstance(name, zipfile.ZipInfo):
                zf.writestr(name, data)
            else:
                zf.writestr(name, data)
    return path


def test_missing_path(tmp_path):
    with pytest.raises(rk.ParseError, match="no such file or folder"):
        Input.open(tmp_path / "nope.zip")


def test_corrupt_zip(tmp_path):
    good = _zip(tmp_path / "a.zip", {"Journal.json": "{}" * 100})
    bad = tmp_path / "bad.zip"
    bad.write_bytes(good.read_bytes()[:40])
    with pytest.raises(rk.ParseError, match="damaged or truncated"):
        Input.open(bad)


def test_zip_bomb_refused_and_limit_can_be_raised(tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Journal.json", b"0" * 5_000_000)
    assert path.stat().st_size < 50_000
    with pytest.raises(rk.ParseError, match=r"max_unzipped_bytes=5000001"):
        Input.open(path, max_unzipped_bytes=1_000_000)
    inp = Input.open(path, max_unzipped_bytes=6_000_000)
    assert len(inp.read_bytes("Journal.json")) == 5_000_000


def test_unsafe_members_are_listed_not_served(tmp_path):
    link = zipfile.ZipInfo("link.json")
    link.external_attr = 0o120777 << 16
    path = _zip(
        tmp_path / "x.zip",
        {"../evil.json": "{}", "/abs.json": "{}", link: "/etc/passwd", "ok/Journal.json": "{}"},
    )
    inp = Input.open(path)
    assert inp.names() == ["ok/Journal.json"]
    reasons = dict(inp.unsafe)
    assert "climbs out" in reasons["../evil.json"]
    assert "absolute" in reasons["/abs.json"]
    assert "symbolic link" in reasons["link.json"]
    assert not (tmp_path.parent / "evil.json").exists()


def test_zip_is_read_in_memory(tmp_path):
    path = _zip(tmp_path / "x.zip", {"a/b.txt": "hello"})
    before = sorted(p.name for p in tmp_path.iterdir())
    inp = Input.open(path)
    assert inp.read_text("a/b.txt") == ("hello", "utf-8")
    assert inp.where("a/b.txt") == "x.zip:a/b.txt"
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize(
    ("data", "text", "enc"),
    [
        ("é\r\nb".encode(), "é\nb", "utf-8"),
        (b"\xef\xbb\xbfa\rb", "a\nb", "utf-8-sig"),
        ("aé\n".encode("utf-16"), "aé\n", "utf-16"),
        ("date,text\n".encode("utf-16-le"), "date,text\n", "utf-16-le"),
        ("café – ok".encode("cp1252"), "café – ok", "cp1252"),
    ],
)
def test_decode_text(data, text, enc):
    assert decode_text(data) == (text, enc)


def test_folder_skips_symlinks_and_vcs(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.md").write_text("x")
    (tmp_path / "a.md").write_text("a")
    (tmp_path / "link.md").symlink_to(tmp_path / "a.md")
    assert Input.open(tmp_path).names() == ["a.md"]


def test_member_bytes_limit(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", "x" * 10)
    (tmp_path / "z.zip").write_bytes(buf.getvalue())
    assert Input.open(tmp_path / "z.zip").read_bytes("a.txt") == b"x" * 10


# --- issue 12: only regular files, a size limit on every file, names that are not UTF-8 ---


def test_a_device_is_refused_as_not_a_file():
    # /dev/null used to read as an empty file (and /dev/zero for ever)
    with pytest.raises(rk.ParseError, match="this is a device, not a file"):
        Input.open("/dev/null")
    with pytest.raises(rk.ParseError, match="device"):
        rk.inspect("/dev/zero")


def _within(seconds, fn, fifo):
    """``fn()`` in a thread; a read that blocks on ``fifo`` fails the test instead of hanging."""
    import os
    import threading

    result = {}

    def target():
        try:
            result["value"] = fn()
        except Exception as exc:  # handed to the test
            result["error"] = exc

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():  # release the blocked reader, then fail
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        t.join(5)
        pytest.fail(f"reading blocked on the FIFO {fifo.name} for {seconds} s")
    if "error" in result:
        raise result["error"]
    return result.get("value")


def test_a_fifo_is_refused_without_opening_it(tmp_path):
    import os

    fifo = tmp_path / "journal.txt"
    os.mkfifo(fifo)
    with pytest.raises(rk.ParseError, match=r"journal.txt: this is a named pipe \(FIFO\)"):
        _within(20, lambda: Input.open(fifo), fifo)


def test_a_fifo_in_a_folder_is_listed_not_read(tmp_path):
    import os

    (tmp_path / "2025-03-03.md").write_text("# Monday\n\nA quiet day.\n")
    fifo = tmp_path / "2025-03-04.md"
    os.mkfifo(fifo)
    inp = Input.open(tmp_path)
    assert inp.names() == ["2025-03-03.md"]
    assert inp.unsafe == [("2025-03-04.md", "a named pipe (FIFO), not a regular file; not read")]
    report = _within(20, lambda: rk.inspect(tmp_path), fifo)
    assert report.records == report.loaded + len(report.problems) == 2
    assert "named pipe" in report.problems["reason"].iloc[0]


def test_the_size_limit_applies_to_every_input_file(tmp_path):
    big = tmp_path / "urges.csv"
    rows = "".join(f"2025-03-03 {h:02d}:{m:02d},reach_out\n" for h in range(10) for m in range(10))
    big.write_text("timestamp,kind\n" + rows)
    with pytest.raises(rk.ParseError, match=r"more than the limit of 1,000 bytes") as info:
        Input.open(big, max_unzipped_bytes=1000)
    assert f"max_unzipped_bytes={big.stat().st_size + 1}" in str(info.value)
    with pytest.raises(rk.ParseError, match="limit"):
        rk.read_urges(big, max_unzipped_bytes=1000)
    assert len(rk.read_urges(big, max_unzipped_bytes=10_000)) == 100


def test_a_name_that_is_not_utf8_is_kept_and_shown_escaped(tmp_path, sample_dir):
    import os

    raw = os.path.join(os.fsencode(tmp_path), b"urges-\xff.csv")
    with open(raw, "wb") as fh:
        fh.write((sample_dir / "urges.csv").read_bytes())
    path = os.fsdecode(raw)
    inp = Input.open(path)
    assert inp.display == "urges-\\xff.csv"
    report = rk.inspect(path)
    assert report.loaded == 201 and report.path == path  # kept: the path still opens
    assert report.frame["origin"].iloc[0] == "urges-\\xff.csv line 2"


def test_an_unreadable_file_says_permission_denied(sample_dir):
    import os
    import shutil

    d = shared_tmp()
    try:
        f = os.path.join(d, "urges.csv")
        shutil.copyfile(sample_dir / "urges.csv", f)
        os.chmod(f, 0)

        def read():
            try:
                Input.open(f).read_bytes("urges.csv")
            except rk.ParseError as exc:
                print(exc)
                return 0 if "cannot be read: permission denied" in str(exc) else 3
            return 4

        code, out = as_nobody(read)
        assert code == 0, out
        if os.geteuid() == 0:
            assert "urges.csv: cannot be read: permission denied. Suggestion:" in out
    finally:
        shutil.rmtree(d)


def test_an_unreadable_note_in_a_folder_is_one_located_problem(sample_dir):
    import os
    import shutil

    d = shared_tmp()
    try:
        notes = os.path.join(d, "notes")
        shutil.copytree(sample_dir / "notes", notes)
        for root, dirs, files in os.walk(notes):
            for x in dirs + files:
                os.chmod(os.path.join(root, x), 0o755 if x in dirs else 0o644)
        first = sorted(p for p in __import__("glob").glob(f"{notes}/**/*.md", recursive=True))[0]
        os.chmod(first, 0)

        def read():
            report = rk.inspect(notes)
            reasons = list(report.problems["reason"])
            print(report.records, report.loaded, reasons)
            ok = report.records == report.loaded + 1 and reasons == [
                "cannot be read: permission denied"
            ]
            return 0 if ok else 3

        code, out = as_nobody(read)
        assert code == 0, out
    finally:
        shutil.rmtree(d)
