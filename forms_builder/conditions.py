"""Conditions (`visible_if`, `required_if`) as structured data: {"match": "all"|"any", "rules": [...]}.

Each rule is {"field": key, "operator": name, "value": text}. Evaluated by plain comparisons, never eval.
"""

from typing import Any

VALUELESS = {"is_empty", "is_not_empty"}
TRUE_WORDS = {"yes", "true", "1", "on"}
FALSE_WORDS = {"no", "false", "0", "off"}


def rules_of(condition: dict | None) -> list[dict]:
    if not condition:
        return []
    return [rule for rule in condition.get("rules") or [] if rule.get("field")]


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _listed(expected: str) -> list[str]:
    return [item.strip() for item in expected.split(",") if item.strip()]


def _equals(actual: Any, expected: str) -> bool:
    if isinstance(actual, bool):
        return actual is (expected.lower() in TRUE_WORDS)
    if not isinstance(actual, str) and _number(actual) is not None and _number(expected) is not None:
        return _number(actual) == _number(expected)
    return _as_text(actual) == expected


def _ordered(compare):
    def check(actual: Any, expected: str) -> bool:
        left, right = _number(actual), _number(expected)
        if left is None or right is None:
            left, right = _as_text(actual), expected  # ISO dates compare correctly as text
        return compare(left, right)

    return check


def _contains(actual: Any, expected: str) -> bool:
    values = actual if isinstance(actual, list) else [actual]
    return any(_as_text(v) in _listed(expected) for v in values)


# Operators on a non-empty answer. An empty answer satisfies only the negative operators.
OPERATORS = {
    "equals": _equals,
    "not_equals": lambda actual, expected: not _equals(actual, expected),
    "in": lambda actual, expected: _as_text(actual) in _listed(expected),
    "not_in": lambda actual, expected: _as_text(actual) not in _listed(expected),
    "contains": _contains,
    "gt": _ordered(lambda a, b: a > b),
    "gte": _ordered(lambda a, b: a >= b),
    "lt": _ordered(lambda a, b: a < b),
    "lte": _ordered(lambda a, b: a <= b),
}


def rule_holds(rule: dict, actual: Any) -> bool:
    operator = rule.get("operator") or "equals"
    if operator == "is_empty":
        return _is_empty(actual)
    if operator == "is_not_empty":
        return not _is_empty(actual)
    if _is_empty(actual):
        return operator in {"not_equals", "not_in"}
    check = OPERATORS.get(operator)
    expected = "" if rule.get("value") is None else str(rule["value"]).strip()
    return bool(check and check(actual, expected))


def evaluate(condition: dict | None, values: dict[str, Any]) -> bool:
    """True when the condition holds for ``values`` (cleaned values keyed by field key; hidden = absent).

    A condition without rules always holds.
    """
    rules = rules_of(condition)
    if not rules:
        return True
    results = (rule_holds(rule, values.get(rule["field"])) for rule in rules)
    return any(results) if (condition or {}).get("match") == "any" else all(results)
