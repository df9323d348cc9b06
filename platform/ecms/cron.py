"""Periodic jobs for `manage.py rqcron ecms.cron` (started by `make worker`). Without Redis, run the
matching management commands from cron instead (docs/operations.md)."""

from rq import cron

cron.register("core.jobs.sweep", queue_name="default", interval=60)
cron.register("cases.jobs.sla_sweep_job", queue_name="default", interval=900)
cron.register("ecms.maintenance.clear_expired_records", queue_name="default", interval=86400)
cron.register("cases.jobs.verify_audit_job", queue_name="default", interval=86400)
