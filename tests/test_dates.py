"""Tests for crawler.extract.dates: day-first Vietnamese dates, strict checks, rare fallback."""

from __future__ import annotations

import dataclasses
import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from crawler.extract import dates
from crawler.extract.dates import VN_TZ, ParsedDate, parse_vietnamese_date, weekday_name

# Fixed "now" so the future and year-range checks give the same answer every day.
NOW = datetime(2024, 6, 1, 12, 0, tzinfo=VN_TZ)


@pytest.fixture
def no_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any call to the dateparser fallback fail the test."""

    def boom(text: str) -> datetime | None:
        raise AssertionError(f"dateparser fallback used for {text!r}")

    monkeypatch.setattr(dates, "_parse_with_dateparser", boom)


@pytest.fixture
def fallback_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the texts handed to the real dateparser fallback."""
    calls: list[str] = []
    real = dates._parse_with_dateparser

    def spy(text: str) -> datetime | None:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(dates, "_parse_with_dateparser", spy)
    return calls


COMMON_FORMATS = [
    # Date only.
    ("Thứ Sáu, 31/03/2023", "2023-03-31"),
    ("thứ sáu, 31/03/2023", "2023-03-31"),
    ("31-3-2023", "2023-03-31"),
    ("ngày 30/3/2023", "2023-03-30"),
    ("Bài viết 1/4/2023", "2023-04-01"),
    ("31.03.2023", "2023-03-31"),
    ("ngày 30 tháng 3 năm 2023", "2023-03-30"),
    ("Ngày 30 Tháng 3 Năm 2023", "2023-03-30"),
    ("30 tháng 03, 2023", "2023-03-30"),
    ("30 tháng 3 2023", "2023-03-30"),
    ("29/02/2024", "2024-02-29"),
    ("2023-03-31", "2023-03-31"),
    # Time before the date.
    ("15:30 | 31/03/2023", "2023-03-31T15:30:00+07:00"),
    ("Cập nhật: 08:05 ngày 31-3-2023", "2023-03-31T08:05:00+07:00"),
    ("15h ngày 31/3/2023", "2023-03-31T15:00:00+07:00"),
    ("15 giờ 30 phút ngày 30 tháng 3 năm 2023", "2023-03-30T15:30:00+07:00"),
    ("15:30 Thứ Sáu, 31/03/2023", "2023-03-31T15:30:00+07:00"),
    ("Đăng lúc 07:00 | CN, 02/04/2023", "2023-04-02T07:00:00+07:00"),
    ("09:10 - T2, 03/04/2023", "2023-04-03T09:10:00+07:00"),
    # Time after the date.
    ("31/03/2023 15:30", "2023-03-31T15:30:00+07:00"),
    ("Chủ Nhật, 02/04/2023 - 08:15", "2023-04-02T08:15:00+07:00"),
    ("T6, 31/03/2023 | 15:30", "2023-03-31T15:30:00+07:00"),
    ("Thứ sáu, 31/03/2023, 15:30 (GMT+7)", "2023-03-31T15:30:00+07:00"),
    ("Ngày 31/03/2023, lúc 15:30", "2023-03-31T15:30:00+07:00"),
    ("ngày 30 tháng 3 năm 2023 lúc 10 giờ 05", "2023-03-30T10:05:00+07:00"),
    ("31/03/2023 15h30", "2023-03-31T15:30:00+07:00"),
    ("31/03/2023 08:05:12", "2023-03-31T08:05:12+07:00"),
    ("31/03/2023 3:05 PM", "2023-03-31T15:05:00+07:00"),
    ("31/03/2023 3:05 pm", "2023-03-31T15:05:00+07:00"),
    ("31/03/2023 3:05 CH", "2023-03-31T15:05:00+07:00"),
    ("31/03/2023 9:05 SA", "2023-03-31T09:05:00+07:00"),
    ("31/03/2023 12:05 AM", "2023-03-31T00:05:00+07:00"),
    ("31/03/2023 12:05 PM", "2023-03-31T12:05:00+07:00"),
    ("31/03/2023 00:00", "2023-03-31T00:00:00+07:00"),
    # ISO strings from meta tags, converted to Vietnam time.
    ("2023-03-31T15:30:00+07:00", "2023-03-31T15:30:00+07:00"),
    ("2023-03-31T08:30:00Z", "2023-03-31T15:30:00+07:00"),
    ("2023-03-31T20:30:00Z", "2023-04-01T03:30:00+07:00"),
    ("2023-03-31T10:30:00+09:00", "2023-03-31T08:30:00+07:00"),
    ("2023-03-31T10:30:00-02:30", "2023-03-31T20:00:00+07:00"),
    ("2023-03-31T15:30:00.123+0700", "2023-03-31T15:30:00+07:00"),
    ("2023-03-31T08:30:00.123456Z", "2023-03-31T15:30:00+07:00"),
    ("2023-03-31 15:30:00", "2023-03-31T15:30:00+07:00"),
    ("2023-03-31T15:30", "2023-03-31T15:30:00+07:00"),
]


@pytest.mark.usefixtures("no_fallback")
@pytest.mark.parametrize(("text", "expected"), COMMON_FORMATS)
def test_common_formats_on_the_fast_path(text: str, expected: str) -> None:
    result = parse_vietnamese_date(text, now=NOW)
    assert result is not None
    assert result.isoformat() == expected
    assert result.has_time == ("T" in expected)
    assert result.value.tzinfo == VN_TZ
    assert result.value.utcoffset() == timedelta(hours=7)
    if not result.has_time:
        assert result.value.time() == datetime.min.time()


@pytest.mark.usefixtures("no_fallback")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/04/2023", date(2023, 4, 3)),
        ("01/02/2023", date(2023, 2, 1)),
        ("12/11/2023", date(2023, 11, 12)),
        ("03-04-2023", date(2023, 4, 3)),
        ("03.04.2023", date(2023, 4, 3)),
        ("3/4/2023", date(2023, 4, 3)),
        ("ngày 3 tháng 4 năm 2023", date(2023, 4, 3)),
    ],
)
def test_day_comes_first(text: str, expected: date) -> None:
    result = parse_vietnamese_date(text, now=NOW)
    assert result is not None
    assert result.value.date() == expected


@pytest.mark.usefixtures("no_fallback")
@pytest.mark.parametrize(
    "text",
    [
        "31/02/2023",
        "29/02/2023",
        "31/04/2023",
        "00/03/2023",
        "13/13/2023",
        "12/13/2023",
        "2023-02-30",
        "2023-13-01",
        "32 tháng 3 năm 2023",
        "30 tháng 13 năm 2023",
        "31/12/1989",
        "2023-03-31T24:30:00+07:00",
    ],
)
def test_invalid_dates_are_rejected_not_fixed(text: str) -> None:
    assert parse_vietnamese_date(text, now=NOW) is None


@pytest.mark.usefixtures("no_fallback")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/02/2023 – 28/02/2023", "2023-02-28"),
        ("Số 12/13/2023/QĐ ngày 05/01/2023", "2023-01-05"),
        ("ngày 31/12/1989, cập nhật 02/01/1990", "1990-01-02"),
        ("2023-02-30 | 2023-03-01T08:00:00Z", "2023-03-01T15:00:00+07:00"),
        # The next candidate may overlap the rejected one.
        ("2023-02-30-01-2023", "2023-01-30"),
    ],
)
def test_search_goes_on_after_an_invalid_candidate(text: str, expected: str) -> None:
    result = parse_vietnamese_date(text, now=NOW)
    assert result is not None
    assert result.isoformat() == expected


@pytest.mark.usefixtures("no_fallback")
def test_first_valid_date_wins() -> None:
    result = parse_vietnamese_date("Đăng 30/03/2023, sửa 31/03/2023 10:00", now=NOW)
    assert result is not None
    assert result.isoformat() == "2023-03-30"


@pytest.mark.usefixtures("no_fallback")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ngày 31/03/2023, Bộ trưởng chủ trì cuộc họp lúc 15:30", "2023-03-31"),
        ("Lúc 15:30, Bộ trưởng đã ký quyết định ngày 31/03/2023", "2023-03-31"),
        ("15:30 hôm qua, ngày 31/03/2023", "2023-03-31"),
        ("31/03/2023 - 1234 lượt xem", "2023-03-31"),
        ("31/03/2023 (10 ảnh) 15:30", "2023-03-31"),
        ("Hội nghị 8h sáng nay. Thứ Sáu, 31/03/2023", "2023-03-31"),
        ("31/03/2023 25:70", "2023-03-31"),
        ("115:30 | 31/03/2023", "2023-03-31"),
    ],
)
def test_time_not_adjacent_or_not_valid_is_not_attached(text: str, expected: str) -> None:
    result = parse_vietnamese_date(text, now=NOW)
    assert result is not None
    assert result.isoformat() == expected
    assert result.has_time is False


@pytest.mark.usefixtures("no_fallback")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thứ Sáu, 31/03/2023", "2023-03-31"),
        ("Cập nhật: 08:05 ngày 31-3-2023", "2023-03-31T08:05:00+07:00"),
        ("ngày 30 tháng 3 năm 2023", "2023-03-30"),
        ("30 tháng 03, 2023", "2023-03-30"),
        ("Chủ Nhật, 02/04/2023 lúc 08:15", "2023-04-02T08:15:00+07:00"),
    ],
)
def test_decomposed_input(text: str, expected: str) -> None:
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text  # the case really is decomposed
    result = parse_vietnamese_date(decomposed, now=NOW)
    assert result is not None
    assert result.isoformat() == expected


@pytest.mark.usefixtures("no_fallback")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/03/2023\xa015:30", "2023-03-31T15:30:00+07:00"),
        ("15:30\xa0|\xa031/03/2023", "2023-03-31T15:30:00+07:00"),
        ("Cập nhật:\xa008:05\xa0ngày\xa031-3-2023", "2023-03-31T08:05:00+07:00"),
        ("ngày\xa030\xa0tháng\xa03\xa0năm\xa02023", "2023-03-30"),
        ("31/03/2023 3:05\u202fPM", "2023-03-31T15:05:00+07:00"),
        ("  31/03/2023 \n\t 15:30  ", "2023-03-31T15:30:00+07:00"),
    ],
)
def test_non_breaking_and_odd_spaces(text: str, expected: str) -> None:
    result = parse_vietnamese_date(text, now=NOW)
    assert result is not None
    assert result.isoformat() == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01/06/2024", "2024-06-01"),
        ("02/06/2024", None),  # tomorrow: never published yet
        ("03/06/2024", None),
        ("01/06/2024 12:59", "2024-06-01T12:59:00+07:00"),  # within a portal clock's hour of slack
        ("01/06/2024 13:01", None),
        ("2024-06-01T05:30:00Z", "2024-06-01T12:30:00+07:00"),
        ("2024-06-01T06:30:00Z", None),
        ("01/01/2025", None),
        ("01/01/2026", None),
        ("Sự kiện 15/07/2024, đăng ngày 30/05/2024", "2024-05-30"),
    ],
)
@pytest.mark.parametrize(
    "now",
    [NOW, NOW.replace(tzinfo=None), NOW.astimezone(UTC)],
    ids=["vn", "naive", "utc"],
)
def test_future_dates_are_rejected(text: str, expected: str | None, now: datetime) -> None:
    result = parse_vietnamese_date(text, now=now)
    assert (result.isoformat() if result else None) == expected


def test_a_time_later_today_than_now_is_the_future() -> None:
    now = datetime(2025, 11, 20, 9, 0, tzinfo=VN_TZ)
    assert parse_vietnamese_date("20/11/2025 09:45", now=now) is not None  # a portal clock a little fast
    assert parse_vietnamese_date("20/11/2025 11:30", now=now) is None


def test_default_now_is_the_current_time() -> None:
    today = datetime.now(VN_TZ).date()
    past = parse_vietnamese_date(f"{today:%d/%m/%Y}")
    assert past is not None
    assert past.value.date() == today
    assert parse_vietnamese_date(f"01/01/{today.year + 2}") is None
    ahead = today + timedelta(days=3)
    assert parse_vietnamese_date(f"{ahead:%d/%m/%Y}") is None


@pytest.mark.parametrize(
    "text",
    [
        "30/3",
        "ngày 30/3",
        "30 tháng 3",
        "Thứ Sáu, 31/03",
        "15:30 | 31/03",
        "31/03/23",
        "ngày 31-3-23",
    ],
)
def test_missing_or_two_digit_year_gives_none(text: str) -> None:
    assert parse_vietnamese_date(text, now=NOW) is None


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\xa0", "abc", "không có ngày", "99/99/9999", "2023", "15:30", "////", "-"],
)
def test_garbage_gives_none(text: str) -> None:
    assert parse_vietnamese_date(text, now=NOW) is None


@pytest.mark.parametrize("value", [None, 20230331, b"31/03/2023"])
def test_non_text_gives_none(value: object) -> None:
    assert parse_vietnamese_date(value, now=NOW) is None  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["30/3", "abc", "15:30", "31/03/23"])
def test_text_without_a_year_skips_the_slow_fallback(text: str, fallback_calls: list[str]) -> None:
    assert parse_vietnamese_date(text, now=NOW) is None
    assert fallback_calls == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ngày 5 tháng Ba năm 2023", "2023-03-05"),
        ("5 tháng ba 2023", "2023-03-05"),
        ("Thứ Sáu, 31 tháng Ba năm 2023", "2023-03-31"),
        ("5 Tháng Mười Hai, 2023", "2023-12-05"),
        ("31 tháng Ba năm 2023 lúc 15:30", "2023-03-31T15:30:00+07:00"),
    ],
)
def test_fallback_reads_month_names(text: str, expected: str, fallback_calls: list[str]) -> None:
    result = parse_vietnamese_date(text, now=NOW)
    assert fallback_calls == [text]
    assert result is not None
    assert result.isoformat() == expected
    assert result.value.tzinfo == VN_TZ


@pytest.mark.parametrize("text", ["5 tháng Ba năm 2030", "5 tháng Sáu năm 2024", "5 tháng Ba năm 1985"])
def test_fallback_result_obeys_the_same_checks(text: str, fallback_calls: list[str]) -> None:
    assert parse_vietnamese_date(text, now=NOW) is None
    assert fallback_calls == [text]


def test_fallback_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    import dateparser

    def broken(*args: object, **kwargs: object) -> datetime:
        raise RuntimeError("dateparser blew up")

    monkeypatch.setattr(dateparser, "parse", broken)
    assert parse_vietnamese_date("ngày 5 tháng Ba năm 2023", now=NOW) is None


def test_fallback_date_must_be_written_in_text(monkeypatch: pytest.MonkeyPatch) -> None:
    # What dateparser gives for a relative phrase: a date whose day is nowhere in the text.
    relative = datetime(2023, 3, 7, 9, 41, 12, 345, tzinfo=VN_TZ)
    monkeypatch.setattr(dates, "_parse_with_dateparser", lambda text: relative)
    assert parse_vietnamese_date("3 ngày trước (2023)", now=NOW) is None


def test_fallback_time_kept_only_when_written(monkeypatch: pytest.MonkeyPatch) -> None:
    found = datetime(2023, 3, 5, 19, 39, 12, 345, tzinfo=timezone(timedelta(hours=7)))
    monkeypatch.setattr(dates, "_parse_with_dateparser", lambda text: found)
    result = parse_vietnamese_date("ngày 5 tháng Ba năm 2023", now=NOW)
    assert result is not None
    assert result.has_time is False
    assert result.value == datetime(2023, 3, 5, tzinfo=VN_TZ)
    assert result.isoformat() == "2023-03-05"


def test_long_text_skips_the_fallback(fallback_calls: list[str]) -> None:
    text = "Bộ trưởng phát biểu tại hội nghị. " * 8 + "ngày 5 tháng Ba năm 2023"
    assert len(text) > 200
    assert parse_vietnamese_date(text, now=NOW) is None
    assert fallback_calls == []


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2023, 3, 27), "Thứ Hai"),
        (date(2023, 3, 28), "Thứ Ba"),
        (date(2023, 3, 29), "Thứ Tư"),
        (date(2023, 3, 30), "Thứ Năm"),
        (date(2023, 3, 31), "Thứ Sáu"),
        (date(2023, 4, 1), "Thứ Bảy"),
        (date(2023, 4, 2), "Chủ Nhật"),
        (date(2000, 1, 1), "Thứ Bảy"),
        (datetime(2023, 3, 31, 23, 59, tzinfo=VN_TZ), "Thứ Sáu"),
    ],
)
def test_weekday_name(day: date, expected: str) -> None:
    assert weekday_name(day) == expected


@pytest.mark.usefixtures("no_fallback")
def test_weekday_of_a_parsed_date_matches_the_printed_one() -> None:
    result = parse_vietnamese_date("Chủ Nhật, 02/04/2023 - 08:15", now=NOW)
    assert result is not None
    assert weekday_name(result.value.date()) == "Chủ Nhật"


def test_parsed_date_is_frozen_and_isoformat_follows_has_time() -> None:
    moment = datetime(2023, 3, 31, 15, 30, tzinfo=VN_TZ)
    assert ParsedDate(moment, True).isoformat() == "2023-03-31T15:30:00+07:00"
    assert ParsedDate(moment, False).isoformat() == "2023-03-31"
    with pytest.raises(dataclasses.FrozenInstanceError):
        ParsedDate(moment, True).has_time = False  # type: ignore[misc]
