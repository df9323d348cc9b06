from django.core.management.base import BaseCommand

from cases.services import sla_sweep


class Command(BaseCommand):
    help = "Mark cases past their due time and notify the case type's escalation role (for cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"{sla_sweep()} case(s) newly overdue.")
