"""Every field type validates: accepted values, refused values with their code, messages in both languages."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from forms_builder.validation import validate
from tests.factories import PDF, PNG

ARABIC = re.compile(r"[\u0600-\u06FF]")


def _ui(spec: dict) -> dict:
    spec = {
        "label": {"ar": "حقل", "en": "Field"},
        "help": {},
        "required": False,
        "confidential": False,
        "visible_if": None,
        "required_if": None,
        "step": "main",
        "group": None,
        **spec,
    }
    return {
        "key": "t",
        "kind": "generic",
        "title": {"ar": "ن", "en": "F"},
        "description": {},
        "steps": [{"key": "main", "title": {}, "description": {}, "fields": ["f"]}],
        "fields": {"f": {**spec, "key": "f"}},
        "order": ["f"],
    }


OPTIONS = [
    {"code": "a", "label": {"ar": "أ", "en": "A"}, "parent": None, "retired": False},
    {"code": "b", "label": {"ar": "ب", "en": "B"}, "parent": None, "retired": False},
    {"code": "old", "label": {"ar": "قديم", "en": "Old"}, "parent": None, "retired": True},
]
HIERARCHY = [
    {"code": "wages", "label": {"ar": "أجور", "en": "Wages"}, "parent": None, "retired": False},
    {"code": "unpaid", "label": {"ar": "غير مدفوعة", "en": "Unpaid"}, "parent": "wages", "retired": False},
]
PROVISION = {
    "key": "p",
    "article": "7",
    "title": {"ar": "م", "en": "A"},
    "instrument": "i",
    "instrument_title": {},
}

TEXT = {"type": "text", "min_length": 2, "max_length": 5, "pattern": None, "pattern_message": {}}
CASES = [
    # (spec, raw valid, cleaned, raw invalid, code, English message)
    (TEXT, "abc", "abc", "abcdef", "max_length", "Enter at most 5 characters."),
    (TEXT, " ab ", "ab", "a", "min_length", "Enter at least 2 characters."),
    (
        {
            **TEXT,
            "max_length": 20,
            "pattern": r"[A-Z]{2}\d+",
            "pattern_message": {"ar": "صيغة خاطئة", "en": "Wrong format"},
        },
        "AB12",
        "AB12",
        "ab12",
        "pattern",
        "Wrong format",
    ),
    (
        {**TEXT, "type": "long_text", "max_length": 5000},
        "x" * 3000,
        "x" * 3000,
        12.5 * 1j if False else ["x"],
        "invalid_type",
        "Enter text.",
    ),
    (
        {"type": "number", "min_value": 0, "max_value": 100, "integer_only": True, "unit": {}},
        "42",
        42,
        "4.5",
        "not_integer",
        "Enter a whole number.",
    ),
    (
        {"type": "number", "min_value": 0, "max_value": 100, "integer_only": False, "unit": {}},
        "٤٢٫٥",
        42.5,
        "101",
        "max_value",
        "Enter a number of at most 100.",
    ),
    (
        {"type": "number", "min_value": 18, "max_value": None, "integer_only": True, "unit": {}},
        18,
        18,
        17,
        "min_value",
        "Enter a number of at least 18.",
    ),
    (
        {"type": "number", "min_value": None, "max_value": None, "integer_only": True, "unit": {}},
        "7",
        7,
        "seven",
        "invalid_type",
        "Enter a number.",
    ),
    (
        {"type": "date", "not_in_future": True, "not_in_past": False},
        "2025-01-31",
        "2025-01-31",
        (timezone.localdate() + timedelta(days=2)).isoformat(),
        "in_future",
        "The date cannot be in the future.",
    ),
    (
        {"type": "date", "not_in_future": False, "not_in_past": False},
        "2024-02-29",
        "2024-02-29",
        "2023-02-29",
        "invalid_date",
        "Enter a valid date (YYYY-MM-DD).",
    ),
    (
        {"type": "datetime", "not_in_future": True},
        "2025-05-01T08:30:00+03:00",
        "2025-05-01T08:30:00+03:00",
        "yesterday",
        "invalid_datetime",
        "Enter a valid date and time.",
    ),
    (
        {"type": "email"},
        "worker@example.iq",
        "worker@example.iq",
        "not-an-email",
        "invalid_email",
        "Enter a valid e-mail address.",
    ),
    (
        {"type": "phone"},
        "+964 770 123 4567",
        "+964 770 123 4567",
        "12ab",
        "invalid_phone",
        "Enter a telephone number of 6 to 15 digits, e.g. 07701234567.",
    ),
    ({"type": "yes_no"}, "yes", True, "maybe", "invalid_choice", "Answer yes or no."),
    ({"type": "yes_no"}, False, False, 3, "invalid_choice", "Answer yes or no."),
    (
        {"type": "single_choice", "options": OPTIONS, "hierarchical": False, "allow_parent": False},
        "a",
        "a",
        "old",
        "invalid_choice",
        "Choose one of the options.",
    ),
    (
        {"type": "single_choice", "options": HIERARCHY, "hierarchical": True, "allow_parent": False},
        "unpaid",
        "unpaid",
        "wages",
        "invalid_choice",
        "Choose one of the options.",
    ),
    (
        {
            "type": "multiple_choice",
            "options": OPTIONS,
            "hierarchical": False,
            "allow_parent": False,
            "min_choices": None,
            "max_choices": 1,
        },
        ["a"],
        ["a"],
        ["a", "b"],
        "max_choices",
        "Choose at most 1 options.",
    ),
    (
        {
            "type": "multiple_choice",
            "options": OPTIONS,
            "hierarchical": False,
            "allow_parent": False,
            "min_choices": None,
            "max_choices": None,
        },
        ["a", "a", "b"],
        ["a", "b"],
        ["a", "zzz"],
        "invalid_choice",
        "Choose from the options.",
    ),
    (
        {
            "type": "checklist_item",
            "provision": PROVISION,
            "severity": "high",
            "corrective_action": {},
            "corrective_days": 30,
            "evidence": "optional",
            "allow_not_applicable": False,
        },
        {"answer": "non_compliant", "note": "No contracts"},
        {"answer": "non_compliant", "note": "No contracts"},
        {"answer": "not_applicable"},
        "invalid_choice",
        "Choose compliant, not compliant or not applicable.",
    ),
    (
        {"type": "location"},
        {"lat": "33.3152", "lng": 44.3661},
        {"lat": 33.3152, "lng": 44.3661},
        {"lat": 95, "lng": 44},
        "out_of_range",
        "The coordinates are out of range.",
    ),
    (
        {"type": "establishment", "allow_unregistered": True},
        {"name": "Al-Rafidain Bakery", "address": "Karrada"},
        {"id": None, "name": "Al-Rafidain Bakery", "address": "Karrada"},
        {"id": 999999},
        "unknown_establishment",
        "This establishment is not in the registry.",
    ),
    (
        {"type": "establishment", "allow_unregistered": False},
        None,
        None,
        {"name": "Unregistered Ltd"},
        "unknown_establishment",
        "Choose an establishment from the registry.",
    ),
    (
        {"type": "governorate"},
        "IQ-BG",
        "IQ-BG",
        "IQ-XX",
        "invalid_choice",
        "Choose a governorate from the list.",
    ),
]


def _ids():
    return [f"{case[0]['type']}-{case[4]}" for case in CASES]


@pytest.mark.parametrize(("spec", "valid", "cleaned", "invalid", "code", "message"), CASES, ids=_ids())
@pytest.mark.django_db
def test_field_type_accepts_valid_and_refuses_invalid(
    reference_data, spec, valid, cleaned, invalid, code, message
):
    ui = _ui(spec)
    if valid is not None:
        result = validate(ui, {"f": valid}, {}, "en")
        assert result.is_valid, result.error_list()
        assert result.cleaned_data["f"] == cleaned
    english = validate(ui, {"f": invalid}, {}, "en")
    assert [(e["field"].split(".")[0], e["code"]) for e in english.error_list()] == [("f", code)]
    assert english.error_list()[0]["message"] == message
    arabic = validate(ui, {"f": invalid}, {}, "ar")
    assert arabic.error_list()[0]["code"] == code
    assert ARABIC.search(arabic.error_list()[0]["message"]), arabic.error_list()[0]["message"]


@pytest.mark.parametrize(
    "field_type",
    [
        "text",
        "number",
        "date",
        "email",
        "phone",
        "yes_no",
        "single_choice",
        "location",
        "establishment",
        "governorate",
        "checklist_item",
    ],
)
@pytest.mark.django_db
def test_required_field_left_empty_in_both_languages(field_type):
    spec = next(case[0] for case in CASES if case[0]["type"] == field_type)
    ui = _ui({**spec, "required": True})
    english = validate(ui, {}, {}, "en").error_list()
    assert english == [{"field": "f", "code": "required", "message": "This field is required."}]
    arabic = validate(ui, {"f": ""}, {}, "ar").error_list()
    assert arabic[0]["code"] == "required" and ARABIC.search(arabic[0]["message"])


def _upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


FILE_SPEC = {"type": "file", "allowed_types": ["pdf", "png"], "max_size_mb": 1, "max_files": 2}


@pytest.mark.django_db
def test_file_type_is_sniffed_not_taken_from_the_name():
    ui = _ui(FILE_SPEC)
    ok = validate(ui, {}, {"f": [_upload("scan.pdf", PDF), _upload("photo.png", PNG)]}, "en")
    assert ok.is_valid, ok.error_list()
    assert [d["type"] for d in ok.cleaned_data["f"]] == ["pdf", "png"]
    assert len(ok.files["f"]) == 2
    disguised = validate(ui, {}, {"f": [_upload("invoice.pdf", b"MZ\x90\x00" + b"\x00" * 200)]}, "en")
    assert disguised.error_list()[0]["code"] == "file_type"
    arabic = validate(ui, {}, {"f": [_upload("a.pdf", b"<script>alert(1)</script>")]}, "ar")
    assert arabic.error_list()[0]["code"] == "file_type" and ARABIC.search(arabic.error_list()[0]["message"])


@pytest.mark.django_db
def test_file_size_and_count_limits():
    ui = _ui(FILE_SPEC)
    big = _upload("big.pdf", PDF + b"0" * (1024 * 1024 + 1))
    assert validate(ui, {}, {"f": [big]}, "en").error_list()[0]["code"] == "file_too_large"
    three = [_upload(f"{i}.pdf", PDF) for i in range(3)]
    result = validate(ui, {}, {"f": three}, "en")
    assert result.error_list() == [
        {"field": "f", "code": "too_many_files", "message": "Attach at most 2 files."}
    ]
    empty = validate(ui, {}, {"f": [_upload("e.pdf", b"")]}, "en")
    assert empty.error_list()[0]["code"] == "empty_file"


@pytest.mark.django_db
def test_checklist_evidence_photo_required_when_not_compliant():
    spec = {**CASES[19][0], "evidence": "required_if_non_compliant"}
    ui = _ui(spec)
    missing = validate(ui, {"f": {"answer": "non_compliant"}}, {}, "en")
    assert missing.error_list() == [
        {"field": "f.evidence", "code": "evidence_required", "message": "Add a photo as evidence."}
    ]
    with_photo = validate(
        ui, {"f": {"answer": "non_compliant"}}, {"f.evidence": [_upload("p.png", PNG)]}, "en"
    )
    assert with_photo.is_valid
    assert with_photo.cleaned_data["f"]["evidence"][0]["type"] == "png"
    assert validate(ui, {"f": "compliant"}, {}, "en").is_valid


@pytest.mark.django_db
def test_registered_establishment_is_looked_up(reference_data, baghdad):
    from registry.models import Establishment

    establishment = Establishment.objects.create(name="Baghdad Textiles", governorate=baghdad)
    ui = _ui({"type": "establishment", "allow_unregistered": False})
    result = validate(ui, {"f": {"id": establishment.pk}}, {}, "en")
    assert result.cleaned_data["f"] == {"id": establishment.pk, "name": "Baghdad Textiles"}
    establishment.is_active = False
    establishment.save()
    assert (
        validate(ui, {"f": {"id": establishment.pk}}, {}, "en").error_list()[0]["code"]
        == "unknown_establishment"
    )


def _group_ui(min_rows, max_rows):
    child = {
        "key": "age",
        "type": "number",
        "label": {"ar": "العمر", "en": "Age"},
        "help": {},
        "required": True,
        "confidential": False,
        "visible_if": None,
        "required_if": None,
        "step": "main",
        "group": "people",
        "min_value": 14,
        "max_value": 99,
        "integer_only": True,
        "unit": {},
    }
    group = {
        "key": "people",
        "type": "repeat_group",
        "label": {"ar": "أشخاص", "en": "People"},
        "help": {},
        "row_label": {},
        "required": min_rows > 0,
        "confidential": False,
        "visible_if": None,
        "required_if": None,
        "step": "main",
        "group": None,
        "min_rows": min_rows,
        "max_rows": max_rows,
        "fields": ["age"],
    }
    return {
        "key": "g",
        "kind": "generic",
        "title": {},
        "description": {},
        "steps": [{"key": "main", "title": {}, "description": {}, "fields": ["people"]}],
        "fields": {"people": group, "age": child},
        "order": ["people", "age"],
    }


@pytest.mark.parametrize(
    ("rows", "path", "code", "message"),
    [
        ([], "people", "min_rows", "Add at least 1 rows."),
        ([{"age": 30}, {"age": 40}, {"age": 50}], "people", "max_rows", "Add at most 2 rows."),
        ([{"age": 30}, {"age": 12}], "people.1.age", "min_value", "Enter a number of at least 14."),
        ([{"age": 30}, {}], "people.1.age", "required", "This field is required."),
        (
            [{"age": 30, "salary": 1}],
            "people.0.salary",
            "unknown_field",
            "This field is not part of the form.",
        ),
        ("not rows", "people", "invalid_type", "Expected a list of rows."),
    ],
)
def test_repeat_group_rows_in_both_languages(rows, path, code, message):
    ui = _group_ui(1, 2)
    english = validate(ui, {"people": rows}, {}, "en").error_list()
    assert english == [{"field": path, "code": code, "message": message}]
    arabic = validate(ui, {"people": rows}, {}, "ar").error_list()
    assert arabic[0]["code"] == code and ARABIC.search(arabic[0]["message"])


def test_repeat_group_rows_are_cleaned():
    result = validate(_group_ui(1, 2), {"people": [{"age": "٣٠"}, {"age": 45}]}, {}, "en")
    assert result.cleaned_data == {"people": [{"age": 30}, {"age": 45}]}
