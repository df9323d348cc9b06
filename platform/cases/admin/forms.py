"""Forms and filters of the staff case screens. They collect input; the services decide."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from accounts.models import User
from accounts.selectors import user_governorate_ids
from cases.models import Case, CaseType, EnforcementAction, Violation, WorkflowState
from cases.selectors import case_type_access, staff_in_scope
from core.i18n import localize
from registry.models import Governorate, LegalProvision
from registry.selectors import establishment_lookup, establishments_in_scope


def person_label(user, language: str | None = None) -> str:
    """A person's name on the staff screens, in the reader's (active) language unless told (User.name_in)."""
    return user.name_in(language or translation.get_language())


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return person_label(obj)


class LocalizedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return localize(obj.name, translation.get_language())


class LocalizedModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = LocalizedChoiceField


class PersonModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = PersonChoiceField


class CaseQueueFilterSet(WagtailFilterSet):
    """Filters of the queues; every choice is limited to what the user may see."""

    case_type = LocalizedModelChoiceFilter(queryset=CaseType.objects.none(), label=_("Case type"))
    state = django_filters.ChoiceFilter(label=_("State"), choices=())
    governorate = LocalizedModelChoiceFilter(queryset=Governorate.objects.none(), label=_("Governorate"))
    establishment = django_filters.CharFilter(
        label=_("Establishment (name or registration number)"), method="filter_establishment"
    )
    assignee = PersonModelChoiceFilter(queryset=User.objects.none(), label=_("Assigned to"))
    priority = django_filters.ChoiceFilter(label=_("Priority"), choices=Case.Priority.choices)
    status = django_filters.ChoiceFilter(
        label=_("Open or closed"),
        choices=(("open", _("Open")), ("closed", _("Closed"))),
        method="filter_status",
    )
    opened_at = django_filters.DateFromToRangeFilter(label=_("Opened"), widget=DateRangePickerWidget)
    due_at = django_filters.DateFromToRangeFilter(label=_("Due"), widget=DateRangePickerWidget)

    class Meta:
        model = Case
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        user = request.user
        language = translation.get_language()
        types = CaseType.objects.order_by("key")
        governorates = Governorate.objects.filter(is_active=True).order_by("sort_order", "code")
        if not user.is_superuser:
            types = types.filter(pk__in=case_type_access(user)[0])
            scope = user_governorate_ids(user=user)
            if scope is not None:
                governorates = governorates.filter(pk__in=scope)
        self.filters["case_type"].queryset = types
        self.filters["governorate"].queryset = governorates
        self.filters["assignee"].queryset = staff_in_scope(user=user)
        states = {}
        for state in WorkflowState.objects.filter(workflow__case_types__in=types).order_by("sort_order"):
            states.setdefault(state.key, localize(state.label, language))
        self.filters["state"].extra["choices"] = sorted(states.items(), key=lambda item: item[1])

    def filter_status(self, queryset, name, value):
        return queryset.filter(closed_at__isnull=value == "open")

    def filter_establishment(self, queryset, name, value):
        value = value.strip()[:100]
        if not value:
            return queryset
        return queryset.filter(
            Q(establishment__registration_number__iexact=value) | Q(establishment__name__icontains=value)
        )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class AssignForm(forms.Form):
    assignee = PersonChoiceField(
        label=_("Assign to"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nobody (unassigned)"),
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = candidates if candidates is not None else User.objects.none()


class BulkAssignForm(forms.Form):
    cases = forms.ModelMultipleChoiceField(
        queryset=Case.objects.none(),
        to_field_name="reference",
        label=_("Cases"),
        error_messages={"required": _("Select at least one case.")},
    )
    assignee = PersonChoiceField(label=_("Assign to"), queryset=User.objects.none())

    def __init__(self, *args, cases=None, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = cases if cases is not None else Case.objects.none()
        self.fields["assignee"].queryset = people if people is not None else User.objects.none()


class TransitionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000
    )

    def __init__(self, *args, comment_required=False, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = comment_required
        if candidates is not None:
            # A step into a state that needs an assignee: whom to assign (or the workflow's rule).
            self.fields["assignee"] = PersonChoiceField(
                label=_("Assign to"),
                queryset=candidates,
                required=False,
                empty_label=_("Whoever the assignment rule picks"),
            )


class ChannelForm(forms.Form):
    """The first step of staff intake: how the case reached the ministry."""

    channel = forms.ChoiceField(label=_("How did this case reach us?"), widget=forms.RadioSelect)

    def __init__(self, *args, channels=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Case.Channel.choices)
        self.fields["channel"].choices = [(c, labels[c]) for c in channels if c in labels]
        if len(channels) == 1:
            self.fields["channel"].initial = channels[0]
        self.layout = [
            {
                "kind": "field",
                "key": "channel",
                "names": ["channel"],
                "label": self.fields["channel"].label,
                "required": True,
                "help": "",
            }
        ]


class EstablishmentLinkForm(forms.Form):
    """Link a case to a registry entry: the typeahead fills the entry's id; without JavaScript the words
    typed are looked up, one match is taken and several are offered to choose from."""

    establishment = forms.IntegerField(
        label=_("Establishment"), required=False, min_value=1, widget=forms.HiddenInput
    )
    query = forms.CharField(
        label=_("Establishment in the registry (name or registration number)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"data-establishment-search": "establishment", "autocomplete": "off"}),
    )

    def __init__(self, *args, governorate_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.governorate_ids, self.matches = governorate_ids, []

    def clean(self):
        cleaned = super().clean()
        chosen, query = cleaned.get("establishment"), (cleaned.get("query") or "").strip()
        if chosen:
            found = (
                establishments_in_scope(governorate_ids=self.governorate_ids)
                .filter(pk=chosen, is_active=True)
                .first()
            )
            if found is None:
                raise forms.ValidationError(_("Choose an establishment of your governorates."))
            cleaned["establishment"] = found
            return cleaned
        if not query:
            raise forms.ValidationError(_("Type the establishment's name or registration number."))
        self.matches = establishment_lookup(query=query, governorate_ids=self.governorate_ids, limit=10)
        if len(self.matches) == 1:
            cleaned["establishment"] = self.matches[0]
            return cleaned
        if not self.matches:
            raise forms.ValidationError(_("No establishment of your governorates matches these words."))
        raise forms.ValidationError(_("Several establishments match: choose one."))


class EstablishmentRegisterForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    address = forms.CharField(label=_("Address"), max_length=500, required=False)


class EnforcementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Action"), choices=())
    violations = forms.ModelMultipleChoiceField(
        label=_("For the violations"),
        queryset=Violation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    amount_iqd = forms.DecimalField(label=_("Amount (IQD)"), required=False, min_value=1, decimal_places=0)
    due_date = forms.DateField(
        label=_("Due by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    penalty_provision = forms.ModelChoiceField(
        label=_("Legal basis of the penalty"),
        queryset=LegalProvision.objects.select_related("instrument"),
        required=False,
        help_text=_("Empty: the one the notice wording of this kind names."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for a referral to court or a stop order taken without the earlier steps."),
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, case=None, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(EnforcementAction.Kind.choices)
        self.fields["kind"].choices = [(kind, labels[kind]) for kind in allowed if kind in labels]
        if case is not None:
            self.fields["violations"].queryset = case.violations.select_related("provision")
            self.fields["violations"].label_from_instance = lambda v: violation_label(v)


class ViolationStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Violation.Status.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
    reason = forms.CharField(label=_("Reason (to withdraw)"), required=False, max_length=2000)


def violation_label(violation) -> str:
    language = translation.get_language()
    provision = violation.provision
    if provision is not None:
        return f"{localize(provision.title, language)} ({provision.article_label})"
    return localize(violation.description, language) or violation.item_key
