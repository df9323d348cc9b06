"""Dates and date-times."""

import re
from datetime import date, datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from forms_builder.fieldtypes.base import FieldError, FieldType, register
from forms_builder.fieldtypes.basic import ARABIC_DIGITS

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@register
class DateType(FieldType):
    key = "date"
    verbose_name = gettext_lazy("Date")
    icon = "date"
    condition_operators = (*FieldType.condition_operators, "gt", "gte", "lt", "lte")

    def extra_blocks(self):
        return [
            ("not_in_future", blocks.BooleanBlock(required=False, label=gettext_lazy("not in the future"))),
            ("not_in_past", blocks.BooleanBlock(required=False, label=gettext_lazy("not in the past"))),
        ]

    def compile_params(self, value, ctx, key):
        if value.get("not_in_future") and value.get("not_in_past"):
            ctx.problem(key, _("a date cannot be both not in the future and not in the past"))
        return {
            "not_in_future": bool(value.get("not_in_future")),
            "not_in_past": bool(value.get("not_in_past")),
        }

    def json_schema(self, spec):
        return {"type": "string", "format": "date"}

    def _parse(self, raw):
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        if not isinstance(raw, str):  # 20260101 is a number, not a date
            return None
        text = raw.strip().translate(ARABIC_DIGITS)
        if not _ISO_DATE.fullmatch(text):
            return None
        try:
            return parse_date(text)
        except ValueError:
            return None

    def clean(self, spec, raw, ctx, path):
        value = self._parse(raw)
        if value is None:
            raise FieldError("invalid_date", _("Enter a valid date (YYYY-MM-DD)."))
        today = timezone.localdate()
        if spec.get("not_in_future") and value > today:
            raise FieldError("in_future", _("The date cannot be in the future."))
        if spec.get("not_in_past") and value < today:
            raise FieldError("in_past", _("The date cannot be in the past."))
        if value.year < 1900:
            raise FieldError("invalid_date", _("Enter a valid date (YYYY-MM-DD)."))
        return value.isoformat()

    def form_fields(self, spec, name, language):
        return {
            name: forms.CharField(
                widget=forms.DateInput(attrs={"type": "date"}), **self.common_form_kwargs(spec, language)
            )
        }

    def display(self, spec, value, language):
        parsed = parse_date(value) if isinstance(value, str) else None
        return date_format(parsed, "DATE_FORMAT") if parsed else ""


@register
class DateTimeType(DateType):
    key = "datetime"
    verbose_name = gettext_lazy("Date and time")
    icon = "time"

    def extra_blocks(self):
        return [
            ("not_in_future", blocks.BooleanBlock(required=False, label=gettext_lazy("not in the future")))
        ]

    def compile_params(self, value, ctx, key):
        return {"not_in_future": bool(value.get("not_in_future"))}

    def json_schema(self, spec):
        return {"type": "string", "format": "date-time"}

    def clean(self, spec, raw, ctx, path):
        value = None
        if isinstance(raw, datetime):
            value = raw
        elif isinstance(raw, str):
            try:
                value = parse_datetime(raw.strip().translate(ARABIC_DIGITS))
            except ValueError:
                value = None
        if value is None or value.year < 1900:
            raise FieldError("invalid_datetime", _("Enter a valid date and time."))
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        if spec.get("not_in_future") and value > timezone.now() + timedelta(minutes=5):
            raise FieldError("in_future", _("The date and time cannot be in the future."))
        return value.isoformat()

    def form_fields(self, spec, name, language):
        return {
            name: forms.CharField(
                widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                **self.common_form_kwargs(spec, language),
            )
        }

    def display(self, spec, value, language):
        parsed = parse_datetime(value) if isinstance(value, str) else None
        return date_format(timezone.localtime(parsed), "DATETIME_FORMAT") if parsed else ""
