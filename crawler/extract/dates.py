"""Day-first dates as Vietnamese ministry portals print them, read fast and strictly."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from crawler.extract.text import clean_text

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
_MIN_YEAR = 1990
# Portals never publish ahead of now; an hour of slack absorbs a portal clock running a little fast.
_MAX_AHEAD = timedelta(hours=1)
# dateparser is slow and seldom right on long text, so long text only gets the fast path.
_FALLBACK_MAX_CHARS = 200
# How far back from a date to look for a time printed before it.
_BEFORE_WINDOW = 48
_DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "TIMEZONE": "Asia/Ho_Chi_Minh",
    "RETURN_AS_TIMEZONE_AWARE": True,
}

# Text is normalised to single plain spaces first (clean_text), so the patterns below use " ".
_DATE_RE = re.compile(
    r"(?<!\d)(?:"
    # ISO 8601 from meta tags, optionally with time and offset.
    r"(?P<iy>\d{4})-(?P<im>\d\d)-(?P<id>\d\d)"
    r"(?:[T ](?P<ih>\d\d):(?P<imi>\d\d)(?::(?P<isec>\d\d)(?:\.\d+)?)?"
    r" ?(?P<tz>Z|[+-]\d\d:?\d\d)?)?"
    # 31/03/2023, 31-3-2023, 31.03.2023: one separator used twice.
    r"|(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})"
    # 30 tháng 3 năm 2023, 30 tháng 03, 2023
    r"|(?P<wd>\d{1,2}) tháng (?P<wm>\d{1,2})(?:, ?| )(?:năm )?(?P<wy>\d{4})"
    r")(?!\d)",
    re.IGNORECASE,
)
_TIME = (
    r"(?<![\d:])(?:(?P<h>\d{1,2}):(?P<mi>\d\d)(?::(?P<s>\d\d))?"
    r"|(?P<gh>\d{1,2}) ?(?:h|giờ)(?: ?(?P<gm>\d{1,2})(?: ?phút)?)?)"
    r"(?: ?(?P<ap>[AP]M|SA|CH))?(?![\w:])"
)
_SEPS = r"[ |,\-–—]*"
_WEEKDAY = r"(?:thứ (?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật|t[2-7]|cn)"
_TIME_RE = re.compile(_TIME, re.IGNORECASE)
_TIME_BEFORE_RE = re.compile(_TIME + _SEPS + rf"(?:{_WEEKDAY}{_SEPS})?(?:ngày ?)?$", re.IGNORECASE)
_TIME_AFTER_RE = re.compile(_SEPS + r"(?:lúc )?" + _TIME, re.IGNORECASE)
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass(frozen=True)
class ParsedDate:
    """A publication date in Vietnam time; has_time says whether the text gave the hour."""

    value: datetime
    has_time: bool

    def isoformat(self) -> str:
        """ISO 8601 with offset when the time is known, else the bare date (no made-up midnight)."""
        if self.has_time:
            return self.value.isoformat()
        return self.value.date().isoformat()


def parse_vietnamese_date(text: str, *, now: datetime | None = None) -> ParsedDate | None:
    """First complete date (day, month, year) in text, with its time if one stands next to it."""
    if not isinstance(text, str) or not text:
        return None
    text = clean_text(text)
    ref = _reference(now)
    pos = 0
    matched = False
    while (m := _DATE_RE.search(text, pos)) is not None:
        matched = True
        found = _from_match(text, m)
        if found is not None and _plausible(found.value, ref):
            return found
        # Rejected, not repaired: look for the next candidate, even overlapping this one.
        pos = m.start() + 1
    if matched:
        # dateparser would "fix" what was rejected (it reads 12/13/2023 as 13 December).
        return None
    return _fallback(text, ref)


def weekday_name(d: date) -> str:
    """Vietnamese weekday as portals print it: 'Thứ Sáu' for a Friday, 'Chủ Nhật' for a Sunday."""
    return _WEEKDAYS[d.weekday()]


def _reference(now: datetime | None) -> datetime:
    """The moment dates are checked against, in VN_TZ; naive values are VN wall-clock time."""
    if now is None:
        return datetime.now(VN_TZ)
    if now.tzinfo is None:
        return now.replace(tzinfo=VN_TZ)
    return now.astimezone(VN_TZ)


def _plausible(value: datetime, ref: datetime) -> bool:
    """Inside the years portals exist and not in the future of ref."""
    return _MIN_YEAR <= value.year <= ref.year + 1 and value <= ref + _MAX_AHEAD


def _from_match(text: str, m: re.Match[str]) -> ParsedDate | None:
    """The date a pattern match spells, or None when it is not a real calendar date."""
    g = m.groupdict()
    try:
        if g["iy"]:
            day = date(int(g["iy"]), int(g["im"]), int(g["id"]))
            if g["ih"]:
                clock = time(int(g["ih"]), int(g["imi"]), int(g["isec"] or 0))
                return ParsedDate(_iso_datetime(day, clock, g["tz"]), True)
        elif g["y"]:
            day = date(int(g["y"]), int(g["m"]), int(g["d"]))
        else:
            day = date(int(g["wy"]), int(g["wm"]), int(g["wd"]))
    # OverflowError: an offset moves a date at either end of the calendar (9999-12-31T23:59Z) out of it.
    except (ValueError, OverflowError):
        return None
    clock = _adjacent_time(text, m.start(), m.end())
    return ParsedDate(datetime.combine(day, clock or time(), VN_TZ), clock is not None)


def _iso_datetime(day: date, clock: time, tz: str | None) -> datetime:
    """An ISO date-time in VN_TZ; without an offset it is already Vietnam time."""
    if tz is None:
        return datetime.combine(day, clock, VN_TZ)
    if tz.upper() == "Z":
        offset = UTC
    else:
        digits = tz[1:].replace(":", "")
        delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        offset = timezone(-delta if tz[0] == "-" else delta)
    return datetime.combine(day, clock, offset).astimezone(VN_TZ)


def _adjacent_time(text: str, start: int, end: int) -> time | None:
    """The time printed right after the date, else right before it; None when not adjacent."""
    after = _TIME_AFTER_RE.match(text, end)
    clock = _to_time(after) if after else None
    if clock is None:
        before = _TIME_BEFORE_RE.search(text, max(0, start - _BEFORE_WINDOW), start)
        clock = _to_time(before) if before else None
    return clock


def _to_time(m: re.Match[str]) -> time | None:
    """The time of day a time match spells, or None when it is out of range."""
    g = m.groupdict()
    hour = int(g["h"] or g["gh"])
    minute = int(g["mi"] or g["gm"] or 0)
    meridiem = (g["ap"] or "").upper()
    # SA (sáng) is AM and CH (chiều) is PM; a 24-hour value with a marker stays as written.
    if meridiem and 1 <= hour <= 12:
        hour = hour % 12 + (12 if meridiem in ("PM", "CH") else 0)
    try:
        return time(hour, minute, int(g["s"] or 0))
    except ValueError:
        return None


def _fallback(text: str, ref: datetime) -> ParsedDate | None:
    """dateparser's reading of text, held to the same checks as the fast path."""
    # Without a written 4-digit year no complete date can be there; skip the slow call.
    if len(text) > _FALLBACK_MAX_CHARS or not _YEAR_RE.search(text):
        return None
    value = _parse_with_dateparser(text)
    # A relative phrase ("2 giờ trước") yields a date whose day and year are not written.
    if value is None or not _written(text, value.astimezone(VN_TZ)):
        return None
    value = value.astimezone(VN_TZ).replace(microsecond=0)
    clock = _TIME_RE.search(text)
    has_time = clock is not None and _to_time(clock) == value.time()
    if not has_time:
        value = value.replace(hour=0, minute=0, second=0)
    return ParsedDate(value, has_time) if _plausible(value, ref) else None


def _written(text: str, value: datetime) -> bool:
    """Whether the day and the year of value both appear as numbers in text."""
    day = re.search(rf"(?<!\d)0?{value.day}(?!\d)", text)
    return day is not None and re.search(rf"(?<!\d){value.year}(?!\d)", text) is not None


def _parse_with_dateparser(text: str) -> datetime | None:
    """Slow general parser for phrasings the patterns do not know (month names); never raises."""
    try:
        # Imported here: it costs ~0.1 s and most pages never need it.
        import dateparser

        value = dateparser.parse(text, languages=["vi"], settings=dict(_DATEPARSER_SETTINGS))
    except Exception:
        # A third-party parser failing must cost us one date, not the whole page.
        return None
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value
    return None
