import unicodedata

import pytest

from crawler.extract.encoding import decode_html
from crawler.replica.pages import to_windows_1258

TEXT = "Thiếu tướng Nguyễn Văn Thành, Giám đốc Công an tỉnh Đồng Nai, phát biểu ở Đà Nẵng"


def page(charset_meta: str | None, text: str = TEXT) -> str:
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    return f"<html><head>{meta}</head><body><p>{text}</p></body></html>"


def test_windows_1258_page_is_decoded_and_composed():
    body = to_windows_1258(page("windows-1258"))
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    text, codec = decode_html(body, "text/html; charset=windows-1258")
    assert codec == "cp1258"
    assert TEXT in text and unicodedata.is_normalized("NFC", text)


def test_windows_1258_declared_only_in_meta():
    text, codec = decode_html(to_windows_1258(page("windows-1258")), "text/html")
    assert codec == "cp1258" and TEXT in text


@pytest.mark.parametrize("header", ["text/html; charset=iso-8859-1", "text/html; charset=windows-1252", None])
def test_utf8_body_wins_over_a_wrong_header(header):
    text, codec = decode_html(page(None).encode("utf-8"), header)
    assert codec == "utf-8" and TEXT in text


def test_utf8_bom_and_decomposed_input_come_out_nfc():
    body = b"\xef\xbb\xbf" + unicodedata.normalize("NFD", page("utf-8")).encode("utf-8")
    text, _ = decode_html(body)
    assert TEXT in text


def test_undeclared_single_byte_page_falls_back_to_windows_1258():
    text, codec = decode_html(to_windows_1258(page(None)), None)
    assert codec == "cp1258" and TEXT in text
