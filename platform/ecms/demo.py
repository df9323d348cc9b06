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
from cases.services import case_open, case_open_by_staff, case_open_from_parent, enforcement_issue, transition
from forms_builder.selectors import form_version_current
from registry.models import Establishment

FIRST_NAMES = ["علي", "حسين", "مريم", "زينب", "محمد", "فاطمة", "أحمد", "نور", "عباس", "سارة", "كريم", "هدى"]
LAST_NAMES = ["الجبوري", "العبيدي", "الساعدي", "الموسوي", "التميمي", "الربيعي", "الخفاجي", "الدليمي"]
DESCRIPTIONS = {
    "wages": "لم نستلم أجورنا منذ أشهر ويرفض صاحب العمل الدفع.",
    "dismissal": "فُصلت من العمل دون إنذار ودون تعويض بعد سنوات من الخدمة.",
    "hours": "نعمل أكثر من اثنتي عشرة ساعة يومياً دون أجر إضافي ودون يوم راحة.",
    "leave": "يرفض صاحب العمل منح الإجازة السنوية والإجازة المرضية.",
    "child_labour": "يعمل أطفال دون الخامسة عشرة في المعمل لساعات طويلة.",
    "harassment": "أتعرض لمضايقات متكررة في مكان العمل ولا أشعر بالأمان.",
    "osh_hazard": "لا توجد معدات وقاية والآلات بلا حواجز حماية ووقعت إصابات.",
    "social_security": "لم يسجلنا صاحب العمل في الضمان الاجتماعي رغم مرور سنتين.",
    "discrimination": "تُدفع للعاملات أجور أقل من العمال عن العمل نفسه.",
    "forced_labour": "احتجز صاحب العمل جوازات سفر العمال الأجانب ويمنعهم من المغادرة.",
    "retaliation": "هددني المدير بالفصل بعد انضمامي إلى النقابة.",
    "other": "أود الإبلاغ عن مخالفة في ظروف العمل لدى صاحب العمل.",
}


class DemoBuilder:
    def __init__(self, *, seed: int = 2026, months: int = 18):
        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.start = self.now - timedelta(days=30 * months)
        self.admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        self.users = self._users_by_role()
        establishments = list(Establishment.objects.select_related("governorate").order_by("pk"))
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
        return self.users.get((role, code)) or self.users.get((role, "*")) or self.admin

    def person(self, role: str, establishment):
        """Who of ``role`` works in the establishment's governorate (the administrator elsewhere)."""
        return self.users.get((role, establishment.governorate.code)) or self.admin

    # --- intake data ----------------------------------------------------------------------------------

    def _choice(self, form_key: str, field: str, *, leaves_only: bool = True) -> str:
        spec = form_version_current(key=form_key).spec.field(field)
        options = [o for o in spec.options if not o.retired]
        parents = {o.parent for o in options if o.parent}
        codes = [o.code for o in options if not (leaves_only and o.code in parents)]
        return self.rng.choice(codes)

    def _person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def _phone(self) -> str:
        return f"07{self.rng.choice('789')}{self.rng.randint(10000000, 99999999)}"

    def grievance_data(self, establishment) -> dict:
        category = self._choice("grievance_intake", "category")
        parent = (
            category.split("_")[0] if category.split("_")[0] in DESCRIPTIONS else category.rsplit("_", 1)[0]
        )
        anonymous = self.rng.random() < 0.3
        data = {
            "anonymous": anonymous,
            "phone": self._phone(),
            "complainant_role": self.rng.choice(["worker"] * 6 + ["citizen", "organisation", "employer"]),
            "governorate": establishment.governorate.code,
            "employer": {"id": establishment.pk},
            "category": category,
            "description": DESCRIPTIONS.get(
                parent, DESCRIPTIONS.get(category.split("_")[0], DESCRIPTIONS["other"])
            ),
        }
        if not anonymous:
            data["full_name"] = self._person()
        return data

    def incident_data(self, establishment, when: datetime) -> dict:
        severity = self.rng.choices(["fatal", "serious", "minor"], weights=[4, 36, 60])[0]
        injured = []
        for index in range(self.rng.choice([1, 1, 1, 2, 3])):
            person_severity = severity if index == 0 else self.rng.choice(["serious", "minor"])
            person = {
                "age": self.rng.randint(17, 62),
                "sex": self.rng.choices(["male", "female"], [9, 1])[0],
                "nationality": self.rng.choices(["iraqi", "asian", "arab_other"], [8, 1, 1])[0],
                "occupation": self._choice("incident_report", "occupation"),
                "employment_status": self._choice("incident_report", "employment_status"),
                "injury_severity": person_severity,
                "nature_of_injury": self._choice("incident_report", "nature_of_injury"),
                "part_of_body": self._choice("incident_report", "part_of_body"),
            }
            if person_severity != "fatal":
                person["days_lost"] = (
                    self.rng.randint(4, 90) if person_severity == "serious" else self.rng.randint(0, 3)
                )
            injured.append(person)
        return {
            "reporter_type": self.rng.choice(["employer", "worker", "medical_facility", "inspector"]),
            "reporter_name": self._person(),
            "reporter_phone": self._phone(),
            "employer": {"id": establishment.pk},
            "governorate": establishment.governorate.code,
            "incident_datetime": (when - timedelta(hours=self.rng.randint(2, 48))).isoformat(),
            "place": "موقع العمل",
            "description": "سقط عامل أثناء العمل وأصيب، ونُقل إلى المستشفى.",
            "severity": severity,
            "injured": injured,
            "deviation": self._choice("incident_report", "deviation"),
            "contact_mode": self._choice("incident_report", "contact_mode"),
            "immediate_measures": "أُوقف العمل في الموقع وقُدمت الإسعافات الأولية.",
        }

    def plan_data(self, establishment, when: datetime) -> dict:
        return {
            "establishment": {"id": establishment.pk},
            "governorate": establishment.governorate.code,
            "origin": self.rng.choice(["planned"] * 4 + ["request"]),
            "planned_date": (when + timedelta(days=self.rng.randint(3, 20))).date().isoformat(),
        }

    def checklist(self, form_key: str) -> dict:
        version = form_version_current(key=form_key)
        answers = {}
        for key in version.spec.top_level_keys:
            item = version.spec.field(key)
            if not item.has_findings:
                continue
            roll = self.rng.random()
            if roll < 0.12 and item.param("evidence") != "required_if_non_compliant":
                answers[key] = item.field_type.answer("non_compliant", "لوحظت المخالفة أثناء الزيارة")
            elif roll < 0.2 and item.param("allow_not_applicable"):
                answers[key] = item.field_type.answer("not_applicable")
            else:
                answers[key] = item.field_type.answer("compliant")
        return answers

    # --- moving cases ---------------------------------------------------------------------------------

    def step(self, case: Case, when: datetime, key: str, role: str, data=None, comment: str = "") -> datetime:
        when = min(when + timedelta(hours=self.rng.randint(4, 24 * 9)), self.now - timedelta(minutes=5))
        with time_machine.travel(when, tick=False):
            transition(case, key, self.actor(role, case), data, comment=comment, language="ar")
        return when

    def grievance_path(self, case: Case, when: datetime, depth: int) -> None:
        plan = [("acknowledge", "grm_officer", None)]
        route = self.rng.choices(["resolve", "inspect", "refer", "reject"], [50, 25, 15, 10])[0]
        if route == "refer":
            plan.append(
                (
                    "refer",
                    "grm_officer",
                    {"reason": "الموضوع من اختصاص جهة أخرى.", "referred_to": "صندوق الضمان الاجتماعي"},
                )
            )
        elif route == "reject":
            plan.append(
                ("declare_not_admissible", "grm_officer", {"reason": "لا تتوفر معلومات كافية للتحقق."})
            )
        else:
            plan.append(
                (
                    "accept",
                    "grm_officer",
                    {
                        "open_inspection": route == "inspect",
                        **({"inspection_kind": "labour"} if route == "inspect" else {}),
                    },
                )
            )
            plan.append(
                (
                    "propose_resolution",
                    "grm_officer",
                    {
                        "resolution_summary": "تمت تسوية الموضوع مع صاحب العمل.",
                        "remedy_obtained": self.rng.random() < 0.7,
                    },
                )
            )
            plan.append(
                (
                    "close",
                    "grm_officer",
                    {
                        "outcome": self.rng.choice(["resolved", "partially_resolved", "not_resolved"]),
                        "satisfaction": self._choice("grievance_closure", "satisfaction"),
                    },
                )
            )
        role = "grm_sensitive" if case.restricted else "grm_officer"
        for key, _role, data in plan[:depth]:
            when = self.step(case, when, key, role, data)

    def investigation_findings(self, case: Case, when: datetime) -> dict:
        """What an accident investigation found, recorded at the incident's closure."""
        return {
            "investigation_summary": "تبيّن من التحقيق غياب وسائل الحماية وعدم تدريب العمال على العمل الآمن.",
            "causes": [{"cause_deviation": case.data.get("deviation") or "99", "cause_material_agent": "14"}],
            "corrective_measures": [
                {
                    "measure": "تركيب وسائل الحماية وتدريب العمال.",
                    "measure_deadline": (when + timedelta(days=30)).date().isoformat(),
                }
            ],
        }

    def incident_path(self, case: Case, when: datetime, depth: int) -> None:
        first = "open_investigation" if self.rng.random() < 0.2 else "start_review"
        closing = {
            "assessment": "confirmed_work_related",
            "confirmed_severity": case.data.get("severity", "minor"),
        }
        if first == "open_investigation" or case.children.exists():
            closing.update(self.investigation_findings(case, when))
        plan = [(first, "osh_inspector", None), ("close", "osh_inspector", closing)]
        for key, role, data in plan[:depth]:
            when = self.step(case, when, key, role, data)

    def inspection_path(self, case: Case, when: datetime, depth: int, inspector: str, checklist: str) -> None:
        when = self.step(case, when, "assign", "supervisor")
        if depth < 2:
            return
        visit = (
            (when + timedelta(days=self.rng.randint(10, 20))).date().isoformat()
        )  # after the step's own delay
        when = self.step(case, when, "schedule_visit", inspector, {"visit_date": visit})
        if depth < 3:
            return
        when = self.step(case, when, "record_visit", inspector, self.checklist(checklist))
        violations = list(case.violations.all())
        if depth < 4:
            return
        if not violations:
            self.step(case, when, "close", "supervisor", {"outcome": "compliant"})
            return
        when = self.step(case, when, "issue_notice", "supervisor", comment="إشعار تصحيح خلال ثلاثين يوماً.")
        with time_machine.travel(when, tick=False):
            kind = self.rng.choice(["advice", "warning", "improvement_notice"])
            enforcement_issue(
                case=case, kind=kind, actor=self.actor("supervisor", case), violations=violations
            )
        if depth >= 5 and self.rng.random() < 0.35:
            when = self.step(case, when, "request_follow_up", "supervisor")
            if self.rng.random() < 0.5:
                return  # still awaiting the follow-up visit
        if depth >= 5:
            self.step(
                case,
                when,
                "close",
                "supervisor",
                {
                    "outcome": self.rng.choice(
                        ["corrected_after_notice", "enforcement_continuing", "corrected_on_site"]
                    )
                },
            )

    def appeal(self, grievance: Case) -> None:
        """An appeal a few days after the complaint closed, moved on a step or two."""
        when = grievance.closed_at + timedelta(days=self.rng.randint(1, 20))
        if when >= self.now:
            return
        with time_machine.travel(when, tick=False):
            appeal = case_open_from_parent(
                case_type=CaseType.objects.get(key="appeal"),
                parent=grievance,
                language="ar",
                data={
                    "grievance_reference": grievance.reference,
                    "reason": "أعترض على القرار لأن صاحب العمل لم يدفع كل الأجور.",
                },
            ).case
        depth = self.rng.randint(0, 2)
        if depth >= 1:
            when = self.step(appeal, when, "start_review", "supervisor")
        if depth >= 2:
            self.step(
                appeal,
                when,
                "decide",
                "supervisor",
                {
                    "decision": self.rng.choice(["upheld", "rejected", "partly_upheld"]),
                    "reasoning": "راجعت الوزارة الملف وقررت ما يلي بعد دراسة الأدلة المقدمة من الطرفين.",
                },
            )

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
        elif scheme == "labour_inspection":
            self.inspection_path(case, when, depth, "labour_inspector", "labour_inspection_checklist")
        else:
            self.inspection_path(case, when, depth, "osh_inspector", "osh_inspection_checklist")


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
            except CaseError:
                continue  # a generated path that the configuration refuses: skipped, nothing half-written
            if progress and (index + 1) % 100 == 0:
                progress(index + 1, count)
    return created
