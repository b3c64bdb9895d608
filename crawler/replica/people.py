"""The people the replica's articles name: the recurring leadership, officials, citizens and foreign guests."""

from __future__ import annotations

import random

_FAMILY = (
    "Nguyễn",
    "Nguyễn",
    "Nguyễn",
    "Nguyễn",
    "Trần",
    "Trần",
    "Lê",
    "Lê",
    "Phạm",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Đoàn",
    "Trịnh",
    "Lương",
    "Mai",
    "Tạ",
    "Cao",
    "Lâm",
    "Hà",
    "Trương",
    "Chu",
    "Quách",
    "Kiều",
    "Thái",
    "Khuất",
    "Vương",
)
_MID_M = (
    "Văn",
    "Văn",
    "Văn",
    "Đức",
    "Minh",
    "Quốc",
    "Hữu",
    "Thanh",
    "Xuân",
    "Công",
    "Ngọc",
    "Quang",
    "Trọng",
    "Mạnh",
    "Tiến",
    "Đình",
    "Anh",
    "Duy",
    "Hoài",
    "Trung",
)
_MID_F = ("Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Kim", "Mỹ", "Phương", "Thùy", "Minh")
_GIV_M = (
    "Thành",
    "Hòa",
    "Bình",
    "Dũng",
    "Hải",
    "Tuấn",
    "Sơn",
    "Long",
    "Phong",
    "Kiên",
    "Cường",
    "Thắng",
    "Khánh",
    "Hiếu",
    "Tùng",
    "Quân",
    "Toàn",
    "Việt",
    "Đạt",
    "Hưng",
    "Huy",
    "Tâm",
    "Thịnh",
    "Lộc",
    "Phúc",
    "Vinh",
    "Tài",
    "Nghĩa",
    "Khoa",
    "Duy",
    "Bảo",
    "Tú",
    "Quyết",
    "Chiến",
    "Thuận",
    "Định",
    "Lực",
    "Trí",
    "Hậu",
    "Nhân",
)
_GIV_F = (
    "Lan",
    "Hương",
    "Hoa",
    "Mai",
    "Hạnh",
    "Thủy",
    "Ngân",
    "Linh",
    "Trang",
    "Nhung",
    "Yến",
    "Thảo",
    "Hằng",
    "Huyền",
    "Oanh",
    "Phượng",
    "Dung",
    "Liên",
    "Nga",
    "Vân",
)
# Real senior officials whose names the random draw could produce: never used, so no post is pinned on them.
_BLOCKED = frozenset(
    (
        "Tô Lâm",
        "Lương Tam Quang",
        "Trần Quốc Tỏ",
        "Lê Quốc Hùng",
        "Nguyễn Duy Ngọc",
        "Lê Văn Tuyến",
        "Phạm Thế Tùng",
        "Đặng Hồng Đức",
        "Nguyễn Văn Long",
        "Nguyễn Văn Thành",
        "Bùi Văn Nam",
        "Nguyễn Văn Sơn",
        "Lê Quý Vương",
        "Đặng Văn Hiếu",
        "Bùi Văn Thành",
        "Nguyễn Ngọc Lâm",
        "Lê Tấn Tới",
        "Nguyễn Văn Hiếu",
        "Nguyễn Văn Nên",
        "Phan Văn Mãi",
        "Nguyễn Phú Trọng",
        "Võ Văn Thưởng",
        "Vương Đình Huệ",
        "Phạm Minh Chính",
        "Nguyễn Xuân Phúc",
        "Trương Thị Mai",
        "Trần Thanh Mẫn",
        "Lương Cường",
        "Nguyễn Hòa Bình",
        "Trương Hòa Bình",
        "Phan Đình Trạc",
        "Lê Minh Hưng",
        "Trần Cẩm Tú",
        "Nguyễn Trọng Nghĩa",
        "Phan Văn Giang",
        "Bùi Thanh Sơn",
        "Võ Văn Hưng",
        "Trần Lưu Quang",
        "Lê Thành Long",
        "Nguyễn Chí Dũng",
        "Hồ Đức Phớc",
        "Lê Minh Khái",
        "Trần Hồng Hà",
        "Đỗ Văn Chiến",
        "Nguyễn Khắc Định",
        "Nguyễn Đức Hải",
        "Nguyễn Văn Quảng",
        "Đinh Tiến Dũng",
        "Bùi Thị Minh Hoài",
        "Nguyễn Thị Kim Ngân",
        "Lê Hồng Anh",
        "Đặng Thị Ngọc Thịnh",
        "Võ Thị Ánh Xuân",
        "Trần Quang Phương",
        "Nguyễn Kim Sơn",
        "Nguyễn Văn Thắng",
        "Nguyễn Mạnh Hùng",
        "Trần Văn Sơn",
        "Lê Hoài Trung",
        "Đinh Văn Nơi",
        "Vũ Hồng Văn",
        "Nguyễn Hải Trung",
        "Đỗ Đức Duy",
        "Lê Minh Trí",
        "Nguyễn Minh Triết",
        "Nguyễn Tấn Dũng",
        "Trần Đại Quang",
        "Nguyễn Văn Hùng",
        "Trần Văn Thắng",
    )
)
_LAO_GIV = (
    "Khamla",
    "Bounthong",
    "Somsak",
    "Phonesavanh",
    "Thongchanh",
    "Vanxay",
    "Sengphet",
    "Souksavanh",
    "Bounkham",
    "Khamsing",
    "Viengxay",
    "Outhay",
)
_LAO_FAM = (
    "Phommavong",
    "Sihalath",
    "Keovongsa",
    "Inthalangsy",
    "Douangchanh",
    "Xayavong",
    "Vongphachanh",
    "Sisouphanh",
    "Chanthavong",
    "Luangrath",
)
_KH_FAM = ("Chea", "Sok", "Keo", "Hem", "Ouk", "Meas", "Pich", "Touch", "Nhem", "Prak")
_KH_GIV = ("Sophal", "Vuthy", "Rithy", "Dara", "Vanna", "Samnang", "Bunthoeun", "Chanthy", "Piseth", "Sovann")
# Embassies: country as written in the post, given names, family names, family name first.
_EMBASSIES = (
    (
        "Nhật Bản",
        ("Hiroshi", "Kenji", "Takeshi", "Masato", "Naoki", "Yuki"),
        ("Sato", "Takahashi", "Yamamoto", "Nakamura", "Kobayashi", "Watanabe"),
        True,
    ),
    (
        "Hàn Quốc",
        ("Min-ho", "Sung-jin", "Dong-hyun", "Jae-won", "Young-soo"),
        ("Kim", "Lee", "Park", "Choi", "Jung"),
        True,
    ),
    (
        "Australia",
        ("Andrew", "Michael", "Claire", "Thomas", "Rebecca"),
        ("Walker", "Bennett", "Harris", "Gordon"),
        False,
    ),
    (
        "Pháp",
        ("Julien", "Sophie", "Laurent", "Camille", "Olivier"),
        ("Moreau", "Dubois", "Lefèvre", "Girard"),
        False,
    ),
    (
        "Cộng hòa Liên bang Đức",
        ("Thomas", "Stefan", "Katrin", "Markus"),
        ("Becker", "Hoffmann", "Krüger", "Vogel"),
        False,
    ),
)


class _P:
    """A person as the article introduces them: full first-mention text, later forms, caption forms."""

    __slots__ = ("name", "rank", "posts", "full", "places", "shorts", "forms")

    def __init__(
        self,
        name: str,
        rank: str | None,
        posts: tuple[str, ...],
        places: tuple[tuple[str, str], ...] = (),
        honor: str = "đồng chí",
        title: str | None = None,
        tail: str = "",
        bare_short: bool = False,
    ) -> None:
        self.name = name
        self.rank = rank
        self.posts = posts
        self.places = places
        lead = rank or honor
        self.full = f"{lead} {name}" + (", " + ", ".join(posts) if posts else "") + tail
        shorts = [f"{x} {name}" for x in (rank, title, honor) if x]
        if bare_short:
            shorts.append(name)
        self.shorts = tuple(shorts)
        # Captions name the same person two ways: title (or rank) first, then rank or honorific.
        forms = list(dict.fromkeys(f"{x} {name}" for x in (title, rank, honor) if x))
        self.forms = (forms[0], forms[1] if len(forms) > 1 else name)


def _num(n: int) -> str:
    """A number with dots between thousands, as Vietnamese text writes it."""
    return f"{n:,}".replace(",", ".")


def _cap(s: str) -> str:
    """Upper-case the first letter (sentence starts)."""
    return s[:1].upper() + s[1:]


def _make_cast() -> tuple[_P, tuple[_P, ...]]:
    """The ministry's invented leadership, fixed for the whole archive so the same names recur."""
    r = random.Random(19450819)
    used: set[str] = set()

    def draw() -> str:
        while True:
            n = f"{r.choice(_FAMILY)} {r.choice(_MID_M)} {r.choice(_GIV_M)}"
            if n not in _BLOCKED and n not in used and n.split()[1] != n.split()[2]:
                used.add(n)
                return n

    minister = _P(draw(), "Đại tướng", ("Ủy viên Bộ Chính trị", "Bộ trưởng Bộ Công an"), title="Bộ trưởng")
    deputies = []
    for rank in ("Thượng tướng", "Thượng tướng", "Trung tướng", "Trung tướng", "Trung tướng", "Trung tướng"):
        posts = (
            ("Ủy viên Trung ương Đảng", "Thứ trưởng Bộ Công an")
            if r.random() < 0.6
            else ("Thứ trưởng Bộ Công an",)
        )
        deputies.append(_P(draw(), rank, posts, title="Thứ trưởng"))
    return minister, tuple(deputies)


_MINISTER, _DEPUTIES = _make_cast()

# Department heads: department name, usual ranks of its head.
_DEPARTMENTS = (
    "Cục Cảnh sát hình sự",
    "Cục Cảnh sát giao thông",
    "Cục Cảnh sát điều tra tội phạm về ma túy",
    "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
    "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
    "Cục Xây dựng phong trào bảo vệ an ninh Tổ quốc",
    "Cục Công tác đảng và công tác chính trị",
    "Cục Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
    "Cục Pháp chế và cải cách hành chính, tư pháp",
    "Cục Tổ chức cán bộ",
    "Cục Đối ngoại",
)
_PROV_UNITS = (
    "Phòng Cảnh sát hình sự",
    "Phòng Cảnh sát điều tra tội phạm về ma túy",
    "Phòng Cảnh sát giao thông",
    "Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
    "Phòng Tham mưu",
    "Phòng Cảnh sát quản lý hành chính về trật tự xã hội",
    "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
)
