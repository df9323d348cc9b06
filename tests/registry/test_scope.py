"""The governorate scope filter is the registry's (it takes ids); the rule for a user's ids is the user
model's, asked duck-typed, and accounts' selectors give the same answers through both."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.selectors import scope_by_governorate, user_governorate_ids
from registry.models import Governorate
from registry.selectors import governorate_ids_of, scope_by_governorate_ids


@pytest.mark.django_db
def test_scope_by_governorate_ids_when_national_limited_or_empty(baghdad, basra):
    everything = Governorate.objects.all()
    assert scope_by_governorate_ids(everything, governorate_ids=None, field="pk").count() == 15
    assert not scope_by_governorate_ids(everything, governorate_ids=frozenset(), field="pk").exists()
    limited = scope_by_governorate_ids(everything, governorate_ids={baghdad.pk, basra.pk}, field="pk")
    assert set(limited) == {baghdad, basra}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("national", None),
        ("baghdad", "baghdad"),
        ("superuser_with_governorates", None),
        ("inactive", frozenset()),
        ("anonymous", frozenset()),
    ],
)
def test_governorate_ids_of_when_user_is(kind, expected, make_user, baghdad):
    users = {
        "national": lambda: make_user("analyst"),
        "baghdad": lambda: make_user("labour_inspector", governorates=("IQ-BG",)),
        "superuser_with_governorates": lambda: make_user(governorates=("IQ-BG",), is_superuser=True),
        "inactive": lambda: make_user("analyst", governorates=("IQ-BG",), is_active=False),
        "anonymous": AnonymousUser,
    }
    user = users[kind]()
    wanted = frozenset({baghdad.pk}) if expected == "baghdad" else expected
    assert governorate_ids_of(user=user) == wanted
    assert user_governorate_ids(user=user) == wanted  # accounts delegates: one rule


@pytest.mark.django_db
def test_user_scope_is_read_once_per_user_object(make_user, baghdad, django_assert_num_queries):
    inspector = make_user("labour_inspector", governorates=("IQ-BG",))
    with django_assert_num_queries(1):
        assert inspector.governorate_ids() == frozenset({baghdad.pk})
        assert governorate_ids_of(user=inspector) == frozenset({baghdad.pk})
        assert user_governorate_ids(user=inspector) == frozenset({baghdad.pk})


@pytest.mark.django_db
def test_accounts_scope_filter_is_the_registry_one(make_user, baghdad):
    inspector = make_user("labour_inspector", governorates=("IQ-BG",))
    through_accounts = scope_by_governorate(Governorate.objects.all(), user=inspector, field="pk")
    through_registry = scope_by_governorate_ids(
        Governorate.objects.all(), governorate_ids=governorate_ids_of(user=inspector), field="pk"
    )
    assert list(through_accounts) == list(through_registry) == [baghdad]
