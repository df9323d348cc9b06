"""What a person may do to a case, beyond seeing it: one object per (user, case), used by the services to
refuse and by the screens to show or hide a button. Seeing the case is ``selectors.case_visible``."""

from functools import cached_property

from accounts.selectors import user_role_keys
from cases.models import Case
from cases.selectors import user_may_take_case


def user_may_assign(user) -> bool:
    """Assign cases to others (supervisors): the ``cases.bulk_assign`` permission."""
    return bool(user.is_active and (user.is_superuser or user.has_perm("cases.bulk_assign")))


def user_may_work_cases(user) -> bool:
    """Open the staff case screens at all."""
    return bool(user.is_active and (user.is_superuser or user.has_perm("cases.view_case")))


class CasePermissions:
    """The actions ``user`` may take on ``case`` (who can see it at all is checked apart)."""

    def __init__(self, user, case: Case | None = None):
        self.user = user
        self.case = case

    def _perm(self, name: str) -> bool:
        return bool(self.user.is_active and (self.user.is_superuser or self.user.has_perm(name)))

    @cached_property
    def may_assign(self) -> bool:
        """Give the case to someone else, or to nobody."""
        return user_may_assign(self.user)

    @cached_property
    def may_take(self) -> bool:
        """Assign the case to oneself: someone who can work it and is not already its assignee."""
        return self.case.assignee_id != self.user.pk and user_may_take_case(user=self.user, case=self.case)

    def may_assign_to(self, assignee) -> bool:
        """Assign the case to ``assignee``: a supervisor to anyone, someone who can work it to themselves."""
        taking_it = (
            assignee is not None
            and assignee.pk == self.user.pk
            and user_may_take_case(user=self.user, case=self.case)
        )
        return taking_it or self.may_assign

    @cached_property
    def may_enforce(self) -> bool:
        """Issue enforcement actions (warnings, notices, fines, ...)."""
        return self._perm("cases.add_enforcementaction")

    @cached_property
    def may_reveal(self) -> bool:
        """See the reporter's confidential answers and files (each look is logged)."""
        return self._perm("cases.view_confidential")

    @cached_property
    def may_change_violations(self) -> bool:
        """Mark violations corrected or otherwise: the permission, and a role that works this case type."""
        if self.user.is_superuser:
            return bool(self.user.is_active)
        works_on = user_role_keys(user=self.user) & set(self.case.case_type.staff_role_keys)
        return bool(works_on) and self._perm("cases.change_violation")

    @cached_property
    def may_register_establishment(self) -> bool:
        """Add the employer a case names to the registry."""
        return self._perm("registry.add_establishment")
