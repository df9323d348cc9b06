"""Working calendars: the working days of the week and the public holidays that SLA hours count by."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable, RevisionMixin

from core.fields import TranslatedTextField
from core.i18n import localize
from core.workdays import WorkWeek
from forms_builder.blocks import key_validator


class WorkCalendar(RevisionMixin, ClusterableModel):
    """A working week and its holidays; time allowed in a state counts only working days of it."""

    key = models.CharField(_("key"), max_length=64, unique=True, validators=[key_validator])
    name = TranslatedTextField(_("name"), max_length=200)
    working_days = models.CharField(
        _("working days"),
        max_length=40,
        help_text=_("Day keys separated by commas, among: mon, tue, wed, thu, fri, sat, sun."),
    )
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="workcalendar")

    class Meta:
        ordering = ["key"]
        verbose_name = _("working calendar")
        verbose_name_plural = _("working calendars")

    def __str__(self) -> str:
        return localize(self.name) or self.key

    @property
    def working_day_keys(self) -> list[str]:
        return [k.strip() for k in self.working_days.split(",") if k.strip()]

    def work_week(self) -> WorkWeek:
        return WorkWeek(
            working_days=frozenset(self.working_day_keys),
            holidays=frozenset(h.date for h in self.holidays.all()),
        )


class CalendarHoliday(Orderable):
    calendar = ParentalKey(WorkCalendar, on_delete=models.CASCADE, related_name="holidays")
    date = models.DateField(_("date"))
    name = TranslatedTextField(_("name"), max_length=200)
    estimated = models.BooleanField(
        _("estimated"),
        default=False,
        help_text=_("The date depends on the sighting of the moon; correct it once it is announced."),
    )

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["calendar", "date"], name="cases_holiday_unique_date")]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self) -> str:
        return f"{self.date}: {localize(self.name)}"
