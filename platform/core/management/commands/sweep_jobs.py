from django.core.management.base import BaseCommand

from core.jobs import sweep


class Command(BaseCommand):
    help = "Re-send background jobs that could not be handed to the queue, and run due retries."

    def handle(self, *args, **options):
        sent = sweep()
        self.stdout.write(f"Re-sent {sent} job(s).")
