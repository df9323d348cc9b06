from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    """Case files: never under the public media root; served only through permission-checked views."""
    return FileSystemStorage(location=settings.ECMS_PRIVATE_MEDIA_ROOT, base_url=None)
