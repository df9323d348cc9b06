"""Staff intake through the admin's screens, on the shipped configuration: a supervisor plans an inspection
from an establishment's page, a data clerk records a complaint taken by telephone (tracking code shown once,
identity encrypted, channel kept), a role that may not open a case type is refused and nothing changes."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cases.models import Case, CaseConfidential, CaseEvent, Notification
from cases.notifications import send_notification
from forms_builder.selectors import form_version_current
from tests.factories import in_english
from tests.staff.conftest import wizard_post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(make_user, shipped):
    return in_english(make_user("data_clerk", governorates=("IQ-BG",), username="clerk_bg", language="en"))


def walk_intake(client, url, case_type_key, channel, answers, *, follow_first=True):
    """Open the intake wizard at ``url``, choose the channel, post every step of the intake form, confirm."""
    from cases.models import CaseType

    case_type = CaseType.objects.get(key=case_type_key)
    version = form_version_current(key=case_type.intake_form.key)
    prefix = f"intake_{case_type.pk}_v{version.number}"
    first = client.get(url)
    assert first.status_code == 200
    target = reverse("ecms_cases:new_case", args=[case_type_key])
    response = client.post(target, {f"{prefix}-current_step": "channel", "channel-channel": channel})
    assert response.status_code == 200 and 'id="error-summary"' not in response.content.decode()
    first = response
    for step in version.ui["steps"]:
        response = client.post(target, wizard_post_data(version, prefix, step["key"], answers))
        assert response.status_code == 200, response.content[:300]
        assert 'id="error-summary"' not in response.content.decode(), (step["key"], response.content[:2000])
    return client.post(target, {f"{prefix}-current_step": "review"}), first


def test_a_supervisor_plans_an_inspection_from_an_establishment_page(client, people, factory):
    supervisor = in_english(people["supervisor_bg"])
    client.force_login(supervisor)
    with translation.override("en"):
        page = client.get(reverse("registry_establishment_modeladmin_inspect", args=[factory.pk]))
    html = page.content.decode()
    plan_url = reverse("ecms_cases:new_case", args=["labour_inspection"]) + f"?establishment={factory.pk}"
    assert plan_url.replace("?", "?") in html.replace("&amp;", "&"), "Plan here: Labour inspection"
    planned = (timezone.localdate() + timedelta(days=10)).isoformat()
    # What the browser sends back of the pre-filled establishment (checked in the page below).
    answers = {
        "origin": "planned",
        "planned_date": planned,
        "governorate": "IQ-BG",
        "establishment__id": str(factory.pk),
        "establishment__name": factory.name,
    }
    done, first = walk_intake(client, plan_url, "labour_inspection", "staff", answers)
    assert f'value="{factory.pk}"' in first.content.decode(), "the establishment comes filled in"
    assert factory.name in first.content.decode()
    assert done.status_code == 302 and done["Location"] == reverse("ecms_cases:new_case_done")
    shown = client.get(done["Location"]).content.decode()
    reference = re.search(r"(LIN-\d{4}-\d{6})", shown).group(1)
    case = Case.objects.get(reference=reference)
    assert case.establishment == factory and case.governorate.code == "IQ-BG"
    assert case.channel == "staff" and case.created_by == supervisor and case.tracking_hash == ""
    created = case.events.get(kind=CaseEvent.Kind.CREATED)
    assert created.actor == supervisor and created.data["channel"] == "staff"
    with translation.override("en"):
        detail = client.get(reverse("ecms_cases:detail", args=[reference])).content.decode()
    assert "through: Staff (own initiative)" in detail, "the timeline names the channel"


def test_a_clerk_records_a_phone_complaint_and_hands_over_the_code_once(client, clerk, shipped, mailoutbox):
    client.force_login(clerk)
    with translation.override("en"):
        chooser = client.get(reverse("ecms_cases:new_case_chooser")).content.decode()
    assert "Complaint (grievance)" in chooser and "Labour inspection" not in chooser
    answers = {
        "anonymous": "no",
        "full_name": "Hassan Ali",
        "phone": "07705556666",
        "email": "hassan@example.org",
        "complainant_role": "worker",
        "governorate": "IQ-BG",
        "employer__name": "Rafidain Bakery",
        "category": "wages_unpaid",
        "description": "Called to say the bakery has not paid wages for two months.",
    }
    done, _first = walk_intake(
        client, reverse("ecms_cases:new_case", args=["grievance"]), "grievance", "phone", answers
    )
    assert done.status_code == 302
    shown = client.get(done["Location"]).content.decode()
    reference = re.search(r"(GRV-\d{4}-\d{6})", shown).group(1)
    code = re.search(r'translate="no">([0-9A-Z-]{19})<', shown).group(1)
    assert "sent to the reporter by e-mail" in shown
    assert client.get(done["Location"]).status_code == 302, "the code is shown once"
    case = Case.objects.get(reference=reference)
    assert case.channel == "phone" and case.created_by == clerk and case.employer_name == "Rafidain Bakery"
    assert "full_name" not in case.data and "phone" not in case.data
    record = CaseConfidential.objects.get(case=case)
    assert b"Hassan" not in bytes(record.ciphertext), "the identity is encrypted"
    from cases.secrets_ import tracking_matches

    assert tracking_matches(code, case.tracking_hash)
    notification = Notification.objects.get(case=case, recipient_user__isnull=True)
    assert code not in notification.body and notification.sealed, "the code is never stored readable"
    send_notification(notification_id=notification.pk)  # already sent by the in-process job: idempotent
    notification.refresh_from_db()
    assert notification.status == "sent" and notification.sealed is None
    assert any(code in message.body for message in mailoutbox), "the reporter received the code"


def test_a_role_that_may_not_open_a_case_type_is_refused_and_nothing_changes(client, people, shipped):
    inspector = in_english(people["labour_bg"])
    client.force_login(inspector)
    assert client.get(reverse("ecms_cases:new_case", args=["grievance"])).status_code == 403
    assert client.get(reverse("ecms_cases:new_case", args=["labour_inspection"])).status_code == 403
    with translation.override("en"):
        chooser = client.get(reverse("ecms_cases:new_case_chooser")).content.decode()
    assert "Your role may not open cases" in chooser
    assert Case.objects.count() == 0


def test_a_governorate_outside_the_scope_is_not_offered_and_refused(client, clerk, shipped):
    from cases.errors import CaseInvalid
    from cases.models import CaseType
    from cases.services import case_open_by_staff

    client.force_login(clerk)
    from cases.models import CaseType as Types

    grievance = Types.objects.get(key="grievance")
    version = form_version_current(key=grievance.intake_form.key)
    prefix = f"intake_{grievance.pk}_v{version.number}"
    url = reverse("ecms_cases:new_case", args=["grievance"])
    client.get(url)
    client.post(url, {f"{prefix}-current_step": "channel", "channel-channel": "paper"})
    client.post(
        url,
        wizard_post_data(version, prefix, "about_you", {"anonymous": "yes", "complainant_role": "worker"}),
    )
    step = client.get(url).content.decode()
    assert 'value="IQ-BG"' in step and 'value="IQ-BA"' not in step, "only the clerk's governorate is offered"
    with pytest.raises(CaseInvalid) as refused:
        case_open_by_staff(
            case_type=CaseType.objects.get(key="grievance"),
            actor=clerk,
            channel="paper",
            data={
                "anonymous": True,
                "complainant_role": "worker",
                "governorate": "IQ-BA",
                "employer": {"name": "Shatt"},
                "category": "wages_unpaid",
                "description": "The employer has not paid our wages for two months.",
            },
            language="en",
        )
    assert refused.value.errors[0]["field"] == "governorate" and Case.objects.count() == 0


def test_the_new_case_menu_is_shown_only_to_those_who_may_open_cases(client, clerk, make_user):
    client.force_login(clerk)
    assert reverse("ecms_cases:new_case_chooser") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(make_user("analyst", username="analyst_x"))
    assert (
        reverse("ecms_cases:new_case_chooser")
        not in client.get(reverse("wagtailadmin_home")).content.decode()
    )
