"""HTML of the replica portal, in the layout of bocongan.gov.vn before 2025."""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from crawler.sites import Category

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

WEBSITE_LINKS = (
    ("Cổng Thông tin điện tử Chính phủ", "https://chinhphu.vn/"),
    ("Quốc hội nước CHXHCN Việt Nam", "https://quochoi.vn/"),
    ("Báo Công an nhân dân", "https://cand.com.vn/"),
    ("Bộ Quốc phòng", "https://mod.gov.vn/"),
    ("Bộ Ngoại giao", "https://mofa.gov.vn/"),
)


@dataclass(frozen=True)
class Teaser:
    """What a listing or a related-news box shows of an article."""

    path: str
    title: str
    day: str  # dd/mm/yyyy
    lead: str
    thumb: str


def esc(text: str, entities: bool = False) -> str:
    """HTML-escaped text; with entities, every non-ASCII letter as a numeric reference and NBSP after commas."""
    out = html.escape(text, quote=True)
    if not entities:
        return out
    out = out.replace(", ", ",&nbsp;")
    return "".join(c if ord(c) < 128 else f"&#{ord(c)};" for c in out)


def to_windows_1258(text: str) -> bytes:
    """Text as a windows-1258 page carries it: tone marks as combining characters where no precomposed byte exists."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
        tones = "".join(c for c in parts if c in _TONE_MARKS)
        out.append((base + tones).encode("cp1258", errors="xmlcharrefreplace"))
    return b"".join(out)


def _menu(categories: Iterable[Category], page_param: str) -> str:
    items = "".join(
        f'<li><a href="{c.listing_path}?{page_param}=1">{esc(c.name)}</a></li>' for c in categories
    )
    return f'<ul class="main-menu"><li><a href="/">Trang chủ</a></li>{items}</ul>'


def _sidebar(counter_total: int, online: int, today_count: int) -> str:
    options = "".join(f'<option value="{url}">{esc(name)}</option>' for name, url in WEBSITE_LINKS)
    return (
        '<div class="col-right">'
        '<div class="box box-links"><h3 class="title-box">Liên kết website</h3>'
        f'<select onchange="window.open(this.value)"><option value="">-- Chọn liên kết --</option>{options}</select></div>'
        '<div class="box box-counter"><h3 class="title-box">Thống kê truy cập</h3>'
        f"<p>Tổng số: <span>{counter_total}</span></p><p>Trực tuyến: <span>{online}</span></p>"
        f"<p>Hôm nay: <span>{today_count}</span></p></div></div>"
    )


def layout(
    *,
    title: str,
    today: str,
    body: str,
    categories: Iterable[Category],
    page_param: str,
    charset: str | None = "utf-8",
    head_extra: str = "",
    counters: tuple[int, int, int] = (3007248, 21, 548),
) -> str:
    """The page shell: header with the portal's today date (not a publication date), menu, main column, sidebar."""
    meta = f'<meta charset="{charset}">' if charset else ""
    return (
        f'<!DOCTYPE html>\n<html lang="vi"><head>{meta}'
        f"<title>{esc(title)}</title>{head_extra}</head><body>"
        '<div id="header"><div class="header-top">'
        f'<span class="date">{esc(today)}</span> <a href="/">Trang chủ</a> | <a href="/sitemap.xml">Sơ đồ cổng</a></div>'
        '<div class="banner"><a href="/"><img src="/images/banner.png" alt="Cổng Thông tin điện tử Bộ Công an"></a></div>'
        f"{_menu(categories, page_param)}</div>"
        f'<div id="main"><div class="col-left">{body}</div>{_sidebar(*counters)}</div>'
        '<div id="footer"><p>Cổng Thông tin điện tử Bộ Công an (bản sao để thử nghiệm)</p></div>'
        "</body></html>"
    )


def teaser_list(teasers: Iterable[Teaser], heading: str = "") -> str:
    """Listing entries: thumbnail, linked title, date, lead."""
    items = "".join(
        '<div class="news-item">'
        f'<a class="thumb" href="{esc(t.path)}"><img src="{esc(t.thumb)}" alt=""></a>'
        f'<h3><a href="{esc(t.path)}">{esc(t.title)}</a></h3>'
        f'<span class="time">{t.day}</span><p class="sapo">{esc(t.lead)}</p></div>'
        for t in teasers
    )
    head = f'<h2 class="title-box">{esc(heading)}</h2>' if heading else ""
    return f'<div class="list-news">{head}{items}</div>'


def pager(path: str, page: int, last: int, page_param: str) -> str:
    """Numbered pages around the current one and a 'next page' link."""
    numbers = "".join(
        f'<span class="current">{n}</span>' if n == page else f'<a href="{path}?{page_param}={n}">{n}</a>'
        for n in range(max(1, page - 3), min(last, page + 3) + 1)
    )
    nxt = f'<a class="next" href="{path}?{page_param}={page + 1}">Trang sau ›</a>' if page < last else ""
    prev = f'<a class="prev" href="{path}?{page_param}={page - 1}">‹ Trang trước</a>' if page > 1 else ""
    return f'<div class="paging">{prev}{numbers}{nxt}</div>'


def article_body(
    *,
    crumbs: str,
    title: str,
    dateline: str | None,
    lead: str | None,
    blocks: Iterable[tuple[str, ...]],
    source: str,
    related: Iterable[Teaser],
    entities: bool = False,
) -> str:
    """The article column: breadcrumb, h1, date line, sapo, content with photos, source, 'Các tin khác'."""
    parts = [f'<div class="breadcrumb">{crumbs}</div><div class="news-detail">']
    parts.append(f'<h1 class="title-news">{esc(title, entities)}</h1>')
    if dateline is not None:
        parts.append(f'<div class="time-news">{esc(dateline)}</div>')
    if lead:
        parts.append(f'<div class="sapo-news"><strong>{esc(lead, entities)}</strong></div>')
    parts.append('<div class="content-news">')
    for block in blocks:
        if block[0] == "p":
            parts.append(f'<p style="text-align: justify;">{esc(block[1], entities)}</p>')
        elif block[0] == "nbsp":
            parts.append("<p>&nbsp;</p>")
        else:
            _, caption, repeated, src = block
            parts.append(
                '<table class="image" align="center"><tbody>'
                f'<tr><td><img src="{esc(src)}" alt="{esc(caption)}"></td></tr>'
                f'<tr><td class="image-desc">{esc(caption, entities)}</td></tr></tbody></table>'
                f'<p style="text-align: center;"><em>{esc(repeated, entities)}</em></p>'
            )
    parts.append("</div>")
    if source.startswith("http"):
        parts.append(f'<div class="source-news"><a href="{esc(source)}">{esc(source)}</a></div>')
    else:
        parts.append(f'<div class="source-news"><strong>{esc(source)}</strong></div>')
    parts.append(
        '<div class="share-tools">Chia sẻ: <a href="#">Facebook</a> <a href="#">Zalo</a> <a href="#">In bài</a></div>'
    )
    parts.append("</div>")
    items = "".join(
        f'<li><a href="{esc(t.path)}">{esc(t.title)}</a> <span class="time">({t.day})</span></li>'
        for t in related
    )
    parts.append(f'<div class="other-news"><h3 class="title-box">Các tin khác</h3><ul>{items}</ul></div>')
    return "".join(parts)
