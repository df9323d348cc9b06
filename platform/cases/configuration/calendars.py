"""Working calendars as data (configs/calendars/*.yaml): load (checked, all holidays replaced) and export."""

from pathlib import Path
from typing import Any

from django.db import transaction

from cases.configuration.escalation_checks import calendar_problems
from cases.models import CalendarHoliday, WorkCalendar
from core.configs import ConfigError, write_yaml


@transaction.atomic
def calendar_load_document(document: Any, path: Path) -> dict[str, int]:
    """Create or update a calendar: {key, name, working_days: [sun, …], holidays: [{date, name, estimated}]}
    (every holiday replaced)."""
    if not isinstance(document, dict) or "key" not in document:
        raise ConfigError(f"{path}: expected a calendar with a key")
    problems = calendar_problems(document)
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    calendar = WorkCalendar.objects.filter(key=document["key"]).first() or WorkCalendar(key=document["key"])
    calendar.name = document["name"]
    calendar.working_days = ",".join(document["working_days"])
    calendar.save()
    calendar.holidays.all().delete()
    holidays = document.get("holidays") or []
    CalendarHoliday.objects.bulk_create(
        CalendarHoliday(
            calendar=calendar,
            date=holiday["date"],
            name=holiday["name"],
            estimated=bool(holiday.get("estimated")),
            sort_order=order,
        )
        for order, holiday in enumerate(holidays)
    )
    calendar.save_revision(log_action=True)
    return {"calendars": 1, "holidays": len(holidays)}


def calendar_document(calendar: WorkCalendar) -> dict:
    return {
        "key": calendar.key,
        "name": dict(calendar.name),
        "working_days": calendar.working_day_keys,
        "holidays": [
            {"date": h.date, "name": dict(h.name), **({"estimated": True} if h.estimated else {})}
            for h in calendar.holidays.all()
        ],
    }


def calendars_export(config_dir: Path) -> list[Path]:
    return [
        write_yaml(config_dir / "calendars" / f"{c.key}.yaml", calendar_document(c))
        for c in WorkCalendar.objects.prefetch_related("holidays")
    ]
