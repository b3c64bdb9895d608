"""The sections beside the news that ministry and police portals of every CMS have (legal documents, administrative
procedures, a work calendar, photo albums, videos, English pages), generated once for the SharePoint, ASP.NET and
plain .htm replicas, which render them each their own way; and small helpers those replicas share."""

from __future__ import annotations

import html
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from crawler.replica.generator import slugify

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def day_string(d: date | datetime) -> str:
    return f"{d:%d/%m/%Y}"


# == The sections beside the news, shared by the three CMS replicas ===========================================


@dataclass(frozen=True)
class LegalDocument:
    """A legal document as the "Văn bản pháp luật" section lists it."""

    id: int
    number: str
    kind: str
    issued: date
    effective: date
    summary: str
    issuer: str
    signer: str

    @property
    def slug(self) -> str:
        return slugify(f"{self.kind} {self.number}")


@dataclass(frozen=True)
class Procedure:
    """An administrative procedure ("Thủ tục hành chính")."""

    id: int
    name: str
    field: str
    level: str
    days: int
    fee: str
    updated: date

    @property
    def slug(self) -> str:
        return slugify(self.name)


@dataclass(frozen=True)
class CalendarWeek:
    """One week of the leadership's work calendar: (day, [(time, task, place)]) for each working day."""

    id: int
    monday: date
    days: tuple[tuple[date, tuple[tuple[str, str, str], ...]], ...]

    @property
    def week(self) -> int:
        return self.monday.isocalendar()[1]

    @property
    def title(self) -> str:
        sunday = self.monday + timedelta(days=6)
        return f"Lịch công tác tuần {self.week} (từ ngày {day_string(self.monday)} đến ngày {day_string(sunday)})"


@dataclass(frozen=True)
class Album:
    """A photo album or a video clip of the gallery."""

    id: int
    title: str
    day: date
    captions: tuple[str, ...]
    video: bool

    @property
    def slug(self) -> str:
        return slugify(self.title)


@dataclass(frozen=True)
class BesideNews:
    """Everything a portal shows beside its news."""

    documents: tuple[LegalDocument, ...]
    procedures: tuple[Procedure, ...]
    weeks: tuple[CalendarWeek, ...]  # oldest first; the last one is "this week"
    albums: tuple[Album, ...]
    videos: tuple[Album, ...]


_DOC_SUBJECTS = (
    "quy định chi tiết một số điều của Luật Căn cước",
    "ban hành Quy chế tiếp công dân, giải quyết khiếu nại, tố cáo",
    "triển khai đợt cao điểm tấn công, trấn áp tội phạm dịp Tết Nguyên đán",
    "bảo đảm trật tự, an toàn giao thông trong dịp nghỉ lễ",
    "quy định về công tác phòng cháy, chữa cháy tại cơ sở",
    "công bố thủ tục hành chính mới ban hành trong lĩnh vực đăng ký, quản lý cư trú",
    "tổ chức thực hiện phong trào Toàn dân bảo vệ an ninh Tổ quốc",
    "hướng dẫn thu nhận hồ sơ cấp thẻ căn cước cho người dưới 14 tuổi",
    "tăng cường công tác quản lý vũ khí, vật liệu nổ và công cụ hỗ trợ",
    "phê duyệt kế hoạch đào tạo, bồi dưỡng cán bộ",
    "sửa đổi, bổ sung quy trình đăng ký, cấp biển số xe cơ giới",
    "kiện toàn Ban Chỉ đạo phòng, chống tội phạm",
    "thực hiện chuyển đổi số trong giải quyết thủ tục hành chính",
    "phòng ngừa, đấu tranh với tội phạm lừa đảo chiếm đoạt tài sản trên không gian mạng",
)
# (kind, number pattern, issued by the ministry)
_DOC_KINDS = (
    ("Thông tư", "{n}/{y}/TT-BCA", True),
    ("Quyết định", "{n}/QĐ-{u}", False),
    ("Kế hoạch", "{n}/KH-{u}", False),
    ("Chỉ thị", "{n}/CT-BCA", True),
    ("Công văn", "{n}/{u}-PV01", False),
    ("Thông báo", "{n}/TB-{u}", False),
)
_PROCEDURES = (
    ("Cấp thẻ Căn cước cho công dân Việt Nam từ đủ 14 tuổi trở lên", "Căn cước", "Cấp tỉnh"),
    ("Cấp đổi, cấp lại thẻ Căn cước", "Căn cước", "Cấp xã"),
    ("Đăng ký thường trú", "Đăng ký, quản lý cư trú", "Cấp xã"),
    ("Đăng ký tạm trú", "Đăng ký, quản lý cư trú", "Cấp xã"),
    ("Khai báo tạm vắng", "Đăng ký, quản lý cư trú", "Cấp xã"),
    ("Đăng ký, cấp biển số xe lần đầu", "Đăng ký, quản lý phương tiện giao thông", "Cấp tỉnh"),
    ("Thu hồi giấy chứng nhận đăng ký, biển số xe", "Đăng ký, quản lý phương tiện giao thông", "Cấp xã"),
    (
        "Cấp giấy chứng nhận đủ điều kiện về an ninh, trật tự để kinh doanh ngành, nghề có điều kiện",
        "Quản lý ngành, nghề kinh doanh có điều kiện",
        "Cấp tỉnh",
    ),
    ("Cấp hộ chiếu phổ thông ở trong nước", "Quản lý xuất nhập cảnh", "Cấp tỉnh"),
    ("Thẩm duyệt thiết kế về phòng cháy và chữa cháy", "Phòng cháy, chữa cháy", "Cấp tỉnh"),
    ("Cấp giấy phép sử dụng công cụ hỗ trợ", "Quản lý vũ khí, vật liệu nổ, công cụ hỗ trợ", "Cấp tỉnh"),
)
_FEES = ("Không thu phí", "50.000 đồng/lần", "Theo quy định của Bộ Tài chính", "200.000 đồng/hồ sơ")
_TASKS = (
    ("Giám đốc chủ trì giao ban Ban Giám đốc", "Phòng họp số 1"),
    ("Ban Giám đốc dự Hội nghị trực tuyến toàn quốc của Bộ Công an", "Điểm cầu trụ sở Công an {u}"),
    ("Phó Giám đốc phụ trách an ninh làm việc với Công an cấp xã", "Trụ sở Công an các xã, phường"),
    ("Lãnh đạo Công an {u} tiếp công dân định kỳ", "Trụ sở tiếp công dân"),
    ("Phó Giám đốc phụ trách cảnh sát kiểm tra công tác tuần tra, kiểm soát", "Phòng Cảnh sát giao thông"),
    ("Giám đốc dự họp Ban Thường vụ cấp ủy địa phương", "Trụ sở cấp ủy"),
    ("Hội nghị sơ kết công tác bảo đảm an ninh, trật tự", "Hội trường tầng 3"),
    ("Ban Giám đốc làm việc với đoàn kiểm tra của Bộ Công an", "Phòng họp số 2"),
)
_TIMES = ("07h30", "08h00", "09h00", "14h00", "14h30", "15h30")
_ALBUMS = (
    "Hội thao nghiệp vụ Công an nhân dân",
    "Lễ ra quân bảo đảm trật tự, an toàn giao thông",
    "Chương trình Xuân ấm áp vùng biên",
    "Diễn tập phương án chữa cháy và cứu nạn, cứu hộ",
    "Ngày hội Toàn dân bảo vệ an ninh Tổ quốc",
    "Hành trình về nguồn của tuổi trẻ Công an",
)
_VIDEOS = (
    "Phóng sự: Một đêm cùng tổ tuần tra",
    "Hướng dẫn kích hoạt tài khoản định danh điện tử",
    "Kỹ năng thoát nạn khi xảy ra cháy nhà cao tầng",
    "Cảnh báo thủ đoạn lừa đảo qua điện thoại",
)
_PHOTO_CAPTIONS = (
    "Quang cảnh buổi lễ.",
    "Các đại biểu dự chương trình.",
    "Cán bộ, chiến sĩ thực hiện nội dung thi.",
    "Lãnh đạo đơn vị trao thưởng cho các tập thể, cá nhân.",
    "Lực lượng tham gia chụp ảnh lưu niệm.",
    "Người dân theo dõi phần trình diễn.",
)


def beside_news(seed: str, last_day: datetime, unit: str, unit_code: str) -> BesideNews:
    """The documents, procedures, calendar and gallery of a portal: the same for the same arguments."""
    r = random.Random(f"beside:{seed}")
    end = last_day.date()
    documents = []
    for k in range(24):
        kind, pattern, ministry = r.choice(_DOC_KINDS)
        issued = end - timedelta(days=(23 - k) * 29 + r.randint(0, 20))
        number = pattern.format(n=r.randint(12, 980), y=issued.year, u=unit_code)
        subject = r.choice(_DOC_SUBJECTS)
        summary = f"{kind} {subject}" if kind != "Công văn" else f"Công văn về việc {subject}"
        documents.append(
            LegalDocument(
                id=1201 + k * 3,
                number=number,
                kind=kind,
                issued=issued,
                effective=issued + timedelta(days=r.choice((0, 15, 45))),
                summary=summary,
                issuer="Bộ Công an" if ministry else unit,
                signer="Bộ trưởng" if ministry else r.choice(("Giám đốc", "Phó Giám đốc")),
            )
        )
    procedures = tuple(
        Procedure(
            301 + k,
            name,
            field,
            level,
            r.choice((3, 5, 7, 15)),
            r.choice(_FEES),
            end - timedelta(r.randint(30, 400)),
        )
        for k, (name, field, level) in enumerate(_PROCEDURES)
    )
    monday = end - timedelta(days=end.weekday())
    weeks = []
    for w in range(6):
        start = monday - timedelta(weeks=5 - w)
        days = []
        for d in range(5 + (w % 2)):
            day = start + timedelta(days=d)
            tasks = tuple(
                (t, task.format(u=unit), place.format(u=unit))
                for t, (task, place) in zip(
                    sorted(r.sample(_TIMES, r.randint(1, 3))), r.sample(_TASKS, 3), strict=False
                )
            )
            days.append((day, tasks))
        weeks.append(CalendarWeek(501 + w, start, tuple(days)))

    def gallery(titles: tuple[str, ...], first_id: int, video: bool) -> tuple[Album, ...]:
        return tuple(
            Album(
                first_id + k * 2,
                title,
                end - timedelta(days=(len(titles) - k) * 47),
                tuple(r.sample(_PHOTO_CAPTIONS, 4)),
                video,
            )
            for k, title in enumerate(titles)
        )

    return BesideNews(
        tuple(reversed(documents)),
        procedures,
        tuple(weeks),
        gallery(_ALBUMS, 71, False),
        gallery(_VIDEOS, 91, True),
    )


def mark_quirks(seed: str, n: int, shares: dict[str, float]) -> dict[int, str]:
    """Which of n articles (by index) get which awkward case: round(share * n) each, spread at random, disjoint."""
    r = random.Random(f"quirks:{seed}:{n}")
    free = list(range(n))
    marks: dict[int, str] = {}
    for name, share in shares.items():
        for index in r.sample(free, max(1, round(share * n))):
            marks[index] = name
        free = [i for i in free if i not in marks]
    return marks


def english_pages(unit_en: str, address_en: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """The English version's pages: key → (title, paragraphs). No news in English."""
    return {
        "home": (
            f"Welcome to the {unit_en} web portal",
            (
                f"This is the official English-language page of the {unit_en}. It introduces the force, its "
                "functions and how to reach it; news and services are published in Vietnamese.",
                "Foreign visitors who need to report a loss, register a temporary stay or ask for assistance may "
                "contact the nearest commune or ward police station, or call 113 in an emergency.",
            ),
        ),
        "about-us": (
            "Functions and duties",
            (
                f"The {unit_en} advises the Ministry of Public Security and the local authorities on protecting "
                "national security, ensuring social order and safety, and fighting crime in its area.",
                "Its units handle residence registration, identity cards, vehicle registration, fire prevention and "
                "rescue, immigration control, and the investigation of crimes.",
            ),
        ),
        "contact": (
            "Contact us",
            (f"Address: {address_en}.", "Hotline: 113 (emergency), 069 000 0000 (switchboard)."),
        ),
    }


# == The SharePoint portal ====================================================================================
