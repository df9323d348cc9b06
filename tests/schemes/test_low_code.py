"""The low-code claim: a fifth case type written only in YAML runs on the same engine; every configured
label exists in Arabic and English."""

from pathlib import Path

import pytest

from accounts.models import Role
from cases.models import Case, CaseType, Workflow
from cases.services import case_open, transition
from core.configs import load_configs
from core.i18n import missing_translations
from forms_builder.models import FormVersion, OptionList
from registry.models import LegalInstrument, LegalProvision

FIFTH = Path(__file__).parent / "fifth"


@pytest.mark.django_db
def test_a_fifth_case_type_in_yaml_only_runs_on_the_engine(people, factory):
    load_configs(config_dir=FIFTH)
    case = case_open(
        case_type=CaseType.objects.get(key="child_labour_referral"),
        language="ar",
        actor=people["labour_bg"],
        channel=Case.Channel.STAFF,
        data={
            "workplace": {"id": factory.pk},
            "governorate": "IQ-BG",
            "child_age": 13,
            "hazardous": True,
            "situation": "A 13-year-old works at the dye vats.",
        },
    ).case
    assert case.reference.startswith("CLR-") and case.priority == "urgent"
    transition(case, "remove_child", people["labour_bg"], comment="Removed; referred to social services.")
    case.refresh_from_db()
    assert case.state == "child_removed" and case.outcome == "removed_and_referred"


def _walk(label, where, missing):
    gaps = missing_translations(label)
    if gaps:
        missing.append(f"{where}: {', '.join(gaps)}")


@pytest.mark.django_db
def test_every_configured_label_has_arabic_and_english(shipped):
    missing: list[str] = []
    for version in FormVersion.objects.all():
        ui = version.ui
        _walk(ui["title"], f"form {version.key}", missing)
        for step in ui["steps"]:
            _walk(step["title"], f"form {version.key} step {step['key']}", missing)
        for key, spec in ui["fields"].items():
            _walk(spec["label"], f"form {version.key} field {key}", missing)
            if any((spec.get("help") or {}).values()):
                _walk(spec["help"], f"form {version.key} help {key}", missing)
            for option in spec.get("options", []):
                _walk(option["label"], f"form {version.key} option {key}.{option['code']}", missing)
    for option_list in OptionList.objects.prefetch_related("options"):
        _walk(option_list.name, f"option list {option_list.key}", missing)
        for option in option_list.options.all():
            _walk(option.label, f"option {option_list.key}.{option.code}", missing)
    for workflow in Workflow.objects.prefetch_related("states", "transitions"):
        _walk(workflow.name, f"workflow {workflow.key}", missing)
        for state in workflow.states.all():
            _walk(state.label, f"state {workflow.key}.{state.key}", missing)
            _walk(state.public_label, f"public state {workflow.key}.{state.key}", missing)
        for transition_ in workflow.transitions.all():
            _walk(transition_.label, f"transition {workflow.key}.{transition_.key}", missing)
    for case_type in CaseType.objects.all():
        _walk(case_type.name, f"case type {case_type.key}", missing)
    for role in Role.objects.all():
        _walk(role.name, f"role {role.key}", missing)
    for instrument in LegalInstrument.objects.all():
        _walk(instrument.title, f"instrument {instrument.key}", missing)
    for provision in LegalProvision.objects.all():
        _walk(provision.title, f"provision {provision.key}", missing)
    assert missing == []
    assert (
        FormVersion.objects.count() >= 16 and Workflow.objects.count() == 6 and CaseType.objects.count() == 6
    )


@pytest.mark.django_db
def test_legal_library_invents_no_legal_text(shipped):
    assert LegalProvision.objects.count() > 50
    assert not LegalProvision.objects.exclude(text={}).exists()
    assert not LegalProvision.objects.exclude(validation_status="awaiting_validation").exists()


@pytest.mark.django_db
def test_every_checklist_item_cites_a_provision_of_the_library(shipped):
    keys = set(LegalProvision.objects.values_list("key", flat=True))
    for form_key in ("labour_inspection_checklist", "osh_inspection_checklist"):
        version = FormVersion.objects.filter(key=form_key).latest("number")
        items = [s for s in version.ui["fields"].values() if s["type"] == "checklist_item"]
        assert len(items) >= 30
        assert all(item["provision"]["key"] in keys for item in items)
        sections = {step["key"] for step in version.ui["steps"]}
        assert len(sections) >= 10
