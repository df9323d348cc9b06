"""A user's name as printed on documents, in each language, with a position printed under it: the fallback
order, the Wagtail user screens that edit both languages, and the demo users that carry them."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from accounts.services import demo_staff_specs, demo_users_create


def test_the_name_falls_back_to_the_other_language_then_first_and_last_name_then_username():
    user = User(username="s.hadi", first_name="Salim", last_name="Hadi")
    user.display_name = {"ar": "سالم هادي", "en": "Salim Hadi Al-Obaidi"}
    assert user.name_in("ar") == "سالم هادي" and user.name_in("en") == "Salim Hadi Al-Obaidi"
    with translation.override("en"):
        assert user.name_in() == "Salim Hadi Al-Obaidi"  # the active language by default
    user.display_name = {"ar": "سالم هادي", "en": ""}
    assert user.name_in("en") == "سالم هادي"
    user.display_name = {"en": "Salim Hadi Al-Obaidi"}
    assert user.name_in("ar") == "Salim Hadi Al-Obaidi"
    user.display_name = {}
    assert user.name_in("ar") == user.name_in("en") == "Salim Hadi"
    user.first_name = user.last_name = ""
    assert user.name_in("ar") == "s.hadi"


def test_the_position_is_empty_unless_set_and_falls_back_to_the_other_language():
    user = User(username="s.hadi")
    assert user.position_in("ar") == user.position_in("en") == ""
    user.position = {"ar": "", "en": "Head of the Baghdad labour inspection office"}
    assert user.position_in("ar") == "Head of the Baghdad labour inspection office"


@pytest.mark.django_db
def test_the_admin_edits_the_display_name_and_position_in_both_languages(client, make_user, baghdad):
    admin = make_user("ministry_admin", username="boss", is_superuser=True)
    person = make_user(
        "supervisor", governorates=("IQ-BG",), username="s.hadi", email="s.hadi@example.gov.iq"
    )
    client.force_login(admin)
    url = reverse("wagtailusers_users:edit", args=[person.pk])
    page = client.get(url).content.decode()
    for name in ("display_name_ar", "display_name_en", "position_ar", "position_en"):
        assert f'name="{name}"' in page
    response = client.post(
        url,
        {
            "username": "s.hadi",
            "email": "s.hadi@example.gov.iq",
            "first_name": "Salim",
            "last_name": "Hadi",
            "display_name_ar": "سالم هادي",
            "display_name_en": "Salim Hadi",
            "position_ar": "رئيس مكتب تفتيش العمل في بغداد",
            "position_en": "Head of the Baghdad labour inspection office",
            "preferred_language": "ar",
            "governorates": [baghdad.pk],
            "is_active": "on",
            "groups": list(person.groups.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert person.display_name == {"ar": "سالم هادي", "en": "Salim Hadi"}
    assert person.position == {
        "ar": "رئيس مكتب تفتيش العمل في بغداد",
        "en": "Head of the Baghdad labour inspection office",
    }


@pytest.mark.django_db
def test_the_admin_gives_a_new_user_a_display_name(client, make_user):
    client.force_login(make_user("ministry_admin", username="boss", is_superuser=True))
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "new_inspector",
            "email": "new@example.gov.iq",
            "first_name": "New",
            "last_name": "Inspector",
            "display_name_ar": "مفتش جديد",
            "display_name_en": "New Inspector",
            "password1": "a-very-long-password-1",
            "password2": "a-very-long-password-1",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="new_inspector")
    assert user.display_name == {"ar": "مفتش جديد", "en": "New Inspector"} and user.position_in("en") == ""


@pytest.mark.django_db
def test_demo_users_carry_their_names_in_both_languages(roles, reference_data):
    users = [
        {
            "username": "supervisor_bg",
            "display_name": {"ar": "مشرف في بغداد", "en": "Supervisor in Baghdad"},
            "position": {"ar": "رئيس مكتب التفتيش في بغداد", "en": "Head of the Baghdad inspection office"},
        },
        *demo_staff_specs(governorates=["IQ-NI"], roles=["supervisor"]),
    ]
    demo_users_create(users=users, password="demo-password-123")
    supervisor = User.objects.get(username="supervisor_bg")
    assert supervisor.name_in("ar") == "مشرف في بغداد"
    assert supervisor.position_in("en") == "Head of the Baghdad inspection office"
    nineveh = User.objects.get(username="supervisor_ni")
    assert nineveh.display_name == {"ar": "مشرف في نينوى", "en": "Supervisor in Nineveh"}
    assert nineveh.get_full_name() == "Nineveh Supervisor"


def test_the_shipped_demo_users_all_have_a_name_in_both_languages():
    document = yaml.safe_load((Path(settings.BASE_DIR) / "fixtures" / "demo_users.yaml").read_text())
    for spec in document["users"]:
        assert spec["display_name"]["ar"] and spec["display_name"]["en"], spec["username"]
