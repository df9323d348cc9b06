import pytest
from django.core.exceptions import ImproperlyConfigured

from accounts.selectors import user_governorate_ids, user_role_keys
from accounts.services import demo_users_create


@pytest.mark.django_db
def test_demo_users_get_their_roles_scope_and_password(roles, reference_data, baghdad, django_user_model):
    demo_users_create(
        users=[
            {
                "username": "labour_inspector_bg",
                "roles": ["labour_inspector"],
                "governorates": ["IQ-BG"],
                "language": "en",
            }
        ],
        password="demo-password-123",
    )
    user = django_user_model.objects.get(username="labour_inspector_bg")
    assert user.check_password("demo-password-123")
    assert user_role_keys(user=user) == {"labour_inspector"}
    assert user_governorate_ids(user=user) == {baghdad.pk}
    assert user.preferred_language == "en"
    assert user.wagtail_userprofile.preferred_language == "en"


@pytest.mark.django_db
def test_demo_users_are_never_created_in_production(settings, roles):
    settings.ECMS_CREATE_DEMO_USERS = False
    with pytest.raises(ImproperlyConfigured):
        demo_users_create(users=[{"username": "admin"}], password="x")
