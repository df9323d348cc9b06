"""The complainant's own exception steps on the shipped configuration, through the portal's tracking page
and the public API: answering a question asked by the staff, withdrawing the complaint; the staff's
exception steps render in Arabic and English on the case screen."""

import pytest

from cases.models import Case, Notification
from cases.services import case_assign, case_open, transition
from tests.factories import in_english
from tests.schemes.helpers import GRIEVANCE, case_type


def _investigated(people):
    opened = case_open(case_type=case_type("grievance"), data=GRIEVANCE, language="en")
    transition(opened.case, "acknowledge", people["grm_bg"])
    transition(opened.case, "accept", people["grm_bg"], data={"open_inspection": False})
    case_assign(case=opened.case, assignee=people["grm_bg"], actor=people["supervisor_bg"])
    return Case.objects.get(pk=opened.case.pk), opened.tracking_code


@pytest.mark.django_db
def test_complainant_answers_the_question_on_the_tracking_page(client, portal, people):
    case, code = _investigated(people)
    transition(case, "request_information", people["grm_bg"], comment="Which months were not paid?")
    credentials = {"reference": case.reference, "tracking_code": code}
    page = client.post("/en/track/", credentials)
    html = page.content.decode()
    assert page.status_code == 200 and "We need more information from you" in html
    assert "Which months were not paid?" in html and 'value="answer_information_request"' in html
    arabic = client.post("/ar/track/", credentials).content.decode()
    assert "نحتاج منك معلومات إضافية" in arabic and "الإجابة عن السؤال" in arabic

    empty = client.post("/en/track/", {**credentials, "step": "answer_information_request", "text": ""})
    assert empty.status_code == 400 and _state(case) == "information_requested"
    answered = client.post(
        "/en/track/", {**credentials, "step": "answer_information_request", "text": "January to March."}
    )
    assert answered.status_code == 200 and "Thank you" in answered.content.decode()
    case.refresh_from_db()
    assert case.state == "investigation"
    event = case.events.filter(kind="transition").last()
    assert (
        event.actor is None
        and event.data["by"] == "reporter"
        and event.data["comment"] == "January to March."
    )
    assert Notification.objects.filter(case=case, recipient_user=people["grm_bg"]).exists()
    again = client.post("/en/track/", {**credentials, "step": "answer_information_request", "text": "More."})
    assert again.status_code == 409 and _state(case) == "investigation", "no question waiting any more"

    staff = people["grm_bg"]
    in_english(staff)
    client.force_login(staff)
    timeline = client.get(f"/admin/cases/{case.reference}/").content.decode()
    assert "The person who reported" in timeline and "January to March." in timeline


def _state(case) -> str:
    return Case.objects.get(pk=case.pk).state


@pytest.mark.django_db
def test_complainant_withdraws_from_the_portal_and_a_wrong_code_is_refused(client, portal, people):
    case, code = _investigated(people)
    wrong = client.post(
        "/en/track/",
        {
            "reference": case.reference,
            "tracking_code": "AAAA-BBBB-CCCC-DDDD",
            "step": "withdraw",
            "text": "x",
        },
    )
    assert wrong.status_code == 404 and _state(case) == "investigation"
    credentials = {"reference": case.reference, "tracking_code": code}
    assert 'value="withdraw"' in client.post("/en/track/", credentials).content.decode()
    done = client.post("/en/track/", {**credentials, "step": "withdraw", "text": "The wages were paid."})
    assert done.status_code == 200 and "Complaint withdrawn" in done.content.decode()
    case.refresh_from_db()
    assert case.state == "withdrawn" and case.outcome == "withdrawn" and case.closed_at
    assert 'value="withdraw"' not in client.post("/en/track/", credentials).content.decode()


@pytest.mark.django_db
def test_the_api_takes_the_same_steps_with_clear_refusals(client, portal, people):
    case, code = _investigated(people)
    transition(case, "request_information", people["grm_bg"], comment="Do you have payslips?")

    def step(**body):
        payload = {"reference": case.reference, "tracking_code": code, **body}
        return client.post(
            "/api/v1/track/steps/",
            payload,
            content_type="application/json",
            headers={"accept-language": "en"},
        )

    tracked = client.post(
        "/api/v1/track/",
        {"reference": case.reference, "tracking_code": code},
        content_type="application/json",
    ).json()
    assert tracked["reporter"]["question"] == "Do you have payslips?"
    assert (
        step(step="answer_information_request", tracking_code="AAAA-BBBB-CCCC-DDDD", text="x").status_code
        == 404
    )
    assert step(step="close", text="x").status_code == 400
    assert step(step="answer_information_request").status_code == 400
    assert _state(case) == "information_requested"
    answered = step(step="answer_information_request", text="Yes, three of them.")
    assert answered.status_code == 200 and answered.json()["state"] == "investigation"
    assert answered.json()["reporter"]["messages"][-1] == {
        "at": answered.json()["reporter"]["messages"][-1]["at"],
        "from_reporter": True,
        "text": "Yes, three of them.",
    }
    refused = step(step="answer_information_request", text="Again.")
    assert refused.status_code == 409 and refused.json()["errors"][0]["code"] == "wrong_state"
    assert _state(case) == "investigation"


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("en", ["Why was the visit not carried out?", "The employer or their representative was absent"]),
        ("ar", ["لماذا لم تُجرَ الزيارة؟", "صاحب العمل أو من يمثله غير موجود"]),
    ],
)
@pytest.mark.django_db
def test_exception_forms_render_on_the_case_screen_in_both_languages(
    client, people, factory, language, texts
):
    from wagtail.users.models import UserProfile

    from tests.schemes.test_arc_exceptions import _scheduled

    case = _scheduled(people, factory, "labour_inspection", "labour_bg")
    inspector = people["labour_bg"]
    profile = UserProfile.get_for_user(inspector)
    profile.preferred_language = language
    profile.save()
    client.force_login(inspector)
    detail = client.get(f"/admin/cases/{case.reference}/").content.decode()
    assert f"/admin/cases/{case.reference}/steps/record_visit_not_carried_out/" in detail
    assert f"/admin/cases/{case.reference}/steps/reschedule_visit/" in detail
    form = client.get(f"/admin/cases/{case.reference}/steps/record_visit_not_carried_out/")
    assert form.status_code == 200 and all(text in form.content.decode() for text in texts)
