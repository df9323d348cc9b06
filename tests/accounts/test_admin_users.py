"""Administrators set a user's governorates and language in Wagtail's own user screens."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_admin_creates_a_scoped_user_through_the_wagtail_screen(
    client, make_user, baghdad, django_user_model
):
    admin = make_user("ministry_admin", username="boss", is_superuser=True)
    client.force_login(admin)
    form_page = client.get(reverse("wagtailusers_users:add"))
    assert form_page.status_code == 200
    assert 'name="governorates"' in form_page.content.decode()
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "new_inspector",
            "email": "new@example.gov.iq",
            "first_name": "New",
            "last_name": "Inspector",
            "password1": "a-very-long-password-1",
            "password2": "a-very-long-password-1",
            "preferred_language": "en",
            "governorates": [baghdad.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = django_user_model.objects.get(username="new_inspector")
    assert list(user.governorates.all()) == [baghdad]
    assert user.preferred_language == "en"


@pytest.mark.django_db
def test_each_demo_role_can_log_in_to_the_admin(client, make_user):
    for role in [
        "ministry_admin",
        "supervisor",
        "labour_inspector",
        "osh_inspector",
        "grm_officer",
        "data_clerk",
        "analyst",
    ]:
        user = make_user(role, username=f"u_{role}")
        assert client.login(username=user.username, password="a-long-test-password")
        assert client.get("/admin/").status_code == 200, role
        client.logout()
