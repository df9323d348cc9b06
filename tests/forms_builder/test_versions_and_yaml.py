"""Published versions are immutable; YAML export and load round-trip; retired options; checklist scores."""

import copy
import io
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.core.management import call_command

from core.configs import load_configs
from forms_builder import services
from forms_builder.models import FormDefinition, FormVersion, OptionList
from forms_builder.scoring import checklist_score
from forms_builder.selectors import form_version_current, form_version_get, public_forms
from forms_builder.validation import validate
from tests.forms_builder.sample_forms import FORM, OPTION_LIST


@pytest.mark.django_db
def test_published_version_cannot_be_changed_or_deleted(version):
    version.ui["title"]["en"] = "Tampered"
    with pytest.raises(ValidationError):
        version.save()
    with pytest.raises(ValidationError):
        version.delete()
    assert FormVersion.objects.get(pk=version.pk).ui["title"]["en"] == "Sample complaint"


@pytest.mark.django_db
def test_version_has_schema_ui_and_checksum(version):
    assert version.number == 1
    assert len(version.checksum) == 64
    assert version.schema["$schema"].endswith("2020-12/schema")
    assert version.schema["additionalProperties"] is False
    assert version.schema["required"] == ["anonymous", "category", "description"]
    assert version.schema["properties"]["category"]["enum"] == [
        "hours",
        "other",
        "wages_late",
        "wages_unpaid",
    ]
    assert version.schema["properties"]["witnesses"]["maxItems"] == 3
    assert version.ui["fields"]["full_name"]["confidential"] is True
    assert version.ui["fields"]["category"]["options"][1] == {
        "code": "wages_unpaid",
        "label": {"ar": "أجور غير مدفوعة", "en": "Unpaid wages"},
        "parent": "wages",
        "retired": False,
    }


@pytest.mark.django_db
def test_schema_validates_a_submission_with_jsonschema(version):
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(version.schema)
    jsonschema.validate(
        {"anonymous": True, "category": "hours", "description": "Too many hours."}, version.schema
    )
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"anonymous": True, "category": "nope", "description": "x"}, version.schema)


@pytest.mark.django_db
def test_export_then_load_round_trips_without_a_new_version(version, tmp_path):
    call_command("export_forms", path=tmp_path, stdout=io.StringIO())
    form_file = tmp_path / "forms" / "sample_complaint.yaml"
    list_file = tmp_path / "option_lists" / "complaint_categories.yaml"
    exported = yaml.safe_load(form_file.read_text(encoding="utf-8"))
    assert exported["key"] == "sample_complaint"
    assert exported["fields"][2]["visible_if"] == FORM["fields"][2]["visible_if"]
    assert exported["fields"][5]["option_list"] == "complaint_categories"
    assert yaml.safe_load(list_file.read_text(encoding="utf-8"))["options"][1]["parent"] == "wages"

    results = load_configs(config_dir=tmp_path, only=["option_lists", "forms"])
    assert results["forms/sample_complaint.yaml"]["new_version"] == 0
    assert results["option_lists/complaint_categories.yaml"]["changed"] == 0
    assert FormVersion.objects.count() == 1

    exported["fields"][6]["label"]["en"] = "Describe what happened"
    form_file.write_text(yaml.safe_dump(exported, allow_unicode=True), encoding="utf-8")
    results = load_configs(config_dir=tmp_path, only=["forms"])
    assert results["forms/sample_complaint.yaml"]["new_version"] == 1
    assert form_version_current(key="sample_complaint").number == 2
    assert (
        form_version_get(key="sample_complaint", number=1).ui["fields"]["description"]["label"]["en"]
        == "Description"
    )


@pytest.mark.django_db
def test_retired_option_stays_valid_for_old_data_and_is_not_offered_any_more(version, publish):
    old_answer = {"anonymous": True, "category": "wages_late", "description": "Wages late again."}
    assert validate(version, old_answer, {}, "en").is_valid
    changed = copy.deepcopy(OPTION_LIST)
    changed["options"] = [o for o in changed["options"] if o["code"] != "wages_late"]
    result = services.option_list_load_document(changed, Path("l.yaml"))
    assert result["changed"] == 1
    option = OptionList.objects.get(key="complaint_categories").options.get(code="wages_late")
    assert option.retired, "removed from the file: retired, never deleted"
    new_version = publish(FORM)
    assert new_version.number == 2
    assert validate(version, old_answer, {}, "en").is_valid, "old data against its own version"
    assert validate(new_version, old_answer, {}, "en").errors["category"][0].code == "invalid_choice"
    assert "wages_late" not in new_version.schema["properties"]["category"]["enum"]


@pytest.mark.django_db
def test_inconsistent_option_list_is_refused(option_list):
    from core.configs import ConfigError

    bad = copy.deepcopy(OPTION_LIST)
    bad["options"].append({"code": "orphan", "label": {"ar": "يتيم", "en": "Orphan"}, "parent": "missing"})
    bad["options"].append({"code": "wages", "label": {"ar": "مكرر", "en": "Duplicate"}})
    with pytest.raises(ConfigError) as error:
        services.option_list_load_document(bad, Path("l.yaml"))
    assert "option code wages is used more than once" in str(error.value) or "wages" in str(error.value)
    assert "orphan" in str(error.value)
    assert OptionList.objects.get().options.count() == 5


@pytest.mark.django_db
def test_public_forms_lists_live_public_forms_with_their_current_version(version, publish):
    private = copy.deepcopy(FORM)
    private.update(key="staff_only", public=False)
    publish(private)
    listed = public_forms()
    assert [(d.key, v.number) for d, v in listed] == [("sample_complaint", 1)]
    FormDefinition.objects.filter(key="sample_complaint").update(live=False)
    assert public_forms() == []


def test_checklist_score_by_section_and_overall():
    item = {"type": "checklist_item", "label": {}, "group": None}
    ui = {
        "steps": [
            {"key": "contracts", "title": {"en": "Contracts"}, "fields": ["c1", "c2", "c3"]},
            {"key": "hours", "title": {"en": "Hours"}, "fields": ["h1", "h2", "note"]},
        ],
        "fields": {
            "c1": item,
            "c2": item,
            "c3": item,
            "h1": item,
            "h2": item,
            "note": {"type": "text", "group": None},
        },
    }
    data = {
        "c1": {"answer": "compliant"},
        "c2": {"answer": "non_compliant"},
        "c3": {"answer": "not_applicable"},
        "h1": {"answer": "compliant"},
        "note": "ok",
    }
    score = checklist_score(ui, data, "en")
    assert score["sections"][0] == {
        "key": "contracts",
        "title": "Contracts",
        "compliant": 1,
        "non_compliant": 1,
        "not_applicable": 1,
        "unanswered": 0,
        "rate": 50.0,
    }
    assert score["sections"][1]["rate"] == 100.0 and score["sections"][1]["unanswered"] == 1
    assert score["overall"] == {
        "compliant": 2,
        "non_compliant": 1,
        "not_applicable": 1,
        "unanswered": 1,
        "rate": 66.7,
    }
    assert checklist_score(ui, {}, "en")["overall"]["rate"] is None
