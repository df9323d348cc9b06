from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.configs import ConfigError, load_configs


class Command(BaseCommand):
    help = "Load configuration as data (roles, forms, option lists, case types, workflows) from configs/."

    def add_arguments(self, parser):
        parser.add_argument("--path", type=Path, help="Folder to read (default: the repository's configs/).")
        parser.add_argument("--only", action="append", help="Load only this kind (repeatable), e.g. roles.")

    def handle(self, *args, **options):
        try:
            results = load_configs(config_dir=options["path"], only=options["only"])
        except ConfigError as exc:
            raise CommandError(str(exc)) from exc
        for name, counts in results.items():
            summary = ", ".join(f"{key}: {value}" for key, value in counts.items())
            self.stdout.write(f"{name}: {summary}")
        self.stdout.write(self.style.SUCCESS(f"Loaded {len(results)} configuration file(s)."))
