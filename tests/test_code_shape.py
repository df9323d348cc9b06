"""House limits a newcomer can rely on: no module over 400 lines, no function over 50 lines, in the
platform and the form builder (complexity over 10 is ruff's C901, in `make lint`)."""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ROOTS = [REPO / "platform", REPO / "forms_builder", REPO / "content"]
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50


def sources():
    for root in ROOTS:
        for path in sorted(root.rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_no_module_is_longer_than_the_house_limit():
    long = [
        f"{path.relative_to(REPO)}: {count} lines"
        for path in sources()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    ]
    assert long == []


def test_no_function_is_longer_than_the_house_limit():
    long = []
    for path in sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(REPO)}:{node.lineno} {node.name}: {length} lines")
    assert long == []
