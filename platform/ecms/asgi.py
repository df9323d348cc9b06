"""ASGI entry point. Puts the repository root and platform/ on sys.path."""

import os
import sys
from pathlib import Path

_REPO = Path(__file__).resolve().parents[2]
for _path in (_REPO / "platform", _REPO):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecms.settings.dev")

from django.core.asgi import get_asgi_application  # noqa: E402

application = get_asgi_application()
