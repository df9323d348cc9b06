"""Configuration as data: apps register a loader per YAML file in configs/; `load_configs` runs them.

Loaders run in ``order`` (roles before forms before workflows) inside one transaction, so a bad file
leaves the database as it was. Each loader is idempotent: loading the same files twice changes nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction


class ConfigError(Exception):
    """A configuration file that cannot be loaded; the message says which file and why."""


@dataclass(frozen=True)
class Loaded:
    """What a loader returns when a file leaves work for its second phase: the counts, and ``deferred`` (what
    the file declared that can only be settled once every file of every loader is loaded)."""

    counts: dict[str, int]
    deferred: Any = None


@dataclass(frozen=True)
class Deferred:
    """One file's deferred work, handed to its loader's ``resolve``: the file and what its load deferred."""

    path: Path
    value: Any


@dataclass(frozen=True)
class Loader:
    name: str
    pattern: str
    load: Callable[[Any, Path], dict[str, int] | Loaded]
    order: int
    export: Callable[[Path], list[Path]] | None = None
    resolve: Callable[[list[Deferred]], list[str]] | None = None


_LOADERS: dict[str, Loader] = {}
_CHECKS: list[Callable[[], list[str]]] = []


def register_check(check: Callable[[], list[str]]) -> None:
    """Register a check run after every load (cross-file references); its problems undo the whole load."""
    _CHECKS.append(check)


def register_loader(
    name: str,
    pattern: str,
    load: Callable[[Any, Path], dict[str, int] | Loaded],
    *,
    order: int = 100,
    export: Callable[[Path], list[Path]] | None = None,
    resolve: Callable[[list[Deferred]], list[str]] | None = None,
) -> None:
    """Register ``load(document, path) -> counts`` for the files matching ``pattern`` under configs/.

    Second phase: ``load`` may return ``Loaded(counts, deferred=...)``; once every file of every loader is
    loaded, ``resolve`` receives the ``Deferred`` of each such file (in load order), in the same transaction,
    and returns its problems, which undo the whole load (name the file in them)."""
    _LOADERS[name] = Loader(
        name=name, pattern=pattern, load=load, order=order, export=export, resolve=resolve
    )


def loaders() -> list[Loader]:
    return sorted(_LOADERS.values(), key=lambda loader: (loader.order, loader.name))


def default_config_dir() -> Path:
    return Path(settings.BASE_DIR) / "configs"


# libyaml's safe loader when PyYAML was built with it (the wheels are): the same documents, ten times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """The YAML document in ``path`` (plain data only); a ConfigError naming the file if it is not YAML."""
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc


def write_yaml(path: Path, document: dict) -> Path:
    """Write ``document`` to ``path`` as the files under configs/ are written (UTF-8, keys in their order,
    lines up to 110 characters), creating the folder if needed. Returns ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        yaml.safe_dump(document, handle, allow_unicode=True, sort_keys=False, width=110)
    return path


def load_configs(
    *, config_dir: Path | None = None, only: list[str] | None = None
) -> dict[str, dict[str, int]]:
    """Load every registered kind of configuration from ``config_dir``; all or nothing.

    First phase: each loader's files, in ``order``. Second phase: each loader's ``resolve``, with what its
    files deferred. Then the checks. Any problem undoes everything."""
    config_dir = config_dir or default_config_dir()
    results: dict[str, dict[str, int]] = {}
    with transaction.atomic():
        ran = [loader for loader in loaders() if not only or loader.name in only]
        deferred = {loader.name: _load_files(loader, config_dir, results) for loader in ran}
        problems = [
            problem for loader in ran if loader.resolve for problem in loader.resolve(deferred[loader.name])
        ]
        problems += [problem for check in _CHECKS for problem in check()]
        if problems:
            raise ConfigError("; ".join(problems))
    return results


def _load_files(loader: Loader, config_dir: Path, results: dict[str, dict[str, int]]) -> list[Deferred]:
    """First phase for one loader: load its files, record their counts, return what they deferred."""
    deferred: list[Deferred] = []
    for path in sorted(config_dir.glob(loader.pattern)):
        document = read_yaml(path)
        try:
            loaded = loader.load(document, path)
        except ConfigError:
            raise
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"{path}: {exc}") from exc
        if isinstance(loaded, Loaded):
            if loaded.deferred is not None:
                deferred.append(Deferred(path=path, value=loaded.deferred))
            loaded = loaded.counts
        results[str(path.relative_to(config_dir))] = loaded
    return deferred
