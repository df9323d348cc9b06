"""Property-based tests of the validator: generated definitions and submissions (hypothesis)."""

import string
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms_builder.validation import validate

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXT_ALPHABET = string.ascii_letters + string.digits + "ءابتثجحخدذرزسشصضطظعغفقكلمنهوي "
LABEL = {"ar": "تسمية", "en": "Label"}
OPTIONS = [
    {"code": c, "label": {"ar": c, "en": c}, "parent": None, "retired": False} for c in ("a", "b", "c", "d")
]


def _base(key: str, type_: str, required: bool, **params) -> dict:
    return {
        "key": key,
        "type": type_,
        "label": LABEL,
        "help": {},
        "required": required,
        "confidential": False,
        "visible_if": None,
        "required_if": None,
        "step": "main",
        "group": None,
        **params,
    }


@st.composite
def field_specs(draw, key: str):
    kind = draw(
        st.sampled_from(
            [
                "text",
                "long_text",
                "number",
                "date",
                "email",
                "phone",
                "yes_no",
                "single_choice",
                "multiple_choice",
                "checklist_item",
                "location",
            ]
        )
    )
    required = draw(st.booleans())
    if kind in ("text", "long_text"):
        low = draw(st.integers(0, 5))
        return _base(
            key,
            kind,
            required,
            min_length=low or None,
            max_length=draw(st.integers(max(low, 1), 40)),
            pattern=None,
            pattern_message={},
        )
    if kind == "number":
        low = draw(st.integers(-1000, 1000))
        return _base(
            key,
            kind,
            required,
            min_value=low,
            max_value=low + draw(st.integers(0, 5000)),
            integer_only=True,
            unit={},
        )
    if kind == "date":
        return _base(key, kind, required, not_in_future=draw(st.booleans()), not_in_past=False)
    if kind in ("single_choice", "multiple_choice"):
        params = {"options": OPTIONS, "hierarchical": False, "allow_parent": False, "option_list": "l"}
        if kind == "multiple_choice":
            params.update(min_choices=None, max_choices=draw(st.integers(1, 4)))
        return _base(key, kind, required, **params)
    if kind == "checklist_item":
        return _base(
            key,
            kind,
            required,
            provision={"key": "p"},
            severity="high",
            corrective_action={},
            corrective_days=30,
            evidence="optional",
            allow_not_applicable=draw(st.booleans()),
        )
    return _base(key, kind, required)


def valid_value(spec):
    kind = spec["type"]
    if kind in ("text", "long_text"):
        low, high = spec["min_length"] or 0, spec["max_length"]
        return (
            st.text(TEXT_ALPHABET, min_size=max(low, 1), max_size=high)
            .map(str.strip)
            .filter(lambda s: len(s) >= max(low, 1))
        )
    if kind == "number":
        return st.integers(spec["min_value"], spec["max_value"])
    if kind == "date":
        return st.dates(date(1990, 1, 1), date(2020, 12, 31)).map(date.isoformat)
    if kind == "email":
        return st.from_regex(r"[a-z]{1,10}@[a-z]{1,10}\.(iq|com|org)", fullmatch=True)
    if kind == "phone":
        return st.from_regex(r"07[0-9]{9}", fullmatch=True)
    if kind == "yes_no":
        return st.booleans()
    if kind == "single_choice":
        return st.sampled_from(["a", "b", "c", "d"])
    if kind == "multiple_choice":
        return st.lists(
            st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=spec["max_choices"], unique=True
        )
    if kind == "checklist_item":
        answers = ["compliant", "non_compliant"] + (
            ["not_applicable"] if spec["allow_not_applicable"] else []
        )
        return st.fixed_dictionaries({"answer": st.sampled_from(answers)})
    return st.fixed_dictionaries(
        {
            "lat": st.floats(-90, 90).map(lambda f: round(f, 5)),
            "lng": st.floats(-180, 180).map(lambda f: round(f, 5)),
        }
    )


INVALID = {
    "text": lambda spec: "x" * (spec["max_length"] + 1),
    "long_text": lambda spec: "x" * (spec["max_length"] + 1),
    "number": lambda spec: spec["max_value"] + 1,
    "date": lambda spec: "31/12/2020",
    "email": lambda spec: "not an email",
    "phone": lambda spec: "call me",
    "yes_no": lambda spec: "perhaps",
    "single_choice": lambda spec: "not-a-code",
    "multiple_choice": lambda spec: ["not-a-code"],
    "checklist_item": lambda spec: {"answer": "maybe"},
    "location": lambda spec: {"lat": 200, "lng": 0},
}


@st.composite
def forms_and_submissions(draw):
    count = draw(st.integers(1, 6))
    specs = [draw(field_specs(f"f{i}")) for i in range(count)]
    group_children = [draw(field_specs(f"g_c{i}")) for i in range(draw(st.integers(1, 2)))]
    min_rows = draw(st.integers(0, 2))
    group = _base(
        "g",
        "repeat_group",
        min_rows > 0,
        min_rows=min_rows,
        max_rows=min_rows + draw(st.integers(0, 2)),
        row_label={},
        fields=[c["key"] for c in group_children],
    )
    for child in group_children:
        child["group"] = "g"
    use_group = draw(st.booleans())
    top = specs + ([group] if use_group else [])
    fields = {s["key"]: s for s in top + (group_children if use_group else [])}
    ui = {
        "key": "generated",
        "kind": "generic",
        "title": LABEL,
        "description": {},
        "steps": [{"key": "main", "title": LABEL, "description": {}, "fields": [s["key"] for s in top]}],
        "fields": fields,
        "order": list(fields),
    }
    data = {}
    for spec in specs:
        if spec["required"] or draw(st.booleans()):
            data[spec["key"]] = draw(valid_value(spec))
    if use_group:
        rows = []
        for _ in range(draw(st.integers(group["min_rows"], group["max_rows"]))):
            rows.append(
                {
                    c["key"]: draw(valid_value(c))
                    for c in group_children
                    if c["required"] or draw(st.booleans())
                }
            )
        data["g"] = rows
    return ui, data


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@SETTINGS
@given(
    forms_and_submissions(),
    st.dictionaries(st.sampled_from(["f0", "f1", "f2", "g", "zz", "__all__"]), JSON_VALUES, max_size=5),
    st.sampled_from(["ar", "en"]),
)
def test_validator_never_raises(generated, junk, language):
    ui, _valid = generated
    result = validate(ui, junk, {}, language)
    assert isinstance(result.error_list(), list)
    for item in result.error_list():
        assert item["message"] and item["code"]


@SETTINGS
@given(forms_and_submissions(), st.sampled_from(["ar", "en"]))
def test_every_valid_submission_is_accepted(generated, language):
    ui, data = generated
    result = validate(ui, data, {}, language)
    assert result.is_valid, result.error_list()
    assert set(result.cleaned_data) <= set(data)


@SETTINGS
@given(forms_and_submissions(), st.data())
def test_each_broken_rule_is_reported_on_its_field(generated, data_strategy):
    ui, data = generated
    candidates = [(key, None) for key in data if key != "g"]
    if data.get("g"):
        candidates += [(f"g.{i}.{child}", (i, child)) for i, row in enumerate(data["g"]) for child in row]
    required = [
        key
        for key, spec in ui["fields"].items()
        if spec["required"] and spec["group"] is None and spec["type"] != "repeat_group"
    ]
    mutation = data_strategy.draw(st.sampled_from(["invalid", "missing", "unknown"]))
    broken = {**data, "g": [dict(row) for row in data["g"]]} if "g" in data else dict(data)
    if mutation == "invalid" and candidates:
        path, row_child = data_strategy.draw(st.sampled_from(candidates))
        if row_child:
            index, child = row_child
            broken["g"][index][child] = INVALID[ui["fields"][child]["type"]](ui["fields"][child])
        else:
            broken[path] = INVALID[ui["fields"][path]["type"]](ui["fields"][path])
        expected = path
    elif mutation == "missing" and required:
        expected = data_strategy.draw(st.sampled_from(required))
        broken.pop(expected)
    else:
        expected = "unexpected_field"
        broken[expected] = "x"
    result = validate(ui, broken, {}, "en")
    assert set(result.errors) == {expected}, (mutation, result.error_list())
    if mutation == "missing" and required:
        assert result.errors[expected][0].code == "required"
