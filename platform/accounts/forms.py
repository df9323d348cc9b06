from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from registry.models import Governorate


class _ScopeFields(forms.Form):
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    governorates = forms.ModelMultipleChoiceField(
        label=_("Governorates"),
        queryset=Governorate.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for national scope: the user then sees every governorate."),
    )


class ScopedUserCreationForm(UserCreationForm):
    preferred_language = _ScopeFields.base_fields["preferred_language"]
    governorates = _ScopeFields.base_fields["governorates"]

    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"preferred_language", "governorates"}


class ScopedUserEditForm(UserEditForm):
    preferred_language = _ScopeFields.base_fields["preferred_language"]
    governorates = _ScopeFields.base_fields["governorates"]

    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"preferred_language", "governorates"}
