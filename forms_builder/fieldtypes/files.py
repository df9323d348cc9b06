"""File and photo uploads: the type is sniffed from the content, never trusted from the name."""

import os

import filetype
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from forms_builder.fieldtypes.base import FieldError, FieldType, register

FILE_TYPES = {
    "pdf": gettext_lazy("PDF document"),
    "jpg": gettext_lazy("JPEG photo"),
    "png": gettext_lazy("PNG image"),
    "webp": gettext_lazy("WebP image"),
    "heic": gettext_lazy("HEIC photo"),
    "docx": gettext_lazy("Word document (.docx)"),
    "xlsx": gettext_lazy("Excel workbook (.xlsx)"),
    "odt": gettext_lazy("OpenDocument text"),
    "mp4": gettext_lazy("MP4 video"),
    "mp3": gettext_lazy("MP3 audio"),
    "m4a": gettext_lazy("M4A audio"),
}
MAX_SIZE_MB = 50


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that sends every file chosen (the field's answer is a list)."""

    allow_multiple_selected = True


def multiple_file_field(*, accept: str, **kwargs) -> forms.FileField:
    """A file field taking several files; the forms validator checks count, size and type."""
    field = forms.FileField(widget=MultipleFileInput(attrs={"accept": accept}), **kwargs)
    field.clean = lambda data, initial=None: data
    return field


def sniff_extension(upload) -> str | None:
    """The file's real type from its first bytes (None if unknown)."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(position)
    kind = filetype.guess(head)
    return kind.extension if kind else None


def clean_uploads(spec, uploads, ctx, path, *, subpath=None) -> list[dict]:
    """Check count, size and sniffed type; remember the files for the caller; return their descriptors."""
    uploads = [u for u in uploads or [] if u is not None]
    if len(uploads) > (spec.get("max_files") or 1):
        raise FieldError(
            "too_many_files",
            _("Attach at most %(n)d files.") % {"n": spec.get("max_files") or 1},
            subpath=subpath,
        )
    max_bytes = int((spec.get("max_size_mb") or 10) * 1024 * 1024)
    allowed = set(spec.get("allowed_types") or [])
    descriptors = []
    for upload in uploads:
        if upload.size > max_bytes:
            raise FieldError(
                "file_too_large",
                _("Each file must be at most %(n)s MB.") % {"n": spec["max_size_mb"]},
                subpath=subpath,
            )
        if upload.size == 0:
            raise FieldError("empty_file", _("The file is empty."), subpath=subpath)
        extension = sniff_extension(upload)
        if extension == "jpeg":
            extension = "jpg"
        if extension not in allowed:
            names = ", ".join(sorted(allowed))
            raise FieldError(
                "file_type",
                _("This type of file is not accepted. Accepted: %(types)s.") % {"types": names},
                subpath=subpath,
            )
        descriptors.append(
            {"name": os.path.basename(upload.name or "file")[:200], "size": upload.size, "type": extension}
        )
    if uploads:
        ctx.cleaned_files[path] = uploads
    return descriptors


@register
class FileType(FieldType):
    key = "file"
    verbose_name = gettext_lazy("File or photo")
    icon = "doc-full"

    def extra_blocks(self):
        return [
            (
                "allowed_types",
                blocks.MultipleChoiceBlock(
                    choices=list(FILE_TYPES.items()),
                    default=["pdf", "jpg", "png"],
                    label=gettext_lazy("accepted types"),
                ),
            ),
            (
                "max_size_mb",
                blocks.IntegerBlock(
                    min_value=1,
                    max_value=MAX_SIZE_MB,
                    default=10,
                    label=gettext_lazy("maximum size per file (MB)"),
                ),
            ),
            (
                "max_files",
                blocks.IntegerBlock(
                    min_value=1, max_value=10, default=1, label=gettext_lazy("maximum number of files")
                ),
            ),
        ]

    def compile_params(self, value, ctx, key):
        allowed = [t for t in value.get("allowed_types") or [] if t in FILE_TYPES]
        if not allowed:
            ctx.problem(key, _("a file field needs at least one accepted type"))
        return {
            "allowed_types": allowed,
            "max_size_mb": min(value.get("max_size_mb") or 10, MAX_SIZE_MB),
            "max_files": value.get("max_files") or 1,
        }

    def json_schema(self, spec):
        return {
            "type": "array",
            "maxItems": spec["max_files"],
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "size": {"type": "integer"},
                    "type": {"type": "string"},
                },
            },
        }

    def get_raw(self, spec, data, ctx, path):
        return ctx.files.get(path) or []

    def is_empty(self, raw):
        return not raw

    def clean(self, spec, raw, ctx, path):
        return clean_uploads(spec, raw, ctx, path)

    def form_fields(self, spec, name, language):
        accept = ",".join(f".{t}" for t in spec["allowed_types"])
        if spec.get("max_files", 1) > 1:
            return {name: multiple_file_field(accept=accept, **self.common_form_kwargs(spec, language))}
        widget = forms.ClearableFileInput(attrs={"accept": accept})
        return {name: forms.FileField(widget=widget, **self.common_form_kwargs(spec, language))}

    def form_files(self, spec, name, path, files):
        uploaded = files.getlist(name) if hasattr(files, "getlist") else files.get(name)
        if uploaded and not isinstance(uploaded, list):
            uploaded = [uploaded]
        return {path: [f for f in uploaded or [] if f]}

    def display(self, spec, value, language):
        return ", ".join(item.get("name", "") for item in value or [])
