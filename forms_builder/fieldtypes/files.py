"""File and photo uploads: the type is sniffed from the content, never trusted from the name."""

import os
import re
import warnings
import zipfile

import filetype
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError
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


IMAGE_TYPES = {"jpg", "png", "webp"}
ZIP_TYPES = {"docx", "xlsx", "odt"}
MAX_IMAGE_PIXELS = 50_000_000  # 50 megapixels: a phone photo is 12 to 48
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def safe_file_name(name: str) -> str:
    """A file name to show and keep: no folders (either slash), no control characters, at most 200."""
    base = os.path.basename(str(name or "").replace("\\", "/"))
    return _CONTROL.sub("", base).strip()[:200] or "file"


def _image_problem(upload) -> str | None:
    """Why an image is refused: not readable, or of absurd dimensions (a decompression bomb)."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return "too_large_image"
    except (UnidentifiedImageError, OSError, ValueError):
        return "invalid_image"
    finally:
        upload.seek(0)
    if width * height > MAX_IMAGE_PIXELS or max(width, height) > 30000:
        return "too_large_image"
    return None


def _zip_problem(upload) -> str | None:
    """Why an Office document (a zip) is refused: unreadable, or it would unpack to far more than it is."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "invalid_document"
    finally:
        upload.seek(0)
    if unpacked > MAX_UNZIPPED_BYTES or unpacked > MAX_ZIP_RATIO * max(upload.size, 1):
        return "decompression_bomb"
    return None


CONTENT_PROBLEMS = {
    "too_large_image": gettext_lazy("This image is too large (more than 50 megapixels)."),
    "invalid_image": gettext_lazy("This image cannot be read."),
    "invalid_document": gettext_lazy("This document cannot be read."),
    "decompression_bomb": gettext_lazy("This document unpacks to far more than its size: it is refused."),
}


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
        problem = (
            _image_problem(upload)
            if extension in IMAGE_TYPES
            else (_zip_problem(upload) if extension in ZIP_TYPES else None)
        )
        if problem:
            raise FieldError(problem, str(CONTENT_PROBLEMS[problem]), subpath=subpath)
        descriptors.append({"name": safe_file_name(upload.name), "size": upload.size, "type": extension})
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

    def file_subpaths(self, spec):
        return ("",)
