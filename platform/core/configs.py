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
class Loader:
    name: str
    pattern: str
    load: Callable[[Any, Path], dict[str, int]]
    order: int
    export: Callable[[Path], list[Path]] | None = None


_LOADERS: dict[str, Loader] = {}
_CHECKS: list[Callable[[], list[str]]] = []


def register_check(check: Callable[[], list[str]]) -> None:
    """Register a check run after every load (cross-file references); its problems undo the whole load."""
    _CHECKS.append(check)


def register_loader(
    name: str,
    pattern: str,
    load: Callable[[Any, Path], dict[str, int]],
    *,
    order: int = 100,
    export: Callable[[Path], list[Path]] | None = None,
) -> None:
    """Register ``load(document, path) -> counts`` for the files matching ``pattern`` under configs/."""
    _LOADERS[name] = Loader(name=name, pattern=pattern, load=load, order=order, export=export)


def loaders() -> list[Loader]:
    return sorted(_LOADERS.values(), key=lambda loader: (loader.order, loader.name))


def default_config_dir() -> Path:
    return Path(settings.BASE_DIR) / "configs"


def read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
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
    """Load every registered kind of configuration from ``config_dir``; all or nothing."""
    config_dir = config_dir or default_config_dir()
    results: dict[str, dict[str, int]] = {}
    with transaction.atomic():
        for loader in loaders():
            if only and loader.name not in only:
                continue
            for path in sorted(config_dir.glob(loader.pattern)):
                document = read_yaml(path)
                try:
                    counts = loader.load(document, path)
                except ConfigError:
                    raise
                except (KeyError, TypeError, ValueError) as exc:
                    raise ConfigError(f"{path}: {exc}") from exc
                results[str(path.relative_to(config_dir))] = counts
        problems = [problem for check in _CHECKS for problem in check()]
        if problems:
            raise ConfigError("; ".join(problems))
    return results
