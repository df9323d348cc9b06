"""A bilingual text field: stored as ``{"ar": ..., "en": ...}``, edited as one input per language."""

from django import forms
from django.db import models
from django.utils.translation import get_language_bidi, get_language_info
from django.utils.translation import gettext_lazy as _

from core.i18n import language_codes


class TranslatedTextWidget(forms.MultiWidget):
    template_name = "ecms/widgets/translated_text.html"

    def __init__(self, *, multiline: bool = False, attrs=None):
        base = forms.Textarea(attrs={"rows": 3}) if multiline else forms.TextInput()
        widgets = {}
        for code in language_codes():
            info = get_language_info(code)
            widget = type(base)(attrs={**base.attrs, "lang": code, "dir": "rtl" if info["bidi"] else "ltr"})
            widgets[code] = widget
        super().__init__(widgets, attrs)

    def decompress(self, value):
        value = value if isinstance(value, dict) else {}
        return [value.get(code, "") for code in language_codes()]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, code in zip(context["widget"]["subwidgets"], language_codes(), strict=True):
            subwidget["language_name"] = get_language_info(code)["name_local"]
            subwidget["language_code"] = code
        context["widget"]["page_bidi"] = get_language_bidi()
        return context


class TranslatedTextFormField(forms.MultiValueField):
    """Every configured language is required when the field is required."""

    def __init__(self, *, multiline: bool = False, max_length: int | None = None, **kwargs):
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        fields = [
            forms.CharField(max_length=max_length, required=False, strip=True) for _c in language_codes()
        ]
        kwargs.setdefault("widget", TranslatedTextWidget(multiline=multiline))
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def clean(self, value):
        cleaned = super().clean(value)
        if self.required:
            missing = [code for code in language_codes() if not (cleaned or {}).get(code)]
            if missing:
                names = ", ".join(str(get_language_info(code)["name_local"]) for code in missing)
                raise forms.ValidationError(
                    _("Enter the text in every language (missing: %(names)s)."),
                    code="missing_translation",
                    params={"names": names},
                )
        return cleaned

    def compress(self, data_list):
        data_list = data_list or [""] * len(language_codes())
        return {code: (text or "") for code, text in zip(language_codes(), data_list, strict=True)}


class TranslatedTextField(models.JSONField):
    """A model field holding one text per configured language."""

    def __init__(self, *args, multiline: bool = False, **kwargs):
        self.multiline = multiline
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.multiline:
            kwargs["multiline"] = True
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return TranslatedTextFormField(
            multiline=self.multiline,
            max_length=self.max_length,
            required=not self.blank,
            label=kwargs.get("label", self.verbose_name),
            help_text=kwargs.get("help_text", self.help_text),
        )
