"""Arabic short formats: day first, as dates are written in Iraq (Django's Arabic locale has none, so it
fell back to the American month first, and 03/04 was read the wrong way)."""

SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
