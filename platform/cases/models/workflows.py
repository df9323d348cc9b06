"""Workflows: states (SLA hours, terminal, who works on them) and transitions (roles, form, actions)."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import StreamField
from wagtail.models import Orderable, RevisionMixin

from cases.catalogue import ActionsBlock
from core.fields import TranslatedTextField
from core.i18n import localize
from forms_builder.blocks import key_validator


class Workflow(RevisionMixin, ClusterableModel):
    """States and transitions that cases of one or more case types move through."""

    key = models.CharField(_("key"), max_length=64, unique=True, validators=[key_validator])
    name = TranslatedTextField(_("name"), max_length=200)
    description = TranslatedTextField(_("description"), multiline=True, blank=True)
    on_open_actions = StreamField(ActionsBlock, blank=True, verbose_name=_("actions when a case opens"))
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="workflow")

    class Meta:
        ordering = ["key"]
        verbose_name = _("workflow")
        verbose_name_plural = _("workflows")

    def __str__(self) -> str:
        return localize(self.name) or self.key

    def state(self, key: str) -> "WorkflowState | None":
        return next((s for s in self.states.all() if s.key == key), None)

    def initial_state(self) -> "WorkflowState | None":
        return next((s for s in self.states.all() if s.is_initial), None)


class WorkflowState(Orderable):
    workflow = ParentalKey(Workflow, on_delete=models.CASCADE, related_name="states")
    key = models.CharField(_("key"), max_length=64, validators=[key_validator])
    label = TranslatedTextField(_("label (staff)"), max_length=200)
    public_label = TranslatedTextField(
        _("label (public)"),
        max_length=200,
        help_text=_("What the person who reported sees when tracking the case."),
    )
    is_initial = models.BooleanField(_("initial"), default=False)
    is_terminal = models.BooleanField(_("terminal"), default=False)
    sla_hours = models.PositiveIntegerField(
        _("time allowed (hours)"),
        null=True,
        blank=True,
        help_text=_("The case is due this many hours after entering the state."),
    )
    requires_assignee = models.BooleanField(
        _("someone must be assigned"),
        default=False,
        help_text=_(
            "A case enters this state only with an assignee, and cannot be left without one while in it."
        ),
    )
    calendar = models.ForeignKey(
        "cases.WorkCalendar",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("working calendar"),
        help_text=_("Counts the time allowed in this state; empty: the case type's calendar."),
    )

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["workflow", "key"], name="cases_state_unique_key")]
        verbose_name = _("state")
        verbose_name_plural = _("states")

    def __str__(self) -> str:
        return localize(self.label) or self.key


class WorkflowEscalation(Orderable):
    """One level of escalation of an overdue case: whom to tell (and whether to hand the case over), how many
    hours after the due time, for which states (none named: all)."""

    class Scope(models.TextChoices):
        GOVERNORATE = "governorate", _("The case's governorate")
        NATIONAL = "national", _("National (no governorate restriction)")

    workflow = ParentalKey(Workflow, on_delete=models.CASCADE, related_name="escalations")
    states = models.CharField(
        _("states"),
        max_length=500,
        blank=True,
        help_text=_("Keys of the states, separated by commas; empty: every state with a time allowed."),
    )
    level = models.PositiveSmallIntegerField(_("level"), default=1)
    after_hours = models.PositiveIntegerField(
        _("hours after the due time"),
        default=0,
        help_text=_("Counted by the case's working calendar, like the time allowed."),
    )
    roles = models.CharField(
        _("roles"),
        max_length=300,
        help_text=_(
            "Role keys, separated by commas, in order: the first role with someone in scope who may see the "
            "case is told (a restricted case reaches only its restricted roles)."
        ),
    )
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices, default=Scope.GOVERNORATE)
    reassign = models.BooleanField(
        _("hand the case over"),
        default=False,
        help_text=_("Also assign the case to the least loaded of the people told."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("escalation level")
        verbose_name_plural = _("escalation levels")

    def __str__(self) -> str:
        return f"{self.level}: {self.roles}"

    @property
    def state_keys(self) -> list[str]:
        return [k.strip() for k in self.states.split(",") if k.strip()]

    @property
    def role_keys(self) -> list[str]:
        return [k.strip() for k in self.roles.split(",") if k.strip()]


class WorkflowTransition(Orderable):
    workflow = ParentalKey(Workflow, on_delete=models.CASCADE, related_name="transitions")
    key = models.CharField(_("key"), max_length=64, validators=[key_validator])
    label = TranslatedTextField(_("label"), max_length=200)
    from_states = models.CharField(
        _("from states"),
        max_length=500,
        help_text=_("Keys of the states it starts from, separated by commas."),
    )
    to_state = models.CharField(_("to state"), max_length=64, validators=[key_validator])
    allowed_roles = models.CharField(
        _("roles allowed"), max_length=500, blank=True, help_text=_("Role keys, separated by commas.")
    )
    form = models.ForeignKey(
        "forms_builder.FormDefinition",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("form to fill in"),
    )
    comment_required = models.BooleanField(_("comment required"), default=False)
    public = models.BooleanField(_("shown in the public timeline"), default=True)
    comment_public = models.BooleanField(
        _("comment shown to the reporter"),
        default=False,
        help_text=_("The step's comment (a question, a reason) is shown on the tracking page."),
    )
    by_reporter = models.BooleanField(
        _("the reporter may take it"),
        default=False,
        help_text=_(
            "The person who reported may take this step from the tracking page or the API, with the "
            "case's reference and tracking code. Without roles, only they may take it."
        ),
    )
    reopens = models.BooleanField(
        _("reopens a final state"),
        default=False,
        help_text=_(
            "It may start from a terminal state; the case's outcome and closure date are then cleared."
        ),
    )
    actions = StreamField(ActionsBlock, blank=True, verbose_name=_("actions"))

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["workflow", "key"], name="cases_transition_unique_key")
        ]
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")

    def __str__(self) -> str:
        return localize(self.label) or self.key

    @property
    def from_state_keys(self) -> list[str]:
        return [k.strip() for k in self.from_states.split(",") if k.strip()]

    @property
    def role_keys(self) -> list[str]:
        return [k.strip() for k in self.allowed_roles.split(",") if k.strip()]
