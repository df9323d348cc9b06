"""The access primitive of every case write: lock the row, check the actor may see the case, one answer for
a case that is absent and one that is out of the actor's scope (nothing leaks)."""

from django.utils.translation import gettext as _

from cases.errors import CaseNotFound
from cases.models import Case
from cases.selectors import case_visible


def case_locked(case: Case) -> Case:
    """The case's row, locked until the transaction ends (call inside ``transaction.atomic``)."""
    try:
        return Case.objects.select_for_update().select_related("case_type__workflow").get(pk=case.pk)
    except Case.DoesNotExist:
        raise CaseNotFound(_("No such case.")) from None


def case_for_update(*, case: Case, actor) -> Case:
    """The case, locked, if ``actor`` may see it; otherwise CaseNotFound, as for an absent case."""
    locked = case_locked(case)
    if not case_visible(case=locked, user=actor):
        raise CaseNotFound(_("No such case."))
    return locked
