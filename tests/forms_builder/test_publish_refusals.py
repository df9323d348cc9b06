"""Publishing is refused, with the reason, when a definition is inconsistent."""

import re
from pathlib import Path

import pytest
from django.utils import translation

from core.configs import ConfigError
from forms_builder import services
from forms_builder.compiler import compile_definition
from forms_builder.models import FormDefinition, FormVersion


def _definition(document) -> FormDefinition:
    definition = FormDefinition(
        key=document["key"],
        kind=document.get("kind", "generic"),
        title=document["title"],
        description=document.get("description") or {},
    )
    definition.fields = services._stream_from_yaml(document["fields"], Path("t.yaml"))
    return definition


def _text(key, **extra):
    return {"type": "text", "key": key, "label": {"ar": f"حقل {key}", "en": f"Field {key}"}, **extra}


def _form(*fields):
    return {"key": "refusals", "title": {"ar": "نموذج", "en": "Form"}, "fields": list(fields)}


def _problems(document, language="en") -> list[str]:
    """The problems as "key: message" (the editor reads "Field 'Label' (key): message", tested below)."""
    with translation.override(language):
        problems = compile_definition(_definition(document)).problems
    return [re.sub(r"^(?:Field|الحقل) '[^']*' \(([a-z0-9_]+)\): ", r"\1: ", p) for p in problems]


@pytest.mark.django_db
def test_a_problem_names_the_field_by_its_label_in_the_editors_language():
    document = _form(_text("a"), _text("a"))
    with translation.override("en"):
        assert compile_definition(_definition(document)).problems == [
            "Field 'Field a' (a): the key is used more than once"
        ]


@pytest.mark.django_db
def test_consistent_definition_has_no_problems(option_list, provision):
    assert _problems(_form(_text("a"), _text("b"))) == []


@pytest.mark.django_db
def test_duplicate_keys_are_refused():
    problems = _problems(_form(_text("a"), _text("a")))
    assert problems == ["a: the key is used more than once"]


@pytest.mark.django_db
def test_duplicate_key_inside_a_repeat_group_is_refused():
    group = {
        "type": "repeat_group",
        "key": "people",
        "label": {"ar": "أشخاص", "en": "People"},
        "min_rows": 0,
        "max_rows": 2,
        "fields": [_text("a")],
    }
    assert "a: the key is used more than once" in _problems(_form(_text("a"), group))


@pytest.mark.django_db
def test_condition_on_a_missing_field_is_refused():
    field = _text("b", visible_if={"match": "all", "rules": [{"field": "ghost", "operator": "is_empty"}]})
    assert _problems(_form(_text("a"), field)) == [
        "b: the condition refers to a field that does not exist: ghost"
    ]


@pytest.mark.django_db
def test_condition_on_a_later_field_is_refused():
    field = _text("a", visible_if={"match": "all", "rules": [{"field": "b", "operator": "is_empty"}]})
    assert _problems(_form(field, _text("b"))) == [
        "a: the condition refers to a field that is not before it: b"
    ]


@pytest.mark.django_db
def test_required_if_on_a_later_field_is_refused():
    later = _text("b")
    first = _text(
        "a", required_if={"match": "all", "rules": [{"field": "b", "operator": "equals", "value": "x"}]}
    )
    assert _problems(_form(first, later)) == ["a: the condition refers to a field that is not before it: b"]


@pytest.mark.django_db
def test_missing_translation_is_refused():
    field = {"type": "text", "key": "a", "label": {"ar": "", "en": "Only English"}}
    problems = _problems(_form(field))
    assert problems == ["a: the label is missing in: العربيّة"]


@pytest.mark.django_db
def test_missing_translation_of_the_title_is_refused():
    document = _form(_text("a"))
    document["title"] = {"ar": "نموذج", "en": ""}
    assert _problems(document) == ["the form title is missing in: English"]


@pytest.mark.django_db
def test_choice_field_without_options_is_refused():
    field = {"type": "single_choice", "key": "c", "label": {"ar": "اختيار", "en": "Choice"}}
    assert _problems(_form(field)) == ["c: a choice field needs an option list with at least one option"]


@pytest.mark.django_db
def test_checklist_item_without_a_legal_provision_is_refused():
    field = {"type": "checklist_item", "key": "contracts", "label": {"ar": "عقود", "en": "Contracts"}}
    assert _problems(_form(field)) == ["contracts: a checklist item needs a legal provision"]


@pytest.mark.django_db
def test_checklist_item_with_a_provision_is_accepted(provision):
    field = {
        "type": "checklist_item",
        "key": "contracts",
        "label": {"ar": "عقود", "en": "Contracts"},
        "legal_provision": provision.key,
    }
    assert _problems(_form(field)) == []


@pytest.mark.django_db
def test_problems_are_given_in_the_readers_language(settings):
    problems = _problems(_form(_text("a"), _text("a")), language="ar")
    assert problems == ["a: المفتاح مستخدم أكثر من مرة"]


@pytest.mark.django_db
def test_loading_an_inconsistent_form_publishes_nothing(option_list):
    with translation.override("en"), pytest.raises(ConfigError, match="the key is used more than once"):
        services.form_load_document(_form(_text("a"), _text("a")), Path("bad.yaml"))
    assert not FormVersion.objects.exists()
    assert not FormDefinition.objects.filter(live=True).exists()
