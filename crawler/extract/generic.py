"""The article on a page of unknown layout: title, date, lead, body and captions found by the page's text.

The reading works for the class of page, not for one portal: the main content is the container whose lines are
most article-like (crawler.extract.content); the title is the heading that precedes it and agrees with what the
page says of itself (<title>, og:title, JSON-LD); the date is the date line between the two, else a
machine-readable date in Vietnam time (crawler.extract.dateline). A profile only refines this reading.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from urllib.parse import urljoin

from lxml import etree

from crawler.extract.article import ArticleRecord, ExtractionError, canonical_page_url, parse_html
from crawler.extract.content import Line, Page, read_lines
from crawler.extract.dateline import publication_date
from crawler.extract.metadata import PageMetadata, read_metadata
from crawler.extract.places import CAP_WORD
from crawler.extract.text import clean_text, fold_tones, join_paragraphs

# A line this long, with few links, is article text; the container with most of it is the content.
_GOOD_CHARS = 50
_GOOD_LINK_SHARE = 0.3
# Less text than this in the best container is no article (an index, an error page).
MIN_BODY_CHARS = 200
# Headings of boxes of other articles and page furniture (compared folded, without a trailing colon).
_BOX_HEADINGS = re.compile(
    r"^(?:các |những )?(?:tin|bài|bài viết|tin bài|tin tức|nội dung|văn bản|video|ảnh|tin ảnh)"
    r"(?: (?:liên quan|khác|cùng chuyên mục|cùng chủ đề|cùng sự kiện|cùng loại|cùng danh mục|đã đưa|đã đăng|"
    r"cũ hơn|mới hơn|mới|mới nhất|mới đăng|mới cập nhật|nổi bật|nóng|tiêu điểm|xem nhiều|đọc nhiều|"
    r"được quan tâm|hot|đọc thêm|trước|sau|tiếp theo)"
    r"(?: nhất| trong (?:tuần|ngày|tháng)| cùng chuyên mục)?)"
    r"|^(?:đọc thêm|xem thêm|có thể bạn quan tâm|bạn có thể quan tâm|đọc nhiều|xem nhiều|tiêu điểm|"
    r"liên kết website|liên kết|thống kê truy cập|(?:gửi |viết )?bình luận|ý kiến bạn đọc|gửi ý kiến|ý kiến|"
    r"từ khóa|từ khoá|tags?|chia sẻ|lưu trữ|chuyên mục|danh mục|tin mới|bài mới|văn bản mới|thông báo|"
    r"lịch công tác|related (?:news|posts|articles)|read more|tin tức - sự kiện khác)$"
)
# Boxes after these end the article: what follows is other articles and the page's furniture.
_END_HEADINGS = re.compile(
    r"^(?:các |những )?(?:tin|bài|bài viết|tin bài)(?: (?:khác|cùng chuyên mục|cùng loại|đã đưa|cũ hơn|mới hơn))"
    r"|^(?:(?:gửi |viết )?bình luận|ý kiến bạn đọc|gửi ý kiến|liên kết website|thống kê truy cập)"
)
_MAX_HEADING_CHARS = 60
_HEADING_COUNT = re.compile(r"\s*[(\[]\d+[)\]]\s*$")
# Lines that close an article without being its text: signatures, sources, photo credits.
_SIGNATURE = re.compile(
    r"^\(?(?:nguồn|theo|tin,? ảnh|tin và ảnh|bài,? ảnh|bài và ảnh|ảnh|pv|nhóm pv|tác giả|bài|địa chỉ bài viết|"
    r"đường dẫn|liên kết|url|link)\b",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://\S+")
# "Thanh Huyền – Công an phường Hà Khánh", "Hải Yến (Trung tâm VH-TT)": a name, then its unit.
_SIGNED = re.compile(rf"^{CAP_WORD}(?: {CAP_WORD}){{1,3}} ?(?:[-–—] |\()")
# Furniture words of share, print and navigation bars.
_TOOLBAR = re.compile(
    r"\b(?:in bài|in trang|bản in|quay lại|trở về|về đầu trang|lên đầu trang|chia sẻ|gửi email|gửi bài|"
    r"cỡ chữ|lưu bài|facebook|zalo|twitter|tweet|email|bình luận|share|print|like)\b",
    re.IGNORECASE,
)
_SOURCE = re.compile(r"^\(?(?:nguồn|theo)\b:?\s*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…\"”»)]$")
_TOKEN = re.compile(r"\w+")
_NO_DIGITS = str.maketrans("", "", "0123456789")
_CAPTION_SIMILARITY = 0.6
_CAPTION_MAX_CHARS = 200


def _heading_text(text: str) -> str:
    """A box heading as the patterns read it: lower case, without its arrows and counts ("Bình luận (3)")."""
    return _HEADING_COUNT.sub("", text).strip(" :.»›>-–—|").lower()


def _is_box_heading(line: Line) -> bool:
    return len(line.text) <= _MAX_HEADING_CHARS and bool(_BOX_HEADINGS.match(_heading_text(line.text)))


def _is_end_heading(line: Line) -> bool:
    return len(line.text) <= _MAX_HEADING_CHARS and bool(_END_HEADINGS.match(_heading_text(line.text)))


class _Reading:
    """One page's lines and what has been decided about them."""

    def __init__(self, page: Page):
        self.page = page
        self.lines = page.lines
        self.skipped: set[int] = set()  # indexes of lines in boxes of other articles or page furniture
        self._mark_furniture()
        self._good = [self._is_good(line) for line in self.lines]

    def small(self, box) -> bool:
        """A box holding less than half the page's text: a box around the article, not a wrapper of it."""
        return self.page.text_chars.get(box, 0) < 0.5 * self.page.total_chars

    def _mark_furniture(self) -> None:
        lines = self.lines
        small = {}
        for line in lines:
            for box in line.cued_boxes:
                if small.setdefault(box, self.small(box)):
                    self.skipped.add(line.index)
                    break
        for line in lines:
            if line.index in self.skipped or not _is_box_heading(line):
                continue
            self.skipped.add(line.index)
            box = self._box_of(line)
            if box is not None:
                self.skipped.update(ln.index for ln in self.page.lines_in(box))
                continue
            # A heading line followed by its list in sibling blocks: skip the links and dates that follow.
            for nxt in lines[line.index + 1 :]:
                if nxt.photo is not None or nxt.link_share >= 0.5 or len(nxt.text) <= 25:
                    self.skipped.add(nxt.index)
                elif self._teaser(nxt):
                    continue
                else:
                    break
        for line in lines:
            if self._teaser(line):
                self.skipped.add(line.index)

    def _box_of(self, heading: Line):
        """The largest box around a heading that holds only the heading, links and short lines (dates)."""
        found = None
        for box in reversed(heading.boxes[:-1] if heading.block is not None else heading.boxes):
            text = self.page.text_chars.get(box, 0)
            plain = text - self.page.link_chars.get(box, 0) - len(heading.text)
            if text > 0.5 * self.page.total_chars:
                break
            if plain <= 40 + 0.25 * (text - len(heading.text)):
                found = box
            else:
                break
        return found

    def _teaser(self, line: Line) -> bool:
        """A summary under another article's headline link (dates between them), in a card of its own."""
        if line.photo is not None or line.link_share > 0.3 or line.heading or line.title_cue:
            return False
        between = 0
        for prev in reversed(self.lines[max(0, line.index - 6) : line.index]):
            if prev.photo is not None:
                continue
            if prev.link_share >= 0.8 and len(prev.text) >= 35 and prev.text.count(" ") >= 5:
                shared = [b for b in line.boxes if any(b is p for p in prev.boxes)]
                size = len(line.text) + len(prev.text) + between + 80
                return bool(shared) and self.page.text_chars.get(shared[-1], 0) <= size
            if len(prev.text) > 30:
                return False
            between += len(prev.text)
        return False

    def good(self, line: Line) -> bool:
        return self._good[line.index]

    def _is_good(self, line: Line) -> bool:
        """A line of article text: long, few links, no heading, no caption, not in a box around the article."""
        return (
            line.photo is None
            and not (line.heading or line.title_cue or line.caption_cue)
            and not (line.wholly_bold and not _SENTENCE_END.search(line.text))  # a bold heading, not text
            and line.index not in self.skipped
            and len(line.text) >= _GOOD_CHARS
            and line.link_share < _GOOD_LINK_SHARE
            and len(line.text.translate(_NO_DIGITS)) > 0.75 * len(line.text)
            and sum(map(len, _URL.findall(line.text))) < 0.4 * len(line.text)
        )

    def content_box(self):
        """The container whose article-like text, less every other text in it, is largest."""
        good: dict = {}
        for line in self.lines:
            if self.good(line):
                for box in line.boxes:
                    good[box] = good.get(box, 0) + len(line.text)
        best, best_score = None, 0
        for box, chars in good.items():
            score = 2 * chars - self.page.text_chars.get(box, 0)
            if score >= best_score:
                best, best_score = box, score
        return best


def _tokens(text: str) -> set[str]:
    return set(_TOKEN.findall(fold_tones(text).casefold()))


def _similarity(a: str, b: str) -> float:
    ta, tb = _tokens(a), _tokens(b)
    return len(ta & tb) / max(len(ta), len(tb)) if ta and tb else 0.0


def _title_line(reading: _Reading, body_start: int, meta: PageMetadata) -> Line | None:
    """The article's heading: a heading-like line before the body, close to it, agreeing with the metadata."""
    menu_labels = {ln.text.casefold() for ln in reading.lines if ln.link_share > 0.8 and len(ln.text) <= 40}
    site_names = {meta.site_name.casefold()} if meta.site_name else set()
    best, best_score = None, 0.9
    gap = 0
    for line in reversed(reading.lines[:body_start]):
        if line.photo is not None:
            continue
        gap += 1
        if not (line.heading or line.title_cue or line.wholly_bold or line.box_title_cue):
            continue
        text = line.text
        if not 8 <= len(text) <= 300:
            continue
        score = 2 * max((_similarity(text, t) for t in meta.titles), default=0.0)
        score += 1 / (1 + max(0, gap - 3) / 4)
        score += {1: 0.5, 2: 0.3, 3: 0.2}.get(line.heading, 0.0) + (0.4 if line.title_cue else 0.0)
        if line.index in reading.skipped or line.box_title_cue:
            score -= 1.5
        if line.link_share > 0.5:
            score -= 0.6
        if text.casefold() in site_names or (len(text) <= 40 and text.casefold() in menu_labels):
            score -= 1.5
        if len(text) <= 60 and text.isupper():
            score -= 0.5
        if len(text) < 15 or _is_box_heading(line):
            score -= 1.0
        if score > best_score:
            best, best_score = line, score
    return best


def _header_boxes(reading: _Reading, title: Line | None, body: Line) -> tuple:
    """Boxes a date line before the title must share with it: the article's (the smallest holding the title
    and the body, unless it is most of the page) and the title's own small parent and grandparent."""
    if title is None:
        return ()
    boxes = [b for b in title.boxes[-3:] if reading.small(b)]
    spans = reading.page.spans
    article = next((b for b in reversed(title.boxes) if spans.get(b, (0, -1))[1] >= body.index), None)
    if article is not None and reading.page.text_chars.get(article, 0) < 0.9 * reading.page.total_chars:
        boxes.append(article)
    return tuple(boxes)


def _whole_title(reading: _Reading, line: Line) -> str:
    """The title line with the lines of the same heading around it (a title broken by <br>)."""
    first, last = reading.page.spans.get(line.block, (line.index, line.index))
    if last - first > 3 or not (line.heading or line.title_cue):
        return line.text
    return " ".join(ln.text for ln in reading.lines[first : last + 1] if ln.photo is None)


def _caption_like(line: Line, last_caption: str) -> bool:
    if len(line.text) > _CAPTION_MAX_CHARS:
        return False
    if line.caption_cue or line.centred or line.wholly_italic:
        return True
    return (
        bool(last_caption) and SequenceMatcher(None, line.text, last_caption).ratio() >= _CAPTION_SIMILARITY
    )


def extract_generic(
    html: str | bytes, url: str, *, content_type: str | None = None, tree: etree._Element | None = None
) -> ArticleRecord:
    """The article on a page of unknown layout; raises ExtractionError where the page holds none.

    tree is the page already parsed, when the caller has it (it is read destructively).
    """
    tree = parse_html(html, content_type, plain=True) if tree is None else tree
    meta = read_metadata(tree)
    record_url = canonical_page_url(tree, url)
    raw = html if isinstance(html, str) else html.decode("latin-1")
    category = meta.section or (_breadcrumb_category(tree) if "breadcrumb" in raw else "")
    body_el = tree.find("body")
    page = read_lines(body_el if body_el is not None else tree)
    reading = _Reading(page)
    box = reading.content_box()
    if box is None:
        raise ExtractionError(f"no article text on {url}")
    inside = page.lines_in(box)
    good = [ln for ln in inside if reading.good(ln)]
    if sum(len(ln.text) for ln in good) < MIN_BODY_CHARS:
        raise ExtractionError(f"no article text on {url}")  # an index or error page, not an article
    title_line = _title_line(reading, good[0].index, meta)
    title = (
        _whole_title(reading, title_line)
        if title_line is not None
        else (meta.titles[0] if meta.titles else "")
    )
    if not title:
        raise ExtractionError(f"no article heading on {url}")
    first = (
        inside[0].index if title_line is None or title_line.index < inside[0].index else title_line.index + 1
    )
    lead_lines = _lead(reading, title_line, first, good[0])
    paragraphs, captions, images, source, last = _body(reading, inside, first, lead_lines, url)
    if not paragraphs:
        raise ExtractionError(f"no article text on {url}")
    published = publication_date(
        reading.lines,
        title_line.index if title_line is not None else None,
        next((ln.index for ln in good if ln not in lead_lines), good[0].index),
        last,
        meta.published,
        frozenset(ln.index for ln in lead_lines),
        _header_boxes(reading, title_line, good[0]),
    )
    return ArticleRecord(
        url=record_url,
        site="generic",
        category=category or None,
        title=title,
        published_at=published.isoformat() if published else None,
        lead=" ".join(ln.text for ln in lead_lines) or None,
        body=join_paragraphs(paragraphs),
        captions=captions,
        images=images,
        source=source,
        extracted_by="generic",
    )


def _lead(reading: _Reading, title_line: Line | None, first: int, first_good: Line) -> list[Line]:
    """The lead where the page marks it, between the title and the body: lines with a lead-like class, or a
    first paragraph set in bold."""
    start = title_line.index + 1 if title_line is not None else first
    lead: list[Line] = []
    for line in reading.lines[start : first_good.index + 8]:
        if line.photo is not None or line.index in reading.skipped:
            continue
        if line.lead_cue and len(line.text) >= 40:
            lead.append(line)
        elif lead:
            break
        elif line.index > first_good.index:
            break
        elif line.wholly_bold and len(line.text) >= 60 and _SENTENCE_END.search(line.text):
            return [line]
    if lead and sum(len(ln.text) for ln in lead) <= 1200:
        return lead
    return []


def _body(
    reading: _Reading, inside: list[Line], first: int, lead: list[Line], url: str
) -> tuple[list[str], list[str], list[str], str | None, int]:
    """Paragraphs, captions, images and source line of the content, and the index of its last line."""
    skip = {ln.index for ln in lead}
    paragraphs: list[tuple[int, str]] = []
    captions: list[str] = []
    images: list[str] = []
    last_caption = ""
    after_photo = False
    since_photo = 0  # captions taken since the last photo
    started = False
    for line in inside:
        if line.index < first or line.index in skip:
            continue
        if line.photo is not None:
            if line.index in reading.skipped:
                continue
            try:
                images.append(urljoin(url, line.photo))
            except ValueError:
                pass  # an image URL urllib refuses is left out, not the page
            after_photo, last_caption, since_photo = True, "", 0
            continue
        if started and _is_end_heading(line):
            break
        if line.index in reading.skipped or line.link_share > 0.6 or _toolbar(line):
            continue
        # Past the photo's caption and one repetition, only a caption's look (its box, centred or italic) makes
        # a caption: a paragraph that merely reads like it is body again.
        if line.caption_cue or (after_photo and _caption_like(line, last_caption if since_photo < 2 else "")):
            if line.text not in captions:
                captions.append(line.text)
            last_caption = line.text
            since_photo += 1
            continue
        after_photo = False
        if not started and not reading.good(line):
            continue  # a date line, a byline, a share bar before the text
        started = True
        paragraphs.append((line.index, line.text))
    source = None
    while paragraphs and _closing_line(paragraphs[-1][1]):
        text = paragraphs.pop()[1]
        if source is None and _SOURCE.match(text):
            source = clean_text(_SOURCE.sub("", text, count=1)).strip("() ") or None
    last = paragraphs[-1][0] if paragraphs else first
    return [text for _, text in paragraphs], captions, images, source, last


def _toolbar(line: Line) -> bool:
    """A share, print or navigation bar: short, and made of their words."""
    return (
        len(line.text) <= 150
        and len(_TOOLBAR.findall(line.text)) >= 2
        and not _SENTENCE_END.search(line.text)
    )


def _closing_line(text: str) -> bool:
    """A signature, a source or a credit at the article's end, not a sentence of it."""
    if (_SIGNATURE.match(text) or _SIGNED.match(text)) and len(text) <= 120:
        return True
    return len(text) <= 50 and not _SENTENCE_END.search(text) and len(text.split()) <= 6


def _breadcrumb_category(tree) -> str:
    crumbs = tree.xpath('//*[contains(@class,"breadcrumb") or contains(@id,"breadcrumb")]//a')
    names = [clean_text("".join(a.itertext())) for a in crumbs]
    names = [n for n in names if n and n.casefold() not in ("trang chủ", "home")]
    return names[-1] if names else ""
