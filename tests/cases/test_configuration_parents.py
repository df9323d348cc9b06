"""Parent case types are settled in the case type loader's second phase: files load in any order, and a
parent type that no file declares undoes the whole load, naming the file."""

import shutil
from pathlib import Path

import pytest
import yaml
from django.utils import translation

from cases.configuration import case_type_load_document
from cases.models import CaseType, Workflow
from core.configs import ConfigError, load_configs
from tests.cases.conftest import CONFIGS


def _configs_with(tmp_path: Path, **case_types: dict) -> Path:
    root = tmp_path / "configs"
    shutil.copytree(CONFIGS, root)
    for name, changes in case_types.items():
        document = yaml.safe_load((CONFIGS / "case_types" / "followup.yaml").read_text(encoding="utf-8"))
        document.update(changes)
        (root / "case_types" / f"{name}.yaml").write_text(yaml.safe_dump(document, allow_unicode=True))
    return root


def _parents(key: str) -> list[str]:
    return sorted(CaseType.objects.get(key=key).parent_types.values_list("key", flat=True))


@pytest.mark.django_db
def test_parent_types_are_set_when_declared_in_files_loaded_later(roles, reference_data, provision, tmp_path):
    # a_first.yaml loads before main.yaml (test_case) and zappeal.yaml (test_appeal), the parents it names
    root = _configs_with(
        tmp_path, a_first={"key": "a_first", "prefix": "AFS", "parent_types": ["test_appeal", "test_case"]}
    )
    load_configs(config_dir=root)
    assert _parents("a_first") == ["test_appeal", "test_case"]
    assert _parents("test_followup") == ["test_case"]
    load_configs(config_dir=root)  # idempotent
    assert _parents("a_first") == ["test_appeal", "test_case"]
    assert CaseType.objects.filter(key="a_first").count() == 1


@pytest.mark.django_db
def test_missing_parent_type_undoes_the_whole_load_when_no_file_declares_it(case_config, tmp_path):
    root = _configs_with(tmp_path, orphan={"key": "orphan", "prefix": "ORP", "parent_types": ["ghost_type"]})
    workflow = root / "workflows" / "simple.yaml"
    document = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    document["name"]["en"] = "Renamed"
    workflow.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with translation.override("en"), pytest.raises(ConfigError) as refused:
        load_configs(config_dir=root)
    assert f"{root / 'case_types' / 'orphan.yaml'}: unknown parent case types: ghost_type" in str(
        refused.value
    )
    assert not CaseType.objects.filter(key="orphan").exists()
    assert Workflow.objects.get(key="test_simple_flow").name["en"] == "Simple flow"
    assert _parents("test_followup") == ["test_case"]


@pytest.mark.django_db
def test_a_single_case_type_load_leaves_nothing_for_the_next_load_when_its_parent_is_missing(case_config):
    document = yaml.safe_load((CONFIGS / "case_types" / "followup.yaml").read_text(encoding="utf-8"))
    document.update(key="loose", prefix="LSE", parent_types=["ghost_type", "test_case"])
    loaded = case_type_load_document(document, Path("loose.yaml"))
    assert loaded.deferred == ("loose", ["ghost_type", "test_case"])
    assert _parents("loose") == ["test_case"]
    load_configs(config_dir=CONFIGS)  # the earlier call's unresolved parent is not carried over
    assert CaseType.objects.filter(key="loose").exists()
