"""Background and periodic work of the case engine (run through core.jobs or RQ cron)."""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from accounts.access import access_log_verify
from cases.audit import verify_all
from cases.services import enforcement_overdue_sweep, sla_sweep

logger = logging.getLogger("cases.audit")


def sla_sweep_job() -> int:
    """Periodic: mark overdue cases and notify the escalation role."""
    return sla_sweep()


def enforcement_sweep_job() -> int:
    """Periodic: enforcement actions past their deadline with no outcome get the next rung proposed."""
    return enforcement_overdue_sweep()


def verify_audit_job() -> int:
    """Nightly: verify every case's chain and protected fields, and the access log; alert on any problem
    (an error in the log and an e-mail to the active superusers). Returns how many problems were found."""
    checked, problems = verify_all()
    problems += access_log_verify()
    if problems:
        logger.error("verify_audit: %d problem(s): %s", len(problems), problems[:20])
        recipients = list(
            get_user_model()
            .objects.filter(is_active=True, is_superuser=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if recipients:
            body = "\n".join(problems[:200])
            send_mail(f"ECMS audit: {len(problems)} problem(s) in {checked} cases", body, None, recipients)
    return len(problems)
