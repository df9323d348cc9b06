"""DESIGN §3, enforced: the contracts in pyproject.toml ([tool.importlinter]) hold on the code, and the
check really fails when an upward or circular import is planted (a test of the test)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = {
    "platform": ["ecms", "core", "registry", "accounts", "cases", "api"],
    ".": ["content", "forms_builder"],
}


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """Run import-linter on the tree at ``root`` with its pyproject.toml (no cache: a fresh graph)."""
    return subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache", "--config", "pyproject.toml"],
        cwd=root,
        env={"PYTHONPATH": f"{root / 'platform'}:{root}", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_code_keeps_the_layers_and_has_no_import_cycles():
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


@pytest.fixture(scope="module")
def source_copy(tmp_path_factory) -> Path:
    """A copy of the Python sources and the contracts, to plant imports in."""
    root = tmp_path_factory.mktemp("layers")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    ignore = shutil.ignore_patterns("*.pyc", "__pycache__", "static", "templates", "locale", "*.html", "*.js")
    for folder, names in PACKAGES.items():
        for name in names:
            shutil.copytree(REPO / folder / name, root / folder / name, ignore=ignore)
    return root


def _plant(path: Path, line: str):
    original = path.read_text(encoding="utf-8")
    path.write_text(original + "\n" + line + "\n", encoding="utf-8")
    return lambda: path.write_text(original, encoding="utf-8")


@pytest.mark.parametrize(
    ("module", "line", "expected"),
    [
        # The kernel importing an app, the registry importing accounts, the engine importing the API.
        ("platform/core/text.py", "import cases.models  # noqa", "core is not allowed to import cases"),
        ("platform/registry/models.py", "import accounts.models  # noqa", "registry is not allowed"),
        ("platform/cases/selectors/search.py", "import api.serializers  # noqa", "cases is not allowed"),
        # Inside the engine: a primitive calling back into the services that run the actions.
        ("platform/cases/primitives/states.py", "import cases.services  # noqa", "cases.primitives is not"),
        # The top floor's siblings are independent.
        ("content/models.py", "import api.views.public  # noqa", "content is not allowed to import api"),
    ],
)
def test_the_check_fails_on_a_planted_upward_import(source_copy, module, line, expected):
    restore = _plant(source_copy / module, line)
    try:
        result = lint_imports(source_copy)
    finally:
        restore()
    assert result.returncode != 0
    assert expected in result.stdout, result.stdout[-3000:]


def test_the_check_fails_on_a_planted_import_cycle(source_copy):
    restore = _plant(source_copy / "platform/core/text.py", "import core.jobs  # noqa")
    restore_too = _plant(source_copy / "platform/core/jobs.py", "import core.text  # noqa")
    try:
        result = lint_imports(source_copy)
    finally:
        restore()
        restore_too()
    assert result.returncode != 0
    assert "No cycles are allowed in core" in result.stdout, result.stdout[-3000:]
