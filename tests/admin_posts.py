"""Post a Wagtail edit screen back as a browser would, without a browser.

The screen's plain inputs (inline formsets included) are read from its HTML; a StreamField is built by the
admin's JavaScript, so its POST data is made from the stored value the way that script would submit it. Tests
use this to edit the shipped configuration through the real screens: change one thing, save, be accepted.
"""

from html.parser import HTMLParser

from wagtail import blocks
from wagtail.test.utils.form_data import nested_form_data


class _Inputs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def _add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and not attrs.get("disabled"):
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._add(name, attrs.get("value", "on"))
            elif kind not in ("submit", "button", "file", "image"):
                self._add(name, attrs.get("value", ""))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select is not None and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._add(self._textarea, "".join(self._text).lstrip("\n"))
            self._textarea = None


def screen_inputs(html: str) -> dict:
    """The plain inputs of an edit screen's form, as a browser posts them (lists for repeated names)."""
    parser = _Inputs()
    parser.feed(html)
    return {name: values if len(values) != 1 else values[0] for name, values in parser.data.items()}


def _leaf(block, value):
    if isinstance(block, blocks.BooleanBlock):
        return "on" if value else None
    if isinstance(block, blocks.MultipleChoiceBlock):
        return tuple(block.get_form_state(value) or ())
    state = block.get_form_state(value)
    if isinstance(state, dict):  # a chooser's state: the chosen object's id
        return str(state.get("id") or "")
    if isinstance(state, list):
        return tuple(state)
    return "" if state is None else str(state)


def block_form_data(block, value):
    """A block's value as the nested form data the admin's script submits for it."""
    if isinstance(block, blocks.StreamBlock):
        items = {
            str(i): {
                "type": child.block_type,
                "id": child.id or "",
                "deleted": "",
                "order": str(i),
                "value": block_form_data(child.block, child.value),
            }
            for i, child in enumerate(value or [])
        }
        return {**items, "count": str(len(items))}
    if isinstance(block, blocks.ListBlock):
        bound = list(value.bound_blocks) if hasattr(value, "bound_blocks") else []
        items = {
            str(i): {
                "id": child.id or "",
                "deleted": "",
                "order": str(i),
                "value": block_form_data(block.child_block, child.value),
            }
            for i, child in enumerate(bound)
        }
        return {**items, "count": str(len(items))}
    if isinstance(block, blocks.StructBlock):
        return {
            name: block_form_data(child, (value or {}).get(name) if value is not None else None)
            for name, child in block.child_blocks.items()
        }
    return _leaf(block, value)


def _drop_none(data: dict) -> dict:
    return {k: v for k, v in data.items() if v is not None}


def stream_post_data(prefix: str, field, value) -> dict:
    """POST data for one StreamField named ``prefix`` (e.g. "fields", "transitions-3-actions")."""
    return _drop_none(nested_form_data({prefix: block_form_data(field.stream_block, value)}))
