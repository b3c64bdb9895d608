"""The page store: compressed raw pages in their own SQLite file, versions, atomic batches, streaming, WARC export."""

from __future__ import annotations

import gzip
import hashlib
import random
import sqlite3
import threading
import tracemalloc
import unicodedata
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawler.pages import PageStore, StoredPage, export_warc, pages_path

FETCHED = "2026-11-27T14:00:00+00:00"
VI_TEXT = "Bộ Y tế hướng dẫn phòng chống dịch bệnh tại Hà Nội, Đà Nẵng và Thừa Thiên Huế"
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258_bytes(text: str) -> bytes:
    """Vietnamese text as windows-1258 writes it: vowels precomposed with their hats, tone marks combining."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = "".join(c for c in parts if c not in TONE_MARKS)
        out.append(unicodedata.normalize("NFC", base) + "".join(c for c in parts if c in TONE_MARKS))
    return "".join(out).encode("cp1258")


def html(title: str, encoding: str = "utf-8") -> bytes:
    """A small article page in utf-8 or windows-1258."""
    text = cp1258_bytes(title) if encoding == "windows-1258" else title.encode("utf-8")
    return f"<html><head><meta charset={encoding}></head><body><h1>".encode() + text + b"</h1></body></html>"


def page(url: str, body: bytes, **extra) -> dict:
    return {
        "url": url,
        "article_id": extra.pop("article_id", "a-" + url.rsplit("/", 1)[-1]),
        "status": extra.pop("status", 200),
        "headers": extra.pop("headers", {"Content-Type": "text/html; charset=utf-8"}),
        "body": body,
        "fetched_at": extra.pop("fetched_at", FETCHED),
        **extra,
    }


@pytest.fixture
def store(tmp_path: Path) -> PageStore:
    s = PageStore(pages_path(tmp_path / "archive.db"))
    yield s
    s.close()


def test_pages_path_sits_next_to_the_archive(tmp_path: Path):
    assert pages_path(tmp_path / "archive.db") == tmp_path / "archive.pages.db"
    assert pages_path(str(tmp_path / "data" / "vn.sqlite")) == tmp_path / "data" / "vn.pages.sqlite"
    assert pages_path("archive.db") == Path("archive.pages.db")


def test_round_trip_after_reopening(tmp_path: Path):
    path = pages_path(tmp_path / "archive.db")
    body = html(VI_TEXT) * 20
    headers = {
        "Content-Type": "text/html; charset=utf-8",
        b"Set-Cookie": [b"a=1", b"b=2"],
        "X-Title": VI_TEXT,
        "server": "nginx",
        "Server": "proxy",
    }
    with PageStore(path) as s:
        added = s.add_many(
            [page("https://moh.gov.vn/tin/1", body, status=203, headers=headers, article_id="moh-1")]
        )
    assert added == 1

    with PageStore(path) as s:
        got = s.latest_for("https://moh.gov.vn/tin/1")
        assert s.count() == 1
        assert s.latest_for("https://moh.gov.vn/tin/2") is None
    assert got == StoredPage(
        url="https://moh.gov.vn/tin/1",
        article_id="moh-1",
        status=203,
        headers={
            "Content-Type": "text/html; charset=utf-8",
            "Set-Cookie": "a=1, b=2",
            "X-Title": VI_TEXT,
            "server": "nginx, proxy",
        },
        body=body,
        fetched_at=FETCHED,
        sha256=hashlib.sha256(body).hexdigest(),
    )

    # Stored gzip-compressed, so the file stays small and any gzip tool can read a body.
    with sqlite3.connect(path) as conn:
        (blob,) = conn.execute("SELECT body FROM pages").fetchone()
    assert blob[:2] == b"\x1f\x8b" and len(blob) < len(body) / 5
    assert gzip.decompress(blob) == body


def test_fetch_time_is_kept_in_utc(store: PageStore):
    store.add_many([page("https://a.vn/1", b"x", fetched_at="2026-11-27T21:00:00.250000+07:00")])
    assert store.latest_for("https://a.vn/1").fetched_at == "2026-11-27T14:00:00.250000+00:00"


def test_same_body_is_stored_once_and_a_changed_body_is_a_new_version(store: PageStore):
    url = "https://mof.gov.vn/tin/7"
    assert store.add_many([page(url, b"v1")]) == 1
    assert store.add_many([page(url, b"v1", fetched_at="2026-11-28T00:00:00+00:00")]) == 0
    assert store.count() == 1
    assert store.latest_for(url).fetched_at == FETCHED

    assert store.add_many([page(url, b"v2", fetched_at="2026-11-29T00:00:00+00:00")]) == 1
    assert store.count() == 2
    assert [p.body for p in store.latest()] == [b"v2"]
    assert store.latest_for(url).body == b"v2"
    assert [p.body for p in store.versions()] == [b"v1", b"v2"]

    # Back to the first body: it differs from the latest version, so it is a new version again.
    assert store.add_many([page(url, b"v1"), page(url, b"v1")]) == 1
    assert store.count() == 3
    assert store.latest_for(url).body == b"v1"


def test_latest_yields_newest_versions_in_their_insertion_order(store: PageStore):
    store.add_many([page("https://a.vn/A", b"A1"), page("https://a.vn/B", b"B1")])
    store.add_many([page("https://a.vn/A", b"A2"), page("https://a.vn/C", b"C1")])
    assert [(p.url, p.body) for p in store.latest()] == [
        ("https://a.vn/B", b"B1"),
        ("https://a.vn/A", b"A2"),
        ("https://a.vn/C", b"C1"),
    ]


@pytest.mark.parametrize(
    ("bad", "error"),
    [
        ({"url": "https://a.vn/bad", "status": 200, "headers": {}, "body": b"x"}, KeyError),  # no fetched_at
        (page("https://a.vn/bad", b"x", status=999), sqlite3.IntegrityError),  # CHECK constraint
        (page("", b"x"), sqlite3.IntegrityError),  # CHECK constraint
        (page("https://a.vn/bad", "text, not bytes"), TypeError),
        (page("https://a.vn/bad", b"x", fetched_at="2026-11-27T14:00:00"), ValueError),  # no time zone
    ],
)
def test_a_failing_batch_stores_none_of_its_pages(store: PageStore, bad: dict, error: type[Exception]):
    store.add_many([page("https://a.vn/old", b"old")])
    batch = [
        page("https://a.vn/1", b"one"),
        page("https://a.vn/old", b"old v2"),
        bad,
        page("https://a.vn/2", b"2"),
    ]
    with pytest.raises(error):
        store.add_many(batch)
    assert store.count() == 1
    assert store.latest_for("https://a.vn/1") is None
    assert store.latest_for("https://a.vn/old").body == b"old"

    # The store is still usable, and the good pages of the batch go in once retried without the bad one.
    assert store.add_many([p for p in batch if p is not bad]) == 3
    assert store.count() == 4


def test_latest_streams_thousands_of_pages_in_order(store: PageStore):
    rng = random.Random(1258)
    urls = [f"https://moit.gov.vn/tin/{i}" for i in range(5000)]
    for start in range(0, len(urls), 500):
        # Random bytes do not compress: 5,000 pages are ~20 MB in the file.
        store.add_many([page(u, rng.randbytes(4096)) for u in urls[start : start + 500]])
    assert store.count() == 5000

    pages = store.latest()
    assert iter(pages) is pages  # an iterator, not a list
    tracemalloc.start()
    try:
        seen = [(p.url, len(p.body), p.sha256 == hashlib.sha256(p.body).hexdigest()) for p in pages]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seen == [(u, 4096, True) for u in urls]
    # Loading all rows at once would take > 20 MB; streaming holds about one page at a time.
    assert peak < 5_000_000, peak


@pytest.mark.parametrize(
    "body",
    [
        html(VI_TEXT),
        html(VI_TEXT, encoding="windows-1258"),
        b"\x00\xff\xfe" + cp1258_bytes(VI_TEXT) + "Đà Nẵng".encode() + b"\r\n\x80",
    ],
    ids=["utf-8", "windows-1258", "mixed-binary"],
)
def test_vietnamese_bodies_survive_byte_for_byte(store: PageStore, body: bytes):
    store.add_many([page("https://moh.gov.vn/tin/vi", body)])
    got = store.latest_for("https://moh.gov.vn/tin/vi")
    assert got.body == body
    assert got.sha256 == hashlib.sha256(body).hexdigest()
    assert [p.body for p in store.latest()] == [body]


def test_wal_and_a_writer_waits_for_another_writers_lock(tmp_path: Path, store: PageStore):
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"

    other = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(0.5, lambda: other.execute("COMMIT"))
    timer.start()
    try:
        # Without a busy timeout this raises "database is locked" at once.
        assert store.add_many([page("https://a.vn/1", b"x")]) == 1
    finally:
        timer.join()
        other.close()
    assert store.count() == 1


WARC_PAGES = [
    page(
        "https://moh.gov.vn/tin/1",
        html(VI_TEXT),
        headers={
            "Content-Type": "text/html; charset=utf-8",
            "Content-Encoding": "gzip",
            "Transfer-Encoding": "chunked",
            "Content-Length": "17",
            "Server": "nginx",
        },
    ),
    page(
        "https://moit.gov.vn/tin/2",
        html(VI_TEXT, encoding="windows-1258"),
        headers={
            "Content-Type": "text/html; charset=windows-1258",
            "X-Bad\r\nName": "x",
            "X-Split": "a\r\nb",
        },
        fetched_at="2026-11-28T08:30:15.5+07:00",
    ),
    page("https://mof.gov.vn/tin/3", b"<html>not here</html>", status=404, headers={}),
    page("https://mof.gov.vn/tin/4", b"", status=599, headers={"content-encoding": "br"}),
]


def read_warc(path: Path) -> list:
    """(rec headers, http headers, content) of every record, digests checked by warcio."""
    records = []
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh, check_digests="raise"):
            content = record.content_stream().read()
            records.append((record.rec_type, record.rec_headers, record.http_headers, content))
    return records


def test_warc_export_reads_back_with_warcio(tmp_path: Path, store: PageStore):
    store.add_many(WARC_PAGES)
    out = tmp_path / "archive.warc.gz"
    assert export_warc(store, out) == len(WARC_PAGES)
    assert not (tmp_path / "archive.warc.gz.part").exists()

    records = read_warc(out)
    assert [r[0] for r in records] == ["warcinfo"] + ["response"] * len(WARC_PAGES)
    info = records[0][1]
    assert info.protocol in ("WARC/1.0", "WARC/1.1")
    assert info.get_header("WARC-Filename") == "archive.warc.gz"

    responses = records[1:]
    assert [r[1].get_header("WARC-Target-URI") for r in responses] == [p["url"] for p in WARC_PAGES]
    assert [r[1].get_header("WARC-Date") for r in responses] == [
        "2026-11-27T14:00:00Z",
        "2026-11-28T01:30:15.500000Z",
        "2026-11-27T14:00:00Z",
        "2026-11-27T14:00:00Z",
    ]
    assert [r[2].protocol + " " + r[2].statusline for r in responses] == [
        "HTTP/1.1 200 OK",
        "HTTP/1.1 200 OK",
        "HTTP/1.1 404 Not Found",
        "HTTP/1.1 599 Unknown",
    ]
    assert [r[3] for r in responses] == [p["body"] for p in WARC_PAGES]
    for _, rec, http, content in responses:
        assert rec.get_header("WARC-Warcinfo-ID") == info.get_header("WARC-Record-ID")
        assert http.get_header("Content-Length") == str(len(content))
        assert http.get_header("Content-Encoding") is None
        assert http.get_header("Transfer-Encoding") is None
        assert len([n for n, _ in http.headers if n.lower() == "content-length"]) == 1
    assert responses[0][2].get_header("Server") == "nginx"
    assert responses[0][2].get_header("Content-Type") == "text/html; charset=utf-8"
    assert responses[1][2].get_header("X-Split") == "a b"
    assert all("\r" not in n and "\n" not in n for n, _ in responses[1][2].headers)


def test_warc_content_lengths_match_the_bytes(tmp_path: Path, store: PageStore):
    store.add_many(WARC_PAGES)
    out = tmp_path / "pages.warc.gz"
    export_warc(store, out)
    data = gzip.decompress(out.read_bytes())
    pos, types = 0, []
    while pos < len(data):
        head_end = data.index(b"\r\n\r\n", pos)
        head = data[pos:head_end].decode()
        fields = dict(line.split(": ", 1) for line in head.split("\r\n")[1:])
        start = head_end + 4
        end = start + int(fields["Content-Length"])
        # A record is exactly Content-Length bytes followed by two CRLFs.
        assert data[end : end + 4] == b"\r\n\r\n"
        if fields["WARC-Type"] == "response":
            http_end = data.index(b"\r\n\r\n", start) + 4
            http_head = data[start:http_end].decode("ascii")
            length = [line for line in http_head.split("\r\n") if line.lower().startswith("content-length:")]
            assert length == [f"Content-Length: {end - http_end}"]
        types.append(fields["WARC-Type"])
        pos = end + 4
    assert types == ["warcinfo"] + ["response"] * len(WARC_PAGES)


def test_warc_export_of_latest_or_all_versions(tmp_path: Path, store: PageStore):
    store.add_many([page("https://a.vn/A", b"A1"), page("https://a.vn/B", b"B1")])
    store.add_many([page("https://a.vn/A", b"A2", fetched_at="2026-11-30T00:00:00+00:00")])

    assert export_warc(store, tmp_path / "latest.warc.gz") == 2
    latest = read_warc(tmp_path / "latest.warc.gz")[1:]
    assert [(r[1].get_header("WARC-Target-URI"), r[3]) for r in latest] == [
        ("https://a.vn/B", b"B1"),
        ("https://a.vn/A", b"A2"),
    ]

    assert export_warc(store, tmp_path / "all.warc.gz", all_versions=True) == 3
    every = read_warc(tmp_path / "all.warc.gz")[1:]
    assert [(r[1].get_header("WARC-Date"), r[3]) for r in every] == [
        ("2026-11-27T14:00:00Z", b"A1"),
        ("2026-11-27T14:00:00Z", b"B1"),
        ("2026-11-30T00:00:00Z", b"A2"),
    ]


def test_warc_export_of_an_empty_store_has_only_warcinfo(tmp_path: Path, store: PageStore):
    assert export_warc(store, tmp_path / "empty.warc.gz") == 0
    assert [r[0] for r in read_warc(tmp_path / "empty.warc.gz")] == ["warcinfo"]


def test_warc_export_streams(tmp_path: Path, store: PageStore):
    rng = random.Random(28500)
    for start in range(0, 2000, 500):
        store.add_many([page(f"https://a.vn/{i}", rng.randbytes(8192)) for i in range(start, start + 500)])
    tracemalloc.start()
    try:
        written = export_warc(store, tmp_path / "big.warc.gz")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert written == 2000
    assert (tmp_path / "big.warc.gz").stat().st_size > 16_000_000
    # The pages are 16 MB; an export that streams holds a page or so (plus zlib's buffers) at a time.
    assert peak < 6_000_000, peak


def test_a_failed_warc_export_leaves_no_file(tmp_path: Path, store: PageStore, monkeypatch):
    store.add_many(WARC_PAGES)

    def broken():
        yield from list(PageStore.latest(store))[:1]
        raise OSError("disk gone")

    monkeypatch.setattr(store, "latest", broken)
    with pytest.raises(OSError, match="disk gone"):
        export_warc(store, tmp_path / "x.warc.gz")
    assert list(tmp_path.glob("x.warc.gz*")) == []
