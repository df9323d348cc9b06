"""The case page and its actions, through the admin's views: the inspector fills the checklist (a wizard),
violations appear, the supervisor issues enforcement and prints the notice, the GRM officer acknowledges
and screens a complaint, confidential data is revealed only on request and logged, and a user without the
role gets no button and a 403 when posting anyway."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from cases.models import CaseEvent, EnforcementAction, Violation
from cases.services import transition
from forms_builder.selectors import form_version_current
from tests.factories import in_english
from tests.schemes.helpers import checklist_answers
from tests.staff.conftest import days_ahead, open_complaint, open_inspection, wizard_post_data

pytestmark = pytest.mark.django_db


def visit(case, inspector, non_compliant=2):
    """Schedule and record the visit of an inspection, with ``non_compliant`` items not compliant."""
    transition(case, "schedule_visit", inspector, data={"visit_date": days_ahead(3)})
    answers = checklist_answers("labour_inspection_checklist", non_compliant=non_compliant)
    transition(case, "record_visit", inspector, data=answers)


def detail(client, case):
    with translation.override("en"):
        return client.get(reverse("ecms_cases:detail", args=[case.reference]))


def step_url(case, key):
    return reverse("ecms_cases:transition", args=[case.reference, key])


def walk_wizard(client, case, key, answers, comment=""):
    """Post every step of a transition's form, then the review step, as a browser would."""
    transition_ = case.case_type.workflow.transitions.get(key=key)
    version = form_version_current(key=transition_.form.key)
    prefix = f"case_{case.pk}_{key}_v{version.number}"
    url = step_url(case, key)
    assert client.get(url).status_code == 200
    for step in version.ui["steps"]:
        response = client.post(url, wizard_post_data(version, prefix, step["key"], answers))
        assert response.status_code == 200, response.content[:500]
        assert 'id="error-summary"' not in response.content.decode(), step["key"]
    return client.post(url, {f"{prefix}-current_step": "review", "review-comment": comment})


def test_inspector_fills_the_checklist_and_violations_appear(client, people, factory):
    case = open_inspection(people, factory)
    inspector = people["labour_bg"]
    transition(case, "schedule_visit", inspector, data={"visit_date": days_ahead(3)})
    client.force_login(inspector)
    page = detail(client, case).content.decode()
    assert step_url(case, "record_visit") in page, "the step the inspector may take is offered"
    assert step_url(case, "issue_notice") not in page, "a supervisor's step is not"

    response = walk_wizard(
        client, case, "record_visit", checklist_answers("labour_inspection_checklist", non_compliant=2)
    )
    assert response.status_code == 302 and response["Location"].endswith(f"/cases/{case.reference}/")
    case.refresh_from_db()
    assert case.state == "visited"
    violations = Violation.objects.filter(case=case)
    assert violations.count() == 2
    page = detail(client, case).content.decode()
    for violation in violations:
        assert violation.provision.article in page
    assert "Found on the visit" in page, "the step's answers are in the timeline"


def test_a_refusal_at_confirmation_keeps_the_checklist_answers(client, people, factory, monkeypatch):
    """The engine refuses the step only when the answers are used (an action fails, say): the refusal is
    shown on the review step, nothing typed is lost, and confirming again goes through."""
    case = open_inspection(people, factory)
    inspector = people["labour_bg"]
    transition(case, "schedule_visit", inspector, data={"visit_date": days_ahead(3)})
    client.force_login(inspector)
    answers = checklist_answers("labour_inspection_checklist", non_compliant=1)
    version = form_version_current(key="labour_inspection_checklist")
    prefix = f"case_{case.pk}_record_visit_v{version.number}"
    url = step_url(case, "record_visit")
    client.get(url)
    for step in version.ui["steps"]:
        client.post(url, wizard_post_data(version, prefix, step["key"], answers))
    from cases.admin import transitions as admin_views
    from cases.errors import CaseConflict

    real = admin_views.services.transition

    def refuse(*args, **kwargs):
        raise CaseConflict("The follow-up case could not be opened.")

    monkeypatch.setattr(admin_views.services, "transition", refuse)
    response = client.post(url, {f"{prefix}-current_step": "review", "review-comment": "Long visit."})
    assert response.status_code == 200
    html = response.content.decode()
    assert "The follow-up case could not be opened." in html and 'id="error-summary"' in html
    assert "Found on the visit" in html, "the answers are still there"
    monkeypatch.setattr(admin_views.services, "transition", real)
    response = client.post(url, {f"{prefix}-current_step": "review", "review-comment": "Long visit."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "visited" and case.violations.count() == 1


def test_checklist_wizard_shows_errors_and_keeps_the_case_unchanged(client, people, factory):
    case = open_inspection(people, factory)
    inspector = people["labour_bg"]
    transition(case, "schedule_visit", inspector, data={"visit_date": days_ahead(3)})
    client.force_login(inspector)
    version = form_version_current(key="labour_inspection_checklist")
    prefix = f"case_{case.pk}_record_visit_v{version.number}"
    first = version.ui["steps"][0]["key"]
    response = client.post(step_url(case, "record_visit"), {f"{prefix}-current_step": first})
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    case.refresh_from_db()
    assert case.state == "scheduled"


def test_supervisor_issues_enforcement_and_prints_the_notice(client, people, factory):
    case = open_inspection(people, factory)
    inspector, supervisor = people["labour_bg"], people["supervisor_bg"]
    visit(case, inspector)
    client.force_login(supervisor)
    page = detail(client, case).content.decode()
    assert reverse("ecms_cases:enforcement", args=[case.reference]) in page
    violations = list(case.violations.all())
    refused = client.post(
        reverse("ecms_cases:enforcement", args=[case.reference]),
        {"kind": "fine", "violations": [v.pk for v in violations]},
    )
    assert refused.status_code in (302, 400)
    assert not EnforcementAction.objects.filter(case=case).exists(), (
        "the ladder starts lower, or needs an amount"
    )
    response = client.post(
        reverse("ecms_cases:enforcement", args=[case.reference]),
        {"kind": "improvement_notice", "violations": [v.pk for v in violations], "due_date": days_ahead(45)},
    )
    assert response.status_code == 302
    action = EnforcementAction.objects.get(case=case)
    assert action.kind == "improvement_notice" and action.violations.count() == 2
    assert CaseEvent.objects.filter(case=case, kind="enforcement").exists()
    with translation.override("en"):
        notice = client.get(reverse("ecms_cases:print_notice", args=[case.reference, action.pk]))
        report = client.get(reverse("ecms_cases:print_report", args=[case.reference]))
    assert notice.status_code == 200 and factory.name in notice.content.decode()
    assert violations[0].provision.article in notice.content.decode()
    assert report.status_code == 200 and "@media print" not in report.content.decode()
    assert "print.css" in report.content.decode()


def test_inspector_may_not_issue_enforcement(client, people, factory):
    case = open_inspection(people, factory)
    client.force_login(people["labour_bg"])
    assert (
        reverse("ecms_cases:enforcement", args=[case.reference]) not in detail(client, case).content.decode()
    )
    response = client.post(reverse("ecms_cases:enforcement", args=[case.reference]), {"kind": "advice"})
    assert response.status_code == 403
    assert not EnforcementAction.objects.exists()


def test_grm_officer_acknowledges_and_screens_a_complaint(client, people):
    opened = open_complaint()
    case = opened.case
    officer = people["grm_bg"]
    client.force_login(officer)
    page = detail(client, case).content.decode()
    assert step_url(case, "acknowledge") in page
    assert "Mariam" not in page, "the complainant's name is confidential until revealed"
    response = client.post(step_url(case, "acknowledge"), {"comment": ""})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "acknowledged"
    response = walk_wizard(
        client, case, "declare_not_admissible", {"reason": "The employer is outside Iraq; not our remit."}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "not_admissible" and case.closed_at is not None


def test_a_step_not_offered_is_refused_with_403(client, people, factory):
    case = open_inspection(people, factory)
    transition(case, "schedule_visit", people["labour_bg"], data={"visit_date": days_ahead(3)})
    client.force_login(people["labour_bg"])
    response = client.post(step_url(case, "issue_notice"), {"comment": "I should not"})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.state == "scheduled"
    assert client.get(step_url(case, "no_such_step")).status_code == 403


def test_a_required_comment_is_asked_for(client, people, factory):
    case = open_inspection(people, factory)
    inspector, supervisor = people["labour_bg"], people["supervisor_bg"]
    visit(case, inspector)
    client.force_login(supervisor)
    with translation.override("en"):
        response = client.post(
            step_url(case, "issue_notice"), {"comment": "  "}, headers={"accept-language": "en"}
        )
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.state == "visited"
    client.post(step_url(case, "issue_notice"), {"comment": "Notice, 30 days."})
    case.refresh_from_db()
    assert case.state == "notice_issued"


def test_confidential_data_is_revealed_on_request_and_logged(client, people, factory):
    case = open_complaint().case
    client.force_login(people["grm_bg"])
    page = detail(client, case).content.decode()
    assert reverse("ecms_cases:reveal", args=[case.reference]) in page and "Mariam" not in page
    revealed = client.post(reverse("ecms_cases:reveal", args=[case.reference]))
    assert revealed.status_code == 200 and "Mariam Jasim" in revealed.content.decode()
    assert "no-store" in revealed["Cache-Control"]
    event = CaseEvent.objects.get(case=case, kind="confidential_viewed")
    assert event.actor == people["grm_bg"]
    assert "Mariam" not in detail(client, case).content.decode(), "shown once, not kept on the page"


def test_without_the_permission_there_is_no_reveal(client, people, factory, make_user):
    case = open_complaint().case
    supervisor_without = make_user("grm_officer", governorates=("IQ-BG",))
    from django.contrib.auth.models import Permission

    supervisor_without.groups.first().permissions.remove(Permission.objects.get(codename="view_confidential"))
    client.force_login(supervisor_without)
    page = detail(client, case).content.decode()
    assert reverse("ecms_cases:reveal", args=[case.reference]) not in page
    assert client.post(reverse("ecms_cases:reveal", args=[case.reference])).status_code == 403
    assert not CaseEvent.objects.filter(case=case, kind="confidential_viewed").exists()


def test_comment_assign_and_violation_status(client, people, factory):
    case = open_inspection(people, factory, assign=False)
    supervisor = people["supervisor_bg"]
    client.force_login(supervisor)
    with translation.override("en"):
        empty = client.post(reverse("ecms_cases:comment", args=[case.reference]), {"text": ""})
    assert empty.status_code == 400 and 'id="id_text_error"' in empty.content.decode()
    client.post(reverse("ecms_cases:comment", args=[case.reference]), {"text": "Call the employer first."})
    assert CaseEvent.objects.filter(case=case, kind="comment").count() == 1
    assert "Call the employer first." in detail(client, case).content.decode()
    response = client.post(
        reverse("ecms_cases:assign", args=[case.reference]), {"assignee": people["labour_bg"].pk}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assignee == people["labour_bg"]
    wrong = client.post(
        reverse("ecms_cases:assign", args=[case.reference]), {"assignee": people["grm_bg"].pk}
    )
    assert wrong.status_code == 400, "a GRM officer is not among the choices for an inspection"
    case.refresh_from_db()
    assert case.assignee == people["labour_bg"]

    transition(case, "assign", supervisor) if case.state == "planned" else None
    case.refresh_from_db()
    transition(case, "schedule_visit", people["labour_bg"], data={"visit_date": days_ahead(3)})
    transition(
        case, "record_visit", people["labour_bg"], data=checklist_answers("labour_inspection_checklist")
    )
    violation = case.violations.first()
    client.force_login(people["labour_bg"])
    client.post(
        reverse("ecms_cases:violation_status", args=[case.reference, violation.pk]), {"status": "corrected"}
    )
    violation.refresh_from_db()
    assert violation.status == "corrected" and violation.resolved_at is not None
    with translation.override("en"):
        html = client.get(reverse("ecms_cases:detail", args=[case.reference])).content.decode()
    assert "Violation status: Corrected" in html or "حالة المخالفة" in html, "a label, not a key"
    assert "Violation status: corrected" not in html


def test_assignment_needs_the_permission(client, people, factory):
    case = open_inspection(people, factory, assign=False)
    client.force_login(people["labour_bg"])
    assert reverse("ecms_cases:assign", args=[case.reference]) not in detail(client, case).content.decode()
    response = client.post(
        reverse("ecms_cases:assign", args=[case.reference]), {"assignee": people["labour_bg"].pk}
    )
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.assignee is None


def test_another_governorate_gets_404_on_every_case_screen(client, people, factory, basra_people):
    case = open_inspection(people, factory)
    client.force_login(basra_people["labour_ba"])
    for name, args in (
        ("detail", []),
        ("print_report", []),
        ("comment", []),
        ("reveal", []),
        ("transition", ["record_visit"]),
    ):
        url = reverse(f"ecms_cases:{name}", args=[case.reference, *args])
        response = client.post(url, {"text": "x"}) if name in ("comment", "reveal") else client.get(url)
        assert response.status_code == 404, name
    assert not CaseEvent.objects.filter(case=case, kind="comment").exists()


def test_detail_query_count_is_flat(client, people, factory, django_assert_max_num_queries):
    case = open_inspection(people, factory)
    inspector = people["labour_bg"]
    client.force_login(people["supervisor_bg"])
    detail(client, case)
    with django_assert_max_num_queries(80) as few:
        detail(client, case)
    transition(case, "schedule_visit", inspector, data={"visit_date": days_ahead(3)})
    transition(
        case,
        "record_visit",
        inspector,
        data=checklist_answers("labour_inspection_checklist", non_compliant=5),
    )
    from cases.services import case_comment

    for n in range(15):
        case_comment(case=case, actor=inspector, text=f"note {n}")
    with django_assert_max_num_queries(len(few.captured_queries) + 4):
        response = detail(client, case)
    assert response.content.decode().count("note ") >= 15


def test_establishment_page_shows_history_and_open_violations(client, people, factory, basra_factory):
    case = open_inspection(people, factory)
    inspector = people["labour_bg"]
    visit(case, inspector)
    client.force_login(inspector)
    url = reverse("registry_establishment_modeladmin_inspect", args=[factory.pk])
    with translation.override("en"):
        page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert case.reference in html and Violation.objects.filter(case=case).first().provision.article in html
    other = reverse("registry_establishment_modeladmin_inspect", args=[basra_factory.pk])
    assert client.get(other).status_code == 404
    listing = client.get(reverse("registry_establishment_modeladmin_index")).content.decode()
    assert factory.name in listing and basra_factory.name not in listing


def test_violation_status_needs_the_permission(client, people, factory, make_user):
    from django.contrib.auth.models import Group, Permission

    case = open_inspection(people, factory)
    visit(case, people["labour_bg"])
    violation = case.violations.first()
    viewer = make_user("labour_inspector", governorates=("IQ-BG",))
    group = Group.objects.get(role__key="labour_inspector")
    group.permissions.remove(Permission.objects.get(codename="change_violation"))
    client.force_login(viewer)
    url = reverse("ecms_cases:violation_status", args=[case.reference, violation.pk])
    assert url not in detail(client, case).content.decode(), "no form without the permission"
    assert client.post(url, {"status": "corrected"}).status_code == 403
    violation.refresh_from_db()
    assert violation.status == "open"


def test_confidential_files_only_by_post_and_logged(client, people):
    from django.core.files.base import ContentFile

    from cases.models import Attachment

    case = open_complaint().case
    secret = Attachment.objects.create(
        case=case,
        field="id_document",
        file=ContentFile(b"%PDF-1.4 secret", name="id.pdf"),
        original_name="identity.pdf",
        content_type="application/pdf",
        size=15,
        sha256="0" * 64,
        confidential=True,
    )
    client.force_login(people["grm_bg"])
    url = reverse("ecms_cases:attachment", args=[case.reference, secret.pk])
    assert client.get(url).status_code == 404, "a link (or another site's <img>) cannot open it"
    assert not CaseEvent.objects.filter(case=case, kind="confidential_viewed").exists()
    revealed = client.post(reverse("ecms_cases:reveal", args=[case.reference])).content.decode()
    assert f'action="{url}"' in revealed
    response = client.post(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 secret"
    assert CaseEvent.objects.filter(
        case=case, kind="confidential_viewed", data__attachment=secret.pk
    ).exists()


def test_other_governorate_gets_404_on_the_remaining_case_screens(client, people, factory, basra_people):
    case = open_inspection(people, factory)
    visit(case, people["labour_bg"])
    violation = case.violations.first()
    client.force_login(basra_people["supervisor_ba"])
    for url, data in (
        (reverse("ecms_cases:assign", args=[case.reference]), {"assignee": basra_people["labour_ba"].pk}),
        (reverse("ecms_cases:enforcement", args=[case.reference]), {"kind": "advice"}),
        (
            reverse("ecms_cases:violation_status", args=[case.reference, violation.pk]),
            {"status": "withdrawn"},
        ),
        (reverse("ecms_cases:attachment", args=[case.reference, 1]), {}),
    ):
        assert client.post(url, data).status_code == 404, url
    response = client.post(
        reverse("ecms_cases:bulk_assign", args=["all"]),
        {"cases": [case.reference], "assignee": basra_people["labour_ba"].pk},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    violation.refresh_from_db()
    assert case.assignee == people["labour_bg"] and violation.status == "open"
    assert not EnforcementAction.objects.filter(case=case).exists()


def test_arabic_short_dates_are_day_first(client, people, factory):
    case = open_inspection(people, factory)
    client.force_login(people["labour_bg"])
    with translation.override("ar"):
        html = client.get(reverse("ecms_cases:detail", args=[case.reference])).content.decode()
    assert case.opened_at.astimezone().strftime("%d/%m/%Y") in html or (
        timezone.localtime(case.opened_at).strftime("%d/%m/%Y") in html
    )


def test_a_provision_without_a_confirmed_article_is_cited_as_such_never_as_art_dash(client, people, factory):
    case = open_inspection(people, factory)
    visit(case, people["labour_bg"])
    violation = case.violations.exclude(provision=None).first()
    violation.provision.article = "—"
    violation.provision.save()
    action = EnforcementAction.objects.create(
        case=case, kind="improvement_notice", issued_by=people["supervisor_bg"]
    )
    action.violations.set([violation])
    client.force_login(in_english(people["supervisor_bg"]))
    with translation.override("en"):
        pages = [
            client.get(reverse("ecms_cases:detail", args=[case.reference])),
            client.get(reverse("ecms_cases:print_notice", args=[case.reference, action.pk])),
            client.get(reverse("ecms_cases:print_report", args=[case.reference])),
        ]
    for page in pages:
        text = page.content.decode()
        assert page.status_code == 200
        assert "article to be confirmed" in text and "Art. —" not in text


def test_a_fine_notice_states_the_amount_in_figures_and_in_words(client, people, factory):
    case = open_inspection(people, factory)
    visit(case, people["labour_bg"])
    fine = EnforcementAction.objects.create(
        case=case, kind="fine", amount_iqd=2500000, issued_by=people["supervisor_bg"]
    )
    fine.violations.set(case.violations.all())
    client.force_login(in_english(people["supervisor_bg"]))
    url = reverse("ecms_cases:print_notice", args=[case.reference, fine.pk])
    with translation.override("en"):
        english = client.get(url).content.decode()
    assert "2,500,000" in english and "two million five hundred thousand Iraqi dinars" in english
    profile = UserProfile.get_for_user(people["supervisor_bg"])
    profile.preferred_language = "ar"
    profile.save()
    arabic = client.get(url).content.decode()
    assert "فقط مليونان وخمسمائة ألف دينار عراقي لا غير" in arabic
