from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from accounts.access import role_change_problems
from registry.models import Governorate

# Edited with Wagtail's own fields; the bilingual ones (display name, position) get one input per language.
_USER_FIELDS = {"display_name", "position", "preferred_language", "governorates"}


class _ScopeFields(forms.Form):
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    governorates = forms.ModelMultipleChoiceField(
        label=_("Governorates"),
        queryset=Governorate.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for national scope: the user then sees every governorate."),
    )


class GrantRulesMixin:
    """Roles and superuser status are changed only as ``accounts.access`` allows: restricted roles by a
    superuser or their grantors and never on one's own account; superuser status by superusers only."""

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.groups_before = (
            set(self.instance.groups.values_list("pk", flat=True)) if self.instance.pk else set()
        )
        self.superuser_before = bool(self.instance.pk and self.instance.is_superuser)
        if actor is not None and not actor.is_superuser:
            self.fields.pop("is_superuser", None)  # stays as it is

    def groups_after(self) -> set:
        if "groups" not in self.fields:
            return self.groups_before
        return {group.pk for group in self.cleaned_data.get("groups") or []}

    def superuser_after(self) -> bool:
        if "is_superuser" not in self.fields:
            return self.superuser_before
        return bool(self.cleaned_data.get("is_superuser"))

    def clean(self):
        cleaned = super().clean()
        if self.actor is None:
            return cleaned
        for problem in role_change_problems(
            actor=self.actor,
            subject=self.instance if self.instance.pk else None,
            before=self.groups_before,
            after=self.groups_after(),
            superuser_before=self.superuser_before,
            superuser_after=self.superuser_after(),
        ):
            self.add_error("groups" if "groups" in self.fields else None, problem)
        return cleaned


class ScopedUserCreationForm(GrantRulesMixin, UserCreationForm):
    preferred_language = _ScopeFields.base_fields["preferred_language"]
    governorates = _ScopeFields.base_fields["governorates"]

    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | _USER_FIELDS


class ScopedUserEditForm(GrantRulesMixin, UserEditForm):
    preferred_language = _ScopeFields.base_fields["preferred_language"]
    governorates = _ScopeFields.base_fields["governorates"]

    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | _USER_FIELDS
