"""Whole amounts written out in words, as a notice a court would accept states a fine: in Arabic (the
nominative, with the dual and the counted forms of thousand, million and billion) and in English. Up to
999,999,999,999."""

AR_UNITS = [
    "",
    "واحد",
    "اثنان",
    "ثلاثة",
    "أربعة",
    "خمسة",
    "ستة",
    "سبعة",
    "ثمانية",
    "تسعة",
    "عشرة",
    "أحد عشر",
    "اثنا عشر",
    "ثلاثة عشر",
    "أربعة عشر",
    "خمسة عشر",
    "ستة عشر",
    "سبعة عشر",
    "ثمانية عشر",
    "تسعة عشر",
]
AR_TENS = ["", "", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"]
AR_HUNDREDS = [
    "",
    "مائة",
    "مائتان",
    "ثلاثمائة",
    "أربعمائة",
    "خمسمائة",
    "ستمائة",
    "سبعمائة",
    "ثمانمائة",
    "تسعمائة",
]
# (one, two, three to ten, eleven to ninety-nine) of each scale
AR_SCALES = [
    ("ألف", "ألفان", "آلاف", "ألفاً"),
    ("مليون", "مليونان", "ملايين", "مليوناً"),
    ("مليار", "ملياران", "مليارات", "ملياراً"),
]
EN_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
EN_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
EN_SCALES = ["thousand", "million", "billion"]
LIMIT = 10**12


def _groups(number: int) -> list[int]:
    """Groups of three digits, the lowest first: 1234567 -> [567, 234, 1]."""
    groups = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    return groups


def _ar_below_thousand(number: int) -> str:
    hundreds, rest = divmod(number, 100)
    parts = [AR_HUNDREDS[hundreds]] if hundreds else []
    if rest < 20:
        parts += [AR_UNITS[rest]] if rest else []
    else:
        tens, unit = divmod(rest, 10)
        parts += [f"{AR_UNITS[unit]} و{AR_TENS[tens]}" if unit else AR_TENS[tens]]
    return " و".join(parts)


def _ar_scaled(group: int, scale: int) -> str:
    one, two, few, many = AR_SCALES[scale]
    if group == 1:
        return one
    if group == 2:
        return two
    last_two = group % 100
    if 3 <= last_two <= 10:
        noun = few
    elif last_two >= 11:
        noun = many
    else:  # a round hundred (مائة ألف) or one or two after hundreds (مائة واثنان ألف)
        noun = one
    return f"{_ar_below_thousand(group)} {noun}"


def _words(number: int, below_thousand, scaled, joiner: str) -> str:
    """The groups of three digits, highest first, each in words with its scale, joined."""
    parts = []
    for scale, group in reversed(list(enumerate(_groups(number)))):
        if group:
            parts.append(below_thousand(group) if scale == 0 else scaled(group, scale - 1))
    return joiner.join(parts)


def arabic_words(number: int) -> str:
    return _words(number, _ar_below_thousand, _ar_scaled, " و") if number else "صفر"


def _en_below_thousand(number: int) -> str:
    hundreds, rest = divmod(number, 100)
    if rest < 20:
        tail = EN_UNITS[rest] if rest else ""
    else:
        tens, unit = divmod(rest, 10)
        tail = f"{EN_TENS[tens]}-{EN_UNITS[unit]}" if unit else EN_TENS[tens]
    if not hundreds:
        return tail
    return f"{EN_UNITS[hundreds]} hundred" + (f" and {tail}" if tail else "")


def _en_scaled(group: int, scale: int) -> str:
    return f"{_en_below_thousand(group)} {EN_SCALES[scale]}"


def english_words(number: int) -> str:
    return _words(number, _en_below_thousand, _en_scaled, " ") if number else "zero"


def number_in_words(number, language: str) -> str:
    """``number`` (a whole, non-negative amount below a trillion) in words: Arabic for "ar", else English.
    Fractions are dropped (amounts in IQD are whole dinars)."""
    whole = int(number)
    if not 0 <= whole < LIMIT:
        raise ValueError(f"{number} is outside the amounts written in words (0 to {LIMIT - 1:,})")
    return arabic_words(whole) if str(language).startswith("ar") else english_words(whole)
