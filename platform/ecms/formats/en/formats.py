"""English short formats: day first, as dates are written in Iraq, so that a notice or a report reads the
same in both languages (Django's English locale writes the American month first: 03/04 is 4 March there)."""

SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
