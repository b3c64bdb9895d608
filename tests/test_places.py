"""Places: written forms, districts and wards, and the province before and after the July 2025 merger."""

from __future__ import annotations

from datetime import date

import pytest

from crawler.extract.places import find_places

BEFORE, AFTER = date(2024, 5, 1), date(2025, 9, 1)


def provinces(text: str, on: date | None = BEFORE) -> list[tuple[str, str | None, str | None]]:
    return [(p.name, p.province, p.province_now) for p in find_places(text, on)]


@pytest.mark.parametrize(
    ("written", "province"),
    [
        ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
        ("TP.HCM", "Hồ Chí Minh"),
        ("TPHCM", "Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("Hà Nội", "Hà Nội"),
        ("Thủ đô Hà Nội", "Hà Nội"),
        ("tỉnh Đồng Nai", "Đồng Nai"),
        ("Đồng Nai", "Đồng Nai"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("tỉnh Thừa Thiên Huế", "Huế"),
        ("Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("tỉnh Đăk Lăk", "Đắk Lắk"),
    ],
)
def test_written_forms_of_a_province(written, province):
    found = find_places(f"Đoàn công tác đến làm việc tại {written} trong hai ngày.", BEFORE)
    assert [(p.name, p.province, p.kind) for p in found] == [(written, province, "province")]


@pytest.mark.parametrize(
    "text",
    [
        "Học viện Chính trị quốc gia Hồ Chí Minh tổ chức lễ khai giảng.",
        "Đoàn TNCS Hồ Chí Minh phát động phong trào.",
        "Cửa hàng số 15 Trần Hưng Đạo bị cháy.",
        "Ông Nguyễn Thái Bình, Trưởng Công an xã, cho biết.",
        "Hai bên thống nhất tăng cường hợp tác với Lào và Campuchia.",
    ],
)
def test_names_that_are_not_places(text):
    assert [p.province for p in find_places(text, BEFORE) if p.kind == "province"] == []


def test_a_district_named_like_a_province_is_the_district():
    assert provinces("huyện Quảng Ninh, tỉnh Quảng Bình") == [
        ("huyện Quảng Ninh", "Quảng Bình", "Quảng Trị"),
        ("tỉnh Quảng Bình", "Quảng Bình", "Quảng Trị"),
    ]


def test_districts_and_wards_resolve_to_their_province():
    assert provinces("quận Ba Đình, phường Quán Thánh và huyện Lục Nam") == [
        ("quận Ba Đình", "Hà Nội", "Hà Nội"),
        ("phường Quán Thánh", "Hà Nội", "Hà Nội"),
        ("huyện Lục Nam", "Bắc Giang", "Bắc Ninh"),
    ]


def test_an_ambiguous_district_needs_its_province_named():
    assert provinces("huyện Châu Thành")[0][1] is None
    assert provinces("huyện Châu Thành, tỉnh Tiền Giang")[0][1] == "Tiền Giang"


def test_the_province_meant_depends_on_the_article_date():
    assert provinces("tỉnh Bình Dương", BEFORE) == [("tỉnh Bình Dương", "Bình Dương", "Hồ Chí Minh")]
    assert provinces("tỉnh Bình Dương", AFTER) == [("tỉnh Bình Dương", "Hồ Chí Minh", "Hồ Chí Minh")]
    assert provinces("phường Ba Đình, Hà Nội", AFTER)[0] == ("phường Ba Đình", "Hà Nội", "Hà Nội")


def test_a_place_inside_an_organisation_name_counts():
    assert provinces("Công an tỉnh Quảng Ninh và Thành ủy TP. Đà Nẵng") == [
        ("tỉnh Quảng Ninh", "Quảng Ninh", "Quảng Ninh"),
        ("TP. Đà Nẵng", "Đà Nẵng", "Đà Nẵng"),
    ]
