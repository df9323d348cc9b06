"""Storing uploaded files as a case's attachments, each with its digest and confidentiality."""

import hashlib

from cases.models import Attachment, Case


def value_at(data, path: str):
    """The value at a dotted path ("a", "group.0.field", "item.evidence") or None."""
    node = data
    for part in path.split("."):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None
    return node


def _sha256(upload) -> str:
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def files_store(case: Case, files: dict, data: dict, actor, *, confidential_paths: set[str]) -> list:
    """Store ``files`` ({path: [uploads]}) as attachments; each file's descriptor in ``data`` gets its id."""
    stored = []
    for path, uploads in files.items():
        descriptors = value_at(data, path)
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
                confidential=path in confidential_paths,
            )
            attachment.file.save(upload.name or "file", upload, save=False)
            attachment.save()
            if isinstance(descriptor, dict):
                descriptor["attachment"] = attachment.pk
            stored.append(attachment)
    return stored
