"""The replica of bocongan.gov.vn in the layout live since August 2025, as ../shared/REAL-SITES.md records it.

The same articles as the old layout's replica up to the migration (kept as migrated articles, on
``/bai-viet/<slug>-d<category>-t<ID>``, their old URLs answering 301), then articles published since, on
``/bai-viet/<slug>-<Unix time>``. Category pages show only their 10 newest articles; their pager works only in a
browser, and plain paging URLs get the WAF's challenge page (HTTP 200), as some first requests for an article
do. The sitemap is frozen before the migration. Dates are shown in Vietnam time and given in UTC in JSON-LD;
some articles are published between 00:00 and 07:00, when the UTC day is the day before.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from urllib.parse import parse_qs, urlsplit

from crawler.replica import pages2025 as pages
from crawler.replica.base import GIF, VN, PortalBase, weekday_line
from crawler.replica.generator import slugify
from crawler.replica.pages2025 import CHALLENGE, NON_NEWS, Card
from crawler.replica.portal import Entry, ReplicaPortal
from crawler.sites import Category
from crawler.sites.bocongan import BOCONGAN

MIGRATION_DAY = datetime(2025, 8, 15, tzinfo=VN)
LAST_DAY = datetime(2026, 11, 20, tzinfo=VN)
# The sitemap stopped being updated before the migration; every <lastmod> is the day it was last written.
SITEMAP_FROZEN = datetime(2025, 6, 30, tzinfo=VN)
PAGE_SIZE = 10
# Category pages on the new site (paths as recorded), and the number their migrated articles keep ("-d2-").
CATEGORY_PAGES = {
    "hoat-dong-cua-bo": ("/chuyen-muc/hoat-dong-cua-bo-cong-an-1754966863", 2),
    "hoat-dong-cua-dia-phuong": ("/chuyen-muc/hoat-dong-cua-dia-phuong-1753170286", 23),
    "chi-dao-dieu-hanh": ("/chuyen-muc/chi-dao-dieu-hanh", 24),
    "thong-tin-doi-ngoai": ("/chuyen-muc/thong-tin-doi-ngoai-1751367399", 20),
    "tin-an-ninh-trat-tu": ("/chuyen-muc/tin-an-ninh-trat-tu-1753170263", 22),
    "nguoi-tot-viec-tot": ("/chuyen-muc/nguoi-tot-viec-tot-1753170210", 21),
    "hoat-dong-xa-hoi": ("/chuyen-muc/hoat-dong-xa-hoi-1753170294", 25),
}
# Plain paging URLs, which only the WAF answers.
_PAGING_PATH = re.compile(r"/page/\d+/?$")
_PAGING_PARAMS = {"page", "p", "Page", "trang"}
_OLD_ARTICLE = re.compile(r"^/tin-tuc-su-kien/(?:[\w-]+/)?[\w-]+?-t(\d+)\.html$")


@dataclass(frozen=True)
class Entry2025:
    """One article on the new site: where it is now, where it was, and its moment of publication."""

    id: int
    category: Category
    published: datetime  # Vietnam time, to the second
    dated: bool  # the page shows and states a publication date
    path: str
    old_path: str | None  # the old layout's URL of a migrated article
    title: str
    lead: str
    source: Entry  # the article as the content generator knows it
    quirk: str | None = None
    is_seed: bool = False

    def card(self) -> Card:
        thumb = f"/uploads/thumb/{self.published:%Y/%m}/{self.id}.jpg"
        return Card(self.path, self.title, self.published.strftime("%d/%m/%Y"), self.lead, thumb)


def _moment(entry: Entry) -> datetime:
    """The publication moment: the old layout's time where it showed one, else a time of the article's day,
    one in five between 00:00 and 07:00 (when the UTC date is the day before)."""
    r = random.Random(f"moment:{entry.id}")
    if entry.has_time:
        return entry.published.replace(second=r.randint(0, 59))
    hour = r.randint(0, 6) if r.random() < 0.2 else r.randint(7, 21)
    return entry.published.replace(hour=hour, minute=r.randint(0, 59), second=r.randint(0, 59))


class Portal2025(PortalBase):
    """The ministry portal's replica in its 2025 layout: same interface as ReplicaPortal."""

    profile = BOCONGAN

    def __init__(self, articles: int = 320, with_seed: bool | None = None, today: datetime | None = None):
        migrated = max(20, articles * 7 // 8)
        super().__init__(today)
        self.old = ReplicaPortal(migrated, with_seed, today, last_day=MIGRATION_DAY - timedelta(days=1))
        self.entries = [self._migrated(e) for e in self.old.entries]
        fresh = articles - migrated
        for i in range(fresh):
            day = MIGRATION_DAY + (LAST_DAY - MIGRATION_DAY) * (i + 1) / (fresh + 1)
            self.entries.append(self._new(max(e.id for e in self.entries) + 1, day))
        self._index()
        self.challenged: set[int] = set()  # ids whose first request the WAF already answered
        self.waf_blocks_all = False  # a test's switch: the WAF answers every page with its challenge

    def _index(self) -> None:
        self.by_path = {e.path: e for e in self.entries}
        self.by_old_id = {
            int(m.group(1)): e for e in self.entries if e.old_path and (m := _OLD_ARTICLE.match(e.old_path))
        }
        self.by_category = {
            key: sorted(
                (e for e in self.entries if e.category.key == key),
                key=lambda e: (e.published, e.id),
                reverse=True,
            )
            for key in CATEGORY_PAGES
        }
        self.category_paths = {CATEGORY_PAGES[c.key][0]: c for c in self.old.profile.categories}
        self.newest = sorted(self.entries, key=lambda e: (e.published, e.id), reverse=True)

    def _migrated(self, entry: Entry) -> Entry2025:
        number = CATEGORY_PAGES[entry.category.key][1]
        return Entry2025(
            entry.id, entry.category, _moment(entry), entry.dateline is not None,
            f"/bai-viet/{slugify(entry.title)}-d{number}-t{entry.id}", entry.path, entry.title, entry.lead, entry,
            entry.quirk, entry.is_seed,
        )  # fmt: skip

    def _new(self, article_id: int, day: datetime, *, keep_time: bool = False) -> Entry2025:
        r = random.Random(f"layout:{article_id}")
        category = r.choice(self.old.profile.categories)
        hour = r.randint(0, 6) if r.random() < 0.2 else r.randint(7, 21)
        published = day.replace(hour=hour, minute=r.randint(0, 59), second=r.randint(0, 59), microsecond=0)
        if keep_time:
            published = day.replace(microsecond=0)
        article = ReplicaPortal._generate(article_id, category, published.replace(second=0))
        source = Entry(
            article_id, category, published.replace(second=0), True, None, "", article.title, article.lead
        )
        # The number is a Unix time close to the publication (the CMS's own, a little after it).
        stamp = int(published.timestamp()) + article_id % 97
        path = f"/bai-viet/{slugify(article.title)}-{stamp}"
        return Entry2025(
            article_id, category, published, True, path, None, article.title, article.lead, source
        )

    # -- changes over time --------------------------------------------------------------------

    def publish(self, count: int) -> list[Entry2025]:
        """Add `count` new articles, published in the last hours before today, at the top of their categories."""
        added = []
        with self._lock:
            for k in range(count):
                published = self.today() - timedelta(hours=2 * (count - k))
                entry = self._new(max(e.id for e in self.entries) + 1, published, keep_time=True)
                self.entries.append(entry)
                added.append(entry)
            self._index()
        return added

    # -- truth --------------------------------------------------------------------------------

    def content(self, entry: Entry2025) -> dict:
        return self.old.content(entry.source)

    def truth_of(self, entry: Entry2025, base_url: str) -> dict:
        published_at = entry.published.isoformat(timespec="seconds") if entry.dated else None
        return self.truth_record(
            entry, base_url, blocks=self.old.blocks(entry.source), content=self.content(entry),
            published_at=published_at, lead=entry.lead, seed=entry.is_seed,
        )  # fmt: skip

    # -- serving ------------------------------------------------------------------------------

    def respond(self, raw_path: str, host: str, headers=None) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body for one GET, as the portal and its WAF answer it."""
        split = urlsplit(raw_path)
        path, query = split.path, parse_qs(split.query)
        base = f"http://{host}"
        self.count_hit(path)
        if _PAGING_PARAMS & set(query) or _PAGING_PATH.search(path):
            return self._challenge()
        if self.waf_blocks_all and path != "/robots.txt":
            return self._challenge()
        if path == "/":
            return self._html(200, self._home())
        if path == "/robots.txt":
            robots = f"User-agent: *\nDisallow: /_replica/\nDisallow: /admin/\nSitemap: {base}/sitemap.xml\n"
            return 200, {"Content-Type": "text/plain; charset=utf-8"}, robots.encode()
        if path == "/sitemap.xml":
            return 200, {"Content-Type": "application/xml; charset=utf-8"}, self._sitemap(base).encode()
        if path == "/_replica/truth.json":
            body = json.dumps(self.truth(base), ensure_ascii=False).encode()
            return 200, {"Content-Type": "application/json; charset=utf-8"}, body
        if path.startswith(("/uploads/", "/images/", "/build/", "/knd/")):
            return 200, {"Content-Type": "image/gif"}, GIF
        if path in self.category_paths:
            return self._html(200, self._category(self.category_paths[path]))
        section = dict(NON_NEWS).get(path)
        if section is not None:
            return self._html(200, self._section(path, section))
        old = _OLD_ARTICLE.match(path)
        if old and int(old.group(1)) in self.by_old_id:
            return (
                301,
                {"Location": base + self.by_old_id[int(old.group(1))].path, "Content-Length": "0"},
                b"",
            )
        entry = self.by_path.get(path)
        if entry is not None:
            with self._lock:
                first = entry.id not in self.challenged
                self.challenged.add(entry.id)
            if first and entry.id % 23 == 5:  # now and then the WAF answers an article's first request
                return self._challenge()
            status, response_headers, body = self._article(entry, base)
            if headers is not None and headers.get("If-None-Match") == response_headers["ETag"]:
                return 304, {"ETag": response_headers["ETag"]}, b""
            return status, response_headers, body
        return self._html(
            404,
            self._page("Không tìm thấy trang", '<h1 class="text-2xl">404</h1><p>Không tìm thấy trang.</p>'),
        )

    def _challenge(self) -> tuple[int, dict[str, str], bytes]:
        return 200, {"Content-Type": "text/html", "X-CDN": "Imperva"}, CHALLENGE.encode()

    def _html(self, status: int, text: str) -> tuple[int, dict[str, str], bytes]:
        return status, {"Content-Type": "text/html; charset=utf-8"}, text.encode("utf-8")

    def _aside(self) -> str:
        newest = self.newest
        most_read = sorted(newest[:60], key=lambda e: hashlib.sha1(str(e.id).encode()).digest())[:5]
        return pages.widgets([e.card() for e in newest[:10]], [e.card() for e in most_read])

    def _page(self, title: str, main: str, head_extra: str = "") -> str:
        categories = [(CATEGORY_PAGES[c.key][0], c.name) for c in self.old.profile.categories]
        return pages.shell(
            title=title, today=weekday_line(self.today()), main=main, aside=self._aside(),
            categories=categories, head_extra=head_extra,
        )  # fmt: skip

    def _home(self) -> str:
        blocks = []
        for c in self.old.profile.categories:
            path = CATEGORY_PAGES[c.key][0]
            cards = "".join(pages.card_large(e.card()) for e in self.by_category[c.key][:3])
            blocks.append(
                f'<section><h2 class="text-xl font-bold"><a href="{path}">{c.name}</a></h2>{cards}</section>'
            )
        return self._page(pages.PORTAL, "".join(blocks))

    def _category(self, category: Category) -> str:
        entries = self.by_category[category.key]
        total = max(1, -(-len(entries) // PAGE_SIZE))
        main = pages.category_page(category.name, [e.card() for e in entries[:PAGE_SIZE]], total)
        return self._page(f"{category.name} - Bộ Công an", main)

    def _section(self, path: str, name: str) -> str:
        links = [(f"{path}/{slugify(name)}-{n}", f"{name} số {n}") for n in range(1, 7)]
        return self._page(f"{name} - Bộ Công an", pages.section_page(name, links))

    def _article(self, entry: Entry2025, base: str) -> tuple[int, dict[str, str], bytes]:
        content = self.content(entry)
        siblings = self.by_category[entry.category.key]
        position = siblings.index(entry)
        older = siblings[position + 1 : position + 7]
        read_more = next((e for e in older if e.old_path), None)
        read_more_card = Card(read_more.old_path, read_more.title, "", "", "") if read_more else None
        utc = None
        if entry.dated:
            moment = entry.published.astimezone(UTC)
            utc = f"{moment:%Y-%m-%dT%H:%M:%S}.{entry.id % 1000:03d}Z"
        main = pages.article_main(
            category=(CATEGORY_PAGES[entry.category.key][0], entry.category.name),
            title=entry.title,
            dateline=f"{entry.published:%d/%m/%Y %H:%M}" if entry.dated else None,
            lead=entry.lead or None,
            blocks=self.old.blocks(entry.source),
            source=content["source"],
            read_more=read_more_card,
            related=[e.card() for e in older],
        )
        head = (
            f'<link rel="canonical" href="{base}{entry.path}">'
            f'<meta property="og:title" content="{pages.esc(entry.title)}">'
            f'<meta property="og:description" content="{pages.esc(entry.lead)}">'
            f'<meta property="og:url" content="{base}{entry.path}">'
            + pages.json_ld(
                headline=entry.title, url=base + entry.path, published_utc=utc, description=entry.lead
            )
        )
        text = self._page(f"{entry.title} - Bộ Công an", main, head)
        headers = {
            "Content-Type": "text/html; charset=utf-8",
            "ETag": f'"{hashlib.sha1(main.encode()).hexdigest()[:16]}"',
            "Last-Modified": format_datetime(entry.published.astimezone(UTC), usegmt=True),
        }
        return 200, headers, text.encode("utf-8")

    def _sitemap(self, base: str) -> str:
        lastmod = SITEMAP_FROZEN.isoformat()
        urls = "".join(
            f"<url><loc>{base}{e.path}</loc><lastmod>{lastmod}</lastmod></url>"
            for e in self.newest
            if e.published < SITEMAP_FROZEN
        )
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
