"""The claims of SECURITY.md, each checked on real parts: crawls over real HTTP, Datasette over real HTTP.

A crawl of the real profile (bocongan, base URL http://bocongan.gov.vn: not loopback, so no replica
exceptions) goes through a recording HTTP proxy on 127.0.0.1 that answers for the portal's own hosts
from a replica and forwards nothing: every request the crawler makes, safe or not, ends there.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlsplit

import lxml.html
import pytest

from crawler.archive import Archive
from crawler.cli import build_parser, datasette_command
from crawler.extract.article import canonical_page_url, parse_html
from crawler.replica import pages
from crawler.replica.portal import DISALLOWED_PATH, ReplicaPortal
from crawler.settings import is_loopback
from crawler.sites import get_profile
from tests.conftest import ARCHIVE_FILE, DB, DB_NAME, ROOT, fetch, serve

# --------------------------------------------------------------------------------------------------
# What the crawler fetches: robots.txt


def test_robots_txt_is_obeyed(crawled):
    """The replica's home page links a path its robots.txt disallows: the crawl never asks for it."""
    hits = crawled.server.portal.hits
    assert hits.get("/robots.txt", 0) >= 1
    assert hits.get("/", 0) >= 1  # the page that links the disallowed path was read
    assert hits.get(DISALLOWED_PATH) is None
    assert crawled.summary["robots_forbidden"] >= 1


def test_robots_txt_obeyed_in_the_settings_every_run_uses():
    """ROBOTSTXT_OBEY is on in the project settings and no run override turns it off."""
    from crawler import settings

    assert settings.ROBOTSTXT_OBEY is True
    assert "ROBOTSTXT_OBEY" not in settings.fast_settings()


# --------------------------------------------------------------------------------------------------
# A crawl of the real profile through a recording proxy

PORTAL_HOSTS = ("bocongan.gov.vn", "www.bocongan.gov.vn")
BASE_URL = "http://bocongan.gov.vn"


def redirect_targets(proxy_port: int) -> dict[str, str]:
    """Article paths on the portal that redirect elsewhere, by the target's kind."""
    return {
        "loopback": f"http://127.0.0.1:{proxy_port}/latest",
        "loopback-v6": "http://[::1]/latest",
        "private": "http://10.0.0.5/admin",
        "link-local": "http://169.254.169.254/latest/meta-data",
        "offsite": "http://example.com/tin-tuc-su-kien/khac-t5.html",
    }


# Links in a listing to articles off the portal (hosts distinct from the redirect targets above).
OFFSITE_LINKS = {
    "loopback": "http://127.0.0.2/tin-tuc-su-kien/noi-bo-t990101.html",
    "private": "http://10.0.0.6/tin-tuc-su-kien/noi-bo-t990102.html",
    "link-local": "http://169.254.0.1/tin-tuc-su-kien/noi-bo-t990103.html",
    "private-v6": "http://[fd00::1]/tin-tuc-su-kien/noi-bo-t990104.html",
    "offsite": "http://example.org/tin-tuc-su-kien/noi-bo-t990105.html",
}


class RecordingProxy(ThreadingHTTPServer):
    """An HTTP proxy that answers for the portal's hosts from a replica and for no one else."""

    daemon_threads = True

    def __init__(self, portal: ReplicaPortal):
        super().__init__(("127.0.0.1", 0), ProxyHandler)
        self.portal = portal
        self.requests: list[tuple[str, str]] = []  # (netloc, path) of every request received
        self.in_flight: Counter[str] = Counter()
        self.max_in_flight: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.redirects = {
            f"/tin-tuc-su-kien/chuyen-huong-{kind}-t99000{n}.html": target
            for n, (kind, target) in enumerate(redirect_targets(self.server_address[1]).items(), 1)
        }
        # A redirect to the portal's other host is followed: where it lands, an ordinary article.
        self.inside_target = f"http://www.bocongan.gov.vn{portal.entries[0].path}"
        self.redirects["/tin-tuc-su-kien/chuyen-huong-www-t990009.html"] = self.inside_target

    def netlocs(self) -> set[str]:
        return {netloc for netloc, _ in self.requests}

    def home(self, host: str) -> tuple[int, dict[str, str], bytes]:
        """The replica's home page, with links to the redirecting articles and to articles off the portal."""
        status, headers, body = self.portal.respond("/", host)
        teasers = [
            pages.Teaser(p, "Chuyển hướng", "02/01/2024", "", "/uploads/x.jpg") for p in self.redirects
        ]
        teasers += [
            pages.Teaser(u, "Liên kết ngoài", "02/01/2024", "", "/uploads/x.jpg")
            for u in OFFSITE_LINKS.values()
        ]
        extra = pages.teaser_list(teasers, "Thêm").encode()
        return (
            status,
            headers,
            body.replace(b'<div class="list-news">', extra + b'<div class="list-news">', 1),
        )


class ProxyHandler(BaseHTTPRequestHandler):
    server: RecordingProxy
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's naming
        target = urlsplit(self.path)
        netloc = (target.netloc or self.headers.get("Host", "")).lower()
        path = target.path + (f"?{target.query}" if target.query else "")
        proxy = self.server
        with proxy.lock:
            proxy.requests.append((netloc, target.path))
            proxy.in_flight[netloc] += 1
            proxy.max_in_flight[netloc] = max(proxy.max_in_flight[netloc], proxy.in_flight[netloc])
        try:
            if netloc in PORTAL_HOSTS:
                time.sleep(0.03)  # long enough for concurrent requests to overlap here
                if target.path in proxy.redirects:
                    status, headers, body = 302, {"Location": proxy.redirects[target.path]}, b""
                elif target.path == "/":
                    status, headers, body = proxy.home(netloc)
                else:
                    status, headers, body = proxy.portal.respond(path, netloc)
            else:  # never forwarded: a 404 is neither retried nor mistaken for an article
                status, headers, body = 404, {"Content-Type": "text/plain"}, b"not forwarded"
        finally:
            with proxy.lock:
                proxy.in_flight[netloc] -= 1
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_CONNECT(self) -> None:  # noqa: N802 - an https target: recorded, refused
        with self.server.lock:
            self.server.requests.append((self.path.lower(), ""))
        self.send_error(405)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


CRAWL = """
import json, sys
from crawler.run import run_crawl
# A 10 ms delay instead of 1 s and AutoThrottle, for the test's sake; every other setting is the real
# profile's. (Not 0: with no delay at all Scrapy 2.19 starts a burst of queued requests past the
# per-domain limit.)
result = run_crawl("bocongan_2024", sys.argv[1], sys.argv[2], mode="backfill", log_level="WARNING",
                   extra_settings={"DOWNLOAD_DELAY": 0.01, "AUTOTHROTTLE_ENABLED": False})
print(json.dumps(result.summary))
"""


class ProxiedCrawl:
    def __init__(self, proxy: RecordingProxy, summary: dict, log: str):
        self.proxy = proxy
        self.summary = summary
        self.log = log


@pytest.fixture(scope="module")
def real_profile_crawl(tmp_path_factory) -> ProxiedCrawl:
    """bocongan crawled at http://bocongan.gov.vn, every request sent to the recording proxy."""
    proxy = RecordingProxy(ReplicaPortal(articles=20, with_seed=False))
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    db = tmp_path_factory.mktemp("proxied") / "archive.db"
    proxy_url = f"http://127.0.0.1:{proxy.server_address[1]}"
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("no_proxy", "http_proxy", "https_proxy")}
    env |= {"http_proxy": proxy_url, "https_proxy": proxy_url, "no_proxy": ""}  # nothing bypasses it
    try:
        result = subprocess.run(
            [sys.executable, "-c", CRAWL, BASE_URL, str(db)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.stdout.strip(), result.stderr[-3000:]
        summary = json.loads(result.stdout.strip().splitlines()[-1])
        yield ProxiedCrawl(proxy, summary, db.with_name("archive.crawl.log").read_text(encoding="utf-8"))
    finally:
        proxy.shutdown()
        proxy.server_close()


def test_real_profile_crawl_reads_the_portal(real_profile_crawl):
    """The check below mean something only if the crawl really went through the proxy and stored articles."""
    assert real_profile_crawl.summary["finish_reason"] == "finished"
    assert real_profile_crawl.summary["articles_new"] >= 20
    assert ("bocongan.gov.vn", "/robots.txt") in real_profile_crawl.proxy.requests


def test_real_profile_obeys_robots_txt(real_profile_crawl):
    requests = real_profile_crawl.proxy.requests
    assert ("bocongan.gov.vn", "/") in requests  # the home page, which links the disallowed path
    assert [r for r in requests if r[1] == DISALLOWED_PATH] == []


def test_real_profile_refuses_redirects_off_the_portal(real_profile_crawl):
    """Redirects to loopback, private, link-local addresses and to another domain are never requested."""
    proxy = real_profile_crawl.proxy
    for path in proxy.redirects:
        assert ("bocongan.gov.vn", path) in proxy.requests  # each redirect was met
    refused = {urlsplit(t).netloc for t in redirect_targets(proxy.server_address[1]).values()}
    assert proxy.netlocs() & refused == set()
    logged = [line for line in real_profile_crawl.log.splitlines() if "Refused redirect" in line]
    assert len(logged) == len(refused)


def test_real_profile_follows_a_redirect_to_its_other_host(real_profile_crawl):
    proxy = real_profile_crawl.proxy
    assert ("www.bocongan.gov.vn", urlsplit(proxy.inside_target).path) in proxy.requests


def test_real_profile_is_crawled_politely(real_profile_crawl):
    """The loopback speed-ups stay off for a real portal: at most 2 requests at a time to it."""
    assert real_profile_crawl.summary["requests"] >= 25
    assert 1 <= real_profile_crawl.proxy.max_in_flight["bocongan.gov.vn"] <= 2


@pytest.mark.parametrize(
    ("base_url", "loopback"),
    [
        ("http://127.0.0.1:8070", True),
        ("http://localhost:8070", True),
        ("http://[::1]:8070", True),
        ("https://bocongan.gov.vn", False),
        ("http://10.0.0.5:8070", False),
        ("http://127.0.0.1.nip.io", False),
    ],
)
def test_only_a_loopback_base_url_gets_the_replica_settings(base_url, loopback):
    """fast_settings (politeness off, redirects within the replica's own host allowed) hinge on this."""
    assert is_loopback(base_url) is loopback


@pytest.mark.parametrize("site", ["bocongan", "congan_tinh"])
def test_real_profiles_are_public_portals(site):
    profile = get_profile(site)
    assert not is_loopback(profile.base_url)
    assert urlsplit(profile.base_url).hostname in profile.hosts
    assert all(host.endswith(".gov.vn") for host in profile.hosts)


def test_downloads_are_bounded_in_size_and_time():
    """A page larger than 20 MB is abandoned, a request hangs at most 30 s; the replica keeps the same bounds."""
    from crawler import settings

    assert settings.DOWNLOAD_MAXSIZE == 20 * 1024 * 1024
    assert settings.DOWNLOAD_WARNSIZE < settings.DOWNLOAD_MAXSIZE
    assert settings.DOWNLOAD_TIMEOUT == 30
    assert {"DOWNLOAD_MAXSIZE", "DOWNLOAD_TIMEOUT"}.isdisjoint(settings.fast_settings())


# --------------------------------------------------------------------------------------------------
# What the public Datasette exposes


def test_datasette_is_served_with_the_documented_limits():
    command = datasette_command("archive.db", 8001)
    settings = {command[i + 1]: command[i + 2] for i, arg in enumerate(command) if arg == "--setting"}
    assert settings["sql_time_limit_ms"] == "3000"
    assert settings["max_returned_rows"] == "1000"
    assert settings["facet_time_limit_ms"] == "500"
    assert settings["allow_download"] == "off"
    assert command[command.index("--host") + 1] == "127.0.0.1"  # a public instance sits behind a proxy
    assert build_parser().parse_args(["serve"]).host == "127.0.0.1"


def test_only_the_archive_is_served(datasette):
    """The raw page store (archive.pages.db) and the crawl log stay on disk, unserved."""
    databases = json.loads(fetch(f"{datasette}/-/databases.json").body)
    assert [d["name"] for d in databases] == [DB_NAME]
    assert databases[0]["path"].endswith(ARCHIVE_FILE)  # the server path is public: SECURITY.md says so


def post(url: str, data: bytes = b"sql=delete+from+articles") -> int:
    request = urllib.request.Request(url, data=data, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def article_state(db: Path) -> tuple:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("select count(*), max(title), sum(length(body)) from articles").fetchone()
    finally:
        conn.close()


WRITES = {
    "update articles set title = 'x'": "Statement must be a SELECT",
    "delete from articles": "Statement must be a SELECT",
    "insert into articles (id) values ('x')": "Statement must be a SELECT",
    "drop table articles": "Statement must be a SELECT",
    "attach database 'other.db' as other": "Statement must be a SELECT",
    "pragma writable_schema = 1": "Statement must be a SELECT",
    # passes the SELECT check, stopped by the read-only connection
    "with x as (select 1) delete from articles": "attempt to write a readonly database",
    "select load_extension('/usr/lib/x86_64-linux-gnu/mod_spatialite.so')": "not authorized",
}


def test_nothing_writes_the_archive_through_the_web(datasette, crawled):
    """SQL that writes, attaches or loads code gets an error; POSTs to data pages are refused."""
    before = article_state(crawled.db)
    for sql, error in WRITES.items():
        page = fetch(f"{datasette}/{DB}.json?sql={quote(sql)}")
        assert (page.status, json.loads(page.body)["error"]) == (400, error), sql
    for path in (
        f"/{DB}",
        f"/{DB}/articles/-/insert",
        f"/{DB}/-/create",
        f"/{DB}/articles/x/-/delete",
    ):
        assert post(datasette + path) in (403, 404, 405), path
    for path in (f"/{DB}/articles", f"/{DB}/search"):  # Datasette 0.65 answers these with a 500
        assert post(datasette + path) >= 400, path
    assert article_state(crawled.db) == before


ENDLESS = (
    "/* </textarea><script>alert('sql')</script> */ with recursive c(x) as "
    "(select 1 union all select x + 1 from c where x < 1e12) select count(*) from c"
)


def test_a_slow_query_is_interrupted_by_the_time_limit(datasette):
    """A query that would run for hours ends with Datasette's time-limit error (and the SQL is echoed escaped)."""
    page = fetch(f"{datasette}/{DB}?sql={quote(ENDLESS)}")
    assert page.status == 400
    html = page.body.decode()
    assert "SQL query took too long" in html
    assert "<script>alert('sql')" not in html and "&lt;script&gt;alert(" in html


def test_a_request_cannot_raise_the_time_limit(datasette):
    """_timelimit may only lower the limit: asking for ten minutes still ends at the server's limit."""
    page = fetch(f"{datasette}/{DB}.json?sql={quote(ENDLESS)}&_timelimit=600000")
    assert page.status == 400
    assert "SQL query took too long" in json.loads(page.body)["error"]


# --------------------------------------------------------------------------------------------------
# A small archive with hostile text, and many rows

HOSTILE_ID = "bocongan-t777777"
HOSTILE = {
    "id": HOSTILE_ID,
    "url": "https://bocongan.gov.vn/tin-tuc-su-kien/tin-thu-nghiem-t777777.html",
    "site": "bocongan",
    "category": "<b onmouseover=alert('category')>Chuyên mục</b>",
    "title": "Tin thử nghiệm <script>alert('title')</script><img src=x onerror=alert('img')>",
    "published_at": "2024-01-02",
    "lead": "<iframe src=\"javascript:alert('lead')\"></iframe>",
    "body": "Đoạn một <a href=\"javascript:alert('body')\">bấm vào đây</a>.\n\n<svg onload=alert('svg')></svg> Hai.",
    "captions": ["<script>alert('caption')</script>"],
    "source": "<a href=javascript:alert('source')>Nguồn</a>",
    "images": [],
    "people": [
        {
            "name": "Lê Văn <script>alert('person')</script>",
            "ranks": ["<img src=x onerror=alert('rank')>"],
            "posts": ["<script>alert('post')</script>"],
            "mentions": 1,
        }
    ],
    "fetched_at": "2026-01-01T00:00:00+00:00",
}
FILLER_ROWS = 1200


def filler(n: int) -> dict:
    return {
        "id": f"bocongan-t{n}",
        "url": f"https://bocongan.gov.vn/tin-tuc-su-kien/bai-{n}-t{n}.html",
        "site": "bocongan",
        "title": f"Bài số {n}",
        "published_at": "2023-03-31",
        "body": "Một đoạn.",
        "captions": [],
        "images": [],
        "fetched_at": "2026-01-01T00:00:00+00:00",
    }


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("hostile") / "archive.db"
    archive = Archive(db)
    archive.upsert_articles([HOSTILE, *(filler(n) for n in range(1, FILLER_ROWS + 1))])
    archive.close()
    return db


@pytest.fixture(scope="module")
def published(hostile_db) -> str:
    """The hostile archive served as a published copy: `serve --immutable --allow-download`."""
    proc, base = serve(hostile_db, immutable=True, allow_download=True)
    yield base
    proc.terminate()
    proc.wait(10)


def test_results_are_capped_at_the_row_limit(published):
    many = "with recursive c(x) as (select 1 union all select x + 1 from c where x < 1500) select x from c"
    page = json.loads(fetch(f"{published}/archive.json?sql={quote(many)}&_shape=objects").body)
    assert (len(page["rows"]), page["truncated"]) == (1000, True)
    streamed = fetch(f"{published}/archive.csv?sql={quote(many)}&_stream=on&_size=max")
    assert len(list(csv.reader(io.StringIO(streamed.body.decode())))) == 1 + 1000  # header + the cap
    too_big = fetch(f"{published}/archive/articles.json?_size=1001")
    assert (too_big.status, json.loads(too_big.body)["error"]) == (400, "_size must be <= 1000")


def test_a_table_streams_as_csv_past_the_row_limit(published):
    """The export journalists need: a whole table (or a filtered view of it) as one CSV, page by page."""
    page = fetch(f"{published}/archive/articles.csv?_stream=on&_size=max&_sort=id")
    ids = [row["id"] for row in csv.DictReader(io.StringIO(page.body.decode()))]
    assert len(set(ids)) == len(ids) == FILLER_ROWS + 1 > 1000


def test_the_database_downloads_only_when_immutable_and_allowed(published, hostile_db):
    page = fetch(f"{published}/archive.db")
    assert page.status == 200 and page.body.startswith(b"SQLite format 3\x00")
    proc, base = serve(hostile_db, allow_download=True)  # --allow-download without --immutable
    try:
        assert fetch(f"{base}/archive.db").status == 403
    finally:
        proc.terminate()
        proc.wait(10)


def assert_neutralised(html: str) -> None:
    """No element, event handler or javascript: link from the hostile record is live in the page."""
    tree = lxml.html.document_fromstring(html)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in ("script", "iframe", "svg", "img", "object", "embed"):
            assert "alert(" not in lxml.html.tostring(element, encoding="unicode"), element.tag
        for name, value in element.attrib.items():
            assert not (name.lower().startswith("on") and "alert(" in value), (element.tag, name, value)
            if name.lower() in ("href", "src", "action", "formaction"):
                assert not value.strip().lower().startswith("javascript:"), (element.tag, name, value)


def visible_text(html: str) -> str:
    return lxml.html.document_fromstring(html).text_content()


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        (
            f"/archive/articles/{HOSTILE_ID}",
            ["<script>alert('title')</script>", "href=\"javascript:alert('body')\""],
        ),
        ("/archive/articles?_search=" + quote("thử nghiệm"), ["<script>alert('title')</script>"]),
        ("/archive/search?q=" + quote("tin thu nghiem"), ["<script>alert('title')</script>"]),
        (
            "/archive/person_articles?name=" + quote("Lê Văn <script>alert('person')</script>"),
            ["<script>alert('title')</script>", "<script>alert('post')</script>"],
        ),
    ],
)
def test_scraped_html_is_shown_as_text_everywhere(published, page, shown):
    """Article, table, search and person pages show the record's markup as text, never as markup."""
    response = fetch(published + page)
    assert response.status == 200
    html = response.body.decode()
    assert_neutralised(html)
    for text in shown:
        assert text in visible_text(html)


def test_the_article_page_renders_every_field_as_text(published):
    html = fetch(f"{published}/archive/articles/{HOSTILE_ID}").body.decode()
    text = visible_text(html)
    for value in (HOSTILE["lead"], HOSTILE["captions"][0], HOSTILE["category"], HOSTILE["source"]):
        assert value in text
    article = lxml.html.document_fromstring(html).cssselect("article.archive-article")[0]
    assert [a.get("href") for a in article.cssselect("p > a")] == [HOSTILE["url"]]


@pytest.mark.parametrize(
    "canonical",
    ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "https://evil.example/x-t1.html"],
)
def test_the_original_link_is_the_fetched_url_whatever_the_page_claims(canonical):
    """The article's link on its page is its URL: a canonical link to a script or another host is ignored."""
    fetched = "https://bocongan.gov.vn/tin-tuc-su-kien/bai-t1.html"
    tree = parse_html(f'<html><head><link rel="canonical" href="{canonical}"></head><body>x</body></html>')
    assert canonical_page_url(tree, fetched) == fetched


# --------------------------------------------------------------------------------------------------
# Links meet the same rule as redirects (SafeTargetMiddleware): a listing that links an article on another
# host, a private address or this machine is not followed, nor is that host's robots.txt asked.


def test_links_off_the_portal_are_never_fetched(real_profile_crawl):
    proxy = real_profile_crawl.proxy
    assert ("bocongan.gov.vn", "/") in proxy.requests  # the page with the links was read
    fetched = sorted(r for r in proxy.requests if r[0] not in PORTAL_HOSTS)
    assert fetched == []
