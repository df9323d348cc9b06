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
from cases.services import case_open, case_open_by_staff, transition
from ecms.demo.intake import IntakeData
from ecms.demo.paths import Paths
from registry.models import Establishment


class DemoSkip(Exception):
    """A generated path nobody in the demo could work: skipped, nothing half-written."""


class DemoBuilder(IntakeData, Paths):
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

    def step(self, case: Case, when: datetime, key: str, role: str, data=None, comment: str = "") -> datetime:
        when = min(when + timedelta(hours=self.rng.randint(4, 24 * 9)), self.now - timedelta(minutes=5))
        with time_machine.travel(when, tick=False):
            transition(case, key, self.actor(role, case), data, comment=comment, language="ar")
        return when

    def one(self, index: int, total: int) -> None:
        scheme = self.rng.choices(
            ["grievance", "incident_report", "labour_inspection", "osh_inspection"], [40, 20, 25, 15]
        )[0]
        establishment = self.rng.choice(self.establishments)
        offset = self.rng.random() ** 0.8  # a little more recent activity than old
        when = self.start + (self.now - self.start) * offset
        age_days = (self.now - when).days
        complete = age_days > 60 and self.rng.random() < 0.85
        case_type = CaseType.objects.get(key=scheme)
        with time_machine.travel(when, tick=False):
            if scheme == "grievance":
                data, actor, channel = self.grievance_data(establishment), None, Case.Channel.PORTAL
            elif scheme == "incident_report":
                data, actor, channel = self.incident_data(establishment, when), None, Case.Channel.PORTAL
            else:
                data = self.plan_data(establishment, when)
                actor, channel = self.person("supervisor", establishment), Case.Channel.STAFF
            clerk = self.users.get(("data_clerk", "*"))
            if actor is None and clerk is not None and self.rng.random() < 0.2:
                # A fifth of complaints and reports reach the ministry by telephone, at a counter or on
                # paper, and a data clerk records them.
                actor = clerk
                channel = self.rng.choices(["phone", "walk_in", "paper", "email"], [50, 25, 20, 5])[0]
            if actor is None:
                case = case_open(case_type=case_type, data=data, language="ar", channel=channel).case
            else:
                case = case_open_by_staff(
                    case_type=case_type, actor=actor, channel=channel, data=data, language="ar"
                ).case
        depth = 9 if complete else self.rng.randint(0, 4)
        if scheme == "grievance":
            self.grievance_path(case, when, depth)
            case.refresh_from_db()
            if case.state == "closed" and self.rng.random() < 0.15:
                self.appeal(case)
        elif scheme == "incident_report":
            self.incident_path(case, when, min(depth, 2))
        else:
            self.inspection_of(case, when, depth)
        self.children_worked(case, depth)

    def inspection_of(self, case: Case, when: datetime, depth: int) -> None:
        if case.case_type.key == "labour_inspection":
            self.inspection_path(case, when, depth, "labour_inspector", "labour_inspection_checklist")
        else:
            self.inspection_path(case, when, depth, "osh_inspector", "osh_inspection_checklist")

    def children_worked(self, case: Case, depth: int) -> None:
        """The visits a complaint or an accident led to are worked too (a little behind their parent)."""
        for child in Case.objects.filter(parent=case, closed_at__isnull=True).select_related("case_type"):
            if child.case_type.key in ("labour_inspection", "osh_inspection") and child.state == "planned":
                self.inspection_of(child, child.opened_at, max(depth - self.rng.randint(0, 2), 0))


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
            except (CaseError, DemoSkip):
                continue  # a generated path that the configuration refuses: skipped, nothing half-written
            if progress and (index + 1) % 100 == 0:
                progress(index + 1, count)
    return created
