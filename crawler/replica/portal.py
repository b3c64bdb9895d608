"""The replica portal's content and routing: deterministic articles, awkward cases, ground truth."""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from functools import lru_cache
from urllib.parse import parse_qs, urlsplit

from crawler.replica import pages
from crawler.replica.base import GIF, VN, PortalBase, person_truth, weekday_line
from crawler.replica.generator import generate_article, slugify
from crawler.replica.seed import SeedArticle, SeedMissing, load_seed
from crawler.sites import Category
from crawler.sites.bocongan import BOCONGAN_2024

FIRST_DAY = datetime(2019, 1, 2, tzinfo=VN)
LAST_DAY = datetime(2025, 11, 20, tzinfo=VN)
FIRST_ID = 30001
PAGE_SIZE = 10
SEED_DAY = datetime(2023, 3, 31, tzinfo=VN)
_SOURCES = (
    "https://bocongan.gov.vn/",
    "Báo Công an nhân dân",
    "Văn phòng Bộ Công an",
    "Cổng TTĐT Bộ Công an",
)
# Awkward cases on purpose, each on one article, placed at a share of the timeline.
QUIRKS = {
    "no_date": 0.51,
    "entities": 0.33,
    "long_body": 0.25,
    "fail_once": 0.2,
    "windows_1258": 0.166,
    "wrong_charset": 0.142,
    "tracking_link": 0.995,
}
TRACKING_QUERY = "utm_source=zalo&utm_medium=social&utm_campaign=tin-moi"
DISALLOWED_PATH = "/tin-tuc-su-kien/noi-bo/tai-lieu-huong-dan-noi-bo-t1.html"


def day_string(dt: datetime) -> str:
    return dt.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class Entry:
    """One article's place in the portal: what listings need, without the body."""

    id: int
    category: Category
    published: datetime
    has_time: bool
    dateline: str | None
    path: str
    title: str
    lead: str
    quirk: str | None = None
    is_seed: bool = False

    def teaser(self) -> pages.Teaser:
        thumb = f"/uploads/thumb/{self.published:%Y/%m}/{self.id}.jpg"
        return pages.Teaser(self.path, self.title, day_string(self.published), self.lead, thumb)


class ReplicaPortal(PortalBase):
    """A deterministic replica of the ministry portal: same articles, URLs and dates on every start."""

    profile = BOCONGAN_2024

    def __init__(
        self,
        articles: int = 320,
        with_seed: bool | None = None,
        today: datetime | None = None,
        last_day: datetime = LAST_DAY,
    ):
        if articles < 20:
            raise ValueError("the replica needs at least 20 articles to place its awkward cases")
        super().__init__(today)
        self.last_day = (
            last_day  # the newest article's day (the 2025 layout replica stops this one at its migration)
        )
        self.seed: SeedArticle | None = None
        if with_seed is not False:
            try:
                self.seed = load_seed()
            except SeedMissing:
                if with_seed:
                    raise
        self.entries = self._build(articles)
        self._index()
        self.missing_path = f"/tin-tuc-su-kien/bai-viet-da-go-bo-t{FIRST_ID + articles + 777}.html"
        # A CMS error page answered with status 200: looks like an article link, holds no article.
        self.broken_path = f"/tin-tuc-su-kien/bai-viet-dang-cap-nhat-t{FIRST_ID + articles + 888}.html"
        # Switches a test flips to make the portal change under the crawler.
        self.edits: dict[int, list[str]] = {}  # article id -> paragraphs added after publication
        self.markup_changed = False  # the portal's redesign: article classes renamed

    # -- changes over time --------------------------------------------------------------------

    def publish(self, count: int) -> list[Entry]:
        """Add `count` new articles, published in the last hours before today, at the top of their listings."""
        added = []
        with self._lock:
            for k in range(count):
                article_id = max(e.id for e in self.entries) + 1
                published = (self.today() - timedelta(hours=2 * (count - k))).replace(second=0, microsecond=0)
                category = random.Random(f"layout:{article_id}").choice(self.profile.categories)
                article = self._generate(article_id, category, published)
                path = f"/tin-tuc-su-kien/{slugify(article.title)}-t{article_id}.html"
                dateline = f"{published:%H:%M} | {day_string(published)}"
                entry = Entry(
                    article_id, category, published, True, dateline, path, article.title, article.lead
                )
                self.entries.append(entry)
                self.by_path[path] = entry
                self.by_category[category.key].insert(0, entry)
                added.append(entry)
        return added

    def edit(self, article_id: int, paragraph: str) -> None:
        """Append a paragraph to a published article, as editors do with updates."""
        with self._lock:
            self.edits.setdefault(article_id, []).append(paragraph)

    def blocks(self, entry: Entry) -> list[tuple[str, ...]]:
        """The article's body blocks as served now, edits included."""
        return list(self.content(entry)["blocks"]) + [("p", p) for p in self.edits.get(entry.id, [])]

    # -- building -----------------------------------------------------------------------------

    def _build(self, n: int) -> list[Entry]:
        quirk_at: dict[int, str] = {}
        seed_index = None
        if self.seed is not None:
            seed_index = round((SEED_DAY - FIRST_DAY) / (self.last_day - FIRST_DAY) * n)
            quirk_at[seed_index] = "seed"
        for name, share in QUIRKS.items():
            i = min(n - 1, int(share * n))
            while i in quirk_at:
                i = i - 1 if name == "tracking_link" else i + 1
            quirk_at[i] = name
        return [self._entry(i, n, quirk_at.get(i)) for i in range(n)]

    def _entry(self, index: int, n: int, quirk: str | None) -> Entry:
        article_id = FIRST_ID + index
        layout = random.Random(f"layout:{article_id}")
        categories = self.profile.categories
        if quirk == "seed":
            assert self.seed is not None
            return Entry(
                article_id,
                categories[0],
                SEED_DAY,
                False,
                self.seed.dateline,
                f"/tin-tuc-su-kien/{slugify(self.seed.title)}-t{article_id}.html",
                self.seed.title,
                "",
                quirk,
                True,
            )
        category = layout.choice(categories)
        day = FIRST_DAY + timedelta(days=(self.last_day - FIRST_DAY).days * index // n)
        published = day.replace(hour=layout.randint(6, 21), minute=layout.randint(0, 59))
        style = layout.random()
        if quirk == "no_date":
            dateline, has_time = None, False
        elif style < 0.45:
            dateline, has_time = f"{published:%H:%M} | {day_string(published)}", True
        elif style < 0.5:
            dateline, has_time = (
                f"Cập nhật: {published:%H:%M} ngày {published.day}-{published.month}-{published.year}",
                True,
            )
        else:
            dateline, has_time = weekday_line(published), False
        if not has_time:
            published = published.replace(hour=0, minute=0)
        article = self._generate(article_id, category, published)
        title = article.title
        if quirk == "entities":
            title = f'Chuyên đề "An ninh & Trật tự": {title}'
        slug = slugify(article.title)
        if article_id % 9 == 4:
            path = f"/tin-tuc-su-kien/ky-niem-80-nam-cong-an-nhan-dan/{slug}-s14-t{article_id}.html"
        else:
            path = f"/tin-tuc-su-kien/{slug}-t{article_id}.html"
        return Entry(article_id, category, published, has_time, dateline, path, title, article.lead, quirk)

    @staticmethod
    def _generate(article_id: int, category: Category, published: datetime):
        return generate_article(article_id, category.key, published, random.Random(f"content:{article_id}"))

    @lru_cache(maxsize=512)  # noqa: B019 - one portal per server, cache bounded
    def content(self, entry: Entry) -> dict:
        """Blocks to render and the ground truth of one article."""
        if entry.is_seed:
            assert self.seed is not None
            blocks, k = [], 0
            for block in self.seed.blocks:
                if block[0] == "photo":
                    k += 1
                    block = (*block, f"/uploads/images/{entry.published:%Y/%m/%d}/{entry.id}-{k}.jpg")
                blocks.append(block)
            return {
                "blocks": blocks,
                "source": self.seed.source,
                "people": None,
                "places": None,
                "provinces": None,
            }
        article = self._generate(entry.id, entry.category, entry.published)
        paragraphs = list(article.paragraphs)
        people = [person_truth(p) for p in article.people]
        places, provinces = list(article.places), list(article.provinces)
        if entry.quirk == "long_body":
            for k in range(1, 41):
                extra = generate_article(
                    entry.id * 1000 + k, entry.category.key, entry.published, random.Random(k)
                )
                paragraphs.extend(extra.paragraphs)
                # Only the paragraphs are added, so only what they name joins the truth.
                text = "\n".join(extra.paragraphs)
                named = {q["name"] for q in people}
                people += [person_truth(p) for p in extra.people if p.name in text and p.name not in named]
                places += [p for p in extra.places if p in text and p not in places]
                provinces = None  # the extra paragraphs' provinces are not known apart from their places
        blocks: list[tuple[str, ...]] = []
        for i, paragraph in enumerate(paragraphs):
            blocks.append(("p", paragraph))
            for k, photo in enumerate(article.photos):
                if photo.after_paragraph == i:
                    if k % 2 == 0:
                        blocks.append(("nbsp",))
                    src = f"/uploads/images/{entry.published:%Y/%m/%d}/{entry.id}-{k + 1}.jpg"
                    blocks.append(("photo", photo.caption, photo.repeated, src))
        layout = random.Random(f"source:{entry.id}")
        return {
            "blocks": blocks,
            "source": layout.choice(_SOURCES),
            "people": people,
            "places": places,
            "provinces": provinces,
        }

    # -- truth --------------------------------------------------------------------------------

    def truth_of(self, entry: Entry, base_url: str) -> dict:
        if entry.dateline is None:
            published_at = None
        elif entry.has_time:
            published_at = entry.published.isoformat(timespec="seconds")
        else:
            published_at = entry.published.date().isoformat()
        return self.truth_record(
            entry, base_url, blocks=self.blocks(entry), content=self.content(entry), published_at=published_at,
            lead=entry.lead, seed=entry.is_seed,
        )  # fmt: skip

    # -- serving ------------------------------------------------------------------------------

    def respond(self, raw_path: str, host: str, headers=None) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body for one GET, as the portal would answer it (304 to a matching If-None-Match)."""
        split = urlsplit(raw_path)
        path, query = split.path, parse_qs(split.query)
        base = f"http://{host}"
        hit = self.count_hit(path)
        if path in ("/", "/index.html", "/trang-chu.html"):
            return self._html(200, self._home())
        if path == "/robots.txt":
            robots = f"User-agent: *\nDisallow: /_replica/\nDisallow: /tin-tuc-su-kien/noi-bo/\nSitemap: {base}/sitemap.xml\n"
            return 200, {"Content-Type": "text/plain; charset=utf-8"}, robots.encode()
        if path == "/sitemap.xml":
            return 200, {"Content-Type": "application/xml; charset=utf-8"}, self._sitemap(base).encode()
        if path == "/_replica/truth.json":
            body = json.dumps(self.truth(base), ensure_ascii=False).encode()
            return 200, {"Content-Type": "application/json; charset=utf-8"}, body
        if path.startswith(("/uploads/", "/images/")):
            return 200, {"Content-Type": "image/gif"}, GIF
        if path in self.listing_paths:
            try:
                page = int(query.get(self.profile.page_param, ["1"])[0])
            except ValueError:
                page = 1
            return self._html(200, self._listing(self.listing_paths[path], max(page, 1)))
        entry = self.by_path.get(path)
        if entry is not None:
            if entry.quirk == "fail_once" and hit == 1:
                return self._html(
                    500, self._error_page("Lỗi máy chủ (500)", "Hệ thống đang bận, vui lòng thử lại sau.")
                )
            status, response_headers, body = self._article_response(entry, base)
            if headers is not None and headers.get("If-None-Match") == response_headers["ETag"]:
                return 304, {"ETag": response_headers["ETag"]}, b""
            return status, response_headers, body
        if path == self.broken_path:
            return self._html(200, self._error_page("Có lỗi xảy ra", "Nội dung đang được cập nhật."))
        if path == DISALLOWED_PATH:
            return self._html(200, self._error_page("Nội bộ", "Trang dành cho cán bộ, không công khai."))
        return self._html(
            404, self._error_page("Không tìm thấy trang (404)", "Trang bạn yêu cầu không tồn tại.")
        )

    def _html(self, status: int, text: str) -> tuple[int, dict[str, str], bytes]:
        return status, {"Content-Type": "text/html; charset=utf-8"}, text.encode("utf-8")

    def _shell(self, title: str, body: str, **kwargs) -> str:
        counters = kwargs.pop("counters", (3007248, 21, 548))
        return pages.layout(
            title=title,
            today=weekday_line(self.today()),
            body=body,
            categories=self.profile.categories,
            page_param=self.profile.page_param,
            counters=counters,
            **kwargs,
        )

    def _error_page(self, heading: str, message: str) -> str:
        return self._shell(
            heading, f'<div class="error"><h2>{pages.esc(heading)}</h2><p>{pages.esc(message)}</p></div>'
        )

    def _home(self) -> str:
        latest = sorted(self.entries, key=lambda e: (e.published, e.id), reverse=True)[:12]
        teasers = []
        for e in latest:
            t = e.teaser()
            if e.quirk == "tracking_link":
                t = pages.Teaser(f"{t.path}?{TRACKING_QUERY}", t.title, t.day, t.lead, t.thumb)
            teasers.append(t)
        body = [pages.teaser_list(teasers, "Tin mới nhất")]
        for c in self.profile.categories:
            body.append(pages.teaser_list([e.teaser() for e in self.by_category[c.key][:3]], c.name))
            body.append(
                f'<p class="more"><a href="{c.listing_path}?{self.profile.page_param}=1">Xem thêm</a></p>'
            )
        internal = pages.Teaser(
            DISALLOWED_PATH, "Tài liệu hướng dẫn nội bộ", "02/01/2024", "", "/uploads/thumb/noi-bo.jpg"
        )
        body.append(pages.teaser_list([internal], "Tài liệu"))
        return self._shell("Cổng Thông tin điện tử Bộ Công an", "".join(body))

    def _listing(self, category: Category, page: int) -> str:
        entries = self.by_category[category.key]
        last = max(1, -(-len(entries) // PAGE_SIZE))
        teasers = [e.teaser() for e in entries[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]]
        # Links that lead to no article: a removed one (404) and an error page answered with 200.
        dead = {
            0: (self.missing_path, "Bài viết đã được gỡ bỏ"),
            2: (self.broken_path, "Bài viết đang cập nhật"),
        }
        for index, (path, title) in dead.items():
            if category == self.profile.categories[index] and page == 1:
                teasers.append(pages.Teaser(path, title, "01/01/2024", "", "/uploads/thumb/none.jpg"))
        crumbs = f'<a href="/">Trang chủ</a> › <a href="{category.listing_path}?{self.profile.page_param}=1">{pages.esc(category.name)}</a>'
        body = (
            f'<div class="breadcrumb">{crumbs}</div>'
            + pages.teaser_list(teasers, category.name)
            + (
                pages.pager(category.listing_path, page, last, self.profile.page_param)
                if page <= last
                else ""
            )
        )
        return self._shell(f"{category.name} - Cổng Thông tin điện tử Bộ Công an", body)

    def _article_response(self, entry: Entry, base: str) -> tuple[int, dict[str, str], bytes]:
        content = self.content(entry)
        siblings = self.by_category[entry.category.key]
        position = siblings.index(entry)
        related = [e.teaser() for e in siblings[position + 1 : position + 7]]
        crumbs = (
            '<a href="/">Trang chủ</a> › <a href="/tin-tuc-su-kien.html">Tin tức sự kiện</a> › '
            f'<a href="{entry.category.listing_path}?{self.profile.page_param}=1">{pages.esc(entry.category.name)}</a>'
        )
        body = pages.article_body(
            crumbs=crumbs,
            title=entry.title,
            dateline=entry.dateline,
            lead=entry.lead or None,
            blocks=self.blocks(entry),
            source=content["source"],
            related=related,
            entities=entry.quirk == "entities",
        )
        head = (
            f'<link rel="canonical" href="{base}{entry.path}">'
            f'<meta property="og:title" content="{pages.esc(entry.title)}">'
            f'<meta name="description" content="{pages.esc(entry.lead)}">'
        )
        if self.markup_changed:  # a redesign renames the classes the profile relies on
            for old, new in (
                ("title-news", "tieu-de"),
                ("time-news", "ngay-dang"),
                ("content-news", "noi-dung"),
            ):
                body = body.replace(f'class="{old}"', f'class="{new}"')
        version = hashlib.sha1(body.encode()).hexdigest()[:16]
        headers = {
            "Last-Modified": format_datetime(entry.published.astimezone(UTC), usegmt=True),
            "ETag": f'"{version}"',
        }
        counters = (3007248 + entry.id, 10 + entry.id % 40, 300 + entry.id % 500)
        if entry.quirk == "windows_1258":
            text = self._shell(entry.title, body, head_extra=head, charset="windows-1258", counters=counters)
            headers["Content-Type"] = "text/html; charset=windows-1258"
            return 200, headers, pages.to_windows_1258(text)
        if entry.quirk == "wrong_charset":
            text = self._shell(entry.title, body, head_extra=head, charset=None, counters=counters)
            headers["Content-Type"] = "text/html; charset=iso-8859-1"
            return 200, headers, text.encode("utf-8")
        text = self._shell(entry.title, body, head_extra=head, counters=counters)
        headers["Content-Type"] = "text/html; charset=utf-8"
        return 200, headers, text.encode("utf-8")

    def _sitemap(self, base: str) -> str:
        urls = "".join(
            f"<url><loc>{base}{e.path}</loc><lastmod>{e.published.date().isoformat()}</lastmod></url>"
            for e in sorted(self.entries, key=lambda e: (e.published, e.id), reverse=True)
        )
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
