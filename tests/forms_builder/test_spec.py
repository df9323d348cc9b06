"""The typed view of a compiled form (``FormSpec``), read instead of ``FormVersion.ui``."""

import dataclasses
from datetime import date

import pytest

from forms_builder import fieldtypes
from forms_builder.rendering import summary
from forms_builder.selectors import form_version_current
from forms_builder.spec import AnswerRow, FormSpec
from forms_builder.validation import validate


def _text(en: str) -> dict:
    return {"ar": f"{en} (ar)", "en": en}


def _item(key: str, provision: str, **extra) -> dict:
    return {"type": "checklist_item", "key": key, "label": _text(key), "legal_provision": provision, **extra}


def _checklist(provision: str) -> dict:
    """Two steps: checklist items, then workers (a repeat group with a confidential name, a photo and an
    item of its own) and a confidential telephone."""
    return {
        "key": "spec_checklist",
        "kind": "inspection_checklist",
        "title": _text("Spec checklist"),
        "fields": [
            {"type": "section", "key": "paperwork", "title": _text("Paperwork")},
            _item(
                "contracts",
                provision,
                severity="high",
                corrective_days=14,
                corrective_action=_text("Sign contracts"),
                evidence="optional",
            ),
            _item("hours", provision, allow_not_applicable=True),
            {"type": "section", "key": "people", "title": _text("People")},
            {
                "type": "repeat_group",
                "key": "workers",
                "label": _text("Workers"),
                "row_label": _text("Worker"),
                "min_rows": 0,
                "max_rows": 3,
                "fields": [
                    {"type": "text", "key": "worker_name", "label": _text("Name"), "confidential": True},
                    {
                        "type": "file",
                        "key": "worker_photo",
                        "label": _text("Photo"),
                        "allowed_types": ["png"],
                        "max_size_mb": 1,
                        "max_files": 1,
                    },
                    _item("worker_ppe", provision, severity="critical", corrective_days=None),
                ],
            },
            {"type": "phone", "key": "contact_phone", "label": _text("Telephone"), "confidential": True},
        ],
    }


def checklist_version(spec: FormSpec):
    return form_version_current(key=spec.key)


@pytest.fixture
def checklist(publish, provision):
    return FormSpec.of(publish(_checklist(provision.key)))


# --- structure ----------------------------------------------------------------------------------------------


def test_spec_gives_steps_and_their_top_level_fields(checklist):
    assert checklist.key == "spec_checklist"
    assert checklist.number == 1
    assert checklist.step_keys == ("paperwork", "people")
    assert checklist.step_field_keys("people") == ("workers", "contact_phone")
    assert checklist.step_field_keys("nowhere") == ()
    assert checklist.top_level_keys == ("contracts", "hours", "workers", "contact_phone")
    assert checklist.step_title("people", "en") == "People"
    assert checklist.step("paperwork").title_in("ar") == "Paperwork (ar)"


def test_spec_gives_each_field_with_its_type_properties(checklist):
    assert list(checklist.fields) == [
        "contracts",
        "hours",
        "workers",
        "worker_name",
        "worker_photo",
        "worker_ppe",
        "contact_phone",
    ]
    workers = checklist.field("workers")
    assert workers.is_repeating and workers.is_structural
    assert [child.key for child in checklist.children("workers")] == [
        "worker_name",
        "worker_photo",
        "worker_ppe",
    ]
    assert checklist.field("worker_name").group == "workers"
    assert checklist.field("worker_name").confidential
    assert checklist.field("worker_photo").is_file
    assert not checklist.field("contracts").is_file
    assert checklist.field("contracts").file_subpaths == ("evidence",)
    assert checklist.field("contracts").has_findings
    assert not checklist.field("contact_phone").has_findings
    assert checklist.field("contracts").label_in("en") == "contracts"
    assert checklist.field("contracts").param("severity") == "high"
    assert checklist.field_at("workers.2.worker_photo").key == "worker_photo"
    assert checklist.field_at("contracts.evidence").key == "contracts"
    assert "hours" in checklist and "nothing" not in checklist


def test_spec_is_read_only(checklist):
    field = checklist.field("contracts")
    with pytest.raises(dataclasses.FrozenInstanceError):
        field.required = True
    with pytest.raises(TypeError):
        field.label["en"] = "changed"
    with pytest.raises(TypeError):
        checklist.fields["x"] = field
    with pytest.raises(TypeError):
        field.param("provision")["key"] = "changed"
    assert checklist.field("contracts").param("provision")["key"] != "changed"


def test_spec_is_built_once_per_version(version):
    assert version.spec is FormSpec.of(version)
    assert FormSpec.of(version.ui).step_keys == version.spec.step_keys


def test_structural_types_are_registered_types():
    section, group = fieldtypes.get("section"), fieldtypes.get("repeat_group")
    assert section.is_structural and section.is_step and not section.is_repeating
    assert group.is_structural and group.is_repeating and not group.is_step
    assert not any(fieldtypes.get(key).is_structural for key in ("text", "checklist_item", "file"))
    keys = [field_type.key for field_type in fieldtypes.all_types()]
    assert keys[-2:] == ["section", "repeat_group"]
    assert keys.index("governorate") < keys.index("checklist_item") < keys.index("file")


# --- confidential answers and files -------------------------------------------------------------------------


def test_split_confidential_takes_confidential_fields_apart_also_in_repeat_group_rows(checklist):
    cleaned = {
        "contracts": {"answer": "compliant", "note": ""},
        "workers": [{"worker_name": "Ali", "worker_ppe": {"answer": "compliant", "note": ""}}, {}],
        "contact_phone": "07700000000",
    }
    public, secret = checklist.split_confidential(cleaned)
    assert public == {
        "contracts": {"answer": "compliant", "note": ""},
        "workers": [{"worker_ppe": {"answer": "compliant", "note": ""}}, {}],
    }
    assert secret == {"contact_phone": "07700000000", "workers": [{"worker_name": "Ali"}, {}]}


def test_split_confidential_keeps_no_secret_rows_when_no_row_has_a_confidential_answer(checklist):
    public, secret = checklist.split_confidential({"workers": [{"worker_ppe": {"answer": "compliant"}}]})
    assert public == {"workers": [{"worker_ppe": {"answer": "compliant"}}]}
    assert secret == {}


def test_confidential_paths_are_those_of_confidential_fields_at_the_top_or_in_rows(checklist):
    paths = ["workers.0.worker_name", "workers.1.worker_photo", "contracts.evidence", "contact_phone"]
    assert checklist.confidential_paths(paths) == {"workers.0.worker_name", "contact_phone"}
    assert not checklist.is_confidential_path("unknown.0.thing")


def test_file_paths_and_files_at_find_the_stored_file_descriptors(checklist):
    photo = {"name": "a.png", "size": 10, "type": "image/png"}
    data = {
        "contracts": {"answer": "non_compliant", "note": "", "evidence": [{"name": "e.jpg"}]},
        "hours": {"answer": "compliant", "note": ""},
        "workers": [{"worker_name": "Ali"}, {"worker_photo": [photo]}],
    }
    assert checklist.file_paths(data) == ["contracts.evidence", "workers.1.worker_photo"]
    found = checklist.files_at(data, "workers.1.worker_photo")
    assert found == [photo] and found[0] is photo  # the live dict, for the caller to note what it made
    assert checklist.files_at(data, "workers.0.worker_photo") == []
    assert checklist.value_at(data, "workers.0.worker_name") == "Ali"
    assert checklist.value_at(data, "workers.5.worker_name") is None


# --- findings ---------------------------------------------------------------------------------------------


def test_non_compliant_checklist_answer_is_a_finding_with_provision_severity_and_days(checklist, provision):
    result = validate(
        checklist_version(checklist),
        {"contracts": {"answer": "non_compliant", "note": "No contracts"}, "hours": "compliant"},
        {},
        "en",
    )
    assert result.is_valid, result.errors
    [finding] = checklist.findings(result.cleaned_data)
    assert finding.key == finding.path == "contracts"
    assert finding.answer == "non_compliant"
    assert finding.note == "No contracts"
    assert finding.provision_key == provision.key
    assert finding.provision["article"] == provision.article
    assert finding.severity == "high"
    assert finding.corrective_days == 14
    assert finding.corrective_action == _text("Sign contracts")
    assert finding.label == _text("contracts")
    assert finding.deadline(date(2026, 1, 1)) == date(2026, 1, 15)


@pytest.mark.parametrize("answer", ["compliant", "not_applicable"])
def test_compliant_or_not_applicable_answer_is_no_finding(checklist, answer):
    assert checklist.findings({"hours": {"answer": answer, "note": ""}}) == []


def test_findings_in_repeat_group_rows_carry_their_path(checklist):
    data = {
        "hours": {"answer": "non_compliant", "note": ""},
        "workers": [
            {"worker_ppe": {"answer": "compliant"}},
            {"worker_ppe": {"answer": "non_compliant", "note": "No helmet"}},
        ],
    }
    found = checklist.findings(data)
    assert [(f.key, f.path) for f in found] == [("hours", "hours"), ("worker_ppe", "workers.1.worker_ppe")]
    assert found[0].severity == "medium"  # the default
    assert found[1].severity == "critical"
    assert found[1].corrective_days is None and found[1].deadline(date(2026, 1, 1)) is None


def test_findings_ignore_answers_that_are_not_checklist_answers(checklist):
    assert checklist.findings({"contracts": "non_compliant", "contact_phone": "non_compliant"}) == []


# --- reading -----------------------------------------------------------------------------------------------


def test_summary_labels_answers_step_by_step_and_marks_confidential_rows(checklist):
    data = {"hours": {"answer": "compliant", "note": ""}, "workers": [{"worker_name": "Ali"}]}
    sections = checklist.summary(data, "en")
    assert [s.title for s in sections] == ["Paperwork", "People"]
    assert sections[1].rows == (
        AnswerRow("Worker 1", "", heading=True),
        AnswerRow("Name", "Ali", confidential=True),
    )
    assert summary(checklist_version(checklist), data, "en")[1]["rows"][1] == {
        "label": "Name",
        "value": "Ali",
        "heading": False,
        "confidential": True,
    }


def test_labelled_shows_answers_by_key_sorted_with_unknown_keys_as_themselves(checklist):
    rows = checklist.labelled({"contact_phone": "0770", "gone": "x", "also_gone": {"a": 1}}, "en")
    assert rows == [
        AnswerRow("also_gone", ""),
        AnswerRow("Telephone", "0770", confidential=True),
        AnswerRow("gone", "x"),
    ]


# --- the shipped configuration ------------------------------------------------------------------------------


def test_shipped_forms_read_through_the_spec_match_their_compiled_versions(shipped):
    for key in (
        "grievance_intake",
        "incident_report",
        "osh_inspection_checklist",
        "labour_inspection_checklist",
    ):
        version = form_version_current(key=key)
        spec = version.spec
        assert spec.step_keys == tuple(step["key"] for step in version.ui["steps"])
        assert list(spec.fields) == version.ui["order"]
        assert spec.top_level_keys == tuple(k for step in version.ui["steps"] for k in step["fields"])


def test_shipped_grievance_intake_keeps_contact_details_confidential(shipped):
    spec = form_version_current(key="grievance_intake").spec
    assert spec.confidential_keys == {"full_name", "phone", "email"}
    public, secret = spec.split_confidential({"full_name": "Ali", "phone": "0770", "description": "Unpaid"})
    assert public == {"description": "Unpaid"}
    assert secret == {"full_name": "Ali", "phone": "0770"}
    assert [field.key for field in spec.fields.values() if field.is_file] == ["evidence"]


def test_shipped_incident_report_has_the_injured_persons_as_a_repeat_group(shipped):
    spec = form_version_current(key="incident_report").spec
    assert spec.step_field_keys("injured_persons") == ("injured",)
    injured = spec.field("injured")
    assert injured.is_repeating
    assert {"age", "sex", "injury_severity", "days_lost"} <= {child.key for child in spec.children("injured")}


def test_shipped_osh_checklist_turns_every_non_compliant_item_into_a_finding(shipped):
    spec = form_version_current(key="osh_inspection_checklist").spec
    items = [field for field in spec.fields.values() if field.has_findings]
    assert len(items) == 42
    failing = {field.key: field.field_type.answer("non_compliant", "seen") for field in items}
    found = spec.findings(failing)
    assert [f.key for f in found] == [field.key for field in items]
    assert all(f.provision_key and f.severity in {"low", "medium", "high", "critical"} for f in found)
    first = spec.fields["osh_lighting_ventilation"]
    lighting = next(f for f in found if f.key == "osh_lighting_ventilation")
    assert (lighting.severity, lighting.corrective_days, lighting.note) == ("medium", 30, "seen")
    assert lighting.provision_key == "iq-osh-1987-workplace-conditions"
    assert lighting.label == dict(first.label)
    passing = {field.key: field.field_type.answer("compliant") for field in items}
    assert spec.findings(passing) == []
