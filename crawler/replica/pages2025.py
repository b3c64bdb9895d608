"""HTML of the replica portal in the layout bocongan.gov.vn has had since August 2025 (../shared/REAL-SITES.md).

Tailwind-styled, server-rendered: a main column (`lg:col-span-8`) and a right column (`lg:col-span-4`) with two
site-wide widgets; category pages list their 10 newest articles as `article.card-large`, with a pager that only
works in the browser; article pages carry og:title and a JSON-LD NewsArticle whose date is UTC.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from crawler.replica.pages import esc

# Sections of the menu that are not news listings.
NON_NEWS = (
    ("/gioi-thieu", "Giới thiệu"),
    ("/chinh-sach-phap-luat", "Chính sách pháp luật"),
    ("/truyen-thong", "Truyền thông"),
    ("/albums", "Albums"),
    ("/videos", "Videos"),
    ("/podcast", "Podcast"),
    ("/longform", "Longform"),
    ("/e-magazine", "E-magazine"),
    ("/infographic", "Infographic"),
    ("/interpol", "Interpol"),
    ("/hoi-dap", "Hỏi đáp"),
)
PORTAL = "Cổng Thông tin điện tử Bộ Công an"
# What the WAF answers instead of a page: a few hundred bytes of script, status 200, nothing to read.
CHALLENGE = (
    '<html>\n<head>\n<META NAME="robots" CONTENT="noindex,nofollow">\n'
    '<script src="/_Incapsula_Resource?SWJIYLWA=5074a744e2e3d891814e9a2dace20bd4,719d34d31c8e3a6e6fffd425f7e032f3">'
    "</script>\n<body>\n</body></html>\n"
)


@dataclass(frozen=True)
class Card:
    """What a listing, a widget or a related block shows of an article."""

    path: str
    title: str
    day: str  # dd/mm/yyyy, Vietnam time
    summary: str
    thumb: str


def _menu(categories: Iterable[tuple[str, str]]) -> str:
    news = "".join(f'<li><a class="block px-4 py-2" href="{esc(p)}">{esc(n)}</a></li>' for p, n in categories)
    others = "".join(f'<li class="relative group"><a href="{p}">{esc(n)}</a></li>' for p, n in NON_NEWS)
    return (
        '<nav class="bg-bca-red-800 text-white"><ul class="container mx-auto flex flex-wrap gap-2">'
        '<li class="relative group"><a href="/">Trang chủ</a></li>'
        f'<li class="relative group"><a href="#">Tin tức - Sự kiện</a><ul class="absolute hidden group-hover:block">'
        f"{news}</ul></li>{others}</ul></nav>"
    )


def shell(*, title: str, today: str, main: str, aside: str, categories, head_extra: str = "") -> str:
    """The page: header with the portal's today date (not a publication date), menu, two columns, footer."""
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{esc(title)}</title><link rel="stylesheet" href="/build/assets/app.css">{head_extra}</head>'
        '<body class="bg-white font-sans">'
        '<header><div class="container mx-auto px-4 flex justify-between text-sm text-bca-gray-700">'
        f'<span class="date">{esc(today)}</span><span>Đường dây nóng: 069.2342.609</span></div>'
        f'<div class="container mx-auto px-4 py-3"><a href="/"><img src="/images/logo-bca.png" alt="{PORTAL}">'
        "</a></div>"
        f"{_menu(categories)}</header>"
        '<main class="container mx-auto px-4 grid grid-cols-1 lg:grid-cols-12 gap-6">'
        f'<div class="lg:col-span-8">{main}</div><div class="lg:col-span-4">{aside}</div></main>'
        '<footer class="bg-bca-red-900 text-white text-sm"><div class="container mx-auto px-4 py-6">'
        f"<p>{PORTAL} (bản sao để thử nghiệm)</p><p>Địa chỉ: 44 Yết Kiêu, Hoàn Kiếm, Hà Nội</p></div></footer>"
        '<script src="/build/assets/app.js" defer></script></body></html>'
    )


def card_large(card: Card) -> str:
    """A category page's entry: two links to the same article (picture and h2 title), summary, date."""
    return (
        '<article class="card-large flex gap-4 py-4 border-b">'
        f'<a href="{esc(card.path)}" class="shrink-0"><img src="{esc(card.thumb)}" alt="" class="w-64"></a>'
        f'<div><h2 class="text-lg font-bold"><a href="{esc(card.path)}">{esc(card.title)}</a></h2>'
        f'<p class="text-bca-gray-700 text-sm line-clamp-3">{esc(card.summary)}</p>'
        f'<span class="text-bca-gray-700 text-xs">{card.day}</span></div></article>'
    )


def widgets(newest: Iterable[Card], most_read: Iterable[Card]) -> str:
    """The right column's two site-wide widgets, the same on every page: not the page's own articles."""
    medium = "".join(
        f'<div class="card-medium py-2 border-b"><a href="{esc(c.path)}">{esc(c.title)}</a>'
        f'<span class="text-bca-gray-700 text-xs block">{c.day}</span></div>'
        for c in newest
    )
    small = "".join(
        f'<div class="card-small py-1"><a href="{esc(c.path)}">{esc(c.title)}</a>'
        f'<span class="text-bca-gray-700 text-xs">{c.day}</span></div>'
        for c in most_read
    )
    return (
        f'<section class="widget mb-6"><h3 class="widget-title font-bold">Tin tức mới cập nhật</h3>{medium}</section>'
        f'<section class="widget"><h3 class="widget-title font-bold">Tin đọc nhiều trong tuần</h3>{small}</section>'
    )


def category_page(name: str, cards: Iterable[Card], total_pages: int) -> str:
    """A category's page: its name and its 10 newest articles; the pager is a script component without links."""
    buttons = "".join(
        f'<button type="button" class="px-2">{n}</button>' for n in range(1, min(total_pages, 5) + 1)
    )
    return (
        f'<h3 class="category-title text-xl font-bold text-bca-red-800">{esc(name)}</h3>'
        f'<div class="category-list">{"".join(card_large(c) for c in cards)}</div>'
        f'<div id="pagination" data-page-size="10" data-total-pages="{total_pages}">'
        f"<select><option>10</option><option>20</option></select>{buttons}"
        f"<span>của {total_pages} trang</span></div>"
    )


def json_ld(*, headline: str, url: str, published_utc: str | None, description: str) -> str:
    """The NewsArticle of an article page; datePublished in UTC with milliseconds, as the portal writes it."""
    item = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": headline,
        "description": description,
        "publisher": {"@type": "Organization", "name": "Bộ Công an"},
    }
    if published_utc:
        item["datePublished"] = item["dateModified"] = published_utc
    return f'<script type="application/ld+json">{json.dumps(item, ensure_ascii=False)}</script>'


def article_main(
    *,
    category: tuple[str, str],
    title: str,
    dateline: str | None,
    lead: str | None,
    blocks: Iterable[tuple[str, ...]],
    source: str,
    read_more: Card | None,
    related: Iterable[Card],
) -> str:
    """The article column: breadcrumb, h1, date and share bar, lead, body with photos and a link to an older
    article (in the old layout's URL form, as migrated bodies keep them), source, related articles."""
    path, name = category
    parts = [
        '<nav class="breadcrumb text-sm text-bca-gray-500"><a href="/">Trang chủ</a> › '
        f'<a href="{esc(path)}">{esc(name)}</a></nav>',
        f'<h1 class="text-2xl lg:text-[32px] font-bold text-bca-red-800 leading-tight my-3">{esc(title)}</h1>',
        '<div class="flex items-center justify-between text-sm text-bca-gray-500 mb-4">',
        f"<span>{esc(dateline)}</span>" if dateline else "<span></span>",
        '<div class="share-tools flex gap-2"><a href="#">Facebook</a><a href="#">Zalo</a><a href="#">In</a>'
        "</div></div>",
    ]
    if lead:
        parts.append(f'<p class="text-justify text-bca-gray-700 font-medium text-lg mb-4">{esc(lead)}</p>')
    parts.append('<div class="article-content prose max-w-none text-justify">')
    for i, block in enumerate(blocks):
        if block[0] == "p":
            parts.append(f"<p>{esc(block[1])}</p>")
            if i == 1 and read_more is not None:
                parts.append(
                    '<div class="related-inline border-l-4 pl-3 my-3"><strong>Đọc thêm:</strong> '
                    f'<a href="{esc(read_more.path)}">{esc(read_more.title)}</a></div>'
                )
        elif block[0] == "photo":
            _, caption, repeated, src = block
            parts.append(
                f'<figure class="my-4"><img src="{esc(src)}" alt="{esc(caption)}">'
                f'<figcaption class="text-center text-sm italic">{esc(caption)}</figcaption></figure>'
                f'<p style="text-align: center;"><em>{esc(repeated)}</em></p>'
            )
    parts.append("</div>")
    parts.append(f'<p class="source text-right font-bold">{esc(source)}</p>')
    items = "".join(
        f'<div class="card-medium"><a href="{esc(c.path)}"><img src="{esc(c.thumb)}" alt=""></a>'
        f'<h3><a href="{esc(c.path)}">{esc(c.title)}</a></h3><span class="text-bca-gray-700 text-xs">{c.day}</span>'
        "</div>"
        for c in related
    )
    parts.append(f'<section class="related mt-6"><h3 class="font-bold">Tin liên quan</h3>{items}</section>')
    return "".join(parts)


def section_page(name: str, links: Iterable[tuple[str, str]]) -> str:
    """A non-news section: links to albums, videos, documents or questions, none of them articles."""
    items = "".join(f'<li><a href="{esc(p)}">{esc(t)}</a></li>' for p, t in links)
    return (
        f'<h3 class="category-title text-xl font-bold">{esc(name)}</h3><ul class="section-list">{items}</ul>'
    )
