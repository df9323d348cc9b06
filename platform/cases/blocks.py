"""StreamField blocks for workflow actions, built from the action registry (cases.actions)."""

from wagtail import blocks

from forms_builder.blocks import ConditionBlock


def build_actions_block() -> blocks.StreamBlock:
    from cases import actions

    children = []
    for action in actions.all_actions():
        params = list(action.param_blocks())
        params.append(("only_if", ConditionBlock(required=False, label=actions.ONLY_IF_LABEL)))
        children.append((action.name, blocks.StructBlock(params, label=action.label, icon=action.icon)))
    return blocks.StreamBlock(children, required=False)
