from django.core.management.base import BaseCommand, CommandError

from core.configs import ConfigError
from registry.services import reference_data_load


class Command(BaseCommand):
    help = "Load reference registries (governorates, economic activities) from fixtures/."

    def handle(self, *args, **options):
        try:
            counts = reference_data_load()
        except ConfigError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(", ".join(f"{k}: {v}" for k, v in counts.items())))
