import pytest

from crawler.extract.text import clean_lines, clean_text, fold_tones


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hoà Bình", "Hòa Bình"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("Thuỵ Khuê", "Thụy Khuê"),
        ("hoàn thành", "hoàn thành"),  # the mark is on a, before the final consonant
        ("Quý, Quỳnh", "Quý, Quỳnh"),  # qu + vowel: no pair
        ("Hòa Bình", "Hòa Bình"),
    ],
)
def test_fold_tones_moves_marks_only_in_open_syllables(text, expected):
    assert fold_tones(text) == expected
    assert len(fold_tones(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a  b\u00a0 c\u200b d\t\te", "a b c d e"),
        ("  Đồng\u00a0Nai \n", "Đồng Nai"),
        ("Đoàn\u200b Văn", "Đoàn Văn"),
        ("Nguye\u0302\u0303n", "Nguyễn"),
    ],
)
def test_clean_text(text, expected):
    assert clean_text(text) == expected


def test_clean_lines_keeps_one_break_per_paragraph():
    assert clean_lines(" Một\u00a0 hai \n\n ba\u200b\n") == "Một hai\nba"
