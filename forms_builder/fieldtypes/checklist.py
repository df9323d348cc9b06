"""The inspection checklist item: compliant / not compliant / not applicable, linked to a legal provision.

The type owns what its answers mean: a non-compliant answer is a finding (``ChecklistItemType.findings``)
that the case engine records as a violation.
"""

from copy import deepcopy

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from forms_builder.blocks import TranslatedTextBlock
from forms_builder.fieldtypes.base import FieldError, FieldType, Finding, register
from forms_builder.fieldtypes.files import clean_uploads, multiple_file_field

NON_COMPLIANT = "non_compliant"
EVIDENCE = "evidence"
EVIDENCE_RULES = {"allowed_types": ["jpg", "png", "webp", "heic"], "max_size_mb": 10, "max_files": 3}

SEVERITIES = [
    ("low", gettext_lazy("Low")),
    ("medium", gettext_lazy("Medium")),
    ("high", gettext_lazy("High")),
    ("critical", gettext_lazy("Critical")),
]
ANSWERS = {
    "compliant": gettext_lazy("Compliant"),
    "non_compliant": gettext_lazy("Not compliant"),
    "not_applicable": gettext_lazy("Not applicable"),
}


@register
class ChecklistItemType(FieldType):
    key = "checklist_item"
    verbose_name = gettext_lazy("Checklist item")
    icon = "tasks"
    is_assessed = True

    def extra_blocks(self):
        return [
            (
                "legal_provision",
                SnippetChooserBlock(
                    "registry.LegalProvision", required=False, label=gettext_lazy("legal provision")
                ),
            ),
            (
                "severity",
                blocks.ChoiceBlock(choices=SEVERITIES, default="medium", label=gettext_lazy("severity")),
            ),
            (
                "corrective_action",
                TranslatedTextBlock(
                    required=False, multiline=True, label=gettext_lazy("default corrective action")
                ),
            ),
            (
                "corrective_days",
                blocks.IntegerBlock(
                    required=False,
                    min_value=0,
                    max_value=365,
                    default=30,
                    label=gettext_lazy("days allowed to correct"),
                ),
            ),
            (
                "evidence",
                blocks.ChoiceBlock(
                    choices=[
                        ("none", gettext_lazy("no photo")),
                        ("optional", gettext_lazy("optional photo")),
                        ("required_if_non_compliant", gettext_lazy("photo required when not compliant")),
                    ],
                    default="optional",
                    label=gettext_lazy("evidence photo"),
                ),
            ),
            (
                "allow_not_applicable",
                blocks.BooleanBlock(
                    required=False, default=True, label=gettext_lazy("allow 'not applicable'")
                ),
            ),
        ]

    def compile_params(self, value, ctx, key):
        provision = value.get("legal_provision")
        if provision is None:
            ctx.problem(key, _("a checklist item needs a legal provision"))
            snapshot = None
        else:
            snapshot = {
                "key": provision.key,
                "article": provision.article,
                "title": dict(provision.title),
                "instrument": provision.instrument.key,
                "instrument_title": dict(provision.instrument.short_title or provision.instrument.title),
            }
        return {
            "provision": snapshot,
            "severity": value.get("severity") or "medium",
            "corrective_action": dict(value.get("corrective_action") or {}),
            "corrective_days": value.get("corrective_days"),
            "evidence": value.get("evidence") or "optional",
            "allow_not_applicable": bool(value.get("allow_not_applicable")),
        }

    def answers(self, spec) -> list[str]:
        answers = ["compliant", "non_compliant"]
        if spec.get("allow_not_applicable"):
            answers.append("not_applicable")
        return answers

    def json_schema(self, spec):
        return {
            "type": "object",
            "required": ["answer"],
            "additionalProperties": False,
            "properties": {
                "answer": {"type": "string", "enum": self.answers(spec)},
                "note": {"type": "string", "maxLength": 2000},
            },
        }

    def is_empty(self, raw):
        if isinstance(raw, dict):
            return not raw.get("answer")
        return super().is_empty(raw)

    def clean(self, spec, raw, ctx, path):
        if isinstance(raw, str):
            raw = {"answer": raw}
        if not isinstance(raw, dict) or set(raw) - {"answer", "note"}:
            raise FieldError("invalid", _("Choose compliant, not compliant or not applicable."))
        answer = raw.get("answer")
        if answer not in self.answers(spec):
            raise FieldError("invalid_choice", _("Choose compliant, not compliant or not applicable."))
        note = raw.get("note") or ""
        if not isinstance(note, str) or len(note) > 2000:
            raise FieldError("max_length", _("Enter at most %(n)d characters.") % {"n": 2000}, subpath="note")
        evidence_path = f"{path}.evidence"
        uploads = ctx.files.get(evidence_path) or []
        if spec.get("evidence") == "none" and uploads:
            raise FieldError("unexpected_file", _("No photo is expected here."), subpath="evidence")
        if spec.get("evidence") == "required_if_non_compliant" and answer == NON_COMPLIANT and not uploads:
            raise FieldError("evidence_required", _("Add a photo as evidence."), subpath="evidence")
        descriptors = clean_uploads(EVIDENCE_RULES, uploads, ctx, evidence_path, subpath="evidence")
        value = {"answer": answer, "note": note.strip()}
        if descriptors:
            value["evidence"] = descriptors
        return value

    def condition_value(self, value):
        return value.get("answer") if isinstance(value, dict) else value

    def form_fields(self, spec, name, language):
        choices = [(a, ANSWERS[a]) for a in self.answers(spec)]
        fields = {
            name: forms.ChoiceField(
                choices=choices, widget=forms.RadioSelect, **self.common_form_kwargs(spec, language)
            ),
            f"{name}__note": forms.CharField(
                label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
            ),
        }
        if spec.get("evidence") != "none":
            fields[f"{name}__evidence"] = multiple_file_field(
                accept="image/*", label=_("Photos (up to 3)"), required=False
            )
        return fields

    def form_files(self, spec, name, path, files):
        evidence = [f for f in files.getlist(f"{name}__evidence") if f] if files else []
        return {f"{path}.evidence": evidence} if evidence else {}

    def form_raw(self, spec, name, data, files):
        answer = data.get(name)
        return {"answer": answer, "note": data.get(f"{name}__note") or ""} if answer else None

    def display(self, spec, value, language):
        if not isinstance(value, dict):
            return ""
        text = str(ANSWERS.get(value.get("answer"), value.get("answer")))
        return f"{text} — {value['note']}" if value.get("note") else text

    def file_subpaths(self, spec):
        return (EVIDENCE,)

    def findings(self, spec, value, path):
        """A non-compliant answer is a finding, with the item's provision, severity and time to correct."""
        if not isinstance(value, dict) or value.get("answer") != NON_COMPLIANT:
            return []
        provision = spec.get("provision")
        return [
            Finding(
                key=spec["key"],
                path=path,
                label=dict(spec["label"]),
                answer=NON_COMPLIANT,
                note=value.get("note", ""),
                provision_key=(provision or {}).get("key"),
                provision=deepcopy(provision),
                severity=spec.get("severity") or "medium",
                corrective_action=dict(spec.get("corrective_action") or {}),
                corrective_days=spec.get("corrective_days"),
            )
        ]

    def outcome(self, value):
        answer = value.get("answer") if isinstance(value, dict) else None
        return answer if answer in ANSWERS else None

    def answer(self, answer: str, note: str = "") -> dict:
        """An answer in the shape this type stores (for generated data: demonstrations, tests)."""
        return {"answer": answer, "note": note} if note else {"answer": answer}
