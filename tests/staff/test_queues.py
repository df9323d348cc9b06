"""Queues: scope, filters, search, ordering, pagination, counts in the menu and on the dashboard, bulk
assignment, workload — through the admin's own views."""

import pytest
from django.urls import reverse
from django.utils import translation

from cases.models import Case, CaseEvent
from tests.staff.conftest import open_complaint, open_inspection

pytestmark = pytest.mark.django_db


def queue(client, name="all", **params):
    with translation.override("en"):
        return client.get(reverse("ecms_cases:queue", args=[name]), params)


def test_an_inspector_sees_only_their_governorate_and_case_types(
    client, people, factory, basra_people, basra_factory
):
    mine = open_inspection(people, factory)
    elsewhere = open_inspection(basra_people, basra_factory, "IQ-BA")
    complaint = open_complaint().case
    client.force_login(people["labour_bg"])
    html = queue(client).content.decode()
    assert mine.reference in html
    assert elsewhere.reference not in html, "another governorate's case"
    assert complaint.reference not in html, "a case type the role does not work on"
    detail = client.get(reverse("ecms_cases:detail", args=[elsewhere.reference]))
    assert detail.status_code == 404, "another governorate's case is not found, not forbidden"
    assert client.get(reverse("ecms_cases:detail", args=[mine.reference])).status_code == 200


def test_queues_mine_unassigned_overdue_and_due_soon(client, people, factory):
    from django.utils import timezone

    assigned = open_inspection(people, factory)
    unassigned = open_inspection(people, factory, assign=False)
    late = open_inspection(people, factory, assign=False)
    Case.objects.filter(pk=late.pk).update(due_at=timezone.now() - timezone.timedelta(hours=3))
    soon = open_inspection(people, factory, assign=False)
    Case.objects.filter(pk=soon.pk).update(due_at=timezone.now() + timezone.timedelta(days=3))
    client.force_login(people["labour_bg"])
    mine = queue(client, "mine").content.decode()
    assert assigned.reference in mine and unassigned.reference not in mine
    free = queue(client, "unassigned").content.decode()
    assert unassigned.reference in free and assigned.reference not in free
    overdue = queue(client, "overdue").content.decode()
    assert late.reference in overdue and soon.reference not in overdue
    assert "ecms-sla--overdue" in overdue
    due = queue(client, "due_soon").content.decode()
    assert soon.reference in due and late.reference not in due
    assert client.get(reverse("ecms_cases:queue", args=["nonsense"])).status_code == 404


def test_filters_search_and_ordering(client, people, factory):
    first = open_inspection(people, factory)
    second = open_complaint().case
    Case.objects.filter(pk=second.pk).update(priority="urgent")
    client.force_login(people["supervisor_bg"])
    by_type = queue(client, case_type=first.case_type.pk).content.decode()
    assert first.reference in by_type and second.reference not in by_type
    by_priority = queue(client, priority="urgent").content.decode()
    assert second.reference in by_priority and first.reference not in by_priority
    by_establishment = queue(client, establishment="BG-1001").content.decode()
    assert first.reference in by_establishment and second.reference not in by_establishment
    by_reference = queue(client, q=second.reference.lower()).content.decode()
    assert second.reference in by_reference and first.reference not in by_reference
    by_text = queue(client, q="forty of us").content.decode()
    assert second.reference in by_text and first.reference not in by_text
    by_state = queue(client, state="received").content.decode()
    assert second.reference in by_state and first.reference not in by_state
    ordered = queue(client, ordering="-priority_rank").content.decode()
    assert ordered.index(second.reference) < ordered.index(first.reference)
    results = client.get(reverse("ecms_cases:queue_results", args=["all"]), {"q": first.reference})
    assert results.status_code == 200 and first.reference in results.content.decode()
    empty = queue(client, q="no such thing anywhere").content.decode()
    assert 'name="cases"' not in empty


def test_filter_choices_are_limited_to_the_scope(client, people, basra_people, baghdad, basra):
    client.force_login(people["labour_bg"])
    html = queue(client).content.decode()
    governorates = html.split('name="governorate"')[1].split("</select>")[0]
    assert f'value="{baghdad.pk}"' in governorates and f'value="{basra.pk}"' not in governorates
    people_ = html.split('name="assignee"')[1].split("</select>")[0]
    assert f'value="{people["labour_bg"].pk}"' in people_
    assert f'value="{basra_people["labour_ba"].pk}"' not in people_


def test_pagination(client, people, factory):
    for _ in range(27):
        open_inspection(people, factory, assign=False)
    client.force_login(people["supervisor_bg"])
    first = queue(client)
    assert first.status_code == 200 and first.content.decode().count('name="cases"') == 25
    second = queue(client, p=2).content.decode()
    assert second.count('name="cases"') == 2


def test_menu_counts_and_dashboard_numbers(client, people, factory):
    open_inspection(people, factory)
    open_inspection(people, factory, assign=False)
    client.force_login(people["labour_bg"])
    with translation.override("en"):
        home = client.get(reverse("wagtailadmin_home"), headers={"accept-language": "en"}).content.decode()
    assert "My cases (1)" in home and "Unassigned in my scope (1)" in home
    assert "open cases assigned to me" in home


def test_bulk_assign_and_workload(client, people, factory):
    cases = [open_inspection(people, factory, assign=False) for _ in range(3)]
    client.force_login(people["supervisor_bg"])
    page = queue(client, "unassigned").content.decode()
    assert 'id="bulk-assign-form"' in page
    response = client.post(
        reverse("ecms_cases:bulk_assign", args=["unassigned"]),
        {"cases": [c.reference for c in cases[:2]], "assignee": people["labour_bg"].pk},
    )
    assert response.status_code == 302
    assert Case.objects.filter(assignee=people["labour_bg"]).count() == 2
    assert CaseEvent.objects.filter(kind="assignment", case__in=cases[:2]).count() == 2
    with translation.override("en"):
        workload = client.get(reverse("ecms_cases:workload")).content.decode()
    assert people["labour_bg"].username in workload or "Labour" in workload
    # a GRM officer cannot work inspections: refused case by case, nothing assigned
    client.post(
        reverse("ecms_cases:bulk_assign", args=["unassigned"]),
        {"cases": [cases[2].reference], "assignee": people["grm_bg"].pk},
    )
    cases[2].refresh_from_db()
    assert cases[2].assignee is None


def test_bulk_assign_needs_the_permission(client, people, factory):
    case = open_inspection(people, factory, assign=False)
    client.force_login(people["labour_bg"])
    assert 'id="bulk-assign-form"' not in queue(client, "unassigned").content.decode()
    response = client.post(
        reverse("ecms_cases:bulk_assign", args=["unassigned"]),
        {"cases": [case.reference], "assignee": people["labour_bg"].pk},
    )
    assert response.status_code == 403
    assert client.get(reverse("ecms_cases:workload")).status_code == 403
    case.refresh_from_db()
    assert case.assignee is None


def test_users_without_the_case_permission_get_403(client, make_user, shipped):
    editor = make_user("ministry_admin")
    client.force_login(editor)
    assert client.get(reverse("ecms_cases:queue", args=["all"])).status_code == 403


@pytest.mark.parametrize("name", ["all", "mine"])
def test_queue_query_count_is_flat(client, people, factory, django_assert_max_num_queries, name):
    for _ in range(3):
        open_inspection(people, factory)
    client.force_login(people["labour_bg"])
    queue(client, name)  # warm caches (site, locale)
    with django_assert_max_num_queries(40) as few:
        queue(client, name)
    for _ in range(20):
        open_inspection(people, factory)
    with django_assert_max_num_queries(len(few.captured_queries)):
        queue(client, name)
