"""The engine stays generic: no module of platform/cases names a scheme (configuration does that)."""

import re
from pathlib import Path

CASES = Path(__file__).resolve().parents[2] / "platform" / "cases"
FORBIDDEN = re.compile(
    r"grievance|complaint|incident|injur|inspect|\bosh\b|labour|\bGRV\b|\bINC\b|\bLIN\b|\bOSH\b|appeal",
    re.IGNORECASE,
)


def test_no_case_engine_module_names_a_scheme():
    offenders = []
    for path in sorted(CASES.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if FORBIDDEN.search(line):
                offenders.append(f"{path.relative_to(CASES)}:{number}: {line.strip()}")
    assert offenders == []
