from pathlib import Path

from django.core.management.base import BaseCommand

from core.configs import default_config_dir, loaders


class Command(BaseCommand):
    help = "Export configuration (option lists, forms, workflows, case types) to configs/ as YAML."

    def add_arguments(self, parser):
        parser.add_argument(
            "--path", type=Path, help="Folder to write to (default: the repository's configs/)."
        )
        parser.add_argument("--only", action="append", help="Export only this kind (repeatable).")

    def handle(self, *args, **options):
        config_dir = Path(options["path"]) if options["path"] else default_config_dir()
        written = []
        for loader in loaders():
            if loader.export and (not options["only"] or loader.name in options["only"]):
                written += loader.export(config_dir)
        for path in written:
            self.stdout.write(str(path))
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(written)} file(s)."))
