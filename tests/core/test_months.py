"""Dates in Arabic use the month names of Iraq (كانون الثاني, شباط ...), not Django's Egyptian ones."""

from datetime import date

from django.utils import dateformat, translation


def test_arabic_dates_name_the_months_as_iraq_does():
    year = date.today().year
    with translation.override("ar"):
        january = dateformat.format(date(year, 1, 15), "j F Y")
        december = dateformat.format(date(year, 12, 3), "j E Y")
    assert january == f"15 كانون الثاني {year}" and "يناير" not in january
    assert december == f"3 كانون الأول {year}"
    with translation.override("en"):
        assert dateformat.format(date(year, 1, 15), "j F Y") == f"15 January {year}"
