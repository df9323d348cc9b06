#!/usr/bin/env python
"""Django's command-line utility. Puts the repository root and platform/ on sys.path."""

import os
import sys
from pathlib import Path


def main() -> None:
    repo = Path(__file__).resolve().parent
    for path in (repo / "platform", repo):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecms.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
