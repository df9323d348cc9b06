"""Text, numbers, e-mail, telephone and yes/no (dates are in ``dates``)."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from core.i18n import localize
from forms_builder.blocks import TranslatedTextBlock
from forms_builder.conditions import TRUE_WORDS
from forms_builder.fieldtypes.base import CompileContext, FieldError, FieldType, ValidationContext, register


def _int_or_none(value):
    return None if value in (None, "") else int(value)


def _num_or_none(value):
    return None if value in (None, "") else float(value)


@register
class TextType(FieldType):
    key = "text"
    verbose_name = gettext_lazy("Text")
    icon = "title"
    multiline = False

    def extra_blocks(self):
        return [
            (
                "min_length",
                blocks.IntegerBlock(required=False, min_value=0, label=gettext_lazy("minimum length")),
            ),
            (
                "max_length",
                blocks.IntegerBlock(
                    required=False, min_value=1, max_value=10000, label=gettext_lazy("maximum length")
                ),
            ),
            ("pattern", blocks.CharBlock(required=False, label=gettext_lazy("pattern (regular expression)"))),
            (
                "pattern_message",
                TranslatedTextBlock(
                    required=False, label=gettext_lazy("message when the pattern does not match")
                ),
            ),
        ]

    def compile_params(self, value, ctx: CompileContext, key):
        params = {
            "min_length": _int_or_none(value.get("min_length")),
            "max_length": _int_or_none(value.get("max_length")) or (5000 if self.multiline else 500),
            "pattern": value.get("pattern") or None,
            "pattern_message": dict(value.get("pattern_message") or {}),
        }
        if params["pattern"]:
            try:
                re.compile(params["pattern"])
            except re.error as exc:
                ctx.problem(
                    key, _("the pattern is not a valid regular expression (%(error)s)") % {"error": exc}
                )
        if params["min_length"] and params["max_length"] and params["min_length"] > params["max_length"]:
            ctx.problem(key, _("the minimum length is greater than the maximum length"))
        return params

    def json_schema(self, spec):
        schema = {"type": "string", "maxLength": spec["max_length"]}
        if spec.get("min_length"):
            schema["minLength"] = spec["min_length"]
        if spec.get("pattern"):
            schema["pattern"] = spec["pattern"]
        return schema

    def clean(self, spec, raw, ctx: ValidationContext, path):
        if not isinstance(raw, str):  # 5 is not text: no lax coercion of JSON types
            raise FieldError("invalid_type", _("Enter text."))
        value = str(raw).strip()
        if "\x00" in value:
            raise FieldError("invalid", _("The text contains characters that are not allowed."))
        if spec.get("min_length") and len(value) < spec["min_length"]:
            raise FieldError("min_length", _("Enter at least %(n)d characters.") % {"n": spec["min_length"]})
        if spec.get("max_length") and len(value) > spec["max_length"]:
            raise FieldError("max_length", _("Enter at most %(n)d characters.") % {"n": spec["max_length"]})
        if spec.get("pattern") and not re.fullmatch(spec["pattern"], value):
            message = localize(spec.get("pattern_message"), ctx.language) or _(
                "Enter a value in the right format."
            )
            raise FieldError("pattern", message)
        return value

    def form_fields(self, spec, name, language):
        widget = forms.Textarea(attrs={"rows": 5}) if self.multiline else forms.TextInput()
        return {
            name: forms.CharField(
                widget=widget, max_length=spec.get("max_length"), **self.common_form_kwargs(spec, language)
            )
        }


@register
class LongTextType(TextType):
    key = "long_text"
    verbose_name = gettext_lazy("Long text")
    icon = "pilcrow"
    multiline = True


@register
class NumberType(FieldType):
    key = "number"
    verbose_name = gettext_lazy("Number")
    icon = "decimal"
    condition_operators = (*FieldType.condition_operators, "gt", "gte", "lt", "lte")

    def extra_blocks(self):
        return [
            ("min_value", blocks.FloatBlock(required=False, label=gettext_lazy("minimum"))),
            ("max_value", blocks.FloatBlock(required=False, label=gettext_lazy("maximum"))),
            (
                "integer_only",
                blocks.BooleanBlock(required=False, default=True, label=gettext_lazy("whole numbers only")),
            ),
            (
                "unit",
                TranslatedTextBlock(
                    required=False,
                    label=gettext_lazy("unit"),
                    help_text=gettext_lazy("e.g. days, IQD, workers"),
                ),
            ),
        ]

    def compile_params(self, value, ctx, key):
        params = {
            "min_value": _num_or_none(value.get("min_value")),
            "max_value": _num_or_none(value.get("max_value")),
            "integer_only": bool(value.get("integer_only")),
            "unit": dict(value.get("unit") or {}),
        }
        if (
            params["min_value"] is not None
            and params["max_value"] is not None
            and params["min_value"] > params["max_value"]
        ):
            ctx.problem(key, _("the minimum is greater than the maximum"))
        return params

    def json_schema(self, spec):
        schema = {"type": "integer" if spec.get("integer_only") else "number"}
        if spec.get("min_value") is not None:
            schema["minimum"] = spec["min_value"]
        if spec.get("max_value") is not None:
            schema["maximum"] = spec["max_value"]
        return schema

    def clean(self, spec, raw, ctx, path):
        if isinstance(raw, bool):
            raise FieldError("invalid_type", _("Enter a number."))
        try:
            number = Decimal(str(raw).strip().replace("٫", ".").translate(ARABIC_DIGITS))
        except (InvalidOperation, ValueError):
            raise FieldError("invalid_type", _("Enter a number.")) from None
        if not number.is_finite():
            raise FieldError("invalid_type", _("Enter a number."))
        if spec.get("integer_only") and number != number.to_integral_value():
            raise FieldError("not_integer", _("Enter a whole number."))
        if spec.get("min_value") is not None and number < Decimal(str(spec["min_value"])):
            raise FieldError(
                "min_value", _("Enter a number of at least %(n)s.") % {"n": _fmt(spec["min_value"])}
            )
        if spec.get("max_value") is not None and number > Decimal(str(spec["max_value"])):
            raise FieldError(
                "max_value", _("Enter a number of at most %(n)s.") % {"n": _fmt(spec["max_value"])}
            )
        if abs(number) > Decimal("1e15"):
            raise FieldError("max_value", _("The number is too large."))
        return int(number) if spec.get("integer_only") else float(number)

    def form_fields(self, spec, name, language):
        attrs = {"inputmode": "numeric" if spec.get("integer_only") else "decimal"}
        return {
            name: forms.CharField(
                widget=forms.TextInput(attrs=attrs), **self.common_form_kwargs(spec, language)
            )
        }

    def display(self, spec, value, language):
        if value in (None, ""):
            return ""
        unit = localize(spec.get("unit"), language)
        return f"{_fmt(value)} {unit}".strip()


ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _fmt(number) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


@register
class EmailType(FieldType):
    key = "email"
    verbose_name = gettext_lazy("E-mail address")
    icon = "mail"

    def json_schema(self, spec):
        return {"type": "string", "format": "email", "maxLength": 254}

    def clean(self, spec, raw, ctx, path):
        value = str(raw).strip() if isinstance(raw, str) else None
        try:
            if value is None or len(value) > 254:
                raise ValidationError("invalid")
            validate_email(value)
        except ValidationError:
            raise FieldError("invalid_email", _("Enter a valid e-mail address.")) from None
        return value

    def form_fields(self, spec, name, language):
        return {name: forms.CharField(widget=forms.EmailInput(), **self.common_form_kwargs(spec, language))}


PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()-]{5,24}$")


@register
class PhoneType(FieldType):
    key = "phone"
    verbose_name = gettext_lazy("Telephone")
    icon = "mobile-alt"

    def json_schema(self, spec):
        return {"type": "string", "pattern": PHONE_PATTERN.pattern}

    def clean(self, spec, raw, ctx, path):
        value = raw.strip().translate(ARABIC_DIGITS) if isinstance(raw, str) else ""
        digits = re.sub(r"\D", "", value)
        if not PHONE_PATTERN.match(value) or not 6 <= len(digits) <= 15:
            raise FieldError(
                "invalid_phone", _("Enter a telephone number of 6 to 15 digits, e.g. 07701234567.")
            )
        return value

    def form_fields(self, spec, name, language):
        return {
            name: forms.CharField(
                widget=forms.TextInput(attrs={"type": "tel", "dir": "ltr"}),
                **self.common_form_kwargs(spec, language),
            )
        }


@register
class YesNoType(FieldType):
    key = "yes_no"
    verbose_name = gettext_lazy("Yes / no")
    icon = "tick-inverse"

    TRUE = {"yes", "true", "1", "on"}
    FALSE = {"no", "false", "0", "off"}

    def json_schema(self, spec):
        return {"type": "boolean"}

    def is_empty(self, raw):
        return raw is None or (isinstance(raw, str) and raw.strip() == "")

    def clean(self, spec, raw, ctx, path):
        if isinstance(raw, bool):
            return raw
        if not isinstance(raw, str):  # 1 is a number, not an answer
            raise FieldError("invalid_choice", _("Answer yes or no."))
        text = raw.strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise FieldError("invalid_choice", _("Answer yes or no."))

    def form_fields(self, spec, name, language):
        return {
            name: forms.ChoiceField(
                choices=[("yes", _("Yes")), ("no", _("No"))],
                widget=forms.RadioSelect,
                **self.common_form_kwargs(spec, language),
            )
        }

    def display(self, spec, value, language):
        if value is None:
            return ""
        return _("Yes") if value else _("No")

    def condition_value_text(self, spec, value, language):
        return _("Yes") if str(value).lower() in TRUE_WORDS else _("No")
