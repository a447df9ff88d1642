"""Inputs: zips read in memory, unsafe members refused, bombs refused, text decoded."""

import io
import zipfile

import pytest

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
