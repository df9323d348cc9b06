"""Working time (``core.workdays``): whole working days of a configured week, holidays skipped, across the
year's end; and the shipped Iraqi calendar counting a case's time allowed (Sunday to Thursday). Dates are
relative to today: the holidays of each test's calendar are built around it."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone

from cases.models import CalendarHoliday, CaseEvent, WorkCalendar
from cases.services import case_open, sla_sweep
from core.workdays import WorkWeek, working_hours_add
from tests.schemes.helpers import INCIDENT, case_type

IRAQ = frozenset({"sun", "mon", "tue", "wed", "thu"})


def _next(weekday: int, after=None):
    """The next date after ``after`` (default: today) that falls on ``weekday`` (0 Monday … 6 Sunday)."""
    day = (after or timezone.localdate()) + timedelta(days=1)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _at(day, hour: int):
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def test_hours_within_a_working_day_are_plain_hours():
    monday = _next(0)
    assert working_hours_add(_at(monday, 9), 5, WorkWeek(IRAQ)) == _at(monday, 14)


def test_the_weekend_is_skipped():
    thursday = _next(3)
    assert working_hours_add(_at(thursday, 14), 24, WorkWeek(IRAQ)) == _at(thursday + timedelta(days=3), 14)


def test_a_holiday_is_skipped_too():
    thursday = _next(3)
    sunday = thursday + timedelta(days=3)
    week = WorkWeek(IRAQ, holidays=frozenset({sunday}))
    assert working_hours_add(_at(thursday, 14), 24, week) == _at(sunday + timedelta(days=1), 14)


def test_a_start_on_a_day_off_counts_from_the_next_working_day():
    friday = _next(4)
    assert working_hours_add(_at(friday, 10), 2, WorkWeek(IRAQ)) == _at(friday + timedelta(days=2), 2)


def test_counting_crosses_the_year_s_end_and_its_holidays():
    new_year = date(timezone.localdate().year + 1, 1, 1)
    eve = new_year - timedelta(days=1)
    every_day = frozenset({"mon", "tue", "wed", "thu", "fri", "sat", "sun"})
    week = WorkWeek(every_day, holidays=frozenset({new_year}))
    assert working_hours_add(_at(eve, 12), 24, week) == _at(new_year + timedelta(days=1), 12)


def test_without_a_calendar_every_hour_counts():
    start = timezone.localtime()
    assert working_hours_add(start, 30, None) == start + timedelta(hours=30)


def test_a_week_without_working_days_is_an_error_not_a_hang():
    with pytest.raises(ValueError, match="no working day"):
        working_hours_add(timezone.localtime(), 1, WorkWeek(frozenset()))


def _free_thursday(calendar: WorkCalendar):
    """A coming Thursday with no shipped holiday from it to the Tuesday after (the shipped dates change)."""
    holidays = set(calendar.holidays.values_list("date", flat=True))
    thursday = _next(3)
    while any(thursday + timedelta(days=n) in holidays for n in range(6)):
        thursday = _next(3, after=thursday)
    return thursday


@pytest.mark.django_db
def test_a_report_received_on_a_thursday_afternoon_is_due_after_the_weekend_and_a_holiday(
    people, django_capture_on_commit_callbacks
):
    calendar = WorkCalendar.objects.get(key="iq_federal")
    assert calendar.working_day_keys == ["sun", "mon", "tue", "wed", "thu"]
    assert case_type("incident_report").calendar == calendar
    thursday = _free_thursday(calendar)
    sunday, monday = thursday + timedelta(days=3), thursday + timedelta(days=4)
    with time_machine.travel(_at(thursday, 14), tick=False):
        before = case_open(case_type=case_type("incident_report"), data=INCIDENT, language="en").case
    assert timezone.localtime(before.due_at) == _at(sunday, 14), "24 working hours: Thursday → Sunday"

    CalendarHoliday.objects.create(calendar=calendar, date=sunday, name={"ar": "عطلة", "en": "Holiday"})
    with time_machine.travel(_at(thursday, 14), tick=False):
        case = case_open(case_type=case_type("incident_report"), data=INCIDENT, language="en").case
    assert timezone.localtime(case.due_at) == _at(monday, 14), "a holiday on Sunday moves it to Monday"
    with time_machine.travel(_at(sunday, 20), tick=False):
        sla_sweep()
    assert not case.events.filter(kind=CaseEvent.Kind.ESCALATED).exists(), "not overdue over the holiday"
    with time_machine.travel(_at(monday, 15), tick=False), django_capture_on_commit_callbacks(execute=True):
        sla_sweep()
    assert case.events.filter(kind=CaseEvent.Kind.ESCALATED, data__level=1).exists()


@pytest.mark.django_db
def test_the_admin_edits_calendars_and_escalation_levels(client, make_user, shipped):
    from django.urls import reverse

    from cases.models import Workflow

    client.force_login(make_user("ministry_admin", is_superuser=True, username="cal_admin"))
    calendar = WorkCalendar.objects.get(key="iq_federal")
    page = client.get(reverse("wagtailsnippets_cases_workcalendar:edit", args=[calendar.pk]))
    assert page.status_code == 200 and b"holidays-TOTAL_FORMS" in page.content
    workflow = Workflow.objects.get(key="grievance_flow")
    page = client.get(reverse("wagtailsnippets_cases_workflow:edit", args=[workflow.pk]))
    assert page.status_code == 200 and b"escalations-TOTAL_FORMS" in page.content
    assert b"grm_sensitive_supervisor" in page.content
