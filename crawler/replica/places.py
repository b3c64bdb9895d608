"""Provinces, districts, wards, streets and schools the replica's articles name, with the ways each is written."""

from __future__ import annotations

# Pre-2025 provinces; each district row is "label: ward, ward" with real names only.
_PROVINCE_ROWS: tuple[tuple[str, bool, tuple[str, ...]], ...] = (
    (
        "Hà Nội",
        True,
        (
            "quận Ba Đình: phường Quán Thánh, phường Kim Mã, phường Điện Biên, phường Ngọc Hà",
            "quận Hoàn Kiếm: phường Hàng Bạc, phường Tràng Tiền, phường Hàng Trống",
            "quận Cầu Giấy: phường Dịch Vọng, phường Nghĩa Đô, phường Quan Hoa",
            "quận Đống Đa: phường Văn Miếu, phường Láng Thượng, phường Ô Chợ Dừa",
            "quận Hai Bà Trưng: phường Bạch Mai, phường Thanh Nhàn",
            "huyện Đông Anh: xã Kim Chung, xã Uy Nỗ",
            "huyện Gia Lâm: xã Bát Tràng, xã Kiêu Kỵ",
            "huyện Sóc Sơn",
        ),
    ),
    (
        "Hồ Chí Minh",
        True,
        (
            "thành phố Thủ Đức: phường Linh Trung, phường Thảo Điền, phường Hiệp Phú",
            "huyện Củ Chi: xã Tân Phú Trung, xã Phước Vĩnh An, xã An Nhơn Tây",
            "huyện Bình Chánh: xã Vĩnh Lộc A, xã Bình Hưng",
            "huyện Cần Giờ: xã Long Hòa, xã Thạnh An",
            "huyện Hóc Môn: xã Xuân Thới Thượng",
            "quận Bình Thạnh",
            "quận Gò Vấp",
            "quận Tân Bình",
        ),
    ),
    (
        "Hải Phòng",
        True,
        (
            "quận Hồng Bàng",
            "quận Lê Chân",
            "quận Ngô Quyền",
            "huyện An Dương",
            "huyện Vĩnh Bảo",
            "huyện Tiên Lãng",
        ),
    ),
    (
        "Đà Nẵng",
        True,
        (
            "quận Hải Châu: phường Thạch Thang, phường Hòa Cường Bắc, phường Phước Ninh",
            "quận Sơn Trà: phường An Hải Bắc, phường Mân Thái, phường Thọ Quang",
            "quận Liên Chiểu: phường Hòa Khánh Bắc, phường Hòa Minh",
            "quận Thanh Khê: phường Xuân Hà, phường Chính Gián",
            "quận Ngũ Hành Sơn: phường Mỹ An, phường Hòa Hải",
            "huyện Hòa Vang: xã Hòa Phong, xã Hòa Bắc, xã Hòa Tiến",
        ),
    ),
    (
        "Cần Thơ",
        True,
        (
            "quận Ninh Kiều: phường Tân An, phường Cái Khế, phường An Hòa",
            "quận Cái Răng: phường Hưng Phú",
            "quận Bình Thủy: phường Trà Nóc",
            "huyện Phong Điền",
            "huyện Cờ Đỏ",
        ),
    ),
    (
        "Quảng Ninh",
        False,
        (
            "thành phố Hạ Long: phường Bãi Cháy, phường Hồng Gai",
            "thành phố Móng Cái: phường Ka Long",
            "thành phố Cẩm Phả",
            "thành phố Uông Bí",
            "huyện Vân Đồn",
            "huyện Tiên Yên",
            "thị xã Quảng Yên",
        ),
    ),
    (
        "Đồng Nai",
        False,
        (
            "thành phố Biên Hòa: phường Tân Phong, phường Trảng Dài, phường Long Bình",
            "huyện Trảng Bom: xã Bắc Sơn, xã Sông Trầu",
            "huyện Nhơn Trạch: xã Phước Thiền, xã Long Tân, xã Hiệp Phước",
            "huyện Long Thành",
            "thành phố Long Khánh",
            "huyện Định Quán",
            "huyện Xuân Lộc",
        ),
    ),
    (
        "Bình Dương",
        False,
        (
            "thành phố Thủ Dầu Một: phường Phú Cường, phường Hiệp Thành",
            "thành phố Thuận An: phường Lái Thiêu, phường An Phú",
            "thành phố Dĩ An: phường Tân Đông Hiệp",
            "huyện Dầu Tiếng",
            "huyện Bàu Bàng",
            "huyện Phú Giáo",
        ),
    ),
    (
        "Nghệ An",
        False,
        (
            "thành phố Vinh: phường Hưng Bình, phường Trường Thi",
            "huyện Nam Đàn: xã Kim Liên",
            "huyện Diễn Châu",
            "huyện Quỳnh Lưu",
            "huyện Nghi Lộc",
            "huyện Kỳ Sơn",
            "huyện Tương Dương",
            "thị xã Cửa Lò",
        ),
    ),
    (
        "Thanh Hóa",
        False,
        (
            "thành phố Thanh Hóa",
            "thành phố Sầm Sơn",
            "huyện Quảng Xương",
            "huyện Thọ Xuân",
            "huyện Hoằng Hóa",
            "huyện Mường Lát",
        ),
    ),
    (
        "Hà Tĩnh",
        False,
        (
            "thành phố Hà Tĩnh",
            "huyện Hương Sơn",
            "huyện Cẩm Xuyên",
            "huyện Can Lộc",
            "thị xã Hồng Lĩnh",
        ),
    ),
    (
        "Quảng Bình",
        False,
        (
            "thành phố Đồng Hới",
            "huyện Bố Trạch",
            "huyện Quảng Ninh",
            "huyện Lệ Thủy",
            "huyện Minh Hóa",
        ),
    ),
    (
        "Quảng Trị",
        False,
        (
            "thành phố Đông Hà",
            "thị xã Quảng Trị",
            "huyện Hướng Hóa",
            "huyện Gio Linh",
            "huyện Vĩnh Linh",
        ),
    ),
    (
        "Thừa Thiên Huế",
        False,
        (
            "thành phố Huế: phường Phú Hội, phường Vĩnh Ninh",
            "thị xã Hương Thủy",
            "thị xã Hương Trà",
            "huyện Phú Vang",
            "huyện A Lưới",
            "huyện Phong Điền",
        ),
    ),
    (
        "Quảng Nam",
        False,
        (
            "thành phố Tam Kỳ",
            "thành phố Hội An",
            "thị xã Điện Bàn",
            "huyện Núi Thành",
            "huyện Đại Lộc",
            "huyện Thăng Bình",
        ),
    ),
    (
        "Quảng Ngãi",
        False,
        (
            "thành phố Quảng Ngãi",
            "huyện Bình Sơn",
            "huyện Sơn Tịnh",
            "huyện Lý Sơn",
            "huyện Mộ Đức",
        ),
    ),
    (
        "Bình Định",
        False,
        (
            "thành phố Quy Nhơn",
            "thị xã An Nhơn",
            "huyện Tuy Phước",
            "huyện Phù Cát",
            "huyện Tây Sơn",
        ),
    ),
    (
        "Khánh Hòa",
        False,
        (
            "thành phố Nha Trang: phường Lộc Thọ, phường Vĩnh Hải, phường Phước Hải",
            "thành phố Cam Ranh",
            "huyện Cam Lâm",
            "thị xã Ninh Hòa",
            "huyện Vạn Ninh",
        ),
    ),
    (
        "Lâm Đồng",
        False,
        (
            "thành phố Đà Lạt",
            "thành phố Bảo Lộc",
            "huyện Đức Trọng",
            "huyện Lâm Hà",
            "huyện Di Linh",
        ),
    ),
    (
        "Đắk Lắk",
        False,
        (
            "thành phố Buôn Ma Thuột",
            "thị xã Buôn Hồ",
            "huyện Krông Pắc",
            "huyện Cư M'gar",
            "huyện Ea Súp",
        ),
    ),
    (
        "Gia Lai",
        False,
        (
            "thành phố Pleiku",
            "thị xã An Khê",
            "huyện Chư Sê",
            "huyện Đức Cơ",
            "huyện Ia Grai",
        ),
    ),
    (
        "Kon Tum",
        False,
        (
            "thành phố Kon Tum",
            "huyện Ngọc Hồi",
            "huyện Đăk Glei",
            "huyện Sa Thầy",
        ),
    ),
    (
        "Kiên Giang",
        False,
        (
            "thành phố Rạch Giá",
            "thành phố Phú Quốc",
            "thành phố Hà Tiên",
            "huyện Kiên Lương",
            "huyện U Minh Thượng",
        ),
    ),
    (
        "An Giang",
        False,
        (
            "thành phố Long Xuyên",
            "thành phố Châu Đốc",
            "thị xã Tân Châu",
            "huyện An Phú",
            "huyện Chợ Mới",
        ),
    ),
    (
        "Long An",
        False,
        (
            "thành phố Tân An",
            "huyện Đức Hòa",
            "huyện Bến Lức",
            "huyện Cần Giuộc",
            "thị xã Kiến Tường",
        ),
    ),
    (
        "Tây Ninh",
        False,
        (
            "thành phố Tây Ninh",
            "thị xã Trảng Bàng",
            "thị xã Hòa Thành",
            "huyện Tân Biên",
            "huyện Gò Dầu",
        ),
    ),
    (
        "Bà Rịa - Vũng Tàu",
        False,
        (
            "thành phố Vũng Tàu",
            "thành phố Bà Rịa",
            "thị xã Phú Mỹ",
            "huyện Côn Đảo",
            "huyện Xuyên Mộc",
        ),
    ),
    (
        "Đồng Tháp",
        False,
        (
            "thành phố Cao Lãnh",
            "thành phố Sa Đéc",
            "huyện Tháp Mười",
            "huyện Lai Vung",
        ),
    ),
    ("Tiền Giang", False, ("thành phố Mỹ Tho", "huyện Cái Bè", "huyện Chợ Gạo", "thị xã Gò Công")),
    ("Sóc Trăng", False, ("thành phố Sóc Trăng", "thị xã Vĩnh Châu", "huyện Kế Sách", "huyện Mỹ Tú")),
    (
        "Cà Mau",
        False,
        ("thành phố Cà Mau", "huyện Năm Căn", "huyện Ngọc Hiển", "huyện U Minh", "huyện Đầm Dơi"),
    ),
    (
        "Bắc Giang",
        False,
        (
            "thành phố Bắc Giang",
            "huyện Lục Nam",
            "huyện Lục Ngạn",
            "huyện Yên Thế",
            "huyện Hiệp Hòa",
        ),
    ),
    (
        "Bắc Ninh",
        False,
        (
            "thành phố Bắc Ninh",
            "huyện Tiên Du",
            "huyện Yên Phong",
            "huyện Gia Bình",
            "huyện Lương Tài",
        ),
    ),
    (
        "Hải Dương",
        False,
        (
            "thành phố Hải Dương",
            "thành phố Chí Linh",
            "huyện Cẩm Giàng",
            "huyện Gia Lộc",
            "huyện Thanh Hà",
        ),
    ),
    (
        "Thái Bình",
        False,
        (
            "thành phố Thái Bình",
            "huyện Quỳnh Phụ",
            "huyện Hưng Hà",
            "huyện Tiền Hải",
            "huyện Thái Thụy",
        ),
    ),
    (
        "Nam Định",
        False,
        (
            "thành phố Nam Định",
            "huyện Hải Hậu",
            "huyện Giao Thủy",
            "huyện Xuân Trường",
            "huyện Ý Yên",
        ),
    ),
    (
        "Ninh Bình",
        False,
        (
            "thành phố Ninh Bình",
            "thành phố Tam Điệp",
            "huyện Gia Viễn",
            "huyện Kim Sơn",
            "huyện Nho Quan",
        ),
    ),
    (
        "Thái Nguyên",
        False,
        (
            "thành phố Thái Nguyên",
            "thành phố Sông Công",
            "huyện Đại Từ",
            "huyện Phú Lương",
            "huyện Võ Nhai",
        ),
    ),
    ("Phú Thọ", False, ("thành phố Việt Trì", "thị xã Phú Thọ", "huyện Lâm Thao", "huyện Thanh Sơn")),
    ("Vĩnh Phúc", False, ("thành phố Vĩnh Yên", "thành phố Phúc Yên", "huyện Tam Đảo", "huyện Bình Xuyên")),
    (
        "Lào Cai",
        False,
        (
            "thành phố Lào Cai",
            "thị xã Sa Pa",
            "huyện Bát Xát",
            "huyện Bắc Hà",
            "huyện Mường Khương",
        ),
    ),
    (
        "Điện Biên",
        False,
        (
            "thành phố Điện Biên Phủ",
            "huyện Mường Nhé",
            "huyện Tuần Giáo",
            "huyện Điện Biên Đông",
        ),
    ),
    (
        "Sơn La",
        False,
        (
            "thành phố Sơn La",
            "huyện Mộc Châu",
            "huyện Mai Sơn",
            "huyện Sông Mã",
            "huyện Thuận Châu",
        ),
    ),
    (
        "Lạng Sơn",
        False,
        (
            "thành phố Lạng Sơn",
            "huyện Cao Lộc",
            "huyện Văn Lãng",
            "huyện Hữu Lũng",
            "huyện Lộc Bình",
        ),
    ),
    ("Cao Bằng", False, ("thành phố Cao Bằng", "huyện Trùng Khánh", "huyện Hà Quảng", "huyện Bảo Lạc")),
    (
        "Hà Giang",
        False,
        (
            "thành phố Hà Giang",
            "huyện Đồng Văn",
            "huyện Mèo Vạc",
            "huyện Yên Minh",
            "huyện Vị Xuyên",
        ),
    ),
)

_DISTRICT_KINDS = ("thành phố ", "thị xã ", "quận ", "huyện ")
_DISTRICT_PARTY = {"thành phố ": "Thành ủy", "thị xã ": "Thị ủy", "quận ": "Quận ủy", "huyện ": "Huyện ủy"}


class _District:
    """A district-level unit: its written forms, its party committee word and some of its wards."""

    __slots__ = ("canon", "labels", "name", "party_word", "wards", "bare_ok")

    def __init__(self, canon: str, row: str, province_names: frozenset[str]) -> None:
        label, _, wards = row.partition(": ")
        kind = next(k for k in _DISTRICT_KINDS if label.startswith(k))
        self.canon = canon
        self.name = label[len(kind) :]
        # District-level cities are written both ways on ministry pages.
        self.labels = (label, f"TP. {self.name}") if kind == "thành phố " else (label,)
        self.party_word = _DISTRICT_PARTY[kind]
        self.wards = tuple(wards.split(", ")) if wards else ()
        # A bare district name equal to another province's name would make the truth ambiguous.
        self.bare_ok = self.name not in province_names or self.name == canon


class _Province:
    """A province or centrally-run city with the ways its name is written in each context."""

    __slots__ = ("canon", "city", "kw", "bare", "pref", "org", "party_word", "party", "districts", "warded")

    def __init__(self, canon: str, city: bool, rows: tuple[str, ...], names: frozenset[str]) -> None:
        self.canon = canon
        self.city = city
        self.kw = "thành phố" if city else "tỉnh"
        if canon == "Hồ Chí Minh":
            # The city is never written by its bare name: that would be the person.
            self.bare = ("TP. Hồ Chí Minh", "TP.HCM", "TPHCM", "Thành phố Hồ Chí Minh")
            self.pref = ("TP. Hồ Chí Minh", "TP.HCM", "Thành phố Hồ Chí Minh", "thành phố Hồ Chí Minh")
            self.org = ("TP. Hồ Chí Minh", "TP.HCM", "Thành phố Hồ Chí Minh")
            self.party = ("TP. Hồ Chí Minh", "TP.HCM")
        elif city:
            self.bare = (canon, canon, f"TP. {canon}")
            self.pref = (f"TP. {canon}", f"thành phố {canon}")
            self.org = (f"TP. {canon}", f"thành phố {canon}")
            self.party = (canon,)
        else:
            self.bare = (canon,)
            self.pref = (f"tỉnh {canon}",)
            self.org = (f"tỉnh {canon}",)
            self.party = (canon,)
        self.party_word = "Thành ủy" if city else "Tỉnh ủy"
        self.districts = tuple(_District(canon, r, names) for r in rows)
        self.warded = tuple(d for d in self.districts if d.wards) or self.districts


_NAMES = frozenset(row[0] for row in _PROVINCE_ROWS)
_PROVINCES: tuple[_Province, ...] = tuple(
    _Province(c, city, rows, _NAMES) for c, city, rows in _PROVINCE_ROWS
)
_BY_CANON = {p.canon: p for p in _PROVINCES}
# The two largest cities turn up in the news far more often than any province.
_PROVINCE_POOL = _PROVINCES + (_BY_CANON["Hà Nội"], _BY_CANON["Hồ Chí Minh"]) * 3
_LAOS_BORDER = tuple(
    _BY_CANON[n]
    for n in (
        "Điện Biên",
        "Sơn La",
        "Thanh Hóa",
        "Nghệ An",
        "Hà Tĩnh",
        "Quảng Bình",
        "Quảng Trị",
        "Thừa Thiên Huế",
        "Quảng Nam",
        "Kon Tum",
    )
)
_CAMBODIA_BORDER = tuple(
    _BY_CANON[n]
    for n in (
        "Kiên Giang",
        "An Giang",
        "Đồng Tháp",
        "Long An",
        "Tây Ninh",
        "Đắk Lắk",
        "Gia Lai",
        "Kon Tum",
    )
)
_CHINA_BORDER = tuple(
    _BY_CANON[n] for n in ("Quảng Ninh", "Lạng Sơn", "Cao Bằng", "Hà Giang", "Lào Cai", "Điện Biên")
)
_COASTAL = tuple(
    _BY_CANON[n]
    for n in (
        "Quảng Ninh",
        "Hải Phòng",
        "Thái Bình",
        "Nam Định",
        "Ninh Bình",
        "Thanh Hóa",
        "Nghệ An",
        "Hà Tĩnh",
        "Quảng Bình",
        "Quảng Trị",
        "Thừa Thiên Huế",
        "Đà Nẵng",
        "Quảng Nam",
        "Quảng Ngãi",
        "Bình Định",
        "Khánh Hòa",
    )
)


def _place_index() -> dict[str, frozenset[str]]:
    """Every place string the generator can write, mapped to the provinces it may belong to."""
    index: dict[str, set[str]] = {}
    for p in _PROVINCES:
        for s in (*p.bare, *p.pref, *p.org, *p.party):
            index.setdefault(s, set()).add(p.canon)
        for d in p.districts:
            for s in (*d.labels, *d.wards, *((d.name,) if d.bare_ok else ())):
                index.setdefault(s, set()).add(p.canon)
    return {k: frozenset(v) for k, v in index.items()}


# Exposed for the tests: which province each written place string belongs to.
_PLACE_PROVINCES: dict[str, frozenset[str]] = _place_index()

# Streets and organisations named after people: neither people nor places in the truth.
_STREETS = (
    "Trần Hưng Đạo",
    "Lý Thường Kiệt",
    "Nguyễn Trãi",
    "Quang Trung",
    "Lê Lợi",
    "Phan Chu Trinh",
    "Nguyễn Du",
)
_TRAP_ORGS = ("Học viện Chính trị quốc gia Hồ Chí Minh", "Đoàn TNCS Hồ Chí Minh")
_SCHOOLS = (
    "Trường THCS Nguyễn Du",
    "Trường Tiểu học Kim Đồng",
    "Trường THPT Trần Hưng Đạo",
    "Trường THCS Lý Tự Trọng",
)
