"""Roles are groups seeded from configs/roles.yaml: idempotent, exact permissions, refusals with reasons."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission

from accounts.models import Role
from accounts.services import roles_load
from core.configs import ConfigError, default_config_dir, load_configs, read_yaml

ROLE_KEYS = {
    "ministry_admin",
    "supervisor",
    "labour_inspector",
    "osh_inspector",
    "grm_officer",
    "grm_sensitive",
    "grm_sensitive_supervisor",
    "data_clerk",
    "analyst",
}


def _perms(role_key: str) -> set[str]:
    group = Role.objects.get(key=role_key).group
    return {
        f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")
    }


@pytest.mark.django_db
def test_seeding_creates_every_role_with_bilingual_names():
    load_configs(only=["roles"])
    assert set(Role.objects.values_list("key", flat=True)) == ROLE_KEYS
    for role in Role.objects.all():
        assert role.name["ar"] and role.name["en"]
        assert role.group.name == role.name["en"]


@pytest.mark.django_db
def test_seeding_twice_changes_nothing():
    load_configs(only=["roles"])
    before = {key: _perms(key) for key in ROLE_KEYS}
    groups = Group.objects.count()
    result = load_configs(only=["roles"])
    assert result["roles.yaml"]["created"] == 0
    assert Group.objects.count() == groups
    assert {key: _perms(key) for key in ROLE_KEYS} == before


@pytest.mark.django_db
def test_roles_get_exactly_their_permissions():
    load_configs(only=["roles"])
    admin = _perms("ministry_admin")
    assert {"wagtailadmin.access_admin", "accounts.add_user", "accounts.change_user"} <= admin
    inspector = _perms("labour_inspector")
    assert "wagtailadmin.access_admin" in inspector
    assert "accounts.change_user" not in inspector
    assert "registry.change_governorate" not in inspector
    assert _perms("analyst") == {
        "wagtailadmin.access_admin",
        "registry.view_governorate",
        "registry.view_economicactivity",
        "registry.view_establishment",
        "registry.view_legalinstrument",
        "registry.view_legalprovision",
        "cases.view_case",
    }
    assert "forms_builder.publish_formdefinition" in admin
    assert "forms_builder.publish_formdefinition" not in inspector
    assert {"registry.add_establishment", "registry.change_establishment"} <= _perms("data_clerk")


@pytest.mark.django_db
def test_permission_removed_from_config_is_removed_from_group(tmp_path: Path):
    load_configs(only=["roles"])
    document = read_yaml(default_config_dir() / "roles.yaml")
    analyst = next(role for role in document["roles"] if role["key"] == "analyst")
    analyst["permissions"] = ["wagtailadmin.access_admin"]
    roles_load(document, tmp_path / "roles.yaml")
    assert _perms("analyst") == {"wagtailadmin.access_admin"}


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda roles: roles[0]["permissions"].append("cases.fly_to_moon"), "unknown permission"),
        (lambda roles: roles[0]["permissions"].append("no_dot"), "app_label.codename"),
        (lambda roles: roles.append(dict(roles[0])), "duplicate role key"),
        (lambda roles: roles[0]["name"].pop("ar"), "has no name in: ar"),
        (lambda roles: roles[0].update(page_permissions=["fly"]), "unknown page permission"),
    ],
)
@pytest.mark.django_db
def test_bad_role_configuration_is_refused_and_nothing_changes(tmp_path, mutate, message):
    document = read_yaml(default_config_dir() / "roles.yaml")
    mutate(document["roles"])
    with pytest.raises(ConfigError, match=message):
        roles_load(document, tmp_path / "roles.yaml")
    assert not Role.objects.exists()
    assert Permission.objects.exists()
