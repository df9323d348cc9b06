"""Storing uploaded files as a case's attachments, each with its digest and confidentiality."""

import hashlib

from cases.models import Attachment, Case
from forms_builder.fieldtypes.files import safe_file_name, sniff_extension


def _sha256(upload) -> str:
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def files_store(case: Case, version, files: dict, data: dict, actor) -> list:
    """Store ``files`` ({path: [uploads]}) as attachments of ``case``, each confidential when its field is;
    each file's descriptor in ``data`` (answers to ``version``) gets the attachment's id."""
    spec = version.spec
    confidential = spec.confidential_paths(files)
    stored = []
    for path, uploads in files.items():
        descriptors = spec.files_at(data, path)
        for index, upload in enumerate(uploads):
            descriptor = (
                descriptors[index] if isinstance(descriptors, list) and index < len(descriptors) else {}
            )
            attachment = Attachment(
                case=case,
                field=path,
                original_name=(descriptor.get("name") or upload.name)[:255],
                content_type=descriptor.get("type", ""),
                size=upload.size,
                sha256=_sha256(upload),
                uploaded_by=actor if getattr(actor, "pk", None) else None,
                confidential=path in confidential,
            )
            attachment.file.save(upload.name or "file", upload, save=False)
            attachment.save()
            if isinstance(descriptor, dict):
                descriptor["attachment"] = attachment.pk
            stored.append(attachment)
    return stored


def files_store_plain(case: Case, field: str, uploads: list, actor) -> list:
    """Store already checked ``uploads`` as attachments of ``case`` under ``field`` (not of a form)."""
    stored = []
    for upload in uploads or []:
        attachment = Attachment(
            case=case,
            field=field,
            original_name=safe_file_name(upload.name)[:255],
            content_type=(sniff_extension(upload) or "")[:100],
            size=upload.size,
            sha256=_sha256(upload),
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )
        attachment.file.save(upload.name or "file", upload, save=False)
        attachment.save()
        stored.append(attachment)
    return stored
