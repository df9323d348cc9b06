from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from cases.configuration import enforcement_problems, stream_actions, workflow_problems


def _live_forms(formset):
    return [f for f in formset.forms if f.is_valid() and f.cleaned_data and not f.cleaned_data.get("DELETE")]


def _keys(value) -> list[str]:
    return [k.strip() for k in (value or "").split(",") if k.strip()]


def _escalation_groups(formset) -> list[dict]:
    """The escalation rows of the form as the checks take them: grouped by their states, in row order."""
    groups: dict[tuple, dict] = {}
    for form in _live_forms(formset) if formset is not None else []:
        data = form.cleaned_data
        states = _keys(data.get("states"))
        group = groups.setdefault(tuple(states), {"states": states, "levels": []})
        group["levels"].append(
            {
                "level": data.get("level"),
                "after_hours": data.get("after_hours") or 0,
                "roles": _keys(data.get("roles")),
                "scope": data.get("scope"),
            }
        )
    return list(groups.values())


class WorkflowAdminForm(WagtailAdminModelForm):
    """Saving an inconsistent workflow is refused, with the reasons."""

    def clean(self):
        cleaned = super().clean()
        states_formset, transitions_formset = self.formsets.get("states"), self.formsets.get("transitions")
        if states_formset is None or transitions_formset is None:
            return cleaned
        states = [
            {
                "key": f.cleaned_data.get("key"),
                "label": f.cleaned_data.get("label"),
                "public_label": f.cleaned_data.get("public_label"),
                "is_initial": f.cleaned_data.get("is_initial"),
                "is_terminal": f.cleaned_data.get("is_terminal"),
            }
            for f in _live_forms(states_formset)
        ]
        transitions = [
            {
                "key": f.cleaned_data.get("key"),
                "label": f.cleaned_data.get("label"),
                "from": [
                    k.strip() for k in (f.cleaned_data.get("from_states") or "").split(",") if k.strip()
                ],
                "to": f.cleaned_data.get("to_state"),
                "roles": [
                    k.strip() for k in (f.cleaned_data.get("allowed_roles") or "").split(",") if k.strip()
                ],
                "form": f.cleaned_data.get("form"),
                "by_reporter": f.cleaned_data.get("by_reporter"),
                "reopens": f.cleaned_data.get("reopens"),
                "actions": stream_actions(f.cleaned_data.get("actions")),
            }
            for f in _live_forms(transitions_formset)
        ]
        problems = workflow_problems(
            states=states,
            transitions=transitions,
            on_open_actions=stream_actions(cleaned.get("on_open_actions")),
            workflow=self.instance if self.instance.pk else None,
            escalations=_escalation_groups(self.formsets.get("escalations")),
        )
        if problems:
            self.add_error(None, _("This workflow cannot be saved:"))
            for problem in problems:
                self.add_error(None, problem)
        return cleaned


class CaseTypeAdminForm(WagtailAdminModelForm):
    """A case type's enforcement keys are refused, with the reasons, for what the YAML loader refuses."""

    def clean(self):
        cleaned = super().clean()
        problems = enforcement_problems(
            {
                "enforcement_ladder": cleaned.get("enforcement_ladder"),
                "enforcement_outcome_roles": cleaned.get("enforcement_outcome_roles"),
                "notice_texts": cleaned.get("notice_texts"),
            }
        )
        for problem in problems:
            self.add_error(None, problem)
        return cleaned
