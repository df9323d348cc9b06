"""Shared fixtures: reference data, roles and users, as a ministry would have them."""

import pytest
from django.core.cache import cache

from accounts.services import roles_load
from ecms.configs import default_config_dir, read_yaml
from registry.models import Governorate
from registry.services import reference_data_load


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reference_data(db):
    reference_data_load()


@pytest.fixture
def roles(db):
    path = default_config_dir() / "roles.yaml"
    roles_load(read_yaml(path), path)


@pytest.fixture
def baghdad(reference_data):
    return Governorate.objects.get(code="IQ-BG")


@pytest.fixture
def basra(reference_data):
    return Governorate.objects.get(code="IQ-BA")


@pytest.fixture
def make_user(db, roles, reference_data, django_user_model):
    """make_user("labour_inspector", "IQ-BG") -> an active user with that role and scope."""
    from django.contrib.auth.models import Group

    counter = {"n": 0}

    def _make(*role_keys: str, governorates: tuple[str, ...] = (), language: str = "ar", **fields):
        counter["n"] += 1
        username = fields.pop("username", f"user{counter['n']}")
        user = django_user_model.objects.create_user(
            username=username, password="a-long-test-password", preferred_language=language, **fields
        )
        user.groups.set(Group.objects.filter(role__key__in=role_keys))
        user.governorates.set(Governorate.objects.filter(code__in=governorates))
        return user

    return _make
