from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from accounts.forms import ScopedUserCreationForm, ScopedUserEditForm


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return ScopedUserEditForm if for_update else ScopedUserCreationForm
