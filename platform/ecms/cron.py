"""Periodic jobs for `manage.py rqcron ecms.cron` (started by `make worker`), from the one schedule in
``ecms.schedule``. Without Redis, `manage.py run_periodic` runs the same schedule (docs/operations.md)."""

from rq import cron

from ecms.schedule import SCHEDULE

for job in SCHEDULE:
    cron.register(job.func, queue_name="default", interval=job.every)
