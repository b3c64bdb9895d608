"""Coverage-guided fuzzing (atheris, libFuzzer) of the page extractor every crawled article page goes through.

Each input is a page's bytes, read as the crawl reads it (crawler.extract.auto.extract_for_site, the function
the extraction workers run), and its decoded text goes through the date parser. Anything but ExtractionError
escaping, a field of the wrong type or a publication date after now is a crash: libFuzzer saves the input
under build/fuzz/crashes/ and exits non-zero.

    FUZZ_SECONDS=300 .venv/bin/python fuzz/fuzz_extract.py            # what `make fuzz` runs
    .venv/bin/python fuzz/fuzz_extract.py build/fuzz/crashes/crash-...  # replay one saved input

The seed corpus (replica article and listing pages) is written to build/fuzz/corpus/ at every start
(gitignored, never committed); inputs libFuzzer finds interesting are added beside it.
"""

from __future__ import annotations

import os
import sys
from datetime import date, datetime
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Only the project's code is instrumented: coverage of lxml and dateparser would slow every run for no guidance.
with atheris.instrument_imports(include=["crawler"]):
    from crawler.extract.article import ExtractionError
    from crawler.extract.auto import extract_for_site
    from crawler.extract.dates import _MAX_AHEAD, VN_TZ, parse_vietnamese_date
    from crawler.extract.encoding import decode_html

WORK = ROOT / "build" / "fuzz"
CORPUS = WORK / "corpus"
CRASHES = WORK / "crashes"
BOCONGAN_URL = "https://bocongan.gov.vn/tin-tuc-su-kien/bai-viet-t34656.html"
LIFERAY_URL = "https://congan.quangninh.gov.vn/web/guest/tin-tuc/-/view-content/5120051/bai-viet"
# A date before the parser's text-length cut-off and one after it, so both of its paths are fuzzed.
DATE_TEXT_CHARS = (150, 5000)


def write_seed_corpus(directory: Path) -> int:
    """Replica article and listing pages of both portal layouts, one file each; the number written."""
    from crawler.replica.liferay import LiferayPortal
    from crawler.replica.portal import ReplicaPortal

    directory.mkdir(parents=True, exist_ok=True)
    pages: list[bytes] = []
    portal = ReplicaPortal(articles=20)  # with the seed page when ../shared/seed is there
    pages += [portal.respond(e.path, "bocongan.gov.vn")[2] for e in portal.entries]
    pages += [
        portal.respond(f"{c.listing_path}?Page=1", "bocongan.gov.vn")[2] for c in portal.profile.categories
    ]
    liferay = LiferayPortal(articles=20)
    pages += [liferay.respond(e.path, "congan.quangninh.gov.vn")[2] for e in liferay.entries]
    pages += [liferay.respond(liferay.page_path(c, 1), "h")[2] for c in liferay.profile.categories[:2]]
    for i, page in enumerate(pages):
        (directory / f"replica-{i:03d}.html").write_bytes(page)
    return len(pages)


# Tokens libFuzzer splices into pages: the markup the profiles select on, charsets, dates as portals print them.
TOKENS = [
    *("<h1>", "</h1>", "<p>", "</p>", "<div>", "</div>", "<table>", "<td>", "<img src=", "<figure>", "<em>"),
    *('class="title-news"', 'class="time-news"', 'class="content-news"', 'class="news-detail"'),
    *('class="breadcrumb"', 'class="header-title"', 'class="metadata-publish-date"', 'class="asset-content"'),
    *('<meta charset="', 'charset=windows-1258"', 'charset=utf-16"', 'charset=iso-8859-1"', "<!--", "-->"),
    *('<meta property="article:published_time" content="', '<link rel="canonical" href="', "&nbsp;"),
    *("Thứ Sáu, 31/03/2023", "15:30 | 31/03/2023", "ngày 30 tháng 3 năm 2023", "2023-03-31T08:30:00Z"),
    *("2099-12-31T23:59:00+07:00", "31-3-2099 08:15", "3:05 PM", "15h30"),
    *("Trung tướng", "Thứ trưởng Bộ Công an", "tỉnh Đồng Nai", "TP.HCM", "Chỉ thị 09-CT/TW", "UBND tỉnh"),
]
RAW_TOKENS = [b"\xc3", b"\xff\xfe", b"\xef\xbb\xbf", b"\x00", b"\xed\xa0\x80"]


def write_dictionary(path: Path) -> Path:
    """The tokens in libFuzzer's dictionary format: one quoted string a line, other bytes as \\xNN."""
    lines = []
    for token in [t.encode() for t in TOKENS] + RAW_TOKENS:
        quoted = "".join(chr(b) if 32 <= b < 127 and b not in b'"\\' else f"\\x{b:02x}" for b in token)
        lines.append(f'"{quoted}"')
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    return path


def _not_future(iso: str) -> bool:
    limit = datetime.now(VN_TZ) + _MAX_AHEAD
    return date.fromisoformat(iso) <= limit.date() if len(iso) == 10 else datetime.fromisoformat(iso) <= limit


def check_page(data: bytes) -> None:
    """One input through the crawl's extraction; raise on anything the properties forbid."""
    liferay = (
        b"liferay" in data[:8192].lower()
    )  # the crawl knows the site from the host; a page shows it here
    site, url = ("congan_tinh", LIFERAY_URL) if liferay else ("bocongan_2024", BOCONGAN_URL)
    try:
        record, failure = extract_for_site(data, url, site)
    except ExtractionError:
        record, failure = None, None
    if record is not None:
        assert isinstance(record["title"], str) and record["title"], record["title"]
        assert isinstance(record["body"], str)
        for key in ("category", "lead", "source", "published_at"):
            assert record[key] is None or (isinstance(record[key], str) and record[key]), (key, record[key])
        assert all(isinstance(c, str) for c in record["captions"] + record["images"])
        assert failure is None or isinstance(failure, str)
        if record["published_at"] is not None:
            assert _not_future(record["published_at"]), record["published_at"]
    text = decode_html(data)[0]
    for chars in DATE_TEXT_CHARS:
        parsed = parse_vietnamese_date(text[:chars])
        if parsed is not None:
            assert _not_future(parsed.isoformat()), parsed


def main() -> None:
    seconds = int(os.environ.get("FUZZ_SECONDS", "300"))
    CRASHES.mkdir(parents=True, exist_ok=True)
    args = sys.argv[1:]
    inputs = [a for a in args if not a.startswith("-")]
    if not inputs:  # a fuzzing run, not the replay of saved inputs
        print(f"seed corpus: {write_seed_corpus(CORPUS)} replica pages in {CORPUS}", flush=True)
        args += [f"-dict={write_dictionary(WORK / 'html.dict')}", str(CORPUS)]
    atheris.Setup(
        [
            sys.argv[0],
            f"-max_total_time={seconds}",
            f"-artifact_prefix={CRASHES}/",
            "-timeout=30",  # a page that takes this long would stall a crawl worker: a finding too
            "-max_len=262144",
            "-rss_limit_mb=3072",
            "-print_final_stats=1",
            *args,
        ],
        check_page,
    )
    atheris.Fuzz()


if __name__ == "__main__":
    main()
