"""The demo's arcs for complaints, appeals, accident reports and occupational disease reports: worked by
the roles that work them, through the real services at back-dated times, to their end where time allows."""

from datetime import datetime, timedelta

import time_machine

from cases.models import Case, CaseType
from cases.services import case_open_from_parent, public_step, satisfaction_record

RESOLUTION = {"resolution_summary": "تمت تسوية الموضوع مع صاحب العمل.", "remedy_obtained": True}
REFERRAL = {"reason": "الموضوع من اختصاص جهة أخرى.", "referred_to": "صندوق الضمان الاجتماعي"}
NOT_ADMISSIBLE = {"reason": "لا تتوفر معلومات كافية للتحقق."}
SATISFACTION = {"very_satisfied": 2, "satisfied": 4, "neutral": 2, "dissatisfied": 2, "very_dissatisfied": 1}


class Paths:
    """Mixed into the demo builder (which gives ``rng``, ``now``, ``step``, ``act``, ``actor``)."""

    def grm_role(self, case: Case, supervisor: bool = False) -> str:
        """Sensitive complaints and their appeals are worked by the restricted roles only."""
        if case.restricted:
            return "grm_sensitive_supervisor" if supervisor else "grm_sensitive"
        return "supervisor" if supervisor else "grm_officer"

    def grievance_path(self, case: Case, when: datetime, depth: int, code: str = "") -> None:
        officer = self.grm_role(case)
        when = self.step(case, when, "acknowledge", officer)
        if depth < 2:
            return
        route = self.rng.choices(["resolve", "inspect", "refer", "reject", "withdrawn"], [48, 25, 13, 10, 4])[
            0
        ]
        if route == "refer":
            self.step(case, when, "refer", officer, REFERRAL)
            return
        if route == "reject":
            self.step(case, when, "declare_not_admissible", officer, NOT_ADMISSIBLE)
            return
        if route == "withdrawn":
            self.reporter_step(case, when, code, "withdraw", "توصلت إلى اتفاق مع صاحب العمل وأسحب الشكوى.")
            return
        inspect = {"open_inspection": True, "inspection_kind": self.rng.choice(["labour"] * 3 + ["osh"])}
        when = self.step(
            case, when, "accept", officer, inspect if route == "inspect" else {"open_inspection": False}
        )
        if depth < 3:
            return
        when = self.information_asked(case, when, code, officer)
        self.grievance_closed(case, when, depth, code)

    def information_asked(self, case: Case, when: datetime, code: str, officer: str) -> datetime:
        """One complaint in eight needs more from the complainant, who answers on the tracking page."""
        if not code or self.rng.random() > 0.12:
            return when
        question = "هل يمكنك ذكر آخر شهر استلمت فيه أجرك وعدد العمال الذين لم يستلموا أجورهم؟"
        when = self.step(case, when, "request_information", officer, comment=question)
        answer = "آخر أجر استلمناه قبل ثلاثة أشهر، ونحن خمسة عشر عاملاً."
        return self.reporter_step(case, when, code, "answer_information_request", answer)

    def grievance_closed(self, case: Case, when: datetime, depth: int, code: str) -> None:
        officer = self.grm_role(case)
        resolution = {**RESOLUTION, "remedy_obtained": self.rng.random() < 0.7}
        when = self.step(case, when, "propose_resolution", officer, resolution)
        if depth < 4:
            return
        outcome = self.rng.choices(["resolved", "partially_resolved", "not_resolved"], [6, 2, 2])[0]
        reasons = "راجعنا ما قدمته وما قدمه صاحب العمل، وتابعنا تنفيذ ما اتُّفق عليه."
        when = self.step(case, when, "close", officer, {"outcome": outcome, "decision_reasons": reasons})
        if code and self.rng.random() < 0.45:
            answer = self.rng.choices(list(SATISFACTION), list(SATISFACTION.values()))[0]
            self.act(when + timedelta(days=2), satisfaction_record, **self.tracked(case, code), answer=answer)

    def tracked(self, case: Case, code: str) -> dict:
        return {
            "reference": case.reference,
            "code": code,
            "address": f"10.{case.pk % 250}.{case.pk // 250 % 250}.9",
        }

    def reporter_step(self, case: Case, when: datetime, code: str, key: str, text: str) -> datetime:
        """A step the complainant takes on the tracking page (or the officer records it, without the code)."""
        when = min(when + timedelta(days=self.rng.randint(1, 6)), self.now - timedelta(minutes=5))
        if code:
            self.act(when, public_step, **self.tracked(case, code), key=key, text=text)
        else:
            self.step(case, when, key, self.grm_role(case), comment=text)
        return when

    def appeal(self, grievance: Case) -> None:
        """An appeal a few days after the complaint closed: rejected with its ground, or upheld — which
        reopens the complaint, worked again to a new decision."""
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
        reviewer = self.grm_role(appeal, supervisor=True)
        when = self.step(appeal, when, "start_review", reviewer)
        if when + timedelta(days=10) > self.now:
            return
        decision = self.rng.choices(["upheld", "rejected", "partly_upheld"], [3, 5, 2])[0]
        ground = (
            {"dismissal_ground": self.rng.choice(["decision_correct", "no_new_facts"])}
            if decision == "rejected"
            else {}
        )
        reasoning = "راجعت الوزارة الملف وقررت ما يلي بعد دراسة الأدلة المقدمة من الطرفين."
        when = self.step(
            appeal, when, "decide", reviewer, {"decision": decision, **ground, "reasoning": reasoning}
        )
        grievance.refresh_from_db()
        if grievance.closed_at is None and when + timedelta(days=10) < self.now:
            self.grievance_closed(grievance, when, 4, "")

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
        """Reviewed, investigated where the accident was serious (the investigation worked to its end
        first), and closed with the investigation's findings."""
        first = (
            "open_investigation" if self.rng.random() < 0.2 and not case.children.exists() else "start_review"
        )
        when = self.step(case, when, first, "osh_inspector")
        investigation = case.children.order_by("pk").first()
        if investigation is not None:
            when = self.inspection_path(investigation, when, depth + 2)
            investigation.refresh_from_db()
            if investigation.closed_at is None:
                return  # the investigation is still going on
        if depth < 2:
            return
        closing = {
            "assessment": "confirmed_work_related",
            "confirmed_severity": case.data.get("severity") or "minor",
        }
        if investigation is not None:
            closing.update(self.investigation_findings(case, when))
        self.step(case, when, "close", "osh_inspector", closing)

    def disease_path(self, case: Case, when: datetime, depth: int) -> None:
        """An occupational disease report: the OSH investigation it opened, then the review's conclusion."""
        when = self.step(case, when, "start_review", "osh_inspector")
        investigation = case.children.order_by("pk").first()
        if investigation is not None:
            when = self.inspection_path(investigation, when, depth + 2)
        if depth < 3 or when + timedelta(days=20) > self.now:
            return
        assessment = self.rng.choices(
            ["confirmed_occupational", "not_occupational", "not_confirmed"], [7, 2, 1]
        )[0]
        review = {
            "assessment": assessment,
            "preventive_measures": "تحسين التهوية وتوفير معدات الوقاية التنفسية.",
        }
        if assessment == "confirmed_occupational":
            review["confirmed_disease"] = case.data.get("disease")
        self.step(case, when, "close", "osh_inspector", review)
