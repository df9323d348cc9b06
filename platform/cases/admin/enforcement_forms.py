"""The forms of the enforcement rows of the case page, and the rows (history, what the reader may do)."""

from django import forms
from django.utils.translation import gettext_lazy

from cases import services
from cases.models import EnforcementAction
from registry.models import LegalProvision

STATUS_LABELS = dict(EnforcementAction.Status.choices)


class OutcomeForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Outcome"), choices=EnforcementAction.Status.choices)
    amount_iqd = forms.DecimalField(
        label=gettext_lazy("Amount paid (IQD)"), required=False, min_value=1, decimal_places=0
    )
    paid_on = forms.DateField(
        label=gettext_lazy("Payment date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    receipt_number = forms.CharField(label=gettext_lazy("Receipt number"), required=False, max_length=64)
    note = forms.CharField(
        label=gettext_lazy("Reason or note"),
        required=False,
        max_length=3000,
        widget=forms.Textarea({"rows": 2}),
    )

    def __init__(self, *args, outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        # No outcome is preselected: recording one is a decision the officer makes, never a default.
        self.fields["status"].choices = [("", "—")] + [(s, STATUS_LABELS[s]) for s in outcomes]


class ConfirmForm(forms.Form):
    amount_iqd = forms.DecimalField(
        label=gettext_lazy("Amount (IQD)"), required=False, min_value=1, decimal_places=0
    )
    due_date = forms.DateField(
        label=gettext_lazy("Due by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    penalty_provision = forms.ModelChoiceField(
        label=gettext_lazy("Legal basis of the penalty"),
        queryset=LegalProvision.objects.select_related("instrument"),
        required=False,
    )
    notes = forms.CharField(label=gettext_lazy("Notes"), required=False, widget=forms.Textarea({"rows": 2}))


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"), max_length=3000, widget=forms.Textarea({"rows": 2})
    )


def enforcement_rows(case, user, actions) -> list[dict]:
    """Each enforcement action with its history and what ``user`` may do with it on the case page."""
    rows = []
    for action in actions:
        outcomes = services.enforcement_outcomes_next(action, user)
        decisions = services.enforcement_proposal_decisions(action, user)
        rows.append(
            {
                "action": action,
                "history": list(action.outcomes.all()),
                "outcome_form": OutcomeForm(outcomes=outcomes, prefix=f"o{action.pk}") if outcomes else None,
                "confirm_form": ConfirmForm(prefix=f"c{action.pk}", initial={"amount_iqd": action.amount_iqd})
                if "confirm" in decisions
                else None,
                "reject_form": RejectForm(prefix=f"r{action.pk}") if "reject" in decisions else None,
            }
        )
    return rows
