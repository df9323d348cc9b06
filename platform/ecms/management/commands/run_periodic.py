import contextlib
import signal

from django.core.management.base import BaseCommand, CommandError

from ecms import schedule
from ecms.schedule import periodic_get, periodic_loop, periodic_run


class Command(BaseCommand):
    help = (
        "Run the periodic jobs (outbox sweep, SLA sweep and escalation, clean-up, audit check) without "
        "Redis: in a loop (make run starts it), or one job once (--job NAME, for the system's cron)."
    )

    def add_arguments(self, parser):
        names = [job.name for job in schedule.SCHEDULE]
        parser.add_argument("--job", choices=names, help="Run this job once and exit.")
        parser.add_argument("--once", action="store_true", help="Run every job once and exit.")

    def handle(self, *args, **options):
        if options["job"]:
            jobs = [periodic_get(options["job"])]
        elif options["once"]:
            jobs = list(schedule.SCHEDULE)
        else:
            return self.loop()
        failed = [job.name for job in jobs if not periodic_run(job)]
        if failed:
            raise CommandError(f"failed: {', '.join(failed)} (see the log)")
        self.stdout.write(f"Ran: {', '.join(job.name for job in jobs)}")
        return None

    def loop(self):
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        self.stdout.write(
            "Periodic jobs: " + ", ".join(f"{job.name} every {job.every} s" for job in schedule.SCHEDULE)
        )
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C ends `make run`
            periodic_loop(stop=lambda: bool(stopping))
