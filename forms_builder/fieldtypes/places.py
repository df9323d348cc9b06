"""Location (latitude/longitude) and establishment lookup."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from forms_builder.fieldtypes.base import FieldError, FieldType, register
from registry.models import Establishment


@register
class LocationType(FieldType):
    key = "location"
    verbose_name = gettext_lazy("Location (map point)")
    icon = "globe"
    condition_operators = ("is_empty", "is_not_empty")

    def json_schema(self, spec):
        return {
            "type": "object",
            "required": ["lat", "lng"],
            "additionalProperties": False,
            "properties": {
                "lat": {"type": "number", "minimum": -90, "maximum": 90},
                "lng": {"type": "number", "minimum": -180, "maximum": 180},
            },
        }

    def is_empty(self, raw):
        return not isinstance(raw, dict) or all(raw.get(k) in (None, "") for k in ("lat", "lng"))

    def clean(self, spec, raw, ctx, path):
        if not isinstance(raw, dict) or set(raw) - {"lat", "lng"}:
            raise FieldError("invalid", _("Enter a latitude and a longitude."))
        values = {}
        for part, limit in (("lat", 90), ("lng", 180)):
            try:
                number = Decimal(str(raw.get(part)).strip())
            except (InvalidOperation, ValueError):
                raise FieldError("invalid", _("Enter a latitude and a longitude."), subpath=part) from None
            if not number.is_finite() or not -limit <= number <= limit:
                raise FieldError("out_of_range", _("The coordinates are out of range."), subpath=part)
            values[part] = round(float(number), 6)
        return values

    def form_fields(self, spec, name, language):
        kwargs = self.common_form_kwargs(spec, language)
        label = kwargs.pop("label")
        return {
            f"{name}__lat": forms.CharField(
                label=f"{label} — {_('latitude')}",
                widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr", "data-location": "lat"}),
                **kwargs,
            ),
            f"{name}__lng": forms.CharField(
                label=f"{label} — {_('longitude')}",
                required=False,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr", "data-location": "lng"}),
            ),
        }

    def form_raw(self, spec, name, data, files):
        lat, lng = data.get(f"{name}__lat"), data.get(f"{name}__lng")
        return None if lat in (None, "") and lng in (None, "") else {"lat": lat, "lng": lng}

    def error_form_field(self, name, subpath):
        return f"{name}__{subpath or 'lat'}"

    def display(self, spec, value, language):
        return f"{value['lat']}, {value['lng']}" if isinstance(value, dict) else ""


@register
class EstablishmentType(FieldType):
    key = "establishment"
    verbose_name = gettext_lazy("Establishment (employer)")
    icon = "home"
    condition_operators = ("is_empty", "is_not_empty")

    def extra_blocks(self):
        return [
            (
                "allow_unregistered",
                blocks.BooleanBlock(
                    required=False,
                    default=True,
                    label=gettext_lazy("accept an establishment not in the registry"),
                ),
            )
        ]

    def compile_params(self, value, ctx, key):
        return {"allow_unregistered": bool(value.get("allow_unregistered"))}

    def json_schema(self, spec):
        return {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "id": {"type": ["integer", "null"]},
                "name": {"type": "string", "maxLength": 255},
                "address": {"type": "string", "maxLength": 500},
            },
        }

    def is_empty(self, raw):
        return not isinstance(raw, dict) or (not raw.get("id") and not str(raw.get("name") or "").strip())

    def clean(self, spec, raw, ctx, path):
        if not isinstance(raw, dict) or set(raw) - {"id", "name", "address"}:
            raise FieldError("invalid", _("Choose an establishment or enter its name."))
        if raw.get("id") not in (None, ""):
            try:
                establishment = Establishment.objects.filter(pk=int(raw["id"]), is_active=True).first()
            except (TypeError, ValueError):
                establishment = None
            if establishment is None:
                raise FieldError("unknown_establishment", _("This establishment is not in the registry."))
            return {"id": establishment.pk, "name": establishment.name}
        if not spec.get("allow_unregistered"):
            raise FieldError("unknown_establishment", _("Choose an establishment from the registry."))
        name = str(raw.get("name") or "").strip()
        address = str(raw.get("address") or "").strip()
        if not name:
            raise FieldError("required", _("Enter the establishment's name."), subpath="name")
        if len(name) > 255 or len(address) > 500:
            raise FieldError("max_length", _("The name or address is too long."), subpath="name")
        return {"id": None, "name": name, "address": address}

    def form_fields(self, spec, name, language):
        kwargs = self.common_form_kwargs(spec, language)
        label = kwargs.pop("label")
        return {
            f"{name}__name": forms.CharField(
                label=label,
                max_length=255,
                widget=forms.TextInput(
                    attrs={"autocomplete": "organization", "data-establishment-lookup": name}
                ),
                **kwargs,
            ),
            f"{name}__address": forms.CharField(
                label=_("Address of the workplace"), max_length=500, required=False
            ),
            f"{name}__id": forms.CharField(required=False, widget=forms.HiddenInput),
        }

    def form_raw(self, spec, name, data, files):
        raw = {
            "id": data.get(f"{name}__id") or None,
            "name": data.get(f"{name}__name") or "",
            "address": data.get(f"{name}__address") or "",
        }
        return None if self.is_empty(raw) else raw

    def error_form_field(self, name, subpath):
        return f"{name}__name"

    def display(self, spec, value, language):
        if not isinstance(value, dict):
            return ""
        return " — ".join(part for part in (value.get("name"), value.get("address")) if part)
