from pathlib import Path

from django.core.management.base import BaseCommand

from ecms.configs import default_config_dir
from forms_builder.services import forms_export, option_lists_export


class Command(BaseCommand):
    help = (
        "Write published form definitions and option lists to configs/ as YAML (load back with load_configs)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--path", type=Path, help="Folder to write to (default: the repository's configs/)."
        )

    def handle(self, *args, **options):
        config_dir = options["path"] or default_config_dir()
        written = option_lists_export(config_dir) + forms_export(config_dir)
        for path in written:
            self.stdout.write(str(path))
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(written)} file(s)."))
