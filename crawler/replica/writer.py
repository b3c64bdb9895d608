"""The text generator every article template writes with: phrases, people and places introduced once,
and the truth recorded as the text is written."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from crawler.replica.people import (
    _BLOCKED,
    _DEPARTMENTS,
    _DEPUTIES,
    _EMBASSIES,
    _FAMILY,
    _GIV_F,
    _GIV_M,
    _KH_FAM,
    _KH_GIV,
    _LAO_FAM,
    _LAO_GIV,
    _MID_F,
    _MID_M,
    _P,
    _PROV_UNITS,
    _cap,
    _num,
)
from crawler.replica.places import _PROVINCE_POOL, _District, _Province

T = TypeVar("T")


@dataclass(frozen=True)
class PersonMention:
    """A person named in an article, as introduced at the first mention."""

    name: str
    rank: str | None
    posts: tuple[str, ...]


@dataclass(frozen=True)
class Photo:
    """A photo placed after a body paragraph, with its caption and the caption repeated under it."""

    after_paragraph: int
    caption: str
    repeated: str


@dataclass(frozen=True)
class GeneratedArticle:
    """One generated article and the truth about what it names."""

    title: str
    lead: str
    paragraphs: tuple[str, ...]
    photos: tuple[Photo, ...]
    people: tuple[PersonMention, ...]
    places: tuple[str, ...]
    provinces: tuple[str, ...]
    body_dates: tuple[str, ...]


# ============================================================================ phrases

_PERIODS = ("thời gian qua", "từ đầu năm đến nay", "trong thời gian gần đây", "thời gian vừa qua")
_ACHV = (
    "chủ động nắm chắc tình hình, kịp thời tham mưu cho cấp ủy, chính quyền nhiều giải pháp giữ vững an ninh, trật tự",
    "mở nhiều đợt cao điểm tấn công, trấn áp tội phạm, kéo giảm rõ rệt số vụ phạm pháp về trật tự xã hội",
    "hoàn thành thu nhận hồ sơ cấp căn cước, kích hoạt tài khoản định danh điện tử cho phần lớn người dân trong diện",
    "kiện toàn tổ chức bộ máy, bố trí đủ cán bộ chính quy về công tác tại các xã, thị trấn",
    "triển khai đồng bộ các giải pháp bảo đảm trật tự, an toàn giao thông, kiềm chế tai nạn ở cả ba tiêu chí",
    "xây dựng và nhân rộng nhiều mô hình tự quản về an ninh, trật tự tại khu dân cư",
)
_PRAISE = (
    "công tác nắm tình hình, giữ vững an ninh chính trị trên địa bàn",
    "hiệu quả của các đợt cao điểm tấn công, trấn áp tội phạm",
    "công tác cải cách thủ tục hành chính, phục vụ người dân và doanh nghiệp",
    "việc củng cố, nâng cao chất lượng hoạt động của Công an cấp xã",
    "sự chuyển biến rõ nét trong công tác bảo đảm trật tự, an toàn giao thông",
    "tinh thần đoàn kết, chủ động, sáng tạo của tập thể cán bộ, chiến sĩ",
)
_TASKS = (
    "nắm chắc tình hình, chủ động tham mưu cho cấp ủy, chính quyền các giải pháp bảo đảm an ninh, trật tự",
    "tập trung tấn công, trấn áp các loại tội phạm, nhất là tội phạm ma túy và tội phạm sử dụng công nghệ cao",
    "đẩy mạnh triển khai Đề án 06 của Chính phủ, lấy người dân, doanh nghiệp làm trung tâm phục vụ",
    "xây dựng lực lượng Công an cấp xã thực sự chính quy, gần dân, sát dân",
    "siết chặt kỷ luật, kỷ cương, xây dựng đội ngũ cán bộ, chiến sĩ bản lĩnh, liêm chính, tận tụy",
    "làm tốt công tác phòng cháy, chữa cháy và cứu nạn, cứu hộ tại khu dân cư, cơ sở sản xuất, kinh doanh",
    "phát huy sức mạnh của phong trào Toàn dân bảo vệ an ninh Tổ quốc, nhân rộng các mô hình tự quản hiệu quả",
    "bảo đảm an toàn tuyệt đối các mục tiêu, công trình trọng điểm và các sự kiện chính trị trên địa bàn",
    "kiềm chế, kéo giảm tai nạn giao thông trên cả ba tiêu chí về số vụ, số người chết và số người bị thương",
    "chủ động phòng ngừa, không để bị động, bất ngờ trước các tình huống phức tạp",
    "nâng cao chất lượng điều tra, xử lý tội phạm, bảo đảm đúng người, đúng tội, đúng pháp luật",
    "quan tâm chăm lo đời sống vật chất, tinh thần của cán bộ, chiến sĩ",
)
_TOPICS = (  # (topic, short form for titles, statistic sentence with {a} {b} {c}, department in charge)
    (
        "phòng, chống tội phạm ma túy",
        "phòng, chống ma túy",
        "toàn lực lượng đã phát hiện, bắt giữ {a} vụ, {b} đối tượng phạm tội về ma túy, thu giữ hơn {c} kg ma túy các loại",
        "Cục Cảnh sát điều tra tội phạm về ma túy",
    ),
    (
        "bảo đảm trật tự, an toàn giao thông",
        "bảo đảm an toàn giao thông",
        "lực lượng Cảnh sát giao thông đã kiểm tra, xử lý {a} trường hợp vi phạm, tước giấy phép lái xe {b} trường hợp, "
        "tạm giữ {c} phương tiện",
        "Cục Cảnh sát giao thông",
    ),
    (
        "phòng cháy, chữa cháy và cứu nạn, cứu hộ",
        "phòng cháy, chữa cháy",
        "các đơn vị đã kiểm tra an toàn phòng cháy tại {a} cơ sở, tổ chức {b} buổi thực tập phương án và trực tiếp "
        "cứu được {c} người",
        "Cục Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
    ),
    (
        "xây dựng phong trào Toàn dân bảo vệ an ninh Tổ quốc",
        "phong trào Toàn dân BVANTQ",
        "các địa phương đã xây dựng, củng cố {a} mô hình tự quản, tiếp nhận {b} nguồn tin tố giác tội phạm từ "
        "quần chúng nhân dân, giúp khám phá nhanh {c} vụ án",
        "Cục Xây dựng phong trào bảo vệ an ninh Tổ quốc",
    ),
    (
        "phòng, chống tội phạm sử dụng công nghệ cao",
        "phòng, chống tội phạm mạng",
        "lực lượng chức năng đã điều tra, làm rõ {a} vụ lừa đảo trên không gian mạng, ngăn chặn, gỡ bỏ {b} tài khoản, "
        "trang mạng vi phạm và thu hồi {c} tỷ đồng cho người bị hại",
        "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
    ),
    (
        "cải cách hành chính trong Công an nhân dân",
        "cải cách hành chính",
        "Bộ Công an đã cắt giảm, đơn giản hóa {a} thủ tục hành chính, cung cấp {b} dịch vụ công trực tuyến, giải quyết "
        "hơn {c} nghìn hồ sơ đúng hạn",
        "Cục Pháp chế và cải cách hành chính, tư pháp",
    ),
)
_MODELS = (
    "“Camera an ninh”",
    "“Tổ liên gia tự quản”",
    "“Khu dân cư không có tội phạm và tệ nạn xã hội”",
    "“Dòng họ không có người vi phạm pháp luật”",
    "“Zalo an ninh trật tự”",
    "“Tiếng kẻng an ninh”",
    "“Bến xe, nhà ga an toàn”",
    "“Chợ an toàn về an ninh, trật tự”",
)
_SCENES = (
    ("Quang cảnh buổi làm việc.", "Toàn cảnh buổi làm việc."),
    ("Toàn cảnh buổi làm việc.", "Quang cảnh buổi làm việc tại trụ sở đơn vị."),
    ("Các đại biểu dự buổi làm việc.", "Đại biểu tham dự buổi làm việc."),
)
_NUM = ("một", "hai", "ba", "bốn", "năm", "sáu")


# ============================================================================ writer


class _W:
    """Per-article writer: hands out text pieces and records the truth in the order the reader meets it."""

    __slots__ = (
        "r",
        "pday",
        "key",
        "title",
        "lead",
        "paras",
        "caps",
        "pl",
        "people",
        "first",
        "dates",
        "names",
    )

    def __init__(self, r: random.Random, pday: date) -> None:
        self.r = r
        self.pday = pday
        # Reading position: title 0, lead 4, paragraph i at 4*(i+2), its caption +1 and repeated caption +2.
        self.key = 0
        self.title = ""
        self.lead = ""
        self.paras: list[str] = []
        self.caps: list[tuple[tuple[_P, ...], Callable[[_W, int], str]]] = []
        self.pl: list[tuple[int, str, str]] = []
        self.people: list[tuple[int, _P]] = []
        self.first: dict[_P, int] = {}
        self.dates: list[str] = []
        self.names: set[str] = set()

    # -- structure

    def set_title(self, s: str) -> None:
        """Store the title; what follows is the lead."""
        self.title = s
        self.key = 4

    def set_lead(self, s: str) -> None:
        """Store the lead; what follows is the body."""
        self.lead = s
        self.key = 8

    def add(self, s: str) -> None:
        """Append a body paragraph."""
        self.paras.append(s)
        self.key += 4

    def photo(self, persons: tuple[_P, ...], fn: Callable[[_W, int], str]) -> None:
        """Offer a photo whose caption names these people (placed only after they are introduced)."""
        self.caps.append((persons, fn))

    def scene(self, pair: tuple[str, str]) -> None:
        """Offer a photo of the scene with two wordings of its caption."""
        self.caps.append(((), lambda w, v: pair[v]))

    def act(self, p: _P, text: str) -> None:
        """Offer a photo of one person doing something."""
        self.caps.append(((p,), lambda w, v: f"{_cap(p.forms[v])} {text}"))

    # -- choices

    def c(self, seq: Sequence[T]) -> T:
        """One element of seq."""
        return seq[int(self.r.random() * len(seq))]

    def n(self, lo: int, hi: int) -> int:
        """An integer in [lo, hi]."""
        return lo + int(self.r.random() * (hi - lo + 1))

    def chance(self, p: float) -> bool:
        """True with probability p."""
        return self.r.random() < p

    def prov(self, pool: tuple[_Province, ...] = _PROVINCE_POOL) -> _Province:
        """A province or city."""
        return self.c(pool)

    def dist(self, pv: _Province, warded: bool = False) -> _District:
        """A district of pv, one with known wards if asked."""
        return self.c(pv.warded if warded else pv.districts)

    # -- places (recorded at the moment they are written)

    def _rec(self, s: str, canon: str) -> str:
        self.pl.append((self.key, s, canon))
        return s

    def pb(self, pv: _Province) -> str:
        """The province as written on its own ("Đồng Nai", "TP.HCM")."""
        return self._rec(self.c(pv.bare), pv.canon)

    def pp(self, pv: _Province) -> str:
        """The province with its kind ("tỉnh Đồng Nai", "thành phố Hà Nội")."""
        return self._rec(self.c(pv.pref), pv.canon)

    def po(self, pv: _Province) -> str:
        """The province as written after an organisation ("Công an ___")."""
        return self._rec(self.c(pv.org), pv.canon)

    def party(self, pv: _Province) -> str:
        """The province's party committee ("Tỉnh ủy Đồng Nai")."""
        return f"{pv.party_word} {self._rec(self.c(pv.party), pv.canon)}"

    def dl(self, d: _District) -> str:
        """The district with its kind ("huyện Lục Nam")."""
        return self._rec(self.c(d.labels), d.canon)

    def wl(self, d: _District, ward: str) -> str:
        """A ward or commune of district d."""
        return self._rec(ward, d.canon)

    def local(self, pv: _Province, d: _District | None = None) -> str:
        """An address down to the ward when known: "xã Y, huyện Z, tỉnh T"."""
        d = d or self.dist(pv)
        ward = self.c(d.wards) if d.wards and self.chance(0.8) else None
        head = f"{self.wl(d, ward)}, " if ward else ""
        return f"{head}{self.dl(d)}, {self.pp(pv)}"

    # -- people

    def name(self, female: bool | None = None) -> tuple[str, bool]:
        """An invented Vietnamese name not used yet in this article."""
        fem = self.chance(0.22) if female is None else female
        while True:
            mid = self.c(_MID_F if fem else _MID_M)
            giv = self.c(_GIV_F if fem else _GIV_M)
            n = f"{self.c(_FAMILY)} {mid} {giv}"
            if n not in self.names and n not in _BLOCKED and mid != giv:
                self.names.add(n)
                return n, fem

    def cast(self, p: _P) -> _P:
        """A fixed ministry leader, reserved for this article."""
        self.names.add(p.name)
        return p

    def deputy(self) -> _P:
        """One of the deputy ministers."""
        while True:
            p = self.c(_DEPUTIES)
            if p.name not in self.names:
                return self.cast(p)

    def who(self, p: _P) -> str:
        """The person as written here: full introduction the first time, a shorter form after."""
        if p in self.first:
            return self.c(p.shorts)
        self.first[p] = self.key
        self.people.append((self.key, p))
        for s, canon in p.places:
            self.pl.append((self.key, s, canon))
        return p.full

    def whos(self, ps: tuple[_P, ...] | list[_P]) -> str:
        """Several people introduced as a list: "các đồng chí: A, post; B, post"."""
        return "; ".join(self.who(p) for p in ps)

    # -- dates

    def when(self, back: int = 0, plain: bool = False, cap: bool = False) -> str:
        """A date back days before publication, in one of the ways ministry news writes it."""
        d = self.pday - timedelta(days=back)
        k = self.n(0, 3 if plain else 8)
        same_year = d.year == self.pday.year
        if k in (2, 6, 8) and not same_year:
            k = 0  # a date without its year is only written within the publication's year
        if k == 0:
            s = f"ngày {d.day}/{d.month}/{d.year}"
        elif k == 1:
            s = f"ngày {d.day:02d}/{d.month:02d}/{d.year}"
        elif k == 2:
            s = f"ngày {d.day}/{d.month}"
        elif k == 3:
            s = f"ngày {d.day} tháng {d.month} năm {d.year}"
        else:
            part = self.c(("sáng", "chiều", "sáng", "chiều", "sáng", "chiều", "tối"))
            if k == 4:
                s = f"{part} ngày {d.day}/{d.month}/{d.year}"
            elif k == 5:
                s = f"{part} ngày {d.day}-{d.month}-{d.year}"
            elif k == 6:
                s = f"{part} {d.day}/{d.month}"
            elif k == 7:
                s = f"{part} ngày {d.day}/{d.month:02d}/{d.year}"
            else:
                s = f"{part} ngày {d.day}/{d.month}"
        if cap:
            s = _cap(s)
        self.dates.append(s)
        return s

    def span(self, back_end: int, days: int) -> str:
        """A period ending back_end days before publication: "từ ngày 1/3 đến ngày 25/3/2023"."""
        end = self.pday - timedelta(days=back_end)
        start = end - timedelta(days=days)
        a = f"ngày {start.day}/{start.month}" + ("" if start.year == self.pday.year else f"/{start.year}")
        b = f"ngày {end.day}/{end.month}/{end.year}"
        self.dates.append(a)
        self.dates.append(b)
        return f"từ {a} đến {b}"

    def old_date(self, lo: int, hi: int) -> str:
        """An older date, lo to hi days back, as written in a document reference."""
        d = self.pday - timedelta(days=self.n(lo, hi))
        s = (
            f"ngày {d.day}/{d.month}/{d.year}"
            if self.chance(0.7)
            else f"ngày {d.day:02d}/{d.month:02d}/{d.year}"
        )
        self.dates.append(s)
        return s

    def doc(self, kind: int | None = None) -> str:
        """A document reference with its number and, most often, its date."""
        k = self.n(0, 6) if kind is None else kind
        n = self.n(2, 98)
        if k == 0:
            head, by, lo, hi = f"Chỉ thị số {n:02d}-CT/TW", "của Ban Bí thư", 300, 2400
        elif k == 1:
            head, by, lo, hi = f"Nghị quyết số {n:02d}-NQ/TW", "của Bộ Chính trị", 300, 2400
        elif k == 2:
            head, by, lo, hi = f"Kết luận số {n + 20}-KL/TW", "của Ban Bí thư", 200, 1800
        elif k == 3:
            head, by, lo, hi = f"Chỉ thị số {n % 20 + 1:02d}/CT-BCA", "của Bộ trưởng Bộ Công an", 60, 900
        elif k == 4:
            head, by, lo, hi = f"Kế hoạch số {n * 3 + 11}/KH-BCA", "của Bộ Công an", 20, 400
        elif k == 5:
            head, by, lo, hi = f"Quyết định số {n * 17 + 100}/QĐ-TTg", "của Thủ tướng Chính phủ", 100, 1500
        else:
            head, by, lo, hi = f"Nghị quyết số {n + 40}/NQ-CP", "của Chính phủ", 100, 1500
        if self.chance(0.8):
            return f"{head} {self.old_date(lo, hi)} {by}"
        return f"{head} {by}"

    # -- people factories (nothing is recorded until the person is written)

    def cuc(self, head: bool = True, dept: str | None = None) -> _P:
        """A department head or deputy head of the ministry."""
        dept = dept or self.c(_DEPARTMENTS)
        name, _ = self.name()
        if head:
            return _P(
                name,
                self.c(("Thiếu tướng", "Trung tướng", "Thiếu tướng")),
                (f"Cục trưởng {dept}",),
                title="Cục trưởng",
            )
        return _P(
            name,
            self.c(("Đại tá", "Thiếu tướng", "Đại tá")),
            (f"Phó Cục trưởng {dept}",),
            title="Phó Cục trưởng",
        )

    def office(self) -> _P:
        """The ministry's chief of office."""
        name, _ = self.name(False)
        return _P(
            name,
            self.c(("Thiếu tướng", "Trung tướng")),
            ("Chánh Văn phòng Bộ Công an",),
            title="Chánh Văn phòng",
        )

    def director(self, pv: _Province, deputy: bool = False) -> _P:
        """The director (or a deputy director) of a provincial police."""
        org = self.c(pv.org)
        name, _ = self.name(None if deputy else False)
        if deputy:
            rank = self.c(("Đại tá", "Đại tá", "Thượng tá"))
            return _P(name, rank, (f"Phó Giám đốc Công an {org}",), ((org, pv.canon),), title="Phó Giám đốc")
        big = pv.canon in ("Hà Nội", "Hồ Chí Minh")
        rank = self.c(("Trung tướng", "Thiếu tướng")) if big else self.c(("Thiếu tướng", "Đại tá", "Đại tá"))
        posts: tuple[str, ...] = (f"Giám đốc Công an {org}",)
        if self.chance(0.5):
            posts = (f"Ủy viên Ban Thường vụ {pv.party_word}",) + posts
        return _P(name, rank, posts, ((org, pv.canon),), title="Giám đốc")

    def unit_head(self, pv: _Province, unit: str | None = None) -> _P:
        """The head of one of the provincial police's offices."""
        org = self.c(pv.org)
        name, _ = self.name()
        unit = unit or self.c(_PROV_UNITS)
        return _P(
            name,
            self.c(("Thượng tá", "Trung tá", "Đại tá")),
            (f"Trưởng {unit} Công an {org}",),
            ((org, pv.canon),),
            title="Trưởng phòng",
        )

    def district_chief(self, d: _District, deputy: bool = False) -> _P:
        """The chief (or deputy chief) of a district's police."""
        label = self.c(d.labels)
        name, _ = self.name()
        if deputy:
            return _P(
                name, self.c(("Trung tá", "Thiếu tá")), (f"Phó Trưởng Công an {label}",), ((label, d.canon),)
            )
        return _P(name, self.c(("Thượng tá", "Trung tá")), (f"Trưởng Công an {label}",), ((label, d.canon),))

    def commune_chief(self, d: _District, ward: str) -> _P:
        """The chief of a ward or commune police."""
        name, _ = self.name()
        return _P(name, self.c(("Thiếu tá", "Đại úy")), (f"Trưởng Công an {ward}",), ((ward, d.canon),))

    def officer(self, pv: _Province, d: _District, with_post: bool = True) -> _P:
        """A junior officer; with_post=False gives just rank and name (safe for titles)."""
        name, _ = self.name()
        rank = self.c(("Đại úy", "Thượng úy", "Trung úy", "Thiếu úy", "Thượng úy"))
        if not with_post:
            return _P(name, rank, ())
        if d.wards and self.chance(0.6):
            ward = self.c(d.wards)
            return _P(name, rank, (f"cán bộ Công an {ward}",), ((ward, d.canon),))
        label = self.c(d.labels)
        unit = self.c(
            ("Đội Cảnh sát giao thông - trật tự", "Đội Cảnh sát hình sự", "Đội Cảnh sát quản lý hành chính")
        )
        return _P(name, rank, (f"cán bộ {unit} Công an {label}",), ((label, d.canon),))

    def civil(self, pv: _Province) -> _P:
        """A provincial leader of the party, the people's committee or the Fatherland Front."""
        name, fem = self.name()
        honor = self.c(("đồng chí", "đồng chí", "bà" if fem else "ông"))
        k = self.n(0, 4)
        if k == 3:
            s = self.c(pv.party)
            return _P(name, None, (f"Phó Bí thư {pv.party_word} {s}",), ((s, pv.canon),), honor, "Phó Bí thư")
        org = self.c(pv.org)
        if k == 4:
            post, title = f"Chủ tịch Ủy ban MTTQ Việt Nam {org}", "Chủ tịch"
        elif k == 0:
            post, title = f"Chủ tịch UBND {org}", "Chủ tịch"
        else:
            post, title = (
                self.c((f"Phó Chủ tịch UBND {org}", f"Phó Chủ tịch Ủy ban nhân dân {org}")),
                "Phó Chủ tịch",
            )
        posts: tuple[str, ...] = (post,)
        if self.chance(0.3):
            posts = (f"Ủy viên Ban Thường vụ {pv.party_word}",) + posts
        return _P(name, None, posts, ((org, pv.canon),), honor, title)

    def district_civil(self, d: _District) -> _P:
        """A district leader."""
        name, fem = self.name()
        honor = self.c(("đồng chí", "bà" if fem else "ông"))
        if d.bare_ok and self.chance(0.4):
            return _P(name, None, (f"Bí thư {d.party_word} {d.name}",), ((d.name, d.canon),), honor, "Bí thư")
        label = self.c(d.labels)
        k = self.chance(0.5)
        post, title = (
            (f"Chủ tịch UBND {label}", "Chủ tịch") if k else (f"Phó Chủ tịch UBND {label}", "Phó Chủ tịch")
        )
        return _P(name, None, (post,), ((label, d.canon),), honor, title)

    def commune_civil(self, d: _District, ward: str) -> _P:
        """A commune or ward chairman."""
        name, fem = self.name()
        return _P(
            name, None, (f"Chủ tịch UBND {ward}",), ((ward, d.canon),), "bà" if fem else "ông", "Chủ tịch"
        )

    def resident(
        self,
        pv: _Province,
        honor: str | None = None,
        age: tuple[int, int] = (19, 55),
        d: _District | None = None,
    ) -> _P:
        """A suspect, victim or citizen: "đối tượng X (SN 1990, trú tại xã Y, huyện Z, tỉnh T)"."""
        name, fem = self.name(self.chance(0.2) if honor == "đối tượng" else None)
        if honor is None:
            honor = ("chị" if fem else "anh") if age[1] <= 45 else ("bà" if fem else "ông")
        yob = self.pday.year - self.n(*age)
        d = d or self.dist(pv)
        ward = self.c(d.wards) if d.wards and self.chance(0.8) else None
        label = self.c(d.labels)
        prov = self.c(pv.pref)
        places = ((ward, d.canon),) if ward else ()
        places += ((label, d.canon), (prov, pv.canon))
        addr = ", ".join(s for s, _ in places)
        return _P(name, None, (), places, honor, tail=f" (SN {yob}, trú tại {addr})", bare_short=True)

    def foreign_lao(self) -> _P:
        """A Lao security official."""
        name = f"{self.c(_LAO_GIV)} {self.c(_LAO_FAM)}"
        self.names.add(name)
        return _P(
            name, self.c(("Trung tướng", "Thiếu tướng")), ("Thứ trưởng Bộ An ninh Lào",), title="Thứ trưởng"
        )

    def foreign_khmer(self) -> _P:
        """A Cambodian police official."""
        name = f"{self.c(_KH_FAM)} {self.c(_KH_GIV)}"
        self.names.add(name)
        return _P(
            name,
            self.c(("Trung tướng", "Thượng tướng")),
            ("Phó Tổng Cục trưởng Tổng cục Cảnh sát quốc gia Campuchia",),
            title="Phó Tổng Cục trưởng",
        )

    def ambassador(self) -> tuple[_P, str]:
        """A foreign ambassador and the country."""
        country, givs, fams, fam_first = self.c(_EMBASSIES)
        g, f = self.c(givs), self.c(fams)
        name = f"{f} {g}" if fam_first else f"{g} {f}"
        self.names.add(name)
        honor = "bà" if g in ("Claire", "Rebecca", "Sophie", "Camille", "Katrin", "Yuki") else "ông"
        return _P(name, None, (f"Đại sứ {country} tại Việt Nam",), honor=honor, title="Đại sứ"), country

    # -- shared paragraphs (org strings passed in must hold no place: order of the truth depends on it)

    def stats(self) -> str:
        """A sentence of crime statistics."""
        a, b, c, e = (
            _num(self.n(120, 2400)),
            f"{self.n(82, 97)},{self.n(1, 9)}",
            self.n(5, 90),
            self.n(10, 260),
        )
        if self.chance(0.5):
            return (
                f"Lực lượng chức năng đã điều tra, làm rõ {a} vụ phạm pháp hình sự, đạt tỷ lệ {b}%; triệt xóa {c} "
                f"băng, ổ nhóm tội phạm; bắt, vận động đầu thú {e} đối tượng truy nã."
            )
        return (
            f"Tội phạm về trật tự xã hội giảm {self.n(3, 18)},{self.n(1, 9)}% so với cùng kỳ; tỷ lệ điều tra, khám "
            f"phá án đạt {b}%, trong đó án rất nghiêm trọng và đặc biệt nghiêm trọng đạt trên {self.n(90, 97)}%."
        )

    def praise(self, p: _P, org: str) -> str:
        """A leader acknowledging a unit's results."""
        a, b = self.r.sample(_PRAISE, 2)
        k = self.n(0, 2)
        if k == 0:
            return (
                f"Phát biểu chỉ đạo, {self.who(p)} ghi nhận, đánh giá cao những kết quả {org} đạt được "
                f"{self.c(_PERIODS)}, nhất là {a} và {b}."
            )
        if k == 1:
            return (
                f"Thay mặt lãnh đạo Bộ Công an, {self.who(p)} biểu dương tinh thần trách nhiệm của tập thể "
                f"cán bộ, chiến sĩ {org}. Theo {self.who(p)}, điểm nổi bật là {a}; cùng với đó là {b}."
            )
        return f"{_cap(self.who(p))} đánh giá {org} đã hoàn thành tốt nhiệm vụ được giao, đặc biệt là {a}."

    def direct(self, p: _P, org: str) -> str:
        """A leader's instructions for the time ahead."""
        t = self.r.sample(_TASKS, 3)
        k = self.n(0, 2)
        if k == 0:
            return f"{_cap(self.who(p))} đề nghị {org} tiếp tục {t[0]}; {t[1]}; đồng thời {t[2]}."
        if k == 1:
            return (
                f"Để hoàn thành tốt nhiệm vụ trong thời gian tới, {self.who(p)} yêu cầu {org} tập trung {t[0]}. "
                f"Bên cạnh đó, cần {t[1]} và {t[2]}."
            )
        return f"Về nhiệm vụ thời gian tới, {self.who(p)} lưu ý {org} cần {t[0]}; {t[1]}."

    # -- assembly

    def finish(self) -> GeneratedArticle:
        """Place the photos and turn the recorded events into the article and its truth."""
        photos: list[Photo] = []
        n = len(self.paras)
        k = min(self.c((0, 1, 1, 2, 2, 3)), len(self.caps))
        used: set[int] = set()
        for persons, fn in self.r.sample(self.caps, k) if k else ():
            lo = 0
            for p in persons:
                f = self.first.get(p)
                lo = n if f is None else max(lo, f // 4 - 2)
            free = [i for i in range(lo, n) if i not in used]
            if not free:
                continue
            i = self.c(free)
            used.add(i)
            self.key = 4 * (i + 2) + 1
            cap = fn(self, 0)
            if self.chance(0.5):
                rep = cap
            else:
                self.key += 1
                rep = fn(self, 1)
            photos.append(Photo(i, cap, rep))
        photos.sort(key=lambda ph: ph.after_paragraph)
        self.pl.sort(key=lambda e: e[0])
        places: dict[str, None] = {}
        provinces: dict[str, None] = {}
        for _, s, canon in self.pl:
            places[s] = None
            provinces[canon] = None
        self.people.sort(key=lambda e: e[0])
        return GeneratedArticle(
            title=self.title,
            lead=self.lead,
            paragraphs=tuple(self.paras),
            photos=tuple(photos),
            people=tuple(PersonMention(p.name, p.rank, p.posts) for _, p in self.people),
            places=tuple(places),
            provinces=tuple(provinces),
            body_dates=tuple(dict.fromkeys(self.dates)),
        )


def _fill(w: _W, extras: list[Callable[[], str]], lo: int, hi: int) -> None:
    """Add optional paragraphs, in random order, until the body has between lo and hi paragraphs."""
    target = w.n(lo, hi)
    w.r.shuffle(extras)
    for fn in extras:
        if len(w.paras) >= target:
            break
        w.add(fn())
