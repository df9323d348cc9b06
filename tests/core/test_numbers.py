"""Amounts in words for notices, in Arabic and English, up to billions."""

import pytest

from core.numbers import number_in_words


@pytest.mark.parametrize(
    ("number", "arabic"),
    [
        (0, "صفر"),
        (1, "واحد"),
        (2, "اثنان"),
        (11, "أحد عشر"),
        (12, "اثنا عشر"),
        (20, "عشرون"),
        (21, "واحد وعشرون"),
        (100, "مائة"),
        (125, "مائة وخمسة وعشرون"),
        (200, "مائتان"),
        (1000, "ألف"),
        (1500, "ألف وخمسمائة"),
        (2000, "ألفان"),
        (3000, "ثلاثة آلاف"),
        (10000, "عشرة آلاف"),
        (15000, "خمسة عشر ألفاً"),
        (100000, "مائة ألف"),
        (250000, "مائتان وخمسون ألفاً"),
        (1000000, "مليون"),
        (2500000, "مليونان وخمسمائة ألف"),
        (7000000, "سبعة ملايين"),
        (1250000000, "مليار ومائتان وخمسون مليوناً"),
        (3000000000, "ثلاثة مليارات"),
        (
            999999999999,
            "تسعمائة وتسعة وتسعون ملياراً وتسعمائة وتسعة وتسعون مليوناً وتسعمائة وتسعة وتسعون "
            "ألفاً وتسعمائة وتسعة وتسعون",
        ),
    ],
)
def test_arabic(number, arabic):
    assert number_in_words(number, "ar") == arabic


@pytest.mark.parametrize(
    ("number", "english"),
    [
        (0, "zero"),
        (7, "seven"),
        (21, "twenty-one"),
        (100, "one hundred"),
        (125, "one hundred and twenty-five"),
        (1500, "one thousand five hundred"),
        (2500000, "two million five hundred thousand"),
        (1250000000, "one billion two hundred and fifty million"),
        (3000000000, "three billion"),
        (1000001, "one million one"),
    ],
)
def test_english(number, english):
    assert number_in_words(number, "en") == english


def test_fractions_are_dropped_and_out_of_range_is_refused():
    from decimal import Decimal

    assert number_in_words(Decimal("1500.00"), "en") == "one thousand five hundred"
    with pytest.raises(ValueError):
        number_in_words(-1, "en")
    with pytest.raises(ValueError):
        number_in_words(10**12, "ar")
