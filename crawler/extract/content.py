"""The main content of a page of unknown layout, found by its text: lines, their links, and the box they sit in.

Hand-written: readability-style libraries score Western markup (p inside div) and keep lists of other news;
government portals put paragraphs in table cells, fonts and br runs, and surround them with dated link lists.
The page is walked once into text lines; the container whose lines are most article-like wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from crawler.extract.text import clean_text

# Elements that start a new line of text; everything else is inline.
_BLOCKS = frozenset(
    "address article aside blockquote body center dd details div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section summary table tbody td tfoot th thead tr ul "
    "caption".split()
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BOLD = frozenset({"b", "strong"})
_ITALIC = frozenset({"i", "em"})
# Removed before reading: no reader sees them.
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "select",
              "textarea", "input", "button", "option", "head")  # fmt: skip

# Class and id words of boxes around an article (compared as whole words of the attribute, lower-cased).
_BOILERPLATE_WORDS = frozenset(
    "sidebar side-bar widget widgets comment comments comment-list commentlist binhluan related relate "
    "related-posts relatedposts jp-relatedposts related-news relatednews tinlienquan lienquan tin-lien-quan "
    "other-news othernews news-other tinkhac tin-khac cac-tin-khac same-category samecategory sharedaddy share "
    "shares sharing share-bar sharebar social socials social-share addthis footer site-footer breadcrumb "
    "breadcrumbs menu mainmenu main-menu nav navbar navigation banner advertisement ads adv quangcao tags "
    "tag-list post-tags entry-tags keywords tukhoa tu-khoa rating vote print toolbar tool-bar tools "
    "pagination paging pager most-read mostread most-viewed docnhieu xemnhieu hot-news tin-noi-bat "
    "noibat counter thongke statistic statistics weblink lienket links-website box-link newsletter "
    "copyright author-box subscribe login search header site-header topbar top-bar".split()
)
# Class and id words of a title, a lead, a caption (parts of words: "lblTitle", "detail-sapo", "wp-caption").
_TITLE_PARTS = ("title", "tieude", "tieu-de", "tieu_de", "headline", "heading", "subject")
_LEAD_PARTS = ("sapo", "lead", "summary", "description", "tomtat", "tom-tat", "chapeau", "intro", "excerpt",
               "mota", "mo-ta", "trichdan")  # fmt: skip
_CAPTION_PARTS = ("caption", "image-desc", "img-desc", "imgdesc", "photo-desc", "chuthich", "chu-thich")
# Title-like class words that name a box, a portlet, a site or a section, not an article.
_BOX_TITLE_PARTS = ("portlet", "webpart", "widget", "box", "block", "section", "cate", "site", "module",
                    "sidebar", "menu", "logo", "brand", "footer", "header-top", "panel")  # fmt: skip
_BOILERPLATE_STEMS = ("sidebar", "widget", "comment", "related", "share", "social", "breadcrumb", "footer")
# A box around a photo holding at most this much text holds only its caption.
_CAPTION_BOX_CHARS = 400


@dataclass(slots=True, eq=False)
class Line:
    """One line of text as a reader sees it (a paragraph, a cell, a run between br), or a photo."""

    index: int
    text: str
    chars: int  # raw characters, for the link share
    link_chars: int
    bold_chars: int
    italic_chars: int
    block: etree._Element  # the innermost block element holding the line
    boxes: tuple  # the open block elements, outermost first
    heading: int = 0  # 1-6 inside h1-h6
    title_cue: bool = False
    title_box: object = None  # the element whose class or id made the title cue
    box_title_cue: bool = False
    lead_cue: bool = False
    caption_cue: bool = False
    centred: bool = False
    photo: str | None = None  # image src for a photo line (text is its alt)
    datetime: str | None = None  # a time[datetime] or itemprop datePublished inside the line
    published_cue: bool = False  # inside an element marked as the publication date
    cued_boxes: tuple = ()  # open elements whose class or id names a box around an article

    @property
    def link_share(self) -> float:
        return self.link_chars / self.chars if self.chars else 0.0

    @property
    def wholly_bold(self) -> bool:
        return self.chars > 0 and self.bold_chars >= self.chars * 0.9

    @property
    def wholly_italic(self) -> bool:
        return self.chars > 0 and self.italic_chars >= self.chars * 0.9


@dataclass
class Page:
    """A page read into lines, with the text each element holds."""

    lines: list[Line]
    text_chars: dict = field(default_factory=dict)  # element -> characters of text inside it
    link_chars: dict = field(default_factory=dict)  # element -> characters of link text inside it
    spans: dict = field(default_factory=dict)  # element -> (first, last) index of the lines inside it
    total_chars: int = 0

    def lines_in(self, box) -> list[Line]:
        """The lines inside an element (they follow each other in reading order)."""
        first, last = self.spans.get(box, (0, -1))
        return self.lines[first : last + 1]


def _alternation(parts) -> str:
    return "|".join(re.escape(p) for p in parts)


_BOILERPLATE_RE = re.compile(
    rf"(?:^|\s)(?:(?:{_alternation(_BOILERPLATE_WORDS)})(?=\s|$)|{_alternation(_BOILERPLATE_STEMS)})"
)
_TITLE_RE = re.compile(_alternation(_TITLE_PARTS))
_BOX_TITLE_RE = re.compile(_alternation(_BOX_TITLE_PARTS))
# "lead" and "intro" as words of their own: Tailwind's "leading-8" sets line height, "introduction" is a section.
_LEAD_RE = re.compile(
    _alternation(_LEAD_PARTS).replace("lead", "(?<![a-z])lead(?![a-z])").replace("intro", "intro(?!duc)")
)
_CAPTION_RE = re.compile(_alternation(_CAPTION_PARTS))
# Weight classes (Tailwind's font-medium and heavier, Bootstrap's fw-bold) set a lead apart as bold does.
# Words that make a title class the article's own ("box-title-detail", "post-title"), whatever box it names.
_DETAIL_RE = re.compile(r"detail|chitiet|chi-tiet|article|post|entry|baiviet|bai-viet|news-title|tieude-tin")
_BOLD_RE = re.compile(r"bold|font-semibold|font-medium|fw-bold|fw-semibold")


@lru_cache(maxsize=4096)
def _attribute_cues(attrs: str) -> tuple[bool, bool, bool, bool, bool, bool]:
    """(boilerplate, title, box title, lead, caption, bold) cues of an element's class and id, lower-cased."""
    title = bool(_TITLE_RE.search(attrs))
    box_title = title and bool(_BOX_TITLE_RE.search(attrs)) and not _DETAIL_RE.search(attrs)
    return (
        bool(_BOILERPLATE_RE.search(attrs)),
        title and not box_title,
        box_title,
        bool(_LEAD_RE.search(attrs)),
        bool(_CAPTION_RE.search(attrs)),
        bool(_BOLD_RE.search(attrs)),
    )


_HIDDEN = "hidden"


@lru_cache(maxsize=8192)
def _cues(tag: str, cls: str, ident: str, itemprop: str, style: str, align: str) -> tuple | str | None:
    """(boilerplate, title, box title, lead, caption, published, centred, bold, heading) cues of an element's
    tag and attributes, _HIDDEN for an element no reader sees, or None when it has no cue (most elements).
    Cached: the same class and style come back on every item of a menu or a list."""
    if style:
        style = style.replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style:
            return _HIDDEN
    heading = tag in _HEADINGS
    if not (cls or ident or itemprop or style or align or heading or tag == "center"):
        return None
    boiler, title, box_title, lead, caption, bold = (
        _attribute_cues(f"{cls} {ident}".lower()) if cls or ident else (False,) * 6
    )
    itemprop = itemprop.lower()
    if itemprop:
        title = title or itemprop in ("headline", "name")
        lead = lead or itemprop == "description"
    published = itemprop == "datepublished"
    # align on a table places the table, not its text.
    centred = tag == "center" or (align.lower() == "center" and tag != "table")
    if style:
        centred = centred or "text-align:center" in style
        bold = bold or "font-weight:bold" in style or "font-weight:700" in style
    found = (boiler, title, box_title, lead, caption, published, centred, bold, heading)
    return found if any(found) else None


def _element_cues(el: etree._Element, tag: str) -> tuple | str | None:
    """_cues of one element, its attributes read in one call."""
    items = el.items()
    if not items:
        return _cues(tag, "", "", "", "", "") if tag in _HEADINGS or tag == "center" else None
    cls = ident = itemprop = style = align = ""
    for name, value in items:
        if name == "class":
            cls = value
        elif name == "id":
            ident = value
        elif name == "style":
            style = value
        elif name == "align":
            align = value
        elif name == "itemprop":
            itemprop = value
        elif name == "hidden" or (name == "aria-hidden" and value == "true"):
            return _HIDDEN
    return _cues(tag, cls, ident, itemprop, style, align)


def read_lines(root: etree._Element) -> Page:
    """Every line of visible text in reading order, each with its links, styles and boxes, and the text each
    block element holds. One pass over the tree: the hot loop of the generic reading."""
    etree.strip_elements(root, *_INVISIBLE, with_tail=False)
    page = Page([])
    lines = page.lines
    buf: list[str] = []
    counts = [0, 0, 0, 0]  # this line's chars: all, in links, in bold, in italics
    depth = [0, 0, 0]  # open a, bold and italic elements
    totals = [0, 0]  # characters and link characters of the lines so far
    blocks: list = []  # open block elements
    opened: list[tuple[int, int, int]] = []  # per open block: lines, characters, link characters at its start
    cue_stack: list[tuple] = []  # (element, cues, what all open cued elements say together)
    inline_cues: list[tuple] = []  # (element, cues) of cued inline elements opened since the line began
    styled: list = []  # (element, depth slot) of open a, bold and italic elements
    stamp: list = [None]  # a time[datetime] or itemprop datePublished met in this line
    hidden = None  # the open element whose subtree no reader sees
    text_chars, link_chars, spans = page.text_chars, page.link_chars, page.spans

    def flush() -> None:
        joined = "".join(buf)
        text = "" if joined.isspace() else clean_text(joined)  # most runs between blocks are indentation
        if text:
            line = Line(len(lines), text, counts[0], counts[1], counts[2], counts[3], blocks[-1] if blocks else root,
                        tuple(blocks))  # fmt: skip
            summary = cue_stack[-1][2] if cue_stack else _NO_CUES
            for el, cues in inline_cues:
                summary = _summed(summary, el, cues)
            _apply_cues(line, summary)
            line.datetime = stamp[0]
            lines.append(line)
            totals[0] += len(text)
            totals[1] += int(len(text) * line.link_share)
        buf.clear()
        inline_cues.clear()
        counts[0] = counts[1] = counts[2] = counts[3] = 0
        stamp[0] = None

    def add(text: str) -> None:
        buf.append(text)
        n = len(text)
        counts[0] += n
        if depth[0]:
            counts[1] += n
        if depth[1]:
            counts[2] += n
        if depth[2]:
            counts[3] += n

    for event, el in etree.iterwalk(root, events=("start", "end")):
        if hidden is not None:
            if el is hidden and event == "end":
                hidden = None
                if el.tail:
                    add(el.tail)
            continue
        tag = el.tag
        if not isinstance(tag, str):  # comments and processing instructions: only their tail is text
            if event == "end" and el.tail:
                add(el.tail)
            continue
        block = tag in _BLOCKS
        if event == "start":
            cues = _element_cues(el, tag)
            if cues is _HIDDEN:
                hidden = el
                continue
            if block:
                if buf:
                    flush()
                blocks.append(el)
                opened.append((len(lines), totals[0], totals[1]))
            elif tag == "br":
                if buf:
                    flush()
            elif tag == "img":
                if buf:
                    flush()
                _photo(el, lines, blocks, cue_stack[-1][2] if cue_stack else _NO_CUES, root)
            elif tag == "time" and el.get("datetime"):
                stamp[0] = stamp[0] or el.get("datetime")
            if cues is not None:
                cue_stack.append((el, cues, _summed(cue_stack[-1][2] if cue_stack else _NO_CUES, el, cues)))
                if not block:
                    inline_cues.append((el, cues))
                if cues[5] and (el.get("datetime") or el.get("content")):
                    stamp[0] = stamp[0] or el.get("datetime") or el.get("content")
            if tag == "a":
                slot = 0
            elif tag in _BOLD or (cues is not None and cues[7]):
                slot = 1
            elif tag in _ITALIC:
                slot = 2
            else:
                slot = -1
            if slot >= 0:
                depth[slot] += 1
                styled.append((el, slot))
            if el.text:
                add(el.text)
        else:
            if styled and styled[-1][0] is el:
                depth[styled.pop()[1]] -= 1
            if block:
                if buf:
                    flush()
                blocks.pop()
                first, chars, links = opened.pop()
                if len(lines) > first:
                    text_chars[el] = totals[0] - chars
                    link_chars[el] = totals[1] - links
                    spans[el] = (first, len(lines) - 1)
            if cue_stack and cue_stack[-1][0] is el:
                cue_stack.pop()
            if el.tail:
                add(el.tail)
    if buf:
        flush()
    page.total_chars = totals[0]
    _settle(page)
    return page


# What the open cued elements say of a line: (boxes around an article, the element whose class says title,
# box title, lead, caption, published, centred, heading level).
_NO_CUES = ((), None, False, False, False, False, False, 0)


def _summed(summary: tuple, el: etree._Element, cues: tuple) -> tuple:
    """The summary of cues with one more element inside the others."""
    boxes, title_box, box_title, lead, caption, published, centred, heading = summary
    c_boiler, c_title, c_box_title, c_lead, c_caption, c_published, c_centred, _bold, c_heading = cues
    return (
        (*boxes, el) if c_boiler else boxes,
        el if c_title else title_box,
        box_title or c_box_title,
        lead or c_lead,
        caption or c_caption,
        published or c_published,
        centred or c_centred,
        heading or (_HEADINGS[el.tag] if c_heading else 0),
    )


def _apply_cues(line: Line, summary: tuple) -> None:
    boxes, title_box, box_title, lead, caption, published, centred, heading = summary
    line.cued_boxes = boxes
    line.title_cue, line.title_box = title_box is not None, title_box
    line.box_title_cue, line.lead_cue, line.caption_cue = box_title, lead, caption
    line.published_cue, line.centred, line.heading = published, centred, heading


def _photo(el, lines: list[Line], blocks: list, summary: tuple, root) -> None:
    src = el.get("src") or el.get("data-src") or ""
    width = el.get("width") or ""
    if width.isdigit() and int(width) < 50:
        return  # spacers, bullets and icons
    if not src or src.startswith("data:") or src.lower().endswith((".gif", ".svg", ".ico")):
        return
    line = Line(
        len(lines), clean_text(el.get("alt")), 0, 0, 0, 0, blocks[-1] if blocks else root, tuple(blocks)
    )
    line.photo = src
    _apply_cues(line, summary)
    lines.append(line)


def _mark_captions(page: Page) -> None:
    """Lines that share a small box with the photo before them (a figure, a photo table, a div around an img)
    are its caption: the largest of the photo's three innermost boxes that holds only a caption's text."""
    lines = page.lines
    for photo in (ln for ln in lines if ln.photo is not None):
        small = [b for b in photo.boxes[-3:] if page.text_chars.get(b, 0) <= _CAPTION_BOX_CHARS]
        if not small:
            continue
        last = page.spans[small[0]][1]
        for line in lines[photo.index + 1 : min(photo.index + 4, last + 1)]:
            if line.photo is not None:
                break
            line.caption_cue = True


def _settle(page: Page) -> None:
    """Cues that need the sizes of boxes: a title class on a box of several lines names none of them."""
    for line in page.lines:
        if line.title_cue and page.text_chars.get(line.title_box, len(line.text)) > 1.5 * len(line.text) + 20:
            line.title_cue = False
    _mark_captions(page)
