"""Workflows and case types as data: consistency refusals, unknown actions, YAML round trip, the admin."""

import copy
import io
from pathlib import Path

import pytest
import yaml
from django.urls import reverse

from cases.configuration import workflow_load_document
from cases.models import CaseType, Workflow
from core.configs import ConfigError, load_configs
from tests.cases.conftest import CONFIGS

BASE = yaml.safe_load((CONFIGS / "workflows" / "simple.yaml").read_text(encoding="utf-8"))


def _load(mutate):
    document = copy.deepcopy(BASE)
    document["key"] = "probe"
    mutate(document)
    return workflow_load_document(document, Path("probe.yaml"))


def _level(level, **extra):
    return {"level": level, "after_hours": 0, "roles": ["supervisor"], "scope": "governorate", **extra}


def _state(key, **extra):
    return {"key": key, "label": {"ar": key, "en": key}, "public_label": {"ar": key, "en": key}, **extra}


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda d: d["states"][0].pop("initial"), "there is no initial state"),
        (
            lambda d: d["states"].append(_state("limbo")),
            "state limbo cannot be reached from the initial state",
        ),
        (
            lambda d: d["transitions"][0].update(to="nowhere"),
            "transition decide goes to a state that does not exist",
        ),
        (
            lambda d: d["transitions"].append(
                {
                    "key": "reopen",
                    "label": {"ar": "فتح", "en": "Reopen"},
                    "from": ["decided"],
                    "to": "open",
                    "roles": ["supervisor"],
                }
            ),
            "terminal state decided has an outgoing transition: reopen",
        ),
        (
            lambda d: d["transitions"][0].update(roles=["wizard"]),
            "transition decide names roles that do not exist",
        ),
        (
            lambda d: d["transitions"][0].update(actions=[{"name": "launch_rocket"}]),
            "unknown action: launch_rocket",
        ),
        (lambda d: d["states"].append(_state("open")), "state open is defined more than once"),
        (lambda d: d["states"][1]["public_label"].pop("ar"), "state decided: the public label is missing"),
        (
            lambda d: d["transitions"][0].update(
                actions=[{"name": "assign_by_rule", "params": {"role": "nobody"}}]
            ),
            "assign_by_rule: the role nobody does not exist",
        ),
        (
            lambda d: d.update(escalations=[{"levels": [_level(2)]}]),
            "escalation levels are out of order: level 2 where level 1 belongs",
        ),
        (
            lambda d: d.update(
                escalations=[{"levels": [_level(1, after_hours=48), _level(2, after_hours=24)]}]
            ),
            "escalation level 2 is out of order: 24 hours is less than 48",
        ),
        (
            lambda d: d.update(escalations=[{"levels": [_level(1, roles=["wizard"])]}]),
            "escalation level 1 names roles that do not exist: wizard",
        ),
        (
            lambda d: d.update(escalations=[{"states": ["limbo"], "levels": [_level(1)]}]),
            "escalation for a state that does not exist: limbo",
        ),
        (
            lambda d: d.update(escalations=[{"levels": [_level(1, scope="planet")]}]),
            "escalation level 1: unknown scope planet",
        ),
        (lambda d: d["states"][0].update(calendar="mars"), "state open: unknown calendar mars"),
    ],
)
@pytest.mark.django_db
def test_inconsistent_workflow_is_refused_with_the_reason(roles, mutate, reason, settings):
    from django.utils import translation

    with translation.override("en"), pytest.raises(ConfigError) as refused:
        _load(mutate)
    assert reason in str(refused.value)
    assert not Workflow.objects.filter(key="probe").exists()


@pytest.mark.django_db
def test_unknown_action_in_configuration_fails_the_whole_load(case_config, tmp_path):
    import shutil

    shutil.copytree(CONFIGS, tmp_path / "configs")
    path = tmp_path / "configs" / "workflows" / "simple.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["transitions"][0]["actions"] = [{"name": "send_fax"}]
    document["name"]["en"] = "Renamed"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError, match="send_fax"):
        load_configs(config_dir=tmp_path / "configs")
    assert Workflow.objects.get(key="test_simple_flow").name["en"] == "Simple flow"


@pytest.mark.django_db
def test_case_type_referring_to_unknown_things_is_refused(case_config):
    from cases.configuration import case_type_load_document

    document = yaml.safe_load((CONFIGS / "case_types" / "main.yaml").read_text(encoding="utf-8"))
    document.update(
        key="broken",
        prefix="BRK",
        workflow="no_flow",
        staff_roles=["ghost"],
        enforcement_ladder={"start": ["flogging"]},
    )
    with pytest.raises(ConfigError) as refused:
        case_type_load_document(document, Path("broken.yaml"))
    message = str(refused.value)
    assert "no_flow" in message and "ghost" in message and "flogging" in message


@pytest.mark.django_db
def test_export_and_load_again_changes_nothing(case_config, tmp_path):
    from django.core.management import call_command

    call_command("export_configs", path=str(tmp_path), only=["workflows", "case_types"], stdout=io.StringIO())
    exported = yaml.safe_load((tmp_path / "workflows" / "test_flow.yaml").read_text(encoding="utf-8"))
    original = yaml.safe_load((CONFIGS / "workflows" / "main.yaml").read_text(encoding="utf-8"))
    assert [t["key"] for t in exported["transitions"]] == [t["key"] for t in original["transitions"]]
    assert exported["transitions"][0]["actions"][0] == {
        "name": "assign_by_rule",
        "params": {"role": "labour_inspector", "same_governorate": True},
    }
    assert exported["on_open_actions"][0]["only_if"]["rules"][0]["field"] == "severity"
    case_type = yaml.safe_load((tmp_path / "case_types" / "test_appeal.yaml").read_text(encoding="utf-8"))
    assert case_type["parent_types"] == ["test_case"] and case_type["parent_window_days"] == 30
    load_configs(config_dir=tmp_path, only=["workflows", "case_types"])
    assert CaseType.objects.get(key="test_appeal").parent_types.get().key == "test_case"
    assert Workflow.objects.get(key="test_flow").transitions.count() == 5


@pytest.mark.django_db
def test_admin_refuses_to_save_an_inconsistent_workflow(client, make_user, case_config):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    client.force_login(make_user("ministry_admin", is_superuser=True, username="wf_admin"))

    def state(key, initial=False, terminal=False):
        data = {"key": key, "label_ar": key, "label_en": key, "public_label_ar": key, "public_label_en": key}
        if initial:
            data["is_initial"] = "on"
        if terminal:
            data["is_terminal"] = "on"
        return data

    data = {
        "key": "admin_flow",
        "name_ar": "سير",
        "name_en": "Flow",
        "description_ar": "",
        "description_en": "",
        **nested_form_data(
            {
                "on_open_actions": {"count": "0"},
                "states": inline_formset(
                    [state("start", initial=True), state("lost"), state("end", terminal=True)]
                ),
                "escalations": inline_formset([]),
                "transitions": inline_formset(
                    [
                        {
                            "key": "finish",
                            "label_ar": "إنهاء",
                            "label_en": "Finish",
                            "from_states": "start",
                            "to_state": "end",
                            "allowed_roles": "supervisor",
                            "actions-count": "0",
                            "public": "on",
                        }
                    ]
                ),
            }
        ),
    }
    url = reverse("wagtailsnippets_cases_workflow:add")
    response = client.post(url, data, headers={"accept-language": "en"})
    assert response.status_code == 200
    assert "state lost cannot be reached from the initial state" in response.content.decode()
    assert not Workflow.objects.filter(key="admin_flow").exists()
    data["states-1-DELETE"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(Workflow.objects.get(key="admin_flow").states.values_list("key", flat=True)) == [
        "start",
        "end",
    ]


@pytest.mark.django_db
def test_escalations_and_calendars_export_and_load_again_unchanged(shipped, tmp_path):
    from django.core.management import call_command

    from cases.models import WorkCalendar
    from core.configs import default_config_dir, read_yaml

    only = ["calendars", "workflows", "case_types"]
    call_command("export_configs", path=str(tmp_path), only=only, stdout=io.StringIO())
    for folder, name, key in [
        ("calendars", "iq_federal", "iq_federal"),
        ("workflows", "grievance", "grievance_flow"),
    ]:
        exported = read_yaml(tmp_path / folder / f"{key}.yaml")
        original = read_yaml(default_config_dir() / folder / f"{name}.yaml")
        for key in ("escalations", "working_days", "holidays"):
            assert exported.get(key) == original.get(key), (name, key)
    assert read_yaml(tmp_path / "case_types" / "grievance.yaml")["calendar"] == "iq_federal"
    load_configs(config_dir=tmp_path, only=only)
    assert WorkCalendar.objects.get(key="iq_federal").holidays.filter(estimated=True).exists()
    levels = Workflow.objects.get(key="grievance_flow").escalations.order_by("level")
    assert [(e.level, e.after_hours, e.scope) for e in levels] == [(1, 0, "governorate"), (2, 48, "national")]


@pytest.mark.django_db
def test_a_calendar_with_an_unknown_day_is_refused(shipped):
    from django.utils import translation

    from cases.configuration import calendar_load_document

    with translation.override("en"), pytest.raises(ConfigError, match="unknown working day: fri-ish"):
        calendar_load_document(
            {"key": "odd", "name": {"ar": "س", "en": "Odd"}, "working_days": ["sun", "fri-ish"]},
            Path("odd.yaml"),
        )
