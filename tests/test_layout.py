"""The layout of DESIGN.md section 2: platform/ is a folder on sys.path, never a package."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_platform_is_not_a_package():
    assert not (REPO / "platform" / "__init__.py").exists()


def test_standard_library_platform_module_is_not_shadowed():
    import platform
    import uuid

    assert hasattr(platform, "python_version")
    assert uuid.uuid4()


def test_manage_py_puts_root_and_platform_on_path():
    code = "import manage, sys; manage.main()"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "shell",
            "-c",
            "import ecms, content, platform; print(platform.system())",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_top_level_layout_exists():
    for name in [
        "manage.py",
        "Makefile",
        "requirements.txt",
        "requirements-dev.txt",
        "pyproject.toml",
        "README.md",
        ".ci/run",
        "platform/ecms",
        "platform/accounts",
        "platform/registry",
        "content",
        "configs",
        "fixtures",
        "theme",
        "tests",
        "docs",
    ]:
        assert (REPO / name).exists(), name
