"""A fast, deterministic generator of archive items in the shape the spider yields, for scale benchmarks.

Articles are built from word lists written for this benchmark: template sentences about police work,
a long tail of made-up syllables so the index has rare words, and entities drawn with Zipf weights
(a few leaders and provinces in many articles, most people in very few). Chunk `k` of the archive is
always the same articles, whatever the size or the order chunks are made in, so chunks can be made in
a worker process and a 100k archive's first 10k articles are the 10k archive.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

SEED = 20250701
CHUNK = 1000  # articles per generated chunk
PEOPLE_POOL = 20_000
DOCUMENT_POOL = 3_000
FIRST_DAY = date(2016, 1, 1)
DAYS = (date(2025, 12, 31) - FIRST_DAY).days
MERGER = date(2025, 7, 1)

SURNAMES = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 4), ("Phan", 4),
            ("Vũ", 4), ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 1), ("Ngô", 1), ("Dương", 1),
            ("Lý", 1), ("Đinh", 1), ("Trịnh", 1), ("Lương", 1), ("Tô", 1), ("Tạ", 1), ("Mai", 1)]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Minh", "Quốc", "Thanh", "Đức", "Hữu", "Công", "Xuân", "Ngọc", "Hồng", "Anh",
          "Quang", "Đình", "Tiến", "Mạnh", "Trung", "Hoài", "Bá", "Duy", "Kim", "Thế", "Trọng", "Việt",
          "Hải", "Tuấn", "Phương", "Khánh", "Thu", "Bảo"]  # fmt: skip
GIVEN = ["Hùng", "Dũng", "Hải", "Nam", "Long", "Tuấn", "Hiếu", "Lâm", "Sơn", "Thắng", "Trung", "Cường",
         "Hà", "Lan", "Hương", "Mai", "Thảo", "Linh", "Phong", "Quân", "Tâm", "Thành", "Vinh", "Bình", "An",
         "Khoa", "Đạt", "Huy", "Toàn", "Kiên", "Tùng", "Hòa", "Tú", "Nghĩa", "Lợi", "Phúc", "Thịnh", "Hậu",
         "Dương", "Giang", "Yến", "Nhung", "Vân", "Trang", "Ngân", "Hạnh", "Thủy", "Tiến", "Định", "Quý",
         "Khải", "Chiến", "Thuận", "Hoàn", "Luân", "Bắc", "Đông", "Tây", "Hiển", "Quyết", "Tài", "Sang",
         "Lộc", "Nhân", "Trí", "Dân", "Lực", "Mạnh", "Hưng", "Thông", "Công", "Khang", "Hào", "Kỳ", "Lai",
         "Oanh", "Diệp", "Châu", "Điệp", "Uyên"]  # fmt: skip
RANKS = ["Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá",
         "Thiếu tá", "Đại úy"]  # fmt: skip
POSTS = ["Thứ trưởng Bộ Công an", "Giám đốc Công an tỉnh {p}", "Phó Giám đốc Công an tỉnh {p}",
         "Chủ tịch Ủy ban nhân dân tỉnh {p}", "Bí thư Tỉnh ủy {p}", "Trưởng phòng Cảnh sát hình sự",
         "Cục trưởng Cục Cảnh sát giao thông", "Trưởng Công an huyện", "Phó Chủ tịch Ủy ban nhân dân tỉnh {p}",
         "Ủy viên Trung ương Đảng", "Chánh Văn phòng Bộ Công an", "Trưởng phòng Tham mưu"]  # fmt: skip
ORGS = ["Bộ Công an", "Công an tỉnh {p}", "Ủy ban nhân dân tỉnh {p}", "Tỉnh ủy {p}", "Viện Kiểm sát nhân dân tỉnh {p}",
        "Tòa án nhân dân tỉnh {p}", "Cục Cảnh sát giao thông", "Cục Cảnh sát hình sự", "Bộ Tư lệnh Cảnh sát cơ động",
        "Học viện An ninh nhân dân", "Đoàn Thanh niên Bộ Công an", "Hội Chữ thập đỏ tỉnh {p}",
        "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao", "Bộ Quốc phòng", "Bộ Tư pháp"]  # fmt: skip
DOC_KINDS = [("Chỉ thị", "CT/TW"), ("Nghị quyết", "NQ/TW"), ("Nghị định", "NĐ-CP"), ("Thông tư", "TT-BCA"),
             ("Quyết định", "QĐ-TTg"), ("Kế hoạch", "KH-BCA"), ("Kết luận", "KL/TW"), ("Công điện", "CĐ-TTg")]  # fmt: skip
LAWS = ["Luật Căn cước", "Luật Cư trú", "Luật Công an nhân dân", "Luật Trật tự, an toàn giao thông đường bộ",
        "Luật Phòng, chống ma túy", "Luật An ninh mạng", "Luật Xuất cảnh, nhập cảnh của công dân Việt Nam"]  # fmt: skip
SITES = [("bocongan", 7), ("congan_tinh", 3)]
CATEGORIES = ["Hoạt động của Bộ", "Hoạt động của địa phương", "Chỉ đạo điều hành", "Thông tin đối ngoại",
              "Tin an ninh trật tự", "Người tốt, việc tốt", "Hoạt động xã hội"]  # fmt: skip
CATEGORY_WEIGHTS = [20, 30, 10, 5, 25, 5, 5]

SUBJECTS = ["lực lượng Công an", "cơ quan Cảnh sát điều tra", "Ban Giám đốc", "cán bộ, chiến sĩ", "người dân",
            "chính quyền địa phương", "các đơn vị nghiệp vụ", "đoàn công tác", "Phòng Cảnh sát hình sự",
            "Công an các xã, phường", "tổ công tác", "lãnh đạo Bộ", "các lực lượng chức năng", "đoàn viên thanh niên",
            "Phòng Cảnh sát giao thông", "Đội Cảnh sát phòng cháy", "cơ quan chức năng", "hội nghị"]  # fmt: skip
VERBS = ["triển khai", "phối hợp", "kiểm tra", "tổ chức", "bắt giữ", "điều tra", "xử lý", "tuyên truyền",
         "phát hiện", "hướng dẫn", "đấu tranh", "trao tặng", "tiếp nhận", "làm việc với", "đánh giá", "quán triệt",
         "rà soát", "ngăn chặn", "khởi tố", "tạm giữ", "thu giữ", "hỗ trợ", "thăm hỏi", "chúc mừng", "giải cứu",
         "truy bắt", "cấp", "thực hiện", "nâng cao", "tăng cường", "chỉ đạo", "biểu dương"]  # fmt: skip
OBJECTS = ["đối tượng", "vụ án", "kế hoạch", "chương trình", "ma túy", "tội phạm", "an ninh trật tự", "giấy tờ",
           "thẻ căn cước", "dữ liệu dân cư", "phương tiện", "vi phạm giao thông", "đường dây đánh bạc", "vũ khí",
           "hàng cấm", "tài sản", "hồ sơ", "công tác phòng cháy, chữa cháy", "nhiệm vụ trọng tâm", "phong trào thi đua",
           "mô hình an ninh", "gia đình chính sách", "học sinh nghèo", "định danh điện tử", "lừa đảo qua mạng",
           "buôn lậu", "tín dụng đen", "tai nạn giao thông", "cải cách hành chính", "Đề án 06"]  # fmt: skip
ADVERBS = ["nhanh chóng", "kịp thời", "quyết liệt", "hiệu quả", "đồng bộ", "nghiêm túc", "chủ động", "tích cực",
           "thường xuyên", "chặt chẽ", "toàn diện", "khẩn trương"]  # fmt: skip
TIMES = ["trong năm qua", "thời gian tới", "trong đợt cao điểm", "từ đầu năm đến nay", "trong 6 tháng đầu năm",
         "dịp Tết Nguyên đán", "trong tháng", "sau nhiều ngày theo dõi", "ngay trong đêm", "trong quý"]  # fmt: skip
CONNECTORS = ["Theo đó,", "Bên cạnh đó,", "Đồng thời,", "Qua đó,", "Tại buổi làm việc,", "Phát biểu tại hội nghị,",
              "Trước đó,", "Cùng ngày,", "Kết quả,", "Ngoài ra,", "Nhân dịp này,", "Được biết,"]  # fmt: skip
ENDINGS = ["góp phần bảo đảm an ninh, trật tự", "tạo chuyển biến rõ nét", "được nhân dân đồng tình ủng hộ",
           "theo đúng quy định của pháp luật", "nhằm kiềm chế tội phạm", "vì bình yên của nhân dân",
           "phục vụ nhân dân tốt hơn"]  # fmt: skip
# Made-up syllables for the long tail of rare words: onset + rhyme, with tone marks on the rhyme.
ONSETS = ["b", "c", "ch", "d", "đ", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "r", "s",
          "t", "th", "tr", "v", "x"]  # fmt: skip
RHYMES = ["a", "á", "à", "ả", "ã", "ạ", "an", "ản", "ăng", "ắt", "âm", "ấy", "e", "é", "ên", "ết", "i", "ình",
          "ích", "o", "ỏ", "ông", "ốc", "ơi", "ởn", "u", "ùng", "ức", "ương", "ướp", "uyên", "oan", "oát", "iêu"]  # fmt: skip


def _zipf(n: int, s: float = 1.0) -> list[float]:
    """Cumulative Zipf weights over n ranks, for random.choices(cum_weights=...)."""
    return list(itertools.accumulate(1 / (k**s) for k in range(1, n + 1)))


@dataclass(frozen=True)
class Pools:
    """Everything drawn from: built once per process from the seed, the same in every process."""

    people: list[tuple[str, str, str]]  # name, rank, post
    people_cum: list[float]
    provinces: list[tuple[str, str]]  # legacy name, name now
    province_cum: list[float]
    districts: list[tuple[str, str]]  # district, legacy province
    documents: list[dict]
    document_cum: list[float]
    tail: list[str]
    tail_cum: list[float]


@lru_cache(maxsize=1)
def pools() -> Pools:
    from crawler.data.gazetteer import load

    gaz = load()
    rng = random.Random(SEED)
    provinces = [(p.name, p.now) for p in gaz.legacy.values()]
    # Big cities first, so they get the largest Zipf weights.
    big = ["Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ"]
    provinces.sort(key=lambda p: (p[0] not in big, big.index(p[0]) if p[0] in big else 0, rng.random()))
    legacy_names = {p[0] for p in provinces}
    districts = sorted((d, min(ps)) for d, ps in gaz.districts.items() if ps & legacy_names and d)
    surnames, weights = zip(*SURNAMES, strict=True)
    names: dict[str, None] = {}
    while len(names) < PEOPLE_POOL:
        name = f"{rng.choices(surnames, weights)[0]} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        if rng.random() < 0.3:  # four-syllable names
            name = f"{name.split()[0]} {rng.choice(MIDDLE)} {' '.join(name.split()[1:])}"
        names[name] = None
    people = []
    for name in names:
        province = rng.choice(provinces)[0]
        people.append((name, rng.choice(RANKS), rng.choice(POSTS).format(p=province)))
    documents = []
    for i in range(DOCUMENT_POOL):
        if i % 10 == 9:
            law = LAWS[i % len(LAWS)]
            documents.append({"key": f"{law} {2010 + i % 15}" if i > 70 else law, "kind": "Luật"})
            continue
        kind, suffix = DOC_KINDS[i % len(DOC_KINDS)]
        number = f"{1 + (i * 7) % 300:02d}"
        code = f"{number}-{suffix}" if "/" in suffix else f"{number}/{2010 + i % 16}/{suffix}"
        documents.append({"key": f"{kind} {code}", "kind": kind, "number": number, "code": code})
    tail = sorted({o + r for o in ONSETS for r in RHYMES})
    rng.shuffle(tail)
    return Pools(
        people=people,
        people_cum=_zipf(len(people), 1.05),
        provinces=provinces,
        province_cum=_zipf(len(provinces), 0.8),
        districts=districts,
        documents=documents,
        document_cum=_zipf(len(documents), 1.1),
        tail=tail,
        tail_cum=_zipf(len(tail), 1.0),
    )


class _Writer:
    """One article's text and the entities it mentions, built sentence by sentence."""

    def __init__(self, rng: random.Random, on: date, pool: Pools):
        self.rng, self.on, self.pool = rng, on, pool
        self.people: dict[str, dict] = {}
        self.places: dict[str, dict] = {}
        self.orgs: dict[str, dict] = {}
        self.docs: dict[str, dict] = {}
        k = rng.choices((1, 2, 3, 4), (2, 4, 3, 1))[0]
        self.cast = [pool.people[i] for i in self._picks(len(pool.people), pool.people_cum, k)]
        k = rng.choices((1, 2, 3), (5, 3, 1))[0]
        self.provinces = [pool.provinces[i] for i in self._picks(len(pool.provinces), pool.province_cum, k)]
        k = rng.choices((0, 1, 2), (5, 3, 1))[0]
        self.cited = [pool.documents[i] for i in self._picks(len(pool.documents), pool.document_cum, k)]

    def _picks(self, n: int, cum: list[float], k: int) -> list[int]:
        return list(dict.fromkeys(self.rng.choices(range(n), cum_weights=cum, k=k)))

    def person(self) -> str:
        name, rank, post = self.rng.choice(self.cast)
        entry = self.people.setdefault(
            name, {"name": name, "titles": [], "ranks": [], "posts": [], "mentions": 0}
        )
        entry["mentions"] += 1
        if entry["mentions"] > 1:
            return f"đồng chí {name}"
        entry["ranks"].append(rank)
        entry["posts"].append(post)
        entry["titles"] += [rank, post]
        return f"{rank} {name}, {post}"

    def province(self) -> str:
        legacy, now = self.rng.choice(self.provinces)
        name = legacy if self.on < MERGER else now
        entry = self.places.setdefault(
            name, {"name": name, "kind": "province", "province": name, "province_now": now, "mentions": 0}
        )
        entry["mentions"] += 1
        return f"tỉnh {name}" if self.rng.random() < 0.6 else name

    def district(self) -> str:
        district, province = self.rng.choice(self.pool.districts)
        now = next(p[1] for p in self.pool.provinces if p[0] == province)
        written = f"huyện {district}"
        entry = self.places.setdefault(
            written,
            {"name": written, "kind": "district", "province": province if self.on < MERGER else now,
             "province_now": now, "mentions": 0},
        )  # fmt: skip
        entry["mentions"] += 1
        return written

    def org(self) -> str:
        name = self.rng.choice(ORGS).format(p=self.rng.choice(self.provinces)[0])
        self.orgs.setdefault(name, {"name": name, "mentions": 0})["mentions"] += 1
        return name

    def doc(self) -> str:
        doc = self.rng.choice(self.cited)
        entry = self.docs.setdefault(
            doc["key"],
            {"key": doc["key"], "kind": doc["kind"], "number": doc.get("number"), "code": doc.get("code"),
             "date": None, "issuer": None, "mentions": 0},
        )  # fmt: skip
        entry["mentions"] += 1
        return doc["key"]

    def tail(self, k: int) -> str:
        return " ".join(self.rng.choices(self.pool.tail, cum_weights=self.pool.tail_cum, k=k))

    def sentence(self) -> str:
        r, c = self.rng, self.rng.choice
        shape = r.randrange(8)
        if shape == 0:
            s = f"{c(CONNECTORS)} {self.person()} đề nghị {c(SUBJECTS)} {c(ADVERBS)} {c(VERBS)} {c(OBJECTS)}"
        elif shape == 1 and self.cited:
            s = f"Thực hiện {self.doc()}, {c(SUBJECTS)} đã {c(VERBS)} {c(OBJECTS)} {c(TIMES)}"
        elif shape == 2:
            s = f"{c(SUBJECTS)} {self.org()} {c(VERBS)} {c(OBJECTS)} trên địa bàn {self.province()}"
        elif shape == 3:
            s = f"{c(CONNECTORS)} {c(SUBJECTS)} {c(VERBS)} {r.randint(2, 90)} {c(OBJECTS)} tại {self.district()}"
        elif shape == 4:
            s = f"{c(SUBJECTS)} {c(ADVERBS)} {c(VERBS)} {c(OBJECTS)}, {self.tail(r.randint(3, 8))}, {c(ENDINGS)}"
        elif shape == 5:
            s = f"{c(CONNECTORS)} {c(TIMES)}, {c(SUBJECTS)} đã {c(VERBS)} {c(OBJECTS)} và {c(VERBS)} {c(OBJECTS)}"
        else:
            s = f"{c(SUBJECTS)} {c(VERBS)} {c(OBJECTS)} {c(ADVERBS)}, {c(ENDINGS)} tại {self.province()}"
        return s[0].upper() + s[1:] + "."

    def paragraph(self, words: int) -> str:
        out, n = [], 0
        while n < words:
            s = self.sentence()
            out.append(s)
            n += s.count(" ") + 1
        return " ".join(out)


def article(n: int) -> dict:
    """Article number n (1-based): the same dict every time, in the spider's item shape."""
    rng = random.Random(SEED * 1_000_003 + n)
    pool = pools()
    on = _day(rng)
    w = _Writer(rng, on, pool)
    site = rng.choices(*zip(*SITES, strict=True))[0]
    category = rng.choices(CATEGORIES, CATEGORY_WEIGHTS)[0]
    title = f"{w.person().split(',')[0]} {rng.choice(VERBS)} {rng.choice(OBJECTS)} tại {w.province()}"
    lead = w.paragraph(rng.randint(25, 45))
    body = "\n\n".join(w.paragraph(rng.randint(60, 90)) for _ in range(rng.randint(4, 5)))
    if rng.random() < 0.3:
        w.org()
    captions = [w.paragraph(rng.randint(8, 15)) for _ in range(rng.choices((0, 1, 2), (3, 5, 2))[0])]
    roll = rng.random()
    if roll < 0.005:
        published = None
    elif roll < 0.1:
        published = on.isoformat()
    else:
        published = f"{on.isoformat()}T{rng.randint(6, 22):02d}:{rng.randrange(60):02d}:00+07:00"
    host = "bocongan.gov.vn" if site == "bocongan" else "congan.example.gov.vn"
    number = portal_number(n, on)
    return {
        "id": f"{site}-t{number}",
        "url": f"https://{host}/tin-tuc-su-kien/bai-viet-{n}-t{number}.html",
        "site": site,
        "category": category,
        "title": title,
        "published_at": published,
        "lead": lead if rng.random() < 0.9 else None,
        "body": body,
        "captions": captions,
        "images": [f"https://{host}/uploads/{on.year}/{n}-{i}.jpg" for i in range(len(captions))],
        "source": rng.choice(["Bộ Công an", "Công an tỉnh", "Báo Công an nhân dân", None]),
        "people": list(w.people.values()),
        "locations": list(w.places.values()),
        "organisations": list(w.orgs.values()),
        "documents": list(w.docs.values()),
        "extracted_by": site if rng.random() < 0.99 else "generic",
        "etag": None,
        "last_modified": None,
        "fetched_at": f"2026-01-{1 + n % 28:02d}T02:{n % 60:02d}:00+00:00",
    }


def portal_number(n: int, on: date) -> str:
    """The number in article n's URL (`-t<number>.html`): it rises with the publication day, as a portal's
    numbering does, so a backfill stores keys in order, not scattered through the archive's key indexes.
    Fixed width, so the text keys sort as the numbers do."""
    return f"{(on - FIRST_DAY).days:04d}{n:07d}"


def _day(rng: random.Random) -> date:
    """Dates spread over ten years at every size (more news in later years), not tied to n."""
    return FIRST_DAY + timedelta(days=int(DAYS * rng.random() ** 0.8))


def day(n: int) -> date:
    """Article n's publication day, without making the article."""
    return _day(random.Random(SEED * 1_000_003 + n))


def newest_first(size: int) -> list[list[int]]:
    """Articles 1 … size in chunks of CHUNK numbers, newest day first: the order a backfill crawl stores them
    in (it walks each category's listing from the newest article back)."""
    order = sorted(range(1, size + 1), key=day, reverse=True)
    return [order[i : i + CHUNK] for i in range(0, size, CHUNK)]


def articles(numbers: list[int]) -> list[dict]:
    return [article(n) for n in numbers]


def chunk(k: int) -> list[dict]:
    """Articles k*CHUNK+1 … (k+1)*CHUNK."""
    return [article(n) for n in range(k * CHUNK + 1, (k + 1) * CHUNK + 1)]
