"""Choices for the configuration editors' lists, read when a list is shown: the roles and the case types that
exist, with their names. Action parameters and case types name them by key (as the YAML does); these make them
chosen, not typed."""

from core.i18n import localize


def role_key_choices() -> list[tuple[str, str]]:
    from accounts.models import Role

    return [(role.key, f"{localize(role.name)} ({role.key})") for role in Role.objects.order_by("key")]


def case_type_key_choices() -> list[tuple[str, str]]:
    from cases.models import CaseType

    return [(ct.key, f"{localize(ct.name)} ({ct.key})") for ct in CaseType.objects.order_by("key")]


def channel_choices() -> list[tuple[str, str]]:
    from cases.models import Case

    return [(str(code), str(label)) for code, label in Case.Channel.choices]


def option_list_choices() -> list[tuple[str, str]]:
    from forms_builder.models import OptionList

    return [(ol.key, f"{localize(ol.name)} ({ol.key})") for ol in OptionList.objects.order_by("key")]
