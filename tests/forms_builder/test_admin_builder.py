"""An administrator builds, publishes, edits and republishes a form in the Wagtail admin's own screens."""

import copy

import pytest
from django.urls import reverse
from django.utils import translation

from forms_builder.models import FormDefinition, FormVersion, OptionList
from forms_builder.rendering import summary
from forms_builder.selectors import form_version_current
from forms_builder.validation import validate
from tests.forms_builder.admin_data import form_definition_post_data, option_list_post_data
from tests.forms_builder.sample_forms import FORM, OPTION_LIST

ADD = "wagtailsnippets_forms_builder_formdefinition:add"
EDIT = "wagtailsnippets_forms_builder_formdefinition:edit"


@pytest.fixture
def admin_client(client, make_user):
    admin = make_user("ministry_admin", username="form_admin", is_superuser=True, language="en")
    client.force_login(admin)
    return client


def _create_option_list(admin_client) -> OptionList:
    response = admin_client.post(
        reverse("wagtailsnippets_forms_builder_optionlist:add"), option_list_post_data(OPTION_LIST)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return OptionList.objects.get(key=OPTION_LIST["key"])


@pytest.mark.django_db
def test_build_publish_edit_and_republish_through_the_admin(admin_client):
    option_list = _create_option_list(admin_client)
    assert option_list.options.count() == 5
    document = copy.deepcopy(FORM)
    refs = {"complaint_categories": option_list.pk}

    response = admin_client.post(reverse(ADD), form_definition_post_data(document, refs))
    assert response.status_code == 302, response.content.decode()[:5000]
    definition = FormDefinition.objects.get(key="sample_complaint")
    assert definition.live
    v1 = form_version_current(key="sample_complaint")
    assert v1.number == 1
    assert [step["key"] for step in v1.ui["steps"]] == ["about", "complaint"]

    # A complaint is made against version 1.
    answers = {
        "anonymous": False,
        "full_name": "Ali Hassan",
        "category": "wages_unpaid",
        "description": "Three months of wages unpaid.",
    }
    assert validate(v1, answers, {}, "en").is_valid

    # The administrator edits the form: a new required question, and a relabelled one.
    document["fields"][2]["label"] = {"ar": "اسمك الثلاثي", "en": "Your full name"}
    document["fields"].insert(
        6,
        {
            "type": "date",
            "key": "started_on",
            "required": True,
            "label": {"ar": "تاريخ بدء المشكلة", "en": "When did it start?"},
        },
    )
    response = admin_client.post(
        reverse(EDIT, args=[definition.pk]), form_definition_post_data(document, refs)
    )
    assert response.status_code == 302, response.content.decode()[:5000]
    v2 = form_version_current(key="sample_complaint")
    assert v2.number == 2
    assert FormVersion.objects.filter(definition=definition).count() == 2
    assert "started_on" in v2.ui["fields"] and "started_on" not in v1.ui["fields"]

    # Version 1 data still validates and renders against version 1, with its own labels.
    v1.refresh_from_db()
    assert validate(v1, answers, {}, "en").is_valid
    assert not validate(v2, answers, {}, "en").is_valid
    with translation.override("en"):
        rows = [row["label"] for section in summary(v1, answers, "en") for row in section["rows"]]
    assert "Full name" in rows and "Your full name" not in rows


@pytest.mark.django_db
def test_admin_refuses_to_publish_an_inconsistent_form_but_saves_the_draft(admin_client):
    option_list = _create_option_list(admin_client)
    document = copy.deepcopy(FORM)
    document["fields"][3]["key"] = "anonymous"  # duplicate key
    document["fields"][5]["label"] = {"ar": "", "en": "Category"}  # missing Arabic
    refs = {"complaint_categories": option_list.pk}

    response = admin_client.post(
        reverse(ADD), form_definition_post_data(document, refs), headers={"accept-language": "en"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "This form cannot be published yet" in page
    assert "(anonymous): the key is used more than once" in page
    assert "(category): the label is missing in" in page
    assert not FormDefinition.objects.exists()

    response = admin_client.post(reverse(ADD), form_definition_post_data(document, refs, action="draft"))
    assert response.status_code == 302
    definition = FormDefinition.objects.get(key="sample_complaint")
    assert not definition.live
    assert not FormVersion.objects.exists()


@pytest.mark.django_db
def test_scheduled_publishing_compiles_when_it_goes_live(admin_client, option_list):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    document = copy.deepcopy(FORM)
    data = form_definition_post_data(document, {"complaint_categories": OptionList.objects.get().pk})
    data["go_live_at"] = timezone.localtime(timezone.now() + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    response = admin_client.post(reverse(ADD), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not FormVersion.objects.exists()
    with __import__("time_machine").travel(timezone.now() + timedelta(hours=2)):
        call_command("publish_scheduled")
    assert form_version_current(key="sample_complaint").number == 1
