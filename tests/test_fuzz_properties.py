"""Property tests of the extractors over generated text and mutated replica pages (issue 7, fuzzing).

Whatever a portal serves, the crawl's entry points either return well-typed values or raise
ExtractionError, never a date later than now, and the same answer for the same input. Examples are
derandomized so CI sees the same inputs on every run; FUZZ_EXAMPLES_SCALE=10 explores ten times more.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import fields
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.extract.article import ArticleRecord, ExtractionError
from crawler.extract.auto import extract_any, extract_for_site
from crawler.extract.dates import _MIN_YEAR, VN_TZ, ParsedDate, parse_vietnamese_date
from crawler.extract.encoding import decode_html
from crawler.extract.entities import extract_entities
from crawler.extract.listing import parse_listing
from crawler.extract.people import find_people
from crawler.extract.places import find_places
from crawler.replica.liferay import LiferayPortal
from crawler.replica.portal import ReplicaPortal
from crawler.sites import all_profiles, get_profile

_SCALE = int(os.environ.get("FUZZ_EXAMPLES_SCALE", "1"))
_ISO = re.compile(r"^\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d\+07:00)?$")


def _settings(examples: int) -> settings:
    """Reproducible and bounded: the same examples on every run, no deadline on a shared 2-core machine."""
    return settings(
        max_examples=examples * _SCALE,
        deadline=None,
        derandomize=True,
        database=None,  # nothing written into the tree
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


# A portal's clock may run a little fast; anything later than this past now is a date in the future.
CLOCK_SLACK = timedelta(hours=1)


def _not_future(iso: str, now: datetime) -> bool:
    """Whether an ISO date or date-time is no later than now (plus a portal clock's slack)."""
    limit = now.astimezone(VN_TZ) + CLOCK_SLACK
    if len(iso) == 10:
        return date.fromisoformat(iso) <= limit.date()
    return datetime.fromisoformat(iso) <= limit


# -- text: dates in every format the parser knows, mixed with Vietnamese words and junk -----------------

_WEEKDAYS = [
    "Thứ Hai",
    "thứ ba",
    "Thứ tư",
    "Thứ Năm",
    "Thứ sáu",
    "THỨ BẢY",
    "Chủ Nhật",
    "CN",
    "T2",
    "t7",
    "Thứ 5",
]
_RELATIVE = [
    "hôm nay",
    "hôm qua",
    "ngày mai",
    "2 giờ trước",
    "5 phút trước",
    "vừa xong",
    "tuần trước",
    "3 ngày trước",
    "tuần sau",
    "năm sau",
    "tháng tới",
    "sáng nay",
    "in 3 days",
    "tomorrow",
]
_WORDS = [
    "ngày",
    "lúc",
    "Cập nhật:",
    "Đăng lúc",
    "(GMT+7)",
    "|",
    "-",
    "–",
    ",",
    "năm",
    "tháng",
    "giờ",
    "phút",
    "Số",
]
_OFFSETS = ["", "Z", "+07:00", "+0700", "-02:30", "+14:00", "-12:00", "+99:99", "z"]
_MONTH_NAMES = ["tháng Ba", "tháng mười hai", "March", "Mar", "December", "Thg 3"]

_years = st.one_of(st.integers(1985, 2105), st.integers(0, 9999))
_days = st.integers(0, 40)
_months = st.integers(0, 14)
_hours = st.integers(0, 30)
_minutes = st.integers(0, 70)


@st.composite
def _date_phrase(draw, near: datetime | None = None) -> str:
    """One date as portals print it (and as they misprint it): numbers maybe out of range."""
    if near is not None and draw(st.booleans()):
        # Around the reference now, where the future check bites.
        moment = near + timedelta(minutes=draw(st.integers(-3 * 24 * 60, 3 * 24 * 60)))
        y, m, d, h, mi = moment.year, moment.month, moment.day, moment.hour, moment.minute
    else:
        y, m, d, h, mi = draw(_years), draw(_months), draw(_days), draw(_hours), draw(_minutes)
    s = draw(st.integers(0, 61))
    form = draw(st.integers(0, 9))
    sep = draw(st.sampled_from("/.-"))
    if form == 0:
        return f"{d:02d}{sep}{m:02d}{sep}{y}"
    if form == 1:
        return f"{d}{sep}{m}{sep}{y} {h:02d}:{mi:02d}"
    if form == 2:
        return f"ngày {d} tháng {m} năm {y}"
    if form == 3:
        return f"{d} tháng {m:02d}, {y}"
    if form == 4:
        return f"{y:04d}-{m:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}{draw(st.sampled_from(_OFFSETS))}"
    if form == 5:
        return f"{y:04d}-{m:02d}-{d:02d}"
    if form == 6:
        return f"{h} giờ {mi} phút ngày {d}/{m}/{y}"
    if form == 7:
        meridiem = draw(st.sampled_from(["AM", "PM", "SA", "CH", "am", ""]))
        return f"{d:02d}/{m:02d}/{y} {h}:{mi:02d} {meridiem}"
    if form == 8:
        return f"{h}h{mi} | {draw(st.sampled_from(_WEEKDAYS))}, {d}/{m}/{y}"
    return f"{d} {draw(st.sampled_from(_MONTH_NAMES))} {y}"


def _fragments(near: datetime | None = None) -> st.SearchStrategy[str]:
    return st.one_of(
        _date_phrase(near),
        st.sampled_from(_WEEKDAYS + _RELATIVE + _WORDS),
        st.integers(0, 99999).map(str),
        st.text(max_size=12),
        st.text("0123456789/:-.hgiờ ", max_size=16),
    )


_JOINERS = st.sampled_from([" ", ", ", " | ", " - ", "\n", "\xa0", "", "\t", "\u200b"])


@st.composite
def _vietnamese_text(draw, near: datetime | None = None, max_parts: int = 6) -> str:
    parts = draw(st.lists(_fragments(near), max_size=max_parts))
    return "".join(p + draw(_JOINERS) for p in parts)


_nows = st.one_of(
    st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1)),
    st.datetimes(
        datetime(2000, 1, 1),
        datetime(2100, 1, 1),
        timezones=st.sampled_from(
            [UTC, VN_TZ, timezone(timedelta(hours=-11)), timezone(timedelta(hours=14))]
        ),
    ),
)


@st.composite
def _dated_text(draw) -> tuple[str, datetime]:
    """A reference now and a text whose dates are often within days of it."""
    now = draw(_nows)
    return draw(_vietnamese_text(now)), now


def _check_parsed(parsed: ParsedDate | None, now: datetime) -> None:
    if parsed is None:
        return
    assert isinstance(parsed, ParsedDate)
    assert parsed.value.tzinfo is not None
    iso = parsed.isoformat()
    assert _ISO.match(iso), iso
    assert ("T" in iso) == parsed.has_time
    assert parsed.value.year >= _MIN_YEAR
    assert _not_future(iso, now), (iso, now)


@_settings(300)
@given(_dated_text())
def test_date_parser_gives_a_past_date_or_none_and_the_same_twice(case):
    """Relative to the now it is given, whatever the text."""
    text, now = case
    parsed = parse_vietnamese_date(text, now=now)
    _check_parsed(parsed, now if now.tzinfo else now.replace(tzinfo=VN_TZ))
    assert parse_vietnamese_date(text, now=now) == parsed


@_settings(200)
@given(st.one_of(st.text(), st.binary().map(lambda b: b.decode("latin-1")), _vietnamese_text(max_parts=12)))
def test_date_parser_on_any_text_with_the_real_now(text):
    """The crawl calls it without a now: never a date after the real now."""
    parsed = parse_vietnamese_date(text)
    _check_parsed(parsed, datetime.now(VN_TZ))


@pytest.mark.parametrize(
    "text",
    [
        "9999-12-31T23:59:00Z",
        "9999-12-31T23:59:00-12:00",
        "0001-01-01T00:00:00+14:00",
    ],
)
def test_iso_date_pushed_off_the_calendar_by_its_offset_is_no_date(text):
    """Found while writing the ISO strategies: the offset conversion raised OverflowError out of the parser."""
    assert parse_vietnamese_date(text) is None
    assert parse_vietnamese_date(f"{text} và ngày 31/03/2023").isoformat() == "2023-03-31"


# -- entities ------------------------------------------------------------------------------------------

_NAMED = [
    "Trung tướng Lê Văn Bình, Thứ trưởng Bộ Công an",
    "đồng chí Nguyễn Văn B",
    "Giám đốc Công an tỉnh Đồng Nai Nguyễn Văn C",
    "Đại tá Trần Thị D, Phó Giám đốc",
    "TP.HCM",
    "Thành phố Hồ Chí Minh",
    "tỉnh Đồng Nai",
    "Thanh Hoá",
    "quận 1",
    "phường Bến Nghé",
    "huyện Mê Linh",
    "UBND tỉnh Nghệ An",
    "Bộ Công an",
    "Đoàn TNCS Hồ Chí Minh",
    "Chỉ thị 09-CT/TW",
    "Nghị định số 123/2024/NĐ-CP ngày 31/12/2024",
    "Kết luận ngày 22/01/2019",
    "Luật Căn cước",
    "Quyết định số",
    "ông",
    "bà",
    "và",
    "các đồng chí",
    ";",
    ":",
    "(",
    ")",
    "“",
    "”",
]
_entity_fragments = st.one_of(st.sampled_from(_NAMED), _fragments(), st.text(max_size=8))


@st.composite
def _entity_text(draw) -> str:
    parts = draw(st.lists(_entity_fragments, max_size=14))
    return "".join(p + draw(_JOINERS) for p in parts)


def _check_entities(entities) -> None:
    shapes = {
        "people": {"name": str, "titles": list, "ranks": list, "posts": list, "mentions": int},
        "locations": {
            "name": str,
            "kind": str,
            "province": (str, type(None)),
            "province_now": (str, type(None)),
        },
        "organisations": {"name": str, "mentions": int},
        "documents": {
            "key": str,
            "kind": str,
            "number": (str, type(None)),
            "code": (str, type(None)),
            "date": (str, type(None)),
            "issuer": (str, type(None)),
            "mentions": int,
        },
    }
    for name, shape in shapes.items():
        values = entities[name] if isinstance(entities, dict) else getattr(entities, name)
        assert isinstance(values, list), name
        for entry in values:
            assert isinstance(entry, dict), (name, entry)
            for key, kind in shape.items():
                assert isinstance(entry[key], kind), (name, key, entry)
            assert entry["name" if "name" in entry else "key"], entry
            assert entry.get("mentions", 1) >= 1, entry
            for key in ("titles", "ranks", "posts"):
                assert all(isinstance(v, str) and v for v in entry.get(key, [])), entry
            if name == "locations":
                assert entry["kind"] in ("province", "district", "ward"), entry
            if name == "documents" and entry["date"] is not None:
                assert re.match(r"^\d{4}-\d\d-\d\d$", entry["date"]), entry


@_settings(150)
@given(
    title=_entity_text(),
    lead=st.one_of(st.none(), _entity_text()),
    body=_entity_text(),
    captions=st.lists(_entity_text(), max_size=3),
    published_at=st.one_of(st.none(), st.text(max_size=12), _date_phrase()),
)
def test_entities_of_any_text_are_well_typed_and_stable(title, lead, body, captions, published_at):
    entities = extract_entities(title, lead, body, captions, published_at)
    _check_entities(entities)
    assert extract_entities(title, lead, body, captions, published_at) == entities


@_settings(150)
@given(_entity_text())
def test_people_and_places_point_inside_the_text(text):
    """Mention offsets are what the callers slice the text with."""
    for mention in find_people(text) + find_places(text):
        assert 0 <= mention.start <= mention.end <= len(text), mention
        assert isinstance(mention.name, str) and mention.name, mention


# -- pages: replica pages, mutated ---------------------------------------------------------------------

BOCONGAN_HOST = "bocongan.gov.vn"
LIFERAY_HOST = "congan.quangninh.gov.vn"


@functools.cache
def _replica_pages() -> tuple[list[tuple], list[tuple]]:
    """(body, url, site, content type) of every replica article page, and of a few listing pages; built once.

    The seed page is among them: tests that use them ask for the seed_file fixture, which fails clearly without it.
    """
    articles, listings = [], []
    portal = ReplicaPortal(articles=20, with_seed=True)
    for entry in portal.entries:
        status, headers, body = portal.respond(entry.path, BOCONGAN_HOST)
        if status == 200:
            articles.append(
                (body, f"https://{BOCONGAN_HOST}{entry.path}", "bocongan_2024", headers["Content-Type"])
            )
    liferay = LiferayPortal(articles=20)
    for entry in liferay.entries[:8] + [e for e in liferay.entries if e.quirk]:
        status, headers, body = liferay.respond(entry.path, LIFERAY_HOST)
        articles.append((body, f"https://{LIFERAY_HOST}{entry.path}", "congan_tinh", headers["Content-Type"]))
    for category in portal.profile.categories[:2]:
        path = f"{category.listing_path}?{portal.profile.page_param}=1"
        headers, body = portal.respond(path, BOCONGAN_HOST)[1:]
        listings.append((body, f"https://{BOCONGAN_HOST}{path}", "bocongan_2024", headers["Content-Type"]))
    for category in liferay.profile.categories[:2]:
        path = liferay.page_path(category, 1)
        headers, body = liferay.respond(path, LIFERAY_HOST)[1:]
        listings.append((body, f"https://{LIFERAY_HOST}{path}", "congan_tinh", headers["Content-Type"]))
    return articles, listings


_TAG = re.compile(rb"<[^<>]*>")
_LINK = re.compile(rb"""(?:href|src)=["']([^"']*)["']""")
# Links urllib refuses: a broken IPv6 host, ports out of range or not numbers, a host that NFKC changes.
_BAD_URLS = [
    b"http://[::1",
    b"//[/x",
    b"http://h:99999/a-t1.html",
    b"http://h:abc/",
    "http://℀/".encode(),
    b"http://[x]/",
]
_CHARSET = re.compile(rb"charset\s*=\s*[\"']?[\w.:-]+", re.IGNORECASE)
_CHARSETS = ["utf-8", "windows-1258", "iso-8859-1", "utf-16", "utf-32", "shift_jis", "hex", "base64", "rot13"]
_CHARSETS += ["undefined", "unicode_escape", "utf-7", "idna", "x-no-such-charset", ""]
_SNIPPETS = [
    b"<div>",
    b"</div>",
    b"<p>",
    b"</p>",
    b"</html>",
    b"<body>",
    b"<table><tr><td>",
    b"</td></tr></table>",
    b"<!--",
    b"-->",
    b"<![CDATA[",
    b"<script>",
    b"<style>",
    b"<h1>",
    b"</h1>",
    b'<h1 class="title-news">',
    b'<div class="content-news">',
    b"<img src=",
    b"<img>",
    b"<figure><img src='x'><figcaption>",
    b'<meta property="article:published_time" content="2999-01-01T00:00:00Z">',
    b'<meta property="og:title" content="">',
    b'<link rel="canonical" href="http://[::1">',
    b'<a href="javascript:">',
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\xe2\x80",
    b"&#0;",
    b"&#xD800;",
    b"&#99999999;",
    b"&nbsp;&nbsp;",
    b"<?xml version='1.0' encoding='latin-1'?>",
    b"31/12/2999 23:59",
    b"Th\xe1\xbb\xa9 S\xc3\xa1u, 31/03/2023",
]


def _mutate(page: bytes, op: tuple) -> bytes:
    """One mutation a broken server, proxy or CMS could inflict on a page."""
    kind, at, arg = op
    pos = at % (len(page) + 1)
    tags = list(_TAG.finditer(page))
    tag = tags[at % len(tags)] if tags else None
    if kind == "truncate":
        return page[:pos]
    if kind == "flip":
        return (
            page[:pos] + bytes([page[pos] ^ (arg % 255 + 1)]) + page[pos + 1 :] if pos < len(page) else page
        )
    if kind == "delete_tag":
        return page[: tag.start()] + page[tag.end() :] if tag else page
    if kind == "duplicate_tag":
        return page[: tag.end()] + tag.group() * (arg % 5 + 1) + page[tag.end() :] if tag else page
    if kind == "insert":
        return page[:pos] + _SNIPPETS[arg % len(_SNIPPETS)] + page[pos:]
    if kind == "charset":
        return _CHARSET.sub(b"charset=" + _CHARSETS[arg % len(_CHARSETS)].encode(), page)
    if kind == "huge_attribute":
        if not tag:
            return page
        value = b"content-news title-news " * (arg % 20_000)
        return page[: tag.end() - 1] + b' class="' + value + b'"' + page[tag.end() - 1 :]
    if kind == "nest":
        depth = arg % 3000
        name = [b"div", b"span", b"table", b"p", b"li", b"i"][at % 6]
        return page[:pos] + b"<" + name + b">" + (b"<" + name + b">") * depth + page[pos:]
    if kind == "reencode":
        codec = ["utf-16", "utf-16-le", "utf-32", "cp1258", "latin-1", "utf-8-sig", "ascii"][arg % 7]
        return page.decode("utf-8", "replace").encode(codec, "replace")
    if kind == "bad_url":
        links = list(_LINK.finditer(page))
        if not links:
            return page
        link = links[at % len(links)]
        return page[: link.start(1)] + _BAD_URLS[arg % len(_BAD_URLS)] + page[link.end(1) :]
    if kind == "splice":
        return page[:pos] + bytes(range(arg % 256, min(256, arg % 256 + 32))) + page[pos:]
    raise AssertionError(kind)


_KINDS = ["truncate", "flip", "delete_tag", "duplicate_tag", "insert", "charset"]
_KINDS += ["huge_attribute", "nest", "reencode", "splice", "bad_url"]
_mutations = st.lists(
    st.tuples(st.sampled_from(_KINDS), st.integers(0, 2**32), st.integers(0, 2**32)), max_size=4
)
_content_types = st.sampled_from(
    [
        None,
        "original",
        "text/html",
        "text/html; charset=iso-8859-1",
        "text/html; charset=hex",
        "text/html;;charset=",
    ]
)


def _check_record(record: dict, site: str) -> None:
    assert set(record) == {f.name for f in fields(ArticleRecord)}
    assert isinstance(record["url"], str) and record["url"].startswith("http"), record["url"]
    # The portal, whichever of its layouts was read ("generic" where no profile read the page).
    assert record["site"] == {p.name: p.site for p in all_profiles()}.get(site, site)
    assert isinstance(record["title"], str) and record["title"], record["title"]
    assert isinstance(record["body"], str)
    for key in ("category", "lead", "source", "published_at"):
        assert record[key] is None or (isinstance(record[key], str) and record[key]), (key, record[key])
    for key in ("captions", "images"):
        assert isinstance(record[key], list) and all(isinstance(v, str) for v in record[key]), key
    # The profile that read it: the one named, another layout of the same portal, or none.
    assert record["extracted_by"] == "generic" or get_profile(record["extracted_by"]).site == record["site"]
    if record["published_at"] is not None:
        assert _ISO.match(record["published_at"]), record["published_at"]
        assert _not_future(record["published_at"], datetime.now(VN_TZ)), record["published_at"]
    _check_entities(record)


def _extract(body: bytes, url: str, site: str, content_type: str | None):
    """The crawl's entry point (crawler.workers calls it); ExtractionError is its one way of saying no."""
    try:
        return extract_for_site(body, url, site, content_type)
    except ExtractionError as exc:
        return ("ExtractionError", str(exc))


@pytest.mark.usefixtures("seed_file")  # the seed page is among the replica pages
@_settings(120)
@given(data=st.data(), mutations=_mutations, content_type=_content_types)
def test_a_mutated_article_page_gives_a_well_typed_record_or_extraction_error(data, mutations, content_type):
    articles = _replica_pages()[0]
    body, url, site, original_type = articles[data.draw(st.integers(0, len(articles) - 1), label="page")]
    for op in mutations:
        body = _mutate(body, op)
    content_type = original_type if content_type == "original" else content_type
    result = _extract(body, url, site, content_type)
    if result[0] != "ExtractionError":
        record, failure = result
        _check_record(record, site)
        assert failure is None or isinstance(failure, str)
    assert _extract(body, url, site, content_type) == result


@_settings(60)
@given(st.one_of(st.binary(max_size=2000), st.text(max_size=500).map(str.encode)), _content_types)
def test_any_bytes_give_a_record_or_extraction_error(body, content_type):
    """Empty, binary or plain-text answers served as an article page."""
    for site, host in (("bocongan_2024", BOCONGAN_HOST), ("congan_tinh", LIFERAY_HOST)):
        result = _extract(
            body,
            f"https://{host}/tin-tuc/a-t1.html",
            site,
            None if content_type == "original" else content_type,
        )
        if result[0] != "ExtractionError":
            _check_record(result[0], site)


@pytest.mark.usefixtures("seed_file")  # the seed page is among the replica pages
@_settings(60)
@given(data=st.data(), mutations=_mutations, host=st.sampled_from(["example.org", BOCONGAN_HOST, ""]))
def test_extract_any_of_a_decoded_mutated_page(data, mutations, host):
    """The `extract` command's path: str input, the profile guessed from the URL or the page."""
    articles = _replica_pages()[0]
    body, url, site, _ = articles[data.draw(st.integers(0, len(articles) - 1), label="page")]
    for op in mutations:
        body = _mutate(body, op)
    text = decode_html(body)[0]
    try:
        record = extract_any(text, f"https://{host}/a-t1.html").to_dict()
    except ExtractionError:
        return
    _check_record(record, record["site"])


@pytest.mark.usefixtures("seed_file")  # the seed page is among the replica pages
@_settings(80)
@given(data=st.data(), mutations=_mutations, content_type=_content_types)
def test_a_mutated_listing_gives_article_links_or_extraction_error(data, mutations, content_type):
    listings = _replica_pages()[1]
    body, url, site, original_type = listings[data.draw(st.integers(0, len(listings) - 1), label="listing")]
    for op in mutations:
        body = _mutate(body, op)
    content_type = original_type if content_type == "original" else content_type
    profile = get_profile(site)
    try:
        listing = parse_listing(body, url, profile, content_type)
    except ExtractionError:
        return
    for item in listing.items:
        assert isinstance(item.url, str) and profile.is_article_url(item.url), item
        assert isinstance(item.title, str), item
        if item.published_at is not None:
            assert _ISO.match(item.published_at) and _not_future(item.published_at, datetime.now(VN_TZ)), item
    assert listing.next_url is None or isinstance(listing.next_url, str)
    assert parse_listing(body, url, profile, content_type) == listing


@_settings(150)
@given(st.binary(max_size=300), st.sampled_from(_CHARSETS), st.booleans())
def test_decoding_any_bytes_under_any_declared_charset(body, charset, in_header):
    """Whatever charset a page claims, decoding yields NFC text and a codec name."""
    declared = f"text/html; charset={charset}" if in_header else None
    page = body if in_header else b'<meta charset="' + charset.encode() + b'">' + body
    text, codec = decode_html(page, declared)
    assert isinstance(text, str) and isinstance(codec, str)
    assert decode_html(page, declared) == (text, codec)


@pytest.mark.parametrize("charset", ["hex", "base64", "rot13", "zlib", "bz2", "uu", "quopri", "undefined"])
@pytest.mark.parametrize("in_header", [True, False])
def test_a_page_declaring_a_codec_that_is_no_text_encoding_still_decodes(charset, in_header):
    """Found by probing declared charsets, caught by the page and decoding properties: such a charset raised
    LookupError (UnicodeError for 'undefined') out of decode_html, so out of every extractor."""
    body = f'<html><head><meta charset="{charset}"></head><body><h1>Tin</h1>'.encode() + b"\xe0</body></html>"
    text, codec = decode_html(body, f"text/html; charset={charset}" if in_header else None)
    assert "<h1>Tin</h1>à" in text and codec == "cp1258"


def test_a_breadcrumb_ending_in_an_empty_link_gives_no_category():
    """Found by the page property (a truncated, re-encoded Liferay page): category was "" instead of None."""
    page = (
        '<html><body><div class="breadcrumb"><a href="/">Trang chủ</a> › <a href="/x"> </a></div>'
        '<div class="news-detail"><h1 class="title-news">Tiêu đề</h1><div class="content-news"><p>Nội dung</p>'
        "</div></div></body></html>"
    )
    record, failure = extract_for_site(page.encode(), f"https://{BOCONGAN_HOST}/a-t1.html", "bocongan_2024")
    assert (record["title"], record["category"], failure) == ("Tiêu đề", None, None)


_BAD_PAGE = (
    '<html><head><link rel="canonical" href="{url}"></head><body><div class="news-detail">'
    '<h1 class="title-news">Tiêu đề</h1><div class="content-news"><p>Nội dung</p><p><img src="{url}"></p>'
    "</div></div></body></html>"
)
_BAD_LISTING = (
    '<html><body><div class="list-news"><div class="news-item"><h3><a href="{url}">Tin</a></h3></div>'
    '<div class="news-item"><h3><a href="/tin-tuc-su-kien/bai-viet-t7.html">Tin khác</a></h3></div></div>'
    '<div class="paging"><a class="next" href="{url}">Sau</a></div></body></html>'
)


@pytest.mark.parametrize("url", [u.decode() for u in _BAD_URLS])
def test_links_urllib_refuses_are_left_out_not_fatal(url):
    """Caught by the page properties (bad_url mutation): a canonical link, image or listing link like these
    raised ValueError out of extract_for_site and parse_listing (the crawl only expects ExtractionError)."""
    page_url = f"https://{BOCONGAN_HOST}/tin-tuc-su-kien/bai-viet-t1.html"
    record, failure = extract_for_site(_BAD_PAGE.format(url=url).encode(), page_url, "bocongan_2024")
    assert (record["url"], record["body"], failure) == (page_url, "Nội dung", None)
    listing = parse_listing(
        _BAD_LISTING.format(url=url), f"https://{BOCONGAN_HOST}/", get_profile("bocongan_2024")
    )
    assert [i.url for i in listing.items] == [f"https://{BOCONGAN_HOST}/tin-tuc-su-kien/bai-viet-t7.html"]
    assert listing.next_url is None
