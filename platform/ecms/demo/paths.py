"""The demo's arcs: how complaints, accident reports, inspections and appeals are worked, step by step,
by the roles that work them, through the real services at back-dated times."""

from datetime import datetime, timedelta

import time_machine

from cases.models import Case, CaseType
from cases.services import case_open_from_parent, enforcement_issue, violation_set_status


class Paths:
    """Mixed into the demo builder (which gives ``rng``, ``now``, ``step`` and ``actor``)."""

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
            outcomes = ["corrected_after_notice", "enforcement_continuing", "corrected_on_site"]
            outcome = self.rng.choice(outcomes)
            if outcome.startswith("corrected"):  # the closing guard wants them verified corrected first
                with time_machine.travel(when, tick=False):
                    for violation in violations:
                        violation_set_status(
                            violation=violation, status="corrected", actor=self.actor("supervisor", case)
                        )
            self.step(case, when, "close", "supervisor", {"outcome": outcome})

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
        reviewer = "grm_sensitive_supervisor" if appeal.restricted else "supervisor"
        if depth >= 1:
            when = self.step(appeal, when, "start_review", reviewer)
        if depth >= 2:
            decision = self.rng.choice(["upheld", "rejected", "partly_upheld"])
            ground = {"dismissal_ground": "no_new_facts"} if decision == "rejected" else {}
            self.step(
                appeal,
                when,
                "decide",
                reviewer,
                {
                    "decision": decision,
                    **ground,
                    "reasoning": "راجعت الوزارة الملف وقررت ما يلي بعد دراسة الأدلة المقدمة من الطرفين.",
                },
            )
