"""The article's own publication date on a page of unknown layout: its date line, else a machine-readable date.

Only the lines between the title and the body (and a labelled line right after the body) are read, so a header's
"today" date, a print date, the dates of other articles and the dates the text mentions are never taken.
"""

from __future__ import annotations

import re

from crawler.extract.content import Line
from crawler.extract.dates import ParsedDate, parse_vietnamese_date

# A date line is short; a longer line is text that mentions a date ("Ngày 30/3/2023, Đoàn kiểm tra …").
_MAX_DATELINE_CHARS = 140
# How far (in lines) before the title a date line of the article's header may stand.
_BEFORE_TITLE = 3
# Words that make a date someone else's: the day the page was printed or viewed, the portal's today.
_NOT_PUBLISHED = re.compile(
    r"(?:ngày|thời gian|giờ|thời điểm) in\b|\bin (?:ngày|lúc|vào|trang)|truy cập|hôm nay|today|printed|print date|"
    r"ngày xem",
    re.IGNORECASE,
)
# Labels of the publication date where a line carries several ("Ngày đăng: … | Cập nhật: …").
_PUBLISHED_LABEL = re.compile(
    r"ngày đăng|đăng ngày|đăng lúc|ngày xuất bản|xuất bản|ngày phát hành|thời gian đăng|ngày tạo|posted|published",
    re.IGNORECASE,
)
_OPENS_WITH_DATE = re.compile(
    r"^\W*(?:(?:thứ \w+|chủ nhật)\W+)?(?:ngày\W*)?(?:\d{1,2}[:h]\d\d\W+)?\d{1,2}[/.-]\d{1,2}[/.-]\d{4}",
    re.IGNORECASE,
)
_MODIFIED_LABEL = re.compile(r"cập nhật|chỉnh sửa|sửa đổi|updated|modified", re.IGNORECASE)


def _from_line(line: Line) -> ParsedDate | None:
    """The publication date a date line gives, preferring its machine-readable stamp when it has one."""
    text = line.text
    if _NOT_PUBLISHED.search(text):
        return None
    if line.datetime:
        stamped = parse_vietnamese_date(line.datetime)
        if stamped:
            return stamped
    if len(text) > _MAX_DATELINE_CHARS:
        return None
    label = _PUBLISHED_LABEL.search(text)
    if label:
        return parse_vietnamese_date(text[label.end() :])
    return parse_vietnamese_date(text)


def _labelled(line: Line) -> bool:
    return bool(_PUBLISHED_LABEL.search(line.text) or _MODIFIED_LABEL.search(line.text) or line.published_cue)


def _precise(visible: ParsedDate | None, machine: ParsedDate | None) -> ParsedDate | None:
    """The visible date, made as precise as the machine-readable moment when both agree (the same day in
    Vietnam, and the same minute where the visible line gives a time)."""
    if visible is None or machine is None or machine.value.date() != visible.value.date():
        return visible or machine
    if not visible.has_time or machine.value.replace(second=0) == visible.value.replace(second=0):
        return machine
    return visible


def publication_date(
    lines: list[Line],
    title_at: int | None,
    body_start: int,
    body_end: int,
    machine: ParsedDate | None,
    lead: frozenset[int] = frozenset(),
    title_boxes: tuple = (),
) -> ParsedDate | None:
    """The article's publication date from the lines around its title and body, else the page's metadata.

    title_at is the title line's index (None when the page shows none); body_start and body_end the indexes of
    the body's first and last lines; lead holds the indexes of the lead's lines (text, never a date line);
    title_boxes are the small boxes around the title (its header block), where a date line may precede it.
    """
    zone: list[Line] = []
    if title_at is not None:
        zone += [ln for ln in lines[title_at + 1 : body_start] if ln.photo is None]
        before = [ln for ln in lines[max(0, title_at - _BEFORE_TITLE) : title_at] if ln.photo is None]
        # Only lines of the title's own header block: the portal's header shares no close box with the title.
        zone += [ln for ln in reversed(before) if _near(ln, title_boxes)]
    else:
        zone += [ln for ln in lines[max(0, body_start - _BEFORE_TITLE) : body_start] if ln.photo is None]
    found = None
    for line in zone:
        if line.index in lead or (line.lead_cue and not _labelled(line)):
            continue  # a lead that mentions a date is text, not the date line
        found = _from_line(line)
        if found:
            break
    if found is None:
        # The date line at the foot of the article: labelled ("Ngày đăng: …"), or a short line opening with a
        # date ("12/11/2020 16:42 | 1.245 lượt xem").
        for line in [ln for ln in lines[body_end + 1 : body_end + 8] if ln.photo is None][:4]:
            if line.link_share >= 0.5:
                break
            if _labelled(line) or (len(line.text) <= 60 and _OPENS_WITH_DATE.match(line.text)):
                found = _from_line(line)
                if found:
                    break
    return _precise(found, machine)


def _near(line: Line, title_boxes: tuple) -> bool:
    """Whether a line sits in the same small header block as the title, and in no box around the article."""
    return any(box is other for box in title_boxes for other in line.boxes) and not line.cued_boxes
