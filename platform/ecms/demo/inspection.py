"""The demo's inspections, worked to their end: assigned, scheduled, visited (or refused entry, or the
employer absent, or cancelled), violations noticed, followed up by a second visit that verifies them, and
enforcement that is complied with, or climbs the ladder to a fine that is paid or not, and to court."""

from datetime import datetime, timedelta

from cases.models import Case, EnforcementAction, Violation
from cases.selectors import violations_to_verify
from cases.services import (
    enforcement_allowed_next,
    enforcement_issue,
    enforcement_proposal_confirm,
    enforcement_proposal_reject,
    enforcement_record_outcome,
)

INSPECTORS = {
    "labour_inspection": ("labour_inspector", "labour_inspection_checklist"),
    "osh_inspection": ("osh_inspector", "osh_inspection_checklist"),
}
NOTICE_DAYS = 30
FINES_IQD = [250_000, 500_000, 750_000, 1_000_000, 2_000_000]
Status = EnforcementAction.Status


class InspectionPaths:
    """Mixed into the demo builder (it gives ``rng``, ``now``, ``step``, ``act``, ``actor``, checklists)."""

    def inspection_path(self, case: Case, when: datetime, depth: int) -> datetime:
        """Work an inspection as far as ``depth`` (1: assigned … 5: followed up and closed)."""
        inspector, _checklist = INSPECTORS[case.case_type.key]
        when = self.step(case, when, "assign", "supervisor")
        if depth < 2:
            return when
        if self.rng.random() < 0.03:
            return self.step(
                case, when, "cancel", "supervisor", comment="أُلغي التفتيش لتكرار الزيارة مع فريق آخر."
            )
        when = self.step(case, when, "schedule_visit", inspector, {"visit_date": self.visit_date(when)})
        if depth < 3:
            return when
        when = self.visit_hindered(case, when, inspector)
        when = self.visit(case, when)
        if depth < 4:
            return when
        return self.after_visit(case, when, depth)

    def visit_date(self, when: datetime) -> str:
        """A visit date after the scheduling step (which comes up to nine days after ``when``)."""
        return (when + timedelta(days=self.rng.randint(10, 20))).date().isoformat()

    def visit_hindered(self, case: Case, when: datetime, inspector: str) -> datetime:
        """Now and then the visit does not happen at first: entry refused (C81 Art. 12, a court referral
        proposed to the supervisor, who confirms or rejects it) or the employer absent; then rescheduled."""
        roll = self.rng.random()
        if roll < 0.04:
            refusal = {
                "refusal_reason": "أغلق الحارس البوابة ورفض إدخال المفتش.",
                "refused_by": "مدير الموقع",
            }
            when = self.step(case, when, "record_entry_refused", inspector, refusal)
            proposal = case.enforcement_actions.get(status=Status.PROPOSED)
            supervisor = self.actor("supervisor", case)
            if self.rng.random() < 0.5:
                self.act(
                    when, enforcement_proposal_confirm, case=case, action_id=proposal.pk, actor=supervisor
                )
            else:
                reason = "سمح صاحب العمل بالدخول بعد التواصل معه؛ تكفي إعادة الزيارة."
                self.act(
                    when,
                    enforcement_proposal_reject,
                    case=case,
                    action_id=proposal.pk,
                    actor=supervisor,
                    reason=reason,
                )
        elif roll < 0.09:
            absent = {
                "not_carried_out_reason": "employer_absent",
                "attempted_on": when.date().isoformat(),
                "attempt_notes": "لم يكن صاحب العمل ولا من يمثله موجوداً في الموقع.",
            }
            when = self.step(case, when, "record_visit_not_carried_out", inspector, absent)
        else:
            return when
        again = {
            "visit_date": self.visit_date(when),
            "reschedule_reason": "موعد جديد بعد التواصل مع صاحب العمل.",
        }
        return self.step(case, when, "reschedule_visit", inspector, again)

    def visit(self, case: Case, when: datetime, *, risk: float | None = None) -> datetime:
        """The visit with its checklist; it verifies what earlier visits found still outstanding here."""
        inspector, checklist = INSPECTORS[case.case_type.key]
        person = self.actor(inspector, case)
        verifications = [
            {
                "violation": violation.pk,
                "outcome": self.rng.choices(["corrected", "not_corrected", "not_verifiable"], [70, 25, 5])[0],
                "note": "تحقق المفتش من المخالفة أثناء الزيارة.",
            }
            for violation in violations_to_verify(case=case, user=person)
        ]
        risk = self.establishment_risk(case) if risk is None else risk
        answers = self.checklist(checklist, risk=risk)
        return self.step(case, when, "record_visit", inspector, answers, verifications=verifications or None)

    def establishment_risk(self, case: Case) -> float:
        """Workplaces with a history of violations are likelier to have more."""
        past = Violation.objects.filter(case__establishment_id=case.establishment_id).count()
        return min(0.08 + 0.03 * past, 0.3)

    def after_visit(self, case: Case, when: datetime, depth: int) -> datetime:
        violations = list(case.violations.all())
        if not violations:
            return self.step(case, when, "close", "supervisor", {"outcome": "compliant"})
        when = self.step(case, when, "issue_notice", "supervisor", comment="إشعار بالتصحيح خلال ثلاثين يوماً.")
        action = self.first_enforcement(case, when, violations)
        if action is None:  # already before the court (entry was refused): nothing lower on the ladder
            return self.step(case, when, "close", "supervisor", {"outcome": "referred_to_court"})
        if depth < 5 or when + timedelta(days=NOTICE_DAYS + 10) > self.now:
            return when  # the notice's deadline has not come yet: awaiting the follow-up visit
        when = self.step(case, when + timedelta(days=NOTICE_DAYS - 5), "request_follow_up", "supervisor")
        follow_up = case.children.order_by("-opened_at").first()
        when = self.step(follow_up, when, "assign", "supervisor")
        inspector = INSPECTORS[follow_up.case_type.key][0]
        when = self.step(follow_up, when, "schedule_visit", inspector, {"visit_date": self.visit_date(when)})
        when = self.visit(follow_up, when, risk=0.0)
        when = self.step(follow_up, when, "close", "supervisor", {"outcome": "compliant"})
        return self.enforcement_outcome(case, when, action)

    def first_enforcement(self, case: Case, when: datetime, violations) -> EnforcementAction | None:
        """An improvement notice with its deadline; a stop order where danger is imminent (C81 Art. 13)."""
        supervisor = self.actor("supervisor", case)
        if any(v.severity == "critical" for v in violations) and self.rng.random() < 0.5:
            reason = "خطر وشيك على حياة العمال: آلات بلا حواجز حماية في خط الإنتاج."
            self.act(
                when,
                enforcement_issue,
                case=case,
                kind="stop_order",
                actor=supervisor,
                violations=violations,
                reason=reason,
            )
        due = (when + timedelta(days=NOTICE_DAYS)).date()
        preferred = self.rng.choices(["improvement_notice", "warning"], [70, 30])[0]
        allowed = enforcement_allowed_next(case)
        kind = next((k for k in (preferred, "improvement_notice", "warning") if k in allowed), None)
        if kind is None:
            return None
        return self.act(
            when,
            enforcement_issue,
            case=case,
            kind=kind,
            actor=supervisor,
            violations=violations,
            due_date=due,
        )

    def enforcement_outcome(self, case: Case, when: datetime, action) -> datetime:
        """After the follow-up: corrected → complied with, closed; otherwise the next rung (a fine) is
        proposed and confirmed, then paid — or not, and the case goes to court."""
        supervisor = self.actor("supervisor", case)
        case.refresh_from_db()
        if not case.violations.exclude(status__in=["corrected", "withdrawn"]).exists():
            self.act(
                when,
                enforcement_record_outcome,
                case=case,
                action_id=action.pk,
                status=Status.COMPLIED,
                actor=supervisor,
            )
            return self.step(case, when, "close", "supervisor", {"outcome": "corrected_after_notice"})
        self.act(
            when,
            enforcement_record_outcome,
            case=case,
            action_id=action.pk,
            status=Status.NOT_COMPLIED,
            actor=supervisor,
        )
        proposal = case.enforcement_actions.filter(status=Status.PROPOSED).order_by("-pk").first()
        if proposal is None:
            return self.step(case, when, "close", "supervisor", {"outcome": "enforcement_continuing"})
        amount = self.rng.choice(FINES_IQD) if proposal.kind == "fine" else None
        due = (when + timedelta(days=NOTICE_DAYS)).date()
        fine = self.act(
            when,
            enforcement_proposal_confirm,
            case=case,
            action_id=proposal.pk,
            actor=supervisor,
            amount_iqd=amount,
            due_date=due,
        )
        when = min(when + timedelta(days=self.rng.randint(10, 40)), self.now - timedelta(minutes=5))
        return self.fine_settled(case, when, fine, supervisor)

    def fine_settled(self, case: Case, when: datetime, fine, supervisor) -> datetime:
        if fine.kind == "fine" and self.rng.random() < 0.65:
            receipt = f"RCPT-{self.rng.randint(100000, 999999)}"
            self.act(
                when,
                enforcement_record_outcome,
                case=case,
                action_id=fine.pk,
                status=Status.PAID,
                actor=supervisor,
                amount_iqd=fine.amount_iqd,
                paid_on=when.date(),
                receipt_number=receipt,
            )
            return self.step(case, when, "close", "supervisor", {"outcome": "enforcement_continuing"})
        self.act(
            when,
            enforcement_record_outcome,
            case=case,
            action_id=fine.pk,
            status=Status.NOT_COMPLIED,
            actor=supervisor,
        )
        court = case.enforcement_actions.filter(status=Status.PROPOSED, kind="court_referral").first()
        if court is not None:
            self.act(when, enforcement_proposal_confirm, case=case, action_id=court.pk, actor=supervisor)
            return self.step(case, when, "close", "supervisor", {"outcome": "referred_to_court"})
        return self.step(case, when, "close", "supervisor", {"outcome": "enforcement_continuing"})
