"""The catalogue of workflow actions: what an action is, the registry, and how configured actions run.

Code defines actions (the modules of ``cases.actions``, registered when the app is ready); configuration
chooses and parameterises them. Each action registers under a name (the YAML ``name`` and the StreamField
block type), declares its parameters (admin blocks), checks them when configuration is loaded, and runs
inside the transition's transaction: an action that fails rolls the whole transition back.

This module sits below the models: the workflow models' StreamField takes ``ActionsBlock``, which reads
the registry only when the field is first used, after every action has registered.
"""

from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from cases.errors import CaseConflict
from forms_builder import conditions
from forms_builder.blocks import ConditionBlock

ONLY_IF_LABEL = gettext_lazy("only if")


class ActionError(CaseConflict):
    """An action could not run; the transition is rolled back and the message shown."""

    code = "action_failed"


@dataclass
class ActionContext:
    case: Any
    actor: Any
    params: dict
    transition: Any = None
    data: dict = field(default_factory=dict)
    form_version: Any = None
    events: list = field(default_factory=list)
    verifications: Any = None  # the per-violation answers of a step that verifies violations

    def values(self) -> dict:
        """What ``only_if`` conditions compare against: the case's answers, then the transition's."""
        values = dict(self.case.data or {})
        for key, value in (self.data or {}).items():
            values[key] = value.get("answer") if isinstance(value, dict) and "answer" in value else value
        return values


class Action:
    name: ClassVar[str]
    label: ClassVar[Any]
    icon: ClassVar[str] = "cog"

    def param_blocks(self) -> list[tuple[str, blocks.Block]]:
        return []

    def check(self, params: dict) -> list[str]:
        """Problems with the parameters (configuration load time)."""
        return []

    def run(self, ctx: ActionContext) -> None:
        raise NotImplementedError


_REGISTRY: dict[str, Action] = {}


def register(action_class: type[Action]) -> type[Action]:
    _REGISTRY[action_class.name] = action_class()
    return action_class


def get(name: str) -> Action:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(name) from None


def all_actions() -> list[Action]:
    return list(_REGISTRY.values())


def check_actions(items: list[dict]) -> list[str]:
    """Problems with configured actions [{"name": ..., "params": {...}}]: unknown names, bad parameters."""
    problems = []
    for item in items:
        name = item.get("name")
        if name not in _REGISTRY:
            problems.append(_("unknown action: %(name)s") % {"name": name})
            continue
        problems += [f"{name}: {p}" for p in _REGISTRY[name].check(item.get("params") or {})]
    return problems


def run_actions(stream, ctx_base: dict) -> list:
    """Run configured actions (a StreamValue or [{"type", "value"}]) in order; return the events written."""
    events = []
    for block in stream:
        name, value = (
            (block.block_type, dict(block.value))
            if hasattr(block, "block_type")
            else (block["type"], dict(block["value"]))
        )
        condition = plain(value.pop("only_if", None))
        ctx = ActionContext(params=plain(value), **ctx_base)
        if conditions.rules_of(condition) and not conditions.evaluate(condition, ctx.values()):
            continue
        get(name).run(ctx)
        events += ctx.events
    return events


def plain(value):
    """A block value (StructValue, ListValue, ...) as plain dicts and lists."""
    if value is None:
        return None
    if hasattr(value, "items"):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple) or type(value).__name__ == "ListValue":
        return [plain(v) for v in value]
    return value


class ActionsBlock(blocks.StreamBlock):
    """The configured actions of a step: one child block per registered action, with its parameters and an
    optional ``only_if`` condition. Passed to StreamField as a class, it is built when first used."""

    def __init__(self, local_blocks=None, **kwargs):
        if local_blocks is None:
            local_blocks = [
                (
                    action.name,
                    blocks.StructBlock(
                        [
                            *action.param_blocks(),
                            ("only_if", ConditionBlock(required=False, label=ONLY_IF_LABEL)),
                        ],
                        label=action.label,
                        icon=action.icon,
                    ),
                )
                for action in all_actions()
            ]
        kwargs.setdefault("required", False)
        super().__init__(local_blocks, **kwargs)
