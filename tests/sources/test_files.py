"""sources/_files.py: what a list file may be, and what it may unpack to.

Only regular files are read; a file over the size cap is refused from its size; gzip and
zip content is counted as it is read and refused past the size cap or the ratio cap; UTF-16
and UTF-32 text is read by its byte-order mark. Every fault is one SourceError naming the
file.
"""

from __future__ import annotations

import gzip
import os
import socket
import threading
import zipfile
from pathlib import Path

import pytest

import corpus
import sanctions_tracker as st
from conftest import SHARED_DATA
from sanctions_tracker.sources import _files
from sanctions_tracker.sources._files import file_head, opened, read_bytes, read_text

SDN = SHARED_DATA / "ofac-sdn" / "sdn-2024-05-03.csv.gz"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_named_pipe_is_refused_before_it_is_opened_for_reading(tmp_path: Path) -> None:
    """A named pipe with no writer would block open() for ever: it is refused first, by
    every way a file is read (a watchdog writer unblocks the test if it ever blocks)."""
    pipe = tmp_path / "sdn.csv"
    os.mkfifo(pipe)
    opened_by_watchdog = threading.Event()

    def watchdog() -> None:
        if not opened_by_watchdog.wait(20):
            with pipe.open("wb"):  # unblocks a reader that blocked: the test then fails
                pass

    threading.Thread(target=watchdog, daemon=True).start()
    try:
        for read in (file_head, read_text, read_bytes):
            with pytest.raises(st.SourceError, match=r"sdn\.csv: a named pipe, not a regular"):
                read(pipe, "sdn.csv")
        with pytest.raises(st.SourceError, match="a named pipe"):
            st.load(pipe)
    finally:
        opened_by_watchdog.set()


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_refused(device: str) -> None:
    """/dev/zero never ends and /dev/urandom never ends either: a character device is
    refused before a byte is read."""
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    with pytest.raises(st.SourceError, match=f"{device}: a character device, not a regular"):
        st.load(device)


def test_a_socket_is_refused(tmp_path: Path) -> None:
    """A Unix socket given as a list file is refused by what it is."""
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets here")
    path = tmp_path / "list.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(st.SourceError, match=r"list\.sock: a socket, not a regular file"):
            file_head(path, "list.sock")


def test_a_plain_file_over_the_cap_is_refused_from_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plain file larger than the cap (1 GiB; 1,000 bytes here) is refused from its size,
    before a byte of it is read; a file within the cap is read."""
    monkeypatch.setattr(_files, "MAX_UNPACKED_BYTES", 1000)
    big = corpus.write(tmp_path, "sdn.csv", "\n".join(corpus.sdn_rows(40)).encode())
    small = corpus.write(tmp_path, "small.csv", "\n".join(corpus.sdn_rows(40)).encode()[:900])
    assert big.stat().st_size > 1000
    assert len(read_text(small, "small.csv")) == 900

    def never(*_args: object) -> int:
        msg = "read from a file refused by its size"
        raise AssertionError(msg)

    monkeypatch.setattr(_files._Capped, "readinto", never)
    with pytest.raises(st.SourceError, match=r"sdn\.csv: unpacks to more than 1,000 bytes"):
        file_head(big, "sdn.csv")


def test_a_gzip_bomb_is_refused_by_its_ratio_as_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A gzip file that unpacks to ~1,000 times its size is refused once what it gave passes
    the free allowance (16 MiB; 1 MiB here) and 200 times what it consumed: long before the
    size cap, and before it is all unpacked."""
    monkeypatch.setattr(_files, "RATIO_FREE_BYTES", 2**20)
    row = corpus.sdn_rows(1)[0].encode() + b"\n"
    bomb = tmp_path / "sdn.csv.gz"
    bomb.write_bytes(gzip.compress(row * (2**24 // len(row)), compresslevel=9))
    assert bomb.stat().st_size * 200 < 2**24
    given: list[int] = []

    def drain() -> None:
        with opened(bomb, "sdn.csv.gz") as (stream, _):
            while chunk := stream.read(2**16):
                given.append(len(chunk))

    with pytest.raises(st.SourceError, match=r"sdn\.csv\.gz: unpacks to more than 200 times"):
        drain()
    assert sum(given) < 2**23  # refused within the first 8 MiB of the 16 MiB it holds


def test_real_gzip_lists_are_within_the_ratio() -> None:
    """Every real gzipped list file unpacks within the ratio cap (the real ones are 5 to
    30 times their size), whole: what is read equals a plain gunzip."""
    for path in sorted(SHARED_DATA.rglob("*.gz")):
        with opened(path, path.name) as (stream, _):
            assert stream.read() == gzip.decompress(path.read_bytes()), path


def test_a_zip_member_declaring_a_bomb_ratio_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A zip member whose declared sizes show a ratio over the cap is refused before any
    of it is unpacked (the sizes a zip declares bind what it unpacks to)."""
    monkeypatch.setattr(_files, "RATIO_FREE_BYTES", 2**16)
    path = tmp_path / "list.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("sdn.csv", b"1" * 2**22)
    unpacked: list[int] = []
    real = zipfile.ZipFile.open

    def watched(self: zipfile.ZipFile, *args: object, **kwargs: object) -> object:
        unpacked.append(1)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", watched)
    with pytest.raises(st.SourceError, match=r"list\.zip: unpacks to more than 200 times"):
        file_head(path, "list.zip")
    assert unpacked == []


def test_a_damaged_zip_archive_is_one_error(tmp_path: Path) -> None:
    """A zip archive whose offsets are impossible (the zip module raises ValueError, not
    BadZipFile) is one SourceError."""
    data = bytearray(corpus.zipped(b"<a/>", "a.xml"))
    at = data.rfind(b"PK\x01\x02") + 42  # the central directory's offset of the member
    data[at : at + 4] = (2**31 - 1).to_bytes(4, "little")
    path = tmp_path / "list.zip"
    path.write_bytes(bytes(data))
    with pytest.raises(st.SourceError, match=r"list\.zip: "):
        st.load(path)


def _never_read_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make reading a zip archive's directory fail the test."""

    def refuse(_archive: zipfile.ZipFile) -> None:
        msg = "the directory was read"
        raise AssertionError(msg)

    monkeypatch.setattr(zipfile.ZipFile, "_RealGetContents", refuse)


@pytest.mark.parametrize("entries", [_files.MAX_ZIP_ENTRIES + 1, 70_000])
def test_a_zip_listing_too_many_entries_is_refused_before_its_directory_is_read(
    entries: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A zip archive whose end record declares more entries than MAX_ZIP_ENTRIES (the zip
    module would read all of them into memory) is refused from that record, before its
    directory is read; past 65,535 entries the count is the ZIP64 record's."""
    path = tmp_path / "list.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(entries):
            archive.writestr(f"{number}", b"")
    _never_read_directory(monkeypatch)
    with pytest.raises(st.SourceError, match=rf"list\.zip: the zip archive lists {entries:,} "):
        file_head(path, "list.zip")


def test_a_zip_declaring_a_huge_directory_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A zip archive whose end record declares a directory of 2 GB (forged) is refused
    from that record; a small real one with one member is read as before."""
    data = bytearray(corpus.zipped(b"<a/>", "a.xml"))
    at = data.rfind(b"PK\x05\x06") + 12  # the end record's directory size
    small = tmp_path / "small.zip"
    small.write_bytes(bytes(data))
    assert file_head(small, "small.zip")
    data[at : at + 4] = (2**31).to_bytes(4, "little")
    path = tmp_path / "list.zip"
    path.write_bytes(bytes(data))
    _never_read_directory(monkeypatch)
    with pytest.raises(st.SourceError, match=r"directory of 2,147,483,648 bytes"):
        file_head(path, "list.zip")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_text_is_read_by_its_mark(encoding: str, tmp_path: Path) -> None:
    """A list saved as UTF-16 or UTF-32 (with its byte-order mark) is read as the same
    text: the same designations as the UTF-8 file, not 'a binary file'."""
    text = "\n".join(corpus.sdn_rows(6)).encode()
    plain = corpus.write(tmp_path, "sdn.csv", text)
    wide = tmp_path / "wide"
    wide.mkdir()
    other = corpus.write(wide, "sdn.csv", corpus.utf16(text, encoding))
    assert read_text(other, "sdn.csv") == read_text(plain, "sdn.csv")
    ours = st.load(plain, bundled=False).designations()
    theirs = st.load(other, bundled=False).designations()
    assert [d.party for d in theirs] == [d.party for d in ours]
    assert len(ours) == 6


def test_read_bytes_is_capped(tmp_path: Path) -> None:
    """read_bytes gives a regular file whole, up to its limit; past it, one SourceError."""
    path = corpus.write(tmp_path, "a.json", b"{}" * 100)
    assert read_bytes(path, "a.json", limit=200) == b"{}" * 100
    with pytest.raises(st.SourceError, match=r"a\.json: the file holds more than 199 bytes"):
        read_bytes(path, "a.json", limit=199)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_an_xml_list_declared_utf16_is_read(encoding: str, tmp_path: Path) -> None:
    """A UN list written in UTF-16 or UTF-32, its declaration saying so, gives the same
    designations as the UTF-8 file (the head, read to tell the format, and the whole)."""
    ((name, data),) = corpus.seeds("un_xml")[0]
    declared = data.replace(b"encoding='UTF-8'", f"encoding='{encoding[:6].upper()}'".encode())
    assert declared != data
    plain = st.load(corpus.write(tmp_path, name, data), bundled=False).designations()
    wide = tmp_path / "wide"
    wide.mkdir()
    other = st.load(corpus.write(wide, name, corpus.utf16(declared, encoding)), bundled=False)
    assert [d.party for d in other.designations()] == [d.party for d in plain]
