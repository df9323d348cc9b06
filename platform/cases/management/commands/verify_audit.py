from django.core.management.base import BaseCommand, CommandError

from cases.audit import verify_all


class Command(BaseCommand):
    help = (
        "Verify every case timeline's hash chain: detects events changed or removed behind the application."
    )

    def handle(self, *args, **options):
        checked, problems = verify_all()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} problem(s) in {checked} case timeline(s).")
        self.stdout.write(self.style.SUCCESS(f"{checked} case timeline(s) verified: no tampering found."))
