"""Build the POST data of Wagtail's snippet screens for form definitions, as the admin's JavaScript would."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from core.i18n import language_codes

TEXT_CHILDREN = (
    "label",
    "help_text",
    "pattern_message",
    "unit",
    "corrective_action",
    "row_label",
    "title",
    "description",
)


def _translated(value: dict | None) -> dict:
    value = value or {}
    return {code: value.get(code, "") for code in language_codes()}


def _condition(condition: dict | None) -> dict:
    condition = condition or {"match": "all", "rules": []}
    rules = {
        str(i): {"deleted": "", "order": str(i), "value": rule} for i, rule in enumerate(condition["rules"])
    }
    rules["count"] = str(len(condition["rules"]))
    return {"match": condition.get("match", "all"), "rules": rules}


def _defaults(block) -> dict:
    """What the admin pre-fills for a new block: each simple child's default, as form data."""
    from wagtail import blocks

    values = {}
    for name, child in block.child_blocks.items():
        default = child.get_default()
        if isinstance(child, blocks.BooleanBlock):
            if default:
                values[name] = "on"
        elif isinstance(child, blocks.MultipleChoiceBlock):
            values[name] = tuple(default or [])  # a tuple stays one multi-valued field in nested_form_data
        elif (
            isinstance(child, blocks.ChoiceBlock | blocks.IntegerBlock | blocks.FloatBlock)
            and default is not None
        ):
            values[name] = str(default)
    return values


def _child_block(block_type: str, parent=None):
    from forms_builder.models import FormDefinition

    stream = parent or FormDefinition._meta.get_field("fields").stream_block
    return stream.child_blocks[block_type]


def _block_value(field: dict, references: dict, parent=None) -> dict:
    block = _child_block(field["type"], parent)
    value = _defaults(block)
    for name, item in field.items():
        if name == "type":
            continue
        if name in TEXT_CHILDREN:
            value[name] = _translated(item)
        elif name in ("visible_if", "required_if"):
            value[name] = _condition(item)
        elif name == "fields":
            children = block.child_blocks["fields"]
            value[name] = streamfield([(f["type"], _block_value(f, references, children)) for f in item])
        elif name in ("option_list", "legal_provision"):
            value[name] = str(references[item])
        elif isinstance(item, list):
            value[name] = tuple(item)
        elif isinstance(item, bool):
            if item:
                value[name] = "on"
            else:
                value.pop(name, None)
        else:
            value[name] = item
    for name in ("label", "help_text"):
        value.setdefault(name, _translated(None))
    if field["type"] not in ("section",):
        value.setdefault("visible_if", _condition(None))
    if field["type"] not in ("section", "repeat_group"):
        value.setdefault("required_if", _condition(None))
    return value


def form_definition_post_data(
    document: dict, references: dict | None = None, *, action: str = "publish"
) -> dict:
    references = references or {}
    data = {
        "key": document["key"],
        "kind": document.get("kind", "generic"),
        **{f"title_{code}": text for code, text in _translated(document.get("title")).items()},
        **{f"description_{code}": text for code, text in _translated(document.get("description")).items()},
        **nested_form_data(
            {"fields": streamfield([(f["type"], _block_value(f, references)) for f in document["fields"]])}
        ),
    }
    if document.get("public"):
        data["is_public"] = "on"
    if action == "publish":
        data["action-publish"] = "action-publish"
    return data


def option_list_post_data(document: dict) -> dict:
    options = []
    for option in document["options"]:
        item = {"code": option["code"], "parent_code": option.get("parent", "") or ""}
        item.update({f"label_{code}": text for code, text in _translated(option["label"]).items()})
        if option.get("retired"):
            item["retired"] = "on"
        options.append(item)
    return {
        "key": document["key"],
        **{f"name_{code}": text for code, text in _translated(document["name"]).items()},
        **{f"description_{code}": "" for code in language_codes()},
        **nested_form_data({"options": inline_formset(options)}),
    }
