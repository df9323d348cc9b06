"""Staff intake, registry links and assignment through the API, on the shipped configuration."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cases.models import Case, CaseEvent
from registry.models import Establishment, Governorate
from tests.factories import PDF
from tests.schemes.helpers import GRIEVANCE

pytestmark = pytest.mark.django_db
URL = "/api/v1/cases/"


def plan(establishment, **changes):
    return {
        "case_type": "labour_inspection",
        "channel": "staff",
        "data": {
            "establishment": {"id": establishment.pk},
            "governorate": "IQ-BG",
            "origin": "planned",
            "planned_date": (timezone.localdate() + timedelta(days=14)).isoformat(),
        },
        **changes,
    }


def test_a_supervisor_plans_an_inspection_through_the_api(client, people, factory):
    client.force_login(people["supervisor_bg"])
    response = client.post(
        URL, plan(factory), content_type="application/json", headers={"idempotency-key": "k1"}
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["tracking_code"] is None and body["state"] == "planned" and body["state_label"]
    case = Case.objects.get(reference=body["reference"])
    assert case.establishment == factory and case.channel == "staff"
    assert case.events.get(kind=CaseEvent.Kind.CREATED).actor == people["supervisor_bg"]
    again = client.post(
        URL, plan(factory), content_type="application/json", headers={"idempotency-key": "k1"}
    )
    assert again.status_code == 201 and again.json() == body and Case.objects.count() == 1


def test_a_clerk_records_a_phone_complaint_with_two_files_in_one_field(client, make_user, shipped):
    clerk = make_user("data_clerk", governorates=("IQ-BG",), username="clerk_api")
    client.force_login(clerk)
    files = [
        SimpleUploadedFile("first.pdf", PDF, content_type="application/pdf"),
        SimpleUploadedFile("second.pdf", PDF + b"%2", content_type="application/pdf"),
    ]
    import json

    response = client.post(
        URL,
        {
            "case_type": "grievance",
            "channel": "phone",
            "data": json.dumps({**GRIEVANCE, "evidence": [{}, {}]}),
            "evidence": files,
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert len(body["tracking_code"]) == 19
    case = Case.objects.get(reference=body["reference"])
    assert case.channel == "phone" and "full_name" not in case.data
    assert sorted(case.attachments.values_list("original_name", flat=True)) == ["first.pdf", "second.pdf"]


@pytest.mark.parametrize(
    ("changes", "status", "field"),
    [
        ({"case_type": "nope"}, 400, "case_type"),
        ({"channel": "phone"}, 400, "channel"),  # inspections are not taken by telephone
        ({"channel": "carrier_pigeon"}, 400, "channel"),
        ({"extra": 1}, 400, "extra"),
    ],
)
def test_bad_staff_intake_is_refused_with_the_field(client, people, factory, changes, status, field):
    client.force_login(people["supervisor_bg"])
    response = client.post(URL, plan(factory, **changes), content_type="application/json")
    assert response.status_code == status and response.json()["errors"][0]["field"] == field
    assert Case.objects.count() == 0


def test_a_role_not_allowed_to_open_a_case_type_is_refused(client, people, factory):
    client.force_login(people["labour_bg"])
    response = client.post(URL, plan(factory), content_type="application/json")
    assert response.status_code == 403 and Case.objects.count() == 0
    client.logout()
    assert client.post(URL, plan(factory), content_type="application/json").status_code == 401


# --- the public lookup ---------------------------------------------------------------------------------


LOOKUP = "/api/v1/establishments/lookup/"


@pytest.fixture
def bakeries(shipped):
    baghdad = Governorate.objects.get(code="IQ-BG")
    made = [
        Establishment.objects.create(
            name=f"مخبز الرافدين {n}",
            name_en=f"Rafidain Bakery {n}",
            governorate=baghdad,
            district="الكرادة",
            registration_number=f"BG-77{n:02d}",
            phone="07700000000",
            workers_total=12,
        )
        for n in range(15)
    ]
    made.append(
        Establishment.objects.create(
            name="مؤسسة الأمل للمقاولات", name_en="", governorate=baghdad, registration_number="BG-5000"
        )
    )
    return made


def test_the_lookup_finds_a_variant_spelling_and_shows_only_public_fields(client, bakeries):
    # Hamza on the alef and the waw, and ta marbuta, typed without them (as on most phones).
    response = client.get(LOOKUP, {"q": "موسسه الامل"})
    assert response.status_code == 200
    assert [item["name"] for item in response.json()] == ["مؤسسة الأمل للمقاولات"]
    item = response.json()[0]
    assert set(item) == {"id", "name", "name_en", "governorate", "governorate_name", "district"}
    with_diacritics = client.get(LOOKUP, {"q": "مُؤَسَّسَـة"}).json()
    assert [i["id"] for i in with_diacritics] == [item["id"]], "diacritics and tatweel are ignored"
    latin = client.get(LOOKUP, {"q": "RAFIDAIN bakery"}).json()
    assert len(latin) == 10, "never more than 10"
    assert all("registration_number" not in i and "phone" not in i for i in latin)
    assert client.get(LOOKUP, {"q": "BG-7703"}).json()[0]["name_en"] == "Rafidain Bakery 3"
    assert client.get(LOOKUP, {"q": "م"}).json() == [], "at least two letters"
    assert client.get(LOOKUP, {"q": "bakery", "governorate": "IQ-BA"}).json() == []


def test_the_lookup_is_throttled(client, bakeries, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "lookup": "3/minute"},
    }
    codes = [client.get(LOOKUP, {"q": "bakery"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


# --- links to the registry ---------------------------------------------------------------------------


def test_staff_link_change_and_unlink_a_case_with_an_event_each(client, people, factory, basra_factory):
    from tests.staff.conftest import open_complaint

    opened = open_complaint()
    case = opened.case
    assert case.establishment is None and case.employer_name == "Tigris Textiles"
    client.force_login(people["grm_bg"])
    link = f"{URL}{case.reference}/establishment/"
    linked = client.post(link, {"establishment": factory.pk}, content_type="application/json")
    assert linked.status_code == 200 and linked.json()["establishment"]
    out_of_scope = client.post(link, {"establishment": basra_factory.pk}, content_type="application/json")
    assert out_of_scope.status_code == 400 and out_of_scope.json()["errors"][0]["field"] == "establishment"
    assert client.post(link, {"establishment": None}, content_type="application/json").status_code == 200
    case.refresh_from_db()
    assert case.establishment is None
    events = list(case.events.filter(kind=CaseEvent.Kind.ESTABLISHMENT).values_list("data", flat=True))
    assert [(e["from"], e["to"]) for e in events] == [(None, factory.pk), (factory.pk, None)]


def test_an_unregistered_employer_is_added_to_the_registry_from_its_case(client, people, make_user, shipped):
    from tests.staff.conftest import open_complaint

    case = open_complaint(employer={"name": "ورشة النجارة", "address": "الشعلة"}).case
    client.force_login(people["grm_bg"])
    url = f"{URL}{case.reference}/establishment/register/"
    assert client.post(url, {}, content_type="application/json").status_code == 403, (
        "needs the registry's right"
    )
    clerk = make_user("data_clerk", governorates=("IQ-BG",), username="clerk_reg")
    client.force_login(clerk)
    response = client.post(url, {}, content_type="application/json")
    assert response.status_code == 201
    case.refresh_from_db()
    assert case.establishment.name == "ورشة النجارة" and case.establishment.address == "الشعلة"
    assert case.establishment.governorate == case.governorate


@pytest.fixture
def basra_factory(shipped):
    return Establishment.objects.create(
        name="Shatt Shipyard", governorate=Governorate.objects.get(code="IQ-BA"), registration_number="BA-1"
    )


def test_the_staff_establishment_list_needs_the_registry_permission_and_is_scoped(
    client, people, factory, basra_factory, make_user
):
    client.force_login(make_user(username="no_role_at_all"))  # national scope, but no role
    assert client.get("/api/v1/establishments/").status_code == 403
    client.force_login(people["labour_bg"])
    names = [e["name"] for e in client.get("/api/v1/establishments/").json()]
    assert factory.name in names and basra_factory.name not in names
