"""Background and periodic work of the case engine (run through ecms.jobs or RQ cron)."""

from cases.services import sla_sweep


def sla_sweep_job() -> int:
    """Periodic: mark overdue cases and notify the escalation role."""
    return sla_sweep()
