from wagtail.users.views import users as wagtail_users
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from accounts.access import user_access_changes_record
from accounts.forms import ScopedUserCreationForm, ScopedUserEditForm


class RecordedGrantsMixin:
    """The form knows who is editing (the grant rules); every role given or taken is logged."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def save_instance(self):
        instance = super().save_instance()
        form = self.form
        user_access_changes_record(
            actor=self.request.user,
            subject=instance,
            before=form.groups_before,
            after=set(instance.groups.values_list("pk", flat=True)),
            superuser_before=form.superuser_before,
            superuser_after=instance.is_superuser,
        )
        return instance


class CreateView(RecordedGrantsMixin, wagtail_users.CreateView):
    pass


class EditView(RecordedGrantsMixin, wagtail_users.EditView):
    pass


class UserViewSet(WagtailUserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView

    def get_form_class(self, for_update=False):
        return ScopedUserEditForm if for_update else ScopedUserCreationForm
