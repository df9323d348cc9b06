"""Per-process memory of published form versions, in front of the shared cache.

A ``FormVersion`` never changes once written, so its row and its rendered documents are kept here for
the life of the process, keyed by the version's id. Which version is *current* for a form key does
change (on publish and unpublish); that pointer is kept only ``ECMS_FORMS_CURRENT_SECONDS`` (1 s by
default) and is dropped at once in the process that publishes. Another process may therefore serve the
previous version for at most that long after a publish commits (docs/decisions.md).
"""

import threading
import time

from django.conf import settings

_MAX_VERSIONS = 256
_lock = threading.Lock()
_current: dict[str, tuple[float, object]] = {}
_versions: dict[int, object] = {}
_documents: dict[tuple[int, str], tuple[bytes, str]] = {}
_specs: dict[tuple, object] = {}


def _current_seconds() -> float:
    return float(getattr(settings, "ECMS_FORMS_CURRENT_SECONDS", 1.0))


def current_get(name: str):
    """The remembered pointer ``name`` (a form key plus a variant), or None when absent or too old."""
    found = _current.get(name)
    if found is None or found[0] < time.monotonic():
        return None
    return found[1]


def current_set(name: str, value) -> None:
    _current[name] = (time.monotonic() + _current_seconds(), value)


def forget_current(key: str) -> None:
    """Drop every remembered pointer of form ``key`` in this process."""
    with _lock:
        for name in [n for n in _current if n == key or n.startswith(f"{key}:")]:
            _current.pop(name, None)


def version_get(version_id: int):
    return _versions.get(version_id)


def version_set(version) -> None:
    with _lock:
        if len(_versions) >= _MAX_VERSIONS:
            _versions.clear()
        _versions[version.pk] = version


def document_get(version_id: int, variant: str) -> tuple[bytes, str] | None:
    """(body, entity tag) of a rendered document of a version, if this process rendered it already."""
    return _documents.get((version_id, variant))


def document_set(version_id: int, variant: str, document: tuple[bytes, str]) -> None:
    with _lock:
        if len(_documents) >= _MAX_VERSIONS:
            _documents.clear()
        _specs.clear()
        _documents[(version_id, variant)] = document


def spec_get(key: tuple):
    """The typed view (``FormSpec``) of a version, keyed by its id, number and checksum, if built already."""
    return _specs.get(key)


def spec_set(key: tuple, spec) -> None:
    with _lock:
        if len(_specs) >= _MAX_VERSIONS:
            _specs.clear()
        _specs[key] = spec


def rendered(version_id: int, variant: str, render) -> str:
    """HTML that depends only on an immutable version (and ``variant``), rendered once per process."""
    found = document_get(version_id, variant)
    if found is None:
        found = (render(), "")
        document_set(version_id, variant, found)
    return found[0]


def clear() -> None:
    """Forget everything (tests: ids are reused when a test database is rolled back)."""
    with _lock:
        _current.clear()
        _versions.clear()
        _documents.clear()
        _specs.clear()
