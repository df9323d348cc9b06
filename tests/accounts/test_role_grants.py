"""No role can grant itself secrets: restricted roles are given only by a superuser (or a configured
grantor role), never on one's own account; superuser status only by superusers; each grant and removal is
in the hash-chained access log; superusers see restricted cases only with the role or by break-glass."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import translation

from accounts.access import access_log_verify
from accounts.models import AccessEvent, Role
from tests.factories import in_english

pytestmark = pytest.mark.django_db


def edit_payload(user, groups, **extra):
    return {
        "username": user.username,
        "email": user.email or f"{user.username}@example.gov.iq",
        "first_name": user.first_name or "A",
        "last_name": user.last_name or "B",
        "is_active": "on",
        "preferred_language": "en",
        "groups": [g.pk for g in groups],
        **extra,
    }


def group(key):
    return Group.objects.get(role__key=key)


def test_a_ministry_administrator_cannot_give_itself_the_sensitive_role(client, make_user):
    admin = in_english(make_user("ministry_admin", username="min_admin", email="a@example.gov.iq"))
    client.force_login(admin)
    url = reverse("wagtailusers_users:edit", args=[admin.pk])
    response = client.post(url, edit_payload(admin, [group("ministry_admin"), group("grm_sensitive")]))
    assert response.status_code == 200, "refused with the reason"
    assert "on their own account" in response.content.decode() or "own account" in response.content.decode()
    admin.refresh_from_db()
    assert not admin.groups.filter(role__key="grm_sensitive").exists()
    assert not AccessEvent.objects.exclude(kind="configuration").exists()


def test_a_ministry_administrator_cannot_give_the_sensitive_role_or_superuser_status_to_others(
    client, make_user
):
    admin = in_english(make_user("ministry_admin", username="min_admin2"))
    officer = make_user("grm_officer", username="officer_x", email="o@example.gov.iq")
    client.force_login(admin)
    url = reverse("wagtailusers_users:edit", args=[officer.pk])
    refused = client.post(url, edit_payload(officer, [group("grm_officer"), group("grm_sensitive")]))
    assert refused.status_code == 200 and "Only a superuser" in refused.content.decode()
    made_admin = client.post(url, edit_payload(officer, [group("grm_officer")], is_superuser="on"))
    assert made_admin.status_code == 302, "the field is not offered: it stays as it was"
    officer.refresh_from_db()
    assert not officer.is_superuser and not officer.groups.filter(role__key="grm_sensitive").exists()
    # An ordinary role is given, and logged.
    assert (
        client.post(url, edit_payload(officer, [group("grm_officer"), group("supervisor")])).status_code
        == 302
    )
    event = AccessEvent.objects.exclude(kind="configuration").get()
    assert event.kind == "role_granted" and event.actor == admin and event.subject == officer
    assert event.data["role"] == "supervisor"


def test_a_superuser_gives_and_takes_the_sensitive_role_and_each_is_logged(client, make_user):
    boss = make_user(username="boss", is_superuser=True)
    officer = make_user("grm_officer", username="officer_y", email="y@example.gov.iq")
    client.force_login(boss)
    url = reverse("wagtailusers_users:edit", args=[officer.pk])
    assert (
        client.post(url, edit_payload(officer, [group("grm_officer"), group("grm_sensitive")])).status_code
        == 302
    )
    assert client.post(url, edit_payload(officer, [group("grm_officer")])).status_code == 302
    kinds = list(
        AccessEvent.objects.exclude(kind="configuration").values_list(
            "kind", "data__role", "data__restricted"
        )
    )
    assert kinds == [("role_granted", "grm_sensitive", True), ("role_removed", "grm_sensitive", True)]
    assert access_log_verify() == []


def test_a_configured_grantor_role_may_give_the_restricted_role(client, make_user):
    Role.objects.filter(key="grm_sensitive").update(grantor_roles="supervisor")
    supervisor = make_user("supervisor", username="sup_grantor")
    officer = make_user("grm_officer", username="officer_z", email="z@example.gov.iq")
    from accounts.access import role_change_problems

    problems = role_change_problems(
        actor=supervisor,
        subject=officer,
        before={group("grm_officer").pk},
        after={group("grm_officer").pk, group("grm_sensitive").pk},
        superuser_before=False,
        superuser_after=False,
    )
    assert problems == []


def test_the_access_log_shows_a_raw_change(make_user):
    from accounts.access import access_event_write

    boss = make_user(username="boss2", is_superuser=True)
    access_event_write(kind="role_granted", actor=boss, subject=boss, data={"role": "supervisor"})
    access_event_write(kind="role_removed", actor=boss, subject=boss, data={"role": "supervisor"})
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounts_accessevent SET data = %s WHERE sequence = 1", ['{"role": "analyst"}']
        )
    with translation.override("en"):
        assert access_log_verify() == ["access event 1 was changed"]


def test_a_superuser_sees_restricted_cases_only_by_break_glass(
    client, make_user, shipped, django_capture_on_commit_callbacks, django_user_model, settings
):
    settings.ECMS_JOBS = {**settings.ECMS_JOBS, "BACKEND": "inprocess"}  # the e-mail job runs here
    from cases.selectors import case_get_by_reference
    from tests.staff.conftest import open_complaint

    sensitive = open_complaint(category="harassment_sexual").case
    assert sensitive.restricted
    boss = make_user(username="boss3", is_superuser=True)
    holder = make_user(
        "grm_sensitive", username="sens_holder", email="holder@example.gov.iq", governorates=("IQ-BG",)
    )
    assert case_get_by_reference(user=boss, reference=sensitive.reference) is None
    client.force_login(boss)
    url = reverse("accounts_break_glass")
    short = client.post(url, {"reason": "because"})
    assert short.status_code == 200 and not AccessEvent.objects.filter(kind="break_glass").exists()
    with django_capture_on_commit_callbacks(execute=True):
        opened = client.post(
            url, {"reason": "A worker's life is threatened; the police asked for the file tonight."}
        )
    assert opened.status_code == 302
    event = AccessEvent.objects.get(kind="break_glass")
    assert event.actor == boss and "police" in event.data["reason"] and event.expires_at
    fresh = django_user_model.objects.get(pk=boss.pk)  # as the next request loads it
    assert case_get_by_reference(user=fresh, reference=sensitive.reference) == sensitive
    assert [m.to for m in mail.outbox] == [[holder.email]], "the restricted role's holders are told"


def test_configuration_changes_join_the_chained_log(make_user, shipped):
    from django.contrib.auth.models import Permission

    from cases.models import Workflow

    assert AccessEvent.objects.filter(kind="configuration", data__model="cases.Workflow").exists()
    workflow = Workflow.objects.get(key="grievance_flow")
    editor = make_user(username="config_editor", is_superuser=True)
    workflow.save_revision(user=editor)
    latest = AccessEvent.objects.filter(kind="configuration").order_by("-sequence").first()
    assert latest.actor == editor and latest.data["object"] == str(workflow.pk) and latest.data["digest"]
    group("analyst").permissions.add(Permission.objects.get(codename="view_case"))
    group("analyst").permissions.remove(Permission.objects.get(codename="view_case"))
    changes = AccessEvent.objects.filter(kind="configuration", data__model="auth.Group")
    assert [e.data["change"] for e in changes.order_by("sequence")][-2:] == ["add", "remove"]
    assert access_log_verify() == []
