"""The periodic work of the platform, in one list: what runs, how often. With Redis it is registered for
RQ's cron (``ecms.cron``, started by ``make worker``); without Redis ``manage.py run_periodic`` runs it in a
process of its own (``make run`` starts one), and each job can be run once from the system's cron."""

import logging
import time
from dataclasses import dataclass

from django.utils.module_loading import import_string

logger = logging.getLogger("ecms.periodic")


@dataclass(frozen=True)
class Periodic:
    name: str  # for `run_periodic --job NAME` and the logs
    func: str  # dotted path of a function taking no arguments
    every: int  # seconds


SCHEDULE = (
    Periodic("sweep_jobs", "core.jobs.sweep", 60),
    Periodic("sla_sweep", "cases.jobs.sla_sweep_job", 900),
    Periodic("enforcement_sweep", "cases.jobs.enforcement_sweep_job", 3600),
    Periodic("clear_expired", "ecms.maintenance.clear_expired_records", 86400),
    Periodic("verify_audit", "cases.jobs.verify_audit_job", 86400),
)


def periodic_get(name: str) -> Periodic:
    for job in SCHEDULE:
        if job.name == name:
            return job
    raise KeyError(name)


def periodic_run(job: Periodic) -> bool:
    """Run one job now; a failure is logged with its traceback (it runs again at its next time)."""
    try:
        result = import_string(job.func)()
    except Exception:
        logger.exception("periodic job %s failed; it runs again in %s s", job.name, job.every)
        return False
    logger.info("periodic job %s done: %s", job.name, result)
    return True


def periodic_due(last_run: dict[str, float], now: float) -> list[Periodic]:
    """The jobs whose time has come: never run in this process, or run ``every`` seconds ago or more."""
    return [job for job in SCHEDULE if now - last_run.get(job.name, float("-inf")) >= job.every]


def periodic_loop(*, stop=lambda: False, sleep=time.sleep, clock=time.monotonic) -> None:
    """Run every job at start, then each at its interval, until ``stop()`` says so."""
    last_run: dict[str, float] = {}
    while not stop():
        for job in periodic_due(last_run, clock()):
            periodic_run(job)
            last_run[job.name] = clock()
        sleep(5)
