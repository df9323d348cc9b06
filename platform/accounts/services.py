"""Writes for accounts: role seeding from configuration, demo users."""

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from wagtail.models import GroupPagePermission, Page
from wagtail.users.models import UserProfile

from accounts.models import Role
from core.configs import ConfigError
from core.i18n import language_codes, localize, missing_translations
from registry.models import Governorate

PAGE_PERMISSION_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}


def _permissions_from_names(names: list[str], *, source: str) -> list[Permission]:
    wanted: list[tuple[str, str]] = []
    for name in names:
        app_label, _dot, codename = str(name).partition(".")
        if not app_label or not codename:
            raise ConfigError(f"{source}: permission {name!r} is not of the form app_label.codename")
        wanted.append((app_label, codename))
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in=[codename for _app, codename in wanted]
        )
    }
    missing = [f"{app}.{code}" for app, code in wanted if (app, code) not in found]
    if missing:
        raise ConfigError(f"{source}: unknown permission(s): {', '.join(missing)}")
    return [found[key] for key in wanted]


def _set_page_permissions(group: Group, actions: list[str], *, source: str) -> None:
    unknown = sorted(set(actions) - PAGE_PERMISSION_ACTIONS)
    if unknown:
        raise ConfigError(f"{source}: unknown page permission(s): {', '.join(unknown)}")
    root = Page.get_first_root_node()
    if root is None:
        return
    wanted = set(
        Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=[f"{a}_page" for a in actions]
        )
    )
    current = GroupPagePermission.objects.filter(group=group, page=root)
    current.exclude(permission__in=wanted).delete()
    for permission in wanted:
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


@transaction.atomic
def roles_load(document: dict[str, Any], path: Path) -> dict[str, int]:
    """Create or update the groups of ``configs/roles.yaml`` so each has exactly its listed permissions."""
    source = str(path)
    entries = (document or {}).get("roles")
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{source}: expected a non-empty 'roles' list")
    keys = [entry.get("key") for entry in entries]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise ConfigError(f"{source}: duplicate role key(s): {', '.join(map(str, duplicates))}")
    created = 0
    for entry in entries:
        key = entry["key"]
        missing = missing_translations(entry.get("name"))
        if missing:
            raise ConfigError(f"{source}: role {key!r} has no name in: {', '.join(missing)}")
        permissions = _permissions_from_names(entry.get("permissions", []), source=f"{source}: role {key!r}")
        role = Role.objects.select_related("group").filter(key=key).first()
        group_name = localize(entry["name"], "en")
        if role is None:
            group, _new = Group.objects.get_or_create(name=group_name)
            role = Role.objects.create(key=key, group=group, name=entry["name"])
            created += 1
        elif role.group.name != group_name:
            role.group.name = group_name
            role.group.save(update_fields=["name"])
        role.name = entry["name"]
        role.description = entry.get("description", {})
        role.restricted = bool(entry.get("restricted", False))
        role.grantor_roles = ",".join(entry.get("grantors") or [])
        role.save()
        role.group.permissions.set(permissions)
        _set_page_permissions(role.group, entry.get("page_permissions", []), source=f"{source}: role {key!r}")
    return {"roles": len(entries), "created": created}


def demo_password() -> str:
    """The demo users' password: ECMS_DEMO_PASSWORD, or a documented default for local demos."""
    return os.environ.get("ECMS_DEMO_PASSWORD") or "ecms-demo-2026"


@transaction.atomic
def demo_users_create(*, users: list[dict[str, Any]], password: str) -> list[str]:
    """Create or refresh demo users (never under production settings). Returns their usernames."""
    if not getattr(settings, "ECMS_CREATE_DEMO_USERS", False):
        raise ImproperlyConfigured("Demo users are never created with these settings (production).")
    user_model = get_user_model()
    hashed = make_password(password)  # one hash for the shared demo password: dozens of users stay quick
    names = []
    for spec in users:
        user, _created = user_model.objects.get_or_create(username=spec["username"])
        user.first_name = spec.get("first_name", "")
        user.last_name = spec.get("last_name", "")
        user.display_name = dict(spec.get("display_name") or {})
        user.position = dict(spec.get("position") or {})
        user.email = spec.get("email", f"{spec['username']}@demo.ecms.invalid")
        user.is_superuser = bool(spec.get("superuser", False))
        user.is_staff = user.is_superuser
        user.preferred_language = spec.get("language", settings.LANGUAGE_CODE)
        user.password = hashed
        user.save()
        user.groups.set(Group.objects.filter(role__key__in=spec.get("roles", [])))
        user.governorates.set(Governorate.objects.filter(code__in=spec.get("governorates", [])))
        _sync_wagtail_profile_language(user)
        names.append(user.username)
    return names


def demo_staff_specs(*, governorates: list[str], roles: list[str], language: str = "ar") -> list[dict]:
    """Demo users for each of ``roles`` in each governorate (``<role>_<code>``, e.g. supervisor_ni), named
    after the governorate and the role (first/last name in English; the display name in every language,
    e.g. "مشرف في نينوى" / "Supervisor in Nineveh"), so every governorate with cases has people to work
    them."""
    places = {g.code: g.name for g in Governorate.objects.filter(code__in=governorates)}
    role_names = {r.key: r.name for r in Role.objects.filter(key__in=roles)}
    return [
        {
            "username": f"{role}_{code.split('-')[-1].lower()}",
            "first_name": localize(places.get(code), "en") or code,
            "last_name": localize(role_names.get(role), "en") or role,
            "display_name": _staff_display_name(role_names.get(role) or role, places.get(code) or code),
            "roles": [role],
            "governorates": [code],
            "language": language,
        }
        for code in governorates
        for role in roles
    ]


_IN_PLACE = {"ar": "{role} في {place}", "en": "{role} in {place}"}  # the demo display name's pattern


def _staff_display_name(role_name, place_name) -> dict[str, str]:
    return {
        code: _IN_PLACE.get(code, _IN_PLACE["en"]).format(
            role=localize(role_name, code), place=localize(place_name, code)
        )
        for code in language_codes()
    }


def _sync_wagtail_profile_language(user) -> None:
    """The admin's interface language follows the user's preferred language."""
    profile = UserProfile.get_for_user(user)
    if profile.preferred_language != user.preferred_language:
        profile.preferred_language = user.preferred_language
        profile.save(update_fields=["preferred_language"])
