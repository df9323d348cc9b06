"""Confidential answers stay confidential wherever a form puts them: in repeat-group rows, in files and in
the forms of workflow steps (never in the case data or the timeline, always encrypted, reads logged)."""

import copy

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.errors import CaseNotFound
from cases.models import CaseEvent, CaseType
from cases.services import attachment_open, case_open, confidential_values, transition
from tests.cases.conftest import CONFIGS, INTAKE
from tests.factories import PNG


@pytest.fixture
def confidential_config(case_config, publish):
    intake = yaml.safe_load((CONFIGS / "forms" / "intake.yaml").read_text(encoding="utf-8"))
    intake["fields"].append(
        {
            "type": "file",
            "key": "id_photo",
            "label": {"ar": "صورة الهوية", "en": "ID photo"},
            "confidential": True,
            "allowed_types": ["png"],
        }
    )
    intake["fields"].append(
        {
            "type": "repeat_group",
            "key": "witnesses",
            "label": {"ar": "شهود", "en": "Witnesses"},
            "min_rows": 0,
            "max_rows": 3,
            "fields": [
                {"type": "text", "key": "witness_name", "label": {"ar": "الاسم", "en": "Name"}},
                {
                    "type": "phone",
                    "key": "witness_phone",
                    "label": {"ar": "الهاتف", "en": "Phone"},
                    "confidential": True,
                },
            ],
        }
    )
    publish(intake)
    closure = yaml.safe_load((CONFIGS / "forms" / "closure.yaml").read_text(encoding="utf-8"))
    closure["fields"].append(
        {
            "type": "text",
            "key": "informant",
            "label": {"ar": "المُبلّغ", "en": "Informant"},
            "confidential": True,
        }
    )
    publish(closure)


@pytest.mark.django_db
def test_confidential_answers_in_groups_files_and_step_forms(confidential_config, staff):
    data = copy.deepcopy(INTAKE)
    data["witnesses"] = [{"witness_name": "Omar", "witness_phone": "07700000001"}]
    opened = case_open(
        case_type=CaseType.objects.get(key="test_case"),
        data=data,
        language="en",
        files={"id_photo": [SimpleUploadedFile("id.png", PNG, content_type="image/png")]},
    )
    case = opened.case
    assert case.data["witnesses"] == [{"witness_name": "Omar"}], "the phone is not in the case data"
    secret = confidential_values(case)
    assert (
        secret["witnesses"] == [{"witness_phone": "07700000001"}] and secret["reporter_name"] == "Hussein Ali"
    )
    photo = case.attachments.get(field="id_photo")
    assert photo.confidential

    with pytest.raises(CaseNotFound):  # the same answer as an absent file
        attachment_open(case=case, attachment_id=photo.pk, actor=staff["inspector_bg"])
    attachment_open(case=case, attachment_id=photo.pk, actor=staff["supervisor_bg"])
    last = case.events.order_by("-sequence").first()
    assert last.kind == CaseEvent.Kind.CONFIDENTIAL_VIEWED and last.data["attachment"] == photo.pk

    transition(case, "assign", staff["supervisor_bg"])
    from tests.factories import CHECKLIST

    transition(case, "visit", staff["inspector_bg"], data=CHECKLIST)
    transition(
        case, "close", staff["supervisor_bg"], data={"outcome": "resolved", "informant": "A neighbour"}
    )
    close_event = case.events.filter(kind="transition", data__transition="close").get()
    assert "informant" not in close_event.data["form"]["data"] and close_event.data["form"][
        "confidential"
    ] == ["informant"]
    assert "A neighbour" not in str(list(case.events.values_list("data", flat=True)))
    assert confidential_values(case)["informant"] == "A neighbour"
