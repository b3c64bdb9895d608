"""Tests of the replica's article generator: determinism, variety, and truth that matches the text exactly."""

from __future__ import annotations

import random
import re
import unicodedata
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from crawler.replica import places, templates, writer
from crawler.replica.generator import CATEGORIES, GeneratedArticle, generate_article, slugify

VN = ZoneInfo("Asia/Ho_Chi_Minh")

# Written here by hand, not taken from the generator, so the checks do not share its tables.
PROVINCES_63 = frozenset(
    (
        "An Giang",
        "Bà Rịa - Vũng Tàu",
        "Bạc Liêu",
        "Bắc Giang",
        "Bắc Kạn",
        "Bắc Ninh",
        "Bến Tre",
        "Bình Dương",
        "Bình Định",
        "Bình Phước",
        "Bình Thuận",
        "Cà Mau",
        "Cao Bằng",
        "Cần Thơ",
        "Đà Nẵng",
        "Đắk Lắk",
        "Đắk Nông",
        "Điện Biên",
        "Đồng Nai",
        "Đồng Tháp",
        "Gia Lai",
        "Hà Giang",
        "Hà Nam",
        "Hà Nội",
        "Hà Tĩnh",
        "Hải Dương",
        "Hải Phòng",
        "Hậu Giang",
        "Hòa Bình",
        "Hồ Chí Minh",
        "Hưng Yên",
        "Khánh Hòa",
        "Kiên Giang",
        "Kon Tum",
        "Lai Châu",
        "Lạng Sơn",
        "Lào Cai",
        "Lâm Đồng",
        "Long An",
        "Nam Định",
        "Nghệ An",
        "Ninh Bình",
        "Ninh Thuận",
        "Phú Thọ",
        "Phú Yên",
        "Quảng Bình",
        "Quảng Nam",
        "Quảng Ngãi",
        "Quảng Ninh",
        "Quảng Trị",
        "Sóc Trăng",
        "Sơn La",
        "Tây Ninh",
        "Thái Bình",
        "Thái Nguyên",
        "Thanh Hóa",
        "Thừa Thiên Huế",
        "Tiền Giang",
        "Trà Vinh",
        "Tuyên Quang",
        "Vĩnh Long",
        "Vĩnh Phúc",
        "Yên Bái",
    )
)
RANKS = (
    "Đại tướng",
    "Thượng tướng",
    "Trung tướng",
    "Thiếu tướng",
    "Đại tá",
    "Thượng tá",
    "Trung tá",
    "Thiếu tá",
    "Đại úy",
    "Thượng úy",
    "Trung úy",
    "Thiếu úy",
)
# Streets, schools and organisations named after people: never a person, never a place.
TRAP_NAMES = (
    "Hồ Chí Minh",
    "Trần Hưng Đạo",
    "Lý Thường Kiệt",
    "Nguyễn Trãi",
    "Quang Trung",
    "Lê Lợi",
    "Phan Chu Trinh",
    "Nguyễn Du",
    "Kim Đồng",
    "Lý Tự Trọng",
)
TRAP_PHRASES = (
    "Học viện Chính trị quốc gia Hồ Chí Minh",
    "Đoàn TNCS Hồ Chí Minh",
    "Trường THCS Nguyễn Du",
    "Trường Tiểu học Kim Đồng",
    "Trường THPT Trần Hưng Đạo",
    "Trường THCS Lý Tự Trọng",
)
# Words that stand right before a person's name ("bà" is left out: "Bà Rịa" is a place).
INTRODUCERS = (
    *RANKS,
    "đồng chí",
    "Đồng chí",
    "ông",
    "Ông",
    "anh",
    "chị",
    "em",
    "đối tượng",
    "Đối tượng",
    "tài xế",
)
PLACE_PREFIXES = ("tỉnh ", "thành phố ", "Thành phố ", "TP.", "quận ", "huyện ", "thị xã ", "xã ", "phường ")
NUMERIC_DATE = re.compile(r"(?<![\d/-])(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}))?(?![\d/-])")
WORDY_DATE = re.compile(r"(\d{1,2}) tháng (\d{1,2}) năm (\d{4})")


def bounded(s: str) -> re.Pattern[str]:
    """A pattern for s not glued to letters or digits on either side."""
    return re.compile(rf"(?<!\w){re.escape(s)}(?!\w)")


def reading_text(a: GeneratedArticle) -> str:
    """Title, lead, paragraphs and captions in the order a reader meets them."""
    parts = [a.title, a.lead]
    for i, p in enumerate(a.paragraphs):
        parts.append(p)
        for ph in a.photos:
            if ph.after_paragraph == i:
                parts += [ph.caption, ph.repeated]
    return "\n".join(parts)


def body_text(a: GeneratedArticle) -> str:
    """Lead and body paragraphs: where body dates live."""
    return "\n".join((a.lead, *a.paragraphs))


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph ("TP. Hà Nội" is not a sentence end)."""
    text = text.replace("TP. ", "TP_")
    return [s for s in re.split(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ“])", text) if s]


def parse_date(s: str, published: date) -> date:
    """The day a body date names; a date written without a year is in the publication's year."""
    m = WORDY_DATE.search(s)
    if m:
        return date(int(m[3]), int(m[2]), int(m[1]))
    m = NUMERIC_DATE.search(s)
    assert m, f"not a date: {s!r}"
    return date(int(m[3]) if m[3] else published.year, int(m[2]), int(m[1]))


def spans(text: str, s: str) -> list[tuple[int, int]]:
    """Where s occurs in text as a whole token."""
    if s not in text:  # most candidate strings are absent: skip the regex
        return []
    return [(m.start(), m.end()) for m in bounded(s).finditer(text)]


def first_own_occurrence(text: str, s: str, others: tuple[str, ...]) -> int:
    """First occurrence of s that is not inside an occurrence of a longer string from others."""
    covers = [sp for o in others if s in o and o != s for sp in spans(text, o)]
    for a, b in spans(text, s):
        if not any(x <= a and b <= y for x, y in covers):
            return a
    raise AssertionError(f"{s!r} never written on its own")


def check_article(a: GeneratedArticle, published: datetime) -> None:
    """Every structural and truth invariant the generator promises."""
    text = reading_text(a)
    body = body_text(a)
    # Shape.
    assert 8 <= len(a.title.split()) <= 20, a.title
    assert 1 <= len(sentences(a.lead)) <= 2, a.lead
    assert 3 <= len(a.paragraphs) <= 10
    for p in a.paragraphs:
        assert 1 <= len(sentences(p)) <= 4, p
    for t in (a.title, a.lead, *a.paragraphs, *(c for ph in a.photos for c in (ph.caption, ph.repeated))):
        assert t and t[0].isupper(), t
        assert unicodedata.is_normalized("NFC", t)
        assert "  " not in t and "{" not in t and "None" not in t, t
    # Photos.
    assert len(a.photos) <= 3
    positions = [ph.after_paragraph for ph in a.photos]
    assert positions == sorted(set(positions))
    assert all(0 <= i < len(a.paragraphs) for i in positions)
    # People: each once, written in the text, in order, introduced exactly as the truth says.
    names = [p.name for p in a.people]
    assert len(names) == len(set(names))
    firsts = []
    for p in a.people:
        assert unicodedata.is_normalized("NFC", p.name + "".join(p.posts))
        assert p.name not in TRAP_NAMES and "Hồ Chí Minh" not in p.name
        assert p.rank is None or p.rank in RANKS
        found = spans(text, p.name)
        assert found, f"{p.name!r} not in the text"
        i, j = found[0]
        firsts.append(i)
        before, after = text[:i], text[j:]
        if p.rank:
            assert before.endswith(p.rank + " "), (p, before[-40:])
        else:
            assert not any(before.endswith(r + " ") for r in RANKS), (p, before[-40:])
        if p.posts:
            assert after.startswith(", " + ", ".join(p.posts)), (p, after[:120])
    assert firsts == sorted(firsts), "people not in order of first appearance"
    # Completeness: whoever a rank or honorific introduces is recorded, and always by the full name.
    for intro in INTRODUCERS:
        for m in re.finditer(rf"(?<!\w){intro} ", text):
            words = []
            for word in text[m.end() :].split(" ")[:4]:
                if not word[:1].isupper():
                    break
                words.append(word.rstrip(",.;:)"))
                if word[-1] in ",.;:)":
                    break
            if words:
                seq = " ".join(words)
                assert len(words) >= 2, f"{intro} {seq}: a person named by one word"
                assert any(seq.startswith(n) for n in names), f"unrecorded person: {intro} {seq}"
    # Places: each once, written in the text, in order, mapped to the right provinces.
    assert len(a.places) == len(set(a.places))
    starts = [first_own_occurrence(text, s, a.places) for s in a.places]
    assert starts == sorted(starts), "places not in order of first appearance"
    for s in a.places:
        assert unicodedata.is_normalized("NFC", s)
        assert s not in TRAP_NAMES and s not in TRAP_PHRASES
        assert not s.startswith(("đường ", "số ")), s
        assert places._PLACE_PROVINCES[s] & set(a.provinces), s
    assert len(a.provinces) == len(set(a.provinces))
    assert set(a.provinces) <= PROVINCES_63
    for prov in a.provinces:
        assert any(prov in places._PLACE_PROVINCES[s] for s in a.places), prov
    # Completeness: a written place with its kind, or a province name, is always in the truth.
    recorded = [sp for s in a.places for sp in spans(text, s)]
    for s in places._PLACE_PROVINCES:
        if s.startswith(PLACE_PREFIXES) and s not in a.places:
            for x, y in spans(text, s):  # "huyện U Minh" inside "huyện U Minh Thượng" is fine
                assert any(u <= x and y <= v for u, v in recorded), f"{s!r} written but not recorded"
    traps = [sp for t in TRAP_PHRASES for sp in spans(text, t)]
    for prov in PROVINCES_63:
        for x, y in spans(text, prov):
            assert any(u <= x and y <= v for u, v in recorded + traps), f"{prov!r} written but not recorded"
    # Dates: written in the body, never after publication, and every date in the body is recorded.
    assert len(a.body_dates) == len(set(a.body_dates))
    for s in a.body_dates:
        assert s in body, s
        assert parse_date(s, published.date()) <= published.date(), (s, published)
    covered = [
        sp for s in a.body_dates for sp in ((m.start(), m.end()) for m in re.finditer(re.escape(s), body))
    ]
    for m in (*NUMERIC_DATE.finditer(body), *WORDY_DATE.finditer(body)):
        assert any(u <= m.start() and m.end() <= v for u, v in covered), f"unrecorded date {m[0]!r}"


def sample(n_per_category: int, start: datetime = datetime(2019, 1, 2, 8, 15, tzinfo=VN)):
    """Articles over every category, published across years (including New Year's days)."""
    for k, cat in enumerate(CATEGORIES):
        for i in range(n_per_category):
            aid = 30001 + 7 * i + k
            published = start + timedelta(days=(i * 13) % 2500)
            if i % 10 == 0:
                published = datetime(2020 + i % 6, 1, 1 + i % 3, 0, 0, tzinfo=VN)
            yield aid, cat, published, generate_article(aid, cat, published, random.Random(f"content:{aid}"))


SAMPLE = list(sample(150))


def test_same_inputs_give_the_same_article() -> None:
    published = datetime(2023, 3, 31, 10, 0, tzinfo=VN)
    for cat in CATEGORIES:
        for aid in range(40):
            a = generate_article(aid, cat, published, random.Random(aid))
            b = generate_article(aid, cat, published, random.Random(aid))
            assert a == b


def test_different_ids_give_different_articles() -> None:
    cats = list(CATEGORIES)
    published = datetime(2022, 6, 15, 9, 0, tzinfo=VN)
    articles = [
        generate_article(i, cats[i % 7], published, random.Random(f"content:{i}")) for i in range(200)
    ]
    assert len({a.title for a in articles}) > 0.9 * 200
    assert len(set(articles)) == 200


def test_one_rng_state_shared_by_many_ids_still_varies() -> None:
    # The portal pads long bodies with generate_article(id * 1000 + k, ..., random.Random(k)).
    published = datetime(2021, 9, 1, tzinfo=VN)
    titles = {
        generate_article(i, "tin-an-ninh-trat-tu", published, random.Random(7)).title for i in range(100)
    }
    assert len(titles) > 80


def test_rng_state_changes_the_article() -> None:
    published = datetime(2024, 2, 20, 14, 30, tzinfo=VN)
    bodies = {
        generate_article(9, "hoat-dong-xa-hoi", published, random.Random(s)).paragraphs for s in range(30)
    }
    assert len(bodies) > 25


def test_every_category_produces_valid_articles() -> None:
    seen = {cat for _, cat, _, _ in SAMPLE}
    assert seen == set(CATEGORIES)
    for _, _, published, a in SAMPLE:
        check_article(a, published)


def test_every_template_produces_valid_articles() -> None:
    assert all(len(ts) >= 3 for ts in templates._TEMPLATES.values())
    assert sum(len(ts) for ts in templates._TEMPLATES.values()) >= 21
    assert set(templates._TEMPLATES) == set(CATEGORIES)
    for ts in templates._TEMPLATES.values():
        for template in ts:
            for seed in range(60):
                published = datetime(2019 + seed % 7, 1 + seed % 12, 1 + seed % 28, 7, 0, tzinfo=VN)
                w = writer._W(random.Random(seed), published.date())
                template(w)
                check_article(w.finish(), published)


def test_unknown_category_is_refused() -> None:
    with pytest.raises(ValueError):
        generate_article(1, "tin-the-thao", datetime(2023, 1, 5, tzinfo=VN), random.Random(1))


def test_the_place_table_is_wide_and_canonical() -> None:
    provinces = {p for ps in places._PLACE_PROVINCES.values() for p in ps}
    assert len(provinces) >= 25
    assert provinces <= PROVINCES_63
    assert "Hồ Chí Minh" not in places._PLACE_PROVINCES  # the bare name is the person, not the city
    assert places._PLACE_PROVINCES["TP.HCM"] == {"Hồ Chí Minh"}
    assert places._PLACE_PROVINCES["huyện Lục Nam"] == {"Bắc Giang"}
    assert places._PLACE_PROVINCES["quận Ba Đình"] == {"Hà Nội"}
    assert places._PLACE_PROVINCES["phường Quán Thánh"] == {"Hà Nội"}


def test_written_variants_and_traps_turn_up() -> None:
    places = {s for *_, a in SAMPLE for s in a.places}
    texts = "\n".join(reading_text(a) for *_, a in SAMPLE)
    for variant in ("TP. Hồ Chí Minh", "TP.HCM", "TPHCM", "Thành phố Hồ Chí Minh", "Hà Nội", "TP. Hà Nội"):
        assert variant in places, variant
    for kind in ("tỉnh ", "quận ", "huyện ", "thị xã ", "xã ", "phường "):
        assert any(s.startswith(kind) for s in places), kind
    for trap in ("Học viện Chính trị quốc gia Hồ Chí Minh", "Đoàn TNCS Hồ Chí Minh"):
        assert trap in texts, trap
    assert re.search(r"(đường|số \d+) (" + "|".join(TRAP_NAMES[1:]) + ")", texts)
    assert "các đồng chí: " in texts
    suspects = [p for *_, a in SAMPLE for p in a.people if p.rank is None and not p.posts]
    assert suspects and "(SN " in texts


def test_people_are_introduced_with_rank_and_posts() -> None:
    people = [p for *_, a in SAMPLE for p in a.people]
    assert {p.rank for p in people} >= {"Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng úy"}
    assert any(len(p.posts) == 2 for p in people)
    assert any(p.rank is None and p.posts for p in people)  # civilian leaders
    assert any("Thứ trưởng Bộ Công an" in p.posts for p in people)


def test_about_half_of_the_repeated_captions_are_identical() -> None:
    photos = [ph for *_, a in SAMPLE for ph in a.photos]
    assert len(photos) > 300
    same = sum(ph.repeated == ph.caption for ph in photos)
    assert 0.3 < same / len(photos) < 0.7
    assert any(ph.repeated != ph.caption for ph in photos)


def test_body_dates_are_varied_and_cite_older_documents() -> None:
    dates = [(s, pub) for _, _, pub, a in SAMPLE for s in a.body_dates]
    assert any(s.startswith(("sáng", "Sáng", "chiều", "Chiều")) for s, _ in dates)
    assert any("tháng" in s for s, _ in dates)
    assert any(re.search(r"\d-\d", s) for s, _ in dates)
    assert any((pub.date() - parse_date(s, pub.date())).days > 365 for s, pub in dates)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Quan tâm, động viên", "quan-tam-dong-vien"),
        ("Đà Nẵng", "da-nang"),
        ("ĐƯỜNG DÂY đánh bạc", "duong-day-danh-bac"),
        ("Công an TP.HCM bắt 2 đối tượng", "cong-an-tp-hcm-bat-2-doi-tuong"),
        (
            "Quan tâm, động viên, khen thưởng trong phong trào Toàn dân bảo vệ an ninh Tổ quốc",
            "quan-tam-dong-vien-khen-thuong-trong-phong-trao-toan-dan-bao",
        ),
        ("  “Nâng bước em tới trường”  ", "nang-buoc-em-toi-truong"),
        ("", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug
    assert slugify(unicodedata.normalize("NFD", text)) == slug
