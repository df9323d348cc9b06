"""The kernel's loader phases: a loader's ``resolve`` runs once every file of every loader is loaded, with
what its files deferred, inside the same all-or-nothing transaction."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from core import configs
from core.configs import ConfigError, Deferred, Loaded, load_configs, register_loader


@pytest.fixture
def registry(monkeypatch):
    """An empty loader registry for the test, so the apps' loaders neither run nor are disturbed."""
    monkeypatch.setattr(configs, "_LOADERS", {})
    monkeypatch.setattr(configs, "_CHECKS", [])


def _write(root: Path, name: str, text: str) -> None:
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(text, encoding="utf-8")


def _probes() -> list[str]:
    """The groups the probe loaders wrote (Wagtail's migrations add groups of their own)."""
    names = Group.objects.filter(name__startswith="probe_").order_by("name").values_list("name", flat=True)
    return [name.removeprefix("probe_") for name in names]


def _group_loader(calls: list):
    def load(document, path):
        calls.append(("load", path.name))
        Group.objects.create(name=f"probe_{document['name']}")
        if document.get("wants"):
            return Loaded({"groups": 1}, deferred=document["wants"])
        return {"groups": 1}

    return load


@pytest.mark.django_db
def test_resolve_runs_after_every_file_of_every_loader_when_a_file_names_a_later_one(registry, tmp_path):
    calls, seen = [], []

    def resolve(deferred: list[Deferred]) -> list[str]:
        calls.append(("resolve", None))
        seen.extend(deferred)
        return [f"{d.path.name}: {d.value}" for d in deferred if d.value not in _probes()]

    register_loader("first", "first/*.yaml", _group_loader(calls), order=1, resolve=resolve)
    register_loader("second", "second/*.yaml", _group_loader(calls), order=2)
    _write(tmp_path, "first/a.yaml", "name: a\nwants: z\n")
    _write(tmp_path, "first/b.yaml", "name: b\n")
    _write(tmp_path, "second/z.yaml", "name: z\n")

    results = load_configs(config_dir=tmp_path)

    assert calls == [("load", "a.yaml"), ("load", "b.yaml"), ("load", "z.yaml"), ("resolve", None)]
    assert seen == [Deferred(path=tmp_path / "first" / "a.yaml", value="z")]
    assert results == {f"{d}.yaml": {"groups": 1} for d in ("first/a", "first/b", "second/z")}


@pytest.mark.django_db
def test_resolve_problems_undo_the_whole_load_when_what_was_deferred_is_missing(registry, tmp_path):
    def resolve(deferred: list[Deferred]) -> list[str]:
        return [f"{d.path}: no {d.value}" for d in deferred if d.value not in _probes()]

    register_loader("first", "first/*.yaml", _group_loader([]), order=1, resolve=resolve)
    _write(tmp_path, "first/a.yaml", "name: a\nwants: ghost\n")
    _write(tmp_path, "first/b.yaml", "name: b\n")

    with pytest.raises(ConfigError, match=r"first/a\.yaml: no ghost"):
        load_configs(config_dir=tmp_path)
    assert _probes() == []


@pytest.mark.django_db
def test_resolve_does_not_run_when_its_loader_is_left_out(registry, tmp_path):
    resolved = []
    register_loader("first", "first/*.yaml", _group_loader([]), order=1, resolve=resolved.append)
    register_loader("second", "second/*.yaml", _group_loader([]), order=2)
    _write(tmp_path, "first/a.yaml", "name: a\nwants: z\n")
    _write(tmp_path, "second/z.yaml", "name: z\n")

    load_configs(config_dir=tmp_path, only=["second"])

    assert resolved == []
    assert _probes() == ["z"]
