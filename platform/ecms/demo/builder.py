"""Deterministic demo data for `make run`: ~1,000 cases across the four schemes over the last 18 months.

Cases are opened and moved through the real services (so timelines, violations and hash chains are what
the system itself writes), at back-dated times. Never used under production settings.
"""

import logging
import random
from datetime import datetime, timedelta

import time_machine
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from cases.errors import CaseError
from cases.models import Case, CaseType
from cases.services import case_open, case_open_by_staff, enforcement_overdue_sweep, sla_sweep, transition
from ecms.demo.inspection import InspectionPaths
from ecms.demo.intake import IntakeData
from ecms.demo.paths import Paths
from registry.models import Establishment

log = logging.getLogger(__name__)
INSPECTIONS = ("labour_inspection", "osh_inspection")
PLANNED = INSPECTIONS
SCHEMES = {
    "grievance": 40,
    "incident_report": 18,
    "labour_inspection": 25,
    "osh_inspection": 14,
    "disease_report": 3,
}
REPORTS = {
    "grievance": lambda builder, establishment, when: builder.grievance_data(establishment),
    "incident_report": lambda builder, establishment, when: builder.incident_data(establishment, when),
    "disease_report": lambda builder, establishment, when: builder.disease_data(establishment, when),
}


class DemoSkip(Exception):
    """A generated path nobody in the demo could work: skipped, nothing half-written."""


class DemoBuilder(IntakeData, Paths, InspectionPaths):
    def __init__(self, *, seed: int = 2026, months: int = 18):
        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.start = self.now - timedelta(days=30 * months)
        self.admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        self.users = self._users_by_role()
        establishments = list(Establishment.objects.select_related("governorate", "activity").order_by("pk"))
        # Cases are opened where the demo has staff to work them (its supervisors' governorates): elsewhere
        # nobody could be assigned, and the superuser never works cases.
        staffed = {code for (role, code) in self.users if role == "supervisor"}
        self.establishments = [e for e in establishments if e.governorate.code in staffed] or establishments

    def _users_by_role(self) -> dict:
        users = {}
        for user in (
            get_user_model().objects.filter(is_active=True).prefetch_related("groups__role", "governorates")
        ):
            codes = [g.code for g in user.governorates.all()]
            for group in user.groups.all():
                role = getattr(group, "role", None)
                if role:
                    for code in codes or ["*"]:
                        users[(role.key, code)] = user
        return users

    def actor(self, role: str, case: Case):
        code = case.governorate.code if case.governorate_id else "*"
        person = self.users.get((role, code)) or self.users.get((role, "*"))
        if person is None:
            raise DemoSkip(role)
        return person

    def person(self, role: str, establishment):
        """Who of ``role`` works in the establishment's governorate (nationally, failing that)."""
        person = self.users.get((role, establishment.governorate.code)) or self.users.get((role, "*"))
        if person is None:
            raise DemoSkip(role)
        return person

    # --- moving cases ---------------------------------------------------------------------------------

    def step(
        self, case: Case, when: datetime, key: str, role: str, data=None, comment: str = "", **extra
    ) -> datetime:
        """Take a workflow step as the role that takes it, some hours or days after ``when``."""
        when = min(when + timedelta(hours=self.rng.randint(4, 24 * 9)), self.now - timedelta(minutes=5))
        with time_machine.travel(when, tick=False):
            transition(case, key, self.actor(role, case), data, comment=comment, language="ar", **extra)
        return when

    def act(self, when: datetime, service, **kwargs):
        """Call a service at ``when`` (never later than a few minutes ago)."""
        with time_machine.travel(min(when, self.now - timedelta(minutes=5)), tick=False):
            return service(**kwargs)

    def opened(self, scheme: str, establishment, when: datetime):
        """A case opened as it reaches the ministry: complaints and reports on the portal (a fifth through a
        data clerk, by telephone, at a counter or on paper), inspections planned by the supervisor."""
        if scheme in PLANNED:
            data = self.plan_data(establishment, when)
            actor, channel = self.person("supervisor", establishment), Case.Channel.STAFF
        else:
            data, actor, channel = REPORTS[scheme](self, establishment, when), None, Case.Channel.PORTAL
        clerk = self.users.get(("data_clerk", "*"))
        if actor is None and clerk is not None and self.rng.random() < 0.2:
            actor = clerk
            channel = self.rng.choices(["phone", "walk_in", "paper", "email"], [50, 25, 20, 5])[0]
        case_type = CaseType.objects.get(key=scheme)
        with time_machine.travel(when, tick=False):
            if actor is None:
                return case_open(case_type=case_type, data=data, language="ar", channel=channel)
            return case_open_by_staff(
                case_type=case_type, actor=actor, channel=channel, data=data, language="ar"
            )

    def one(self, index: int, total: int) -> None:
        scheme = self.rng.choices(list(SCHEMES), list(SCHEMES.values()))[0]
        establishment = self.rng.choice(self.establishments)
        when = self.start + (self.now - self.start) * self.rng.random() ** 0.8  # more recent than old
        complete = (self.now - when).days > 60 and self.rng.random() < 0.85
        opened = self.opened(scheme, establishment, when)
        case, depth = opened.case, 9 if complete else self.rng.randint(0, 4)
        if scheme == "grievance":
            self.grievance_path(case, when, depth, getattr(opened, "tracking_code", "") or "")
            case.refresh_from_db()
            if case.state == "closed" and self.rng.random() < 0.2:
                self.appeal(case)
        elif scheme == "incident_report":
            self.incident_path(case, when, min(depth, 2))
        elif scheme == "disease_report":
            self.disease_path(case, when, depth)
        else:
            self.inspection_path(case, when, depth)
        self.children_worked(case, depth)

    def children_worked(self, case: Case, depth: int) -> None:
        """The visits a complaint led to are worked too (a little behind their parent)."""
        for child in Case.objects.filter(parent=case, state="planned").select_related("case_type"):
            if child.case_type.key in INSPECTIONS:
                self.inspection_path(child, child.opened_at, max(depth - self.rng.randint(0, 2), 0))


def demo_cases_create(*, count: int = 1000, seed: int = 2026, progress=None) -> int:
    """Open ``count`` demo cases (idempotent: nothing happens when cases exist). Returns how many."""
    if Case.objects.exists():
        return 0
    builder = DemoBuilder(seed=seed)
    created = 0
    logging.getLogger("cases.notifications").setLevel(logging.WARNING)  # one line per demo SMS otherwise
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for index in range(count):
            try:
                with transaction.atomic():
                    builder.one(index, count)
                created += 1
            except (CaseError, DemoSkip) as error:
                # A generated path the configuration refuses: skipped, nothing half-written.
                log.info("demo case %s skipped: %r %s", index, error, getattr(error, "errors", ""))
                continue
            if progress and (index + 1) % 100 == 0:
                progress(index + 1, count)
        # Today's periodic work: overdue cases escalated, missed enforcement deadlines proposed onward.
        sla_sweep()
        enforcement_overdue_sweep()
    return created
