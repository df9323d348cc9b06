"""The governorate scoping helper that every staff selector uses."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.selectors import scope_by_governorate, user_governorate_ids, user_role_keys
from registry.models import Governorate


@pytest.mark.django_db
def test_user_with_governorates_sees_only_those(make_user, baghdad, basra):
    inspector = make_user("labour_inspector", governorates=("IQ-BG",))
    assert user_governorate_ids(user=inspector) == frozenset({baghdad.pk})
    visible = scope_by_governorate(Governorate.objects.all(), user=inspector, field="pk")
    assert list(visible) == [baghdad]


@pytest.mark.django_db
def test_user_without_governorates_has_national_scope(make_user):
    analyst = make_user("analyst")
    assert user_governorate_ids(user=analyst) is None
    assert scope_by_governorate(Governorate.objects.all(), user=analyst, field="pk").count() == 15


@pytest.mark.django_db
def test_user_with_two_governorates(make_user, baghdad, basra):
    supervisor = make_user("supervisor", governorates=("IQ-BG", "IQ-BA"))
    visible = set(scope_by_governorate(Governorate.objects.all(), user=supervisor, field="pk"))
    assert visible == {baghdad, basra}


@pytest.mark.django_db
def test_anonymous_and_inactive_users_see_nothing(make_user, reference_data):
    assert scope_by_governorate(Governorate.objects.all(), user=AnonymousUser(), field="pk").count() == 0
    inactive = make_user("analyst", is_active=False)
    assert scope_by_governorate(Governorate.objects.all(), user=inactive, field="pk").count() == 0


@pytest.mark.django_db
def test_role_keys(make_user):
    user = make_user("grm_officer", "supervisor", governorates=("IQ-BA",))
    assert user_role_keys(user=user) == {"grm_officer", "supervisor"}
    assert user_role_keys(user=AnonymousUser()) == frozenset()
