"""The periodic work runs without Redis: one schedule, run by `manage.py run_periodic` (which `make run`
starts) and registered for RQ's cron from the same list."""

import importlib
import sys

import pytest
from django.core.management import CommandError, call_command
from django.utils.module_loading import import_string

from ecms import schedule
from ecms.schedule import SCHEDULE, Periodic, periodic_due, periodic_loop

CALLS = []


def job_ok():
    CALLS.append("ok")
    return 1


def job_broken():
    CALLS.append("broken")
    raise RuntimeError("the database is down")


@pytest.fixture
def test_schedule(monkeypatch):
    CALLS.clear()
    jobs = (
        Periodic("often", "tests.ecms.test_periodic.job_ok", 60),
        Periodic("broken", "tests.ecms.test_periodic.job_broken", 60),
        Periodic("daily", "tests.ecms.test_periodic.job_ok", 86400),
    )
    monkeypatch.setattr(schedule, "SCHEDULE", jobs)
    return jobs


def test_every_scheduled_job_exists_and_has_a_unique_name():
    assert len({job.name for job in SCHEDULE}) == len(SCHEDULE)
    for job in SCHEDULE:
        assert callable(import_string(job.func)), job.func
    assert {job.name for job in SCHEDULE} >= {"sweep_jobs", "sla_sweep", "verify_audit", "clear_expired"}


def test_rq_cron_registers_the_same_schedule(monkeypatch):
    registered = []
    import rq.cron

    monkeypatch.setattr(rq.cron, "register", lambda func, **kw: registered.append((func, kw["interval"])))
    monkeypatch.delitem(sys.modules, "ecms.cron", raising=False)
    importlib.import_module("ecms.cron")
    assert registered == [(job.func, job.every) for job in SCHEDULE]


def test_a_job_is_due_at_start_and_then_after_its_interval(test_schedule):
    often, broken, daily = test_schedule
    assert periodic_due({}, now=0) == list(test_schedule)
    last = {"often": 0, "broken": 0, "daily": 0}
    assert periodic_due(last, now=59) == []
    assert periodic_due(last, now=60) == [often, broken]
    assert periodic_due(last, now=86400) == [often, broken, daily]


def test_the_loop_runs_every_job_at_start_and_a_failure_stops_nothing(test_schedule, caplog):
    clock = iter([0, 0, 0, 0, 30, 61, 61, 61, 61])
    rounds = iter([False, False, False, True])
    periodic_loop(stop=lambda: next(rounds), sleep=lambda seconds: None, clock=lambda: next(clock))
    # start: often, broken, daily; at 61 s: often and broken again (the daily one is not due)
    assert CALLS == ["ok", "broken", "ok", "ok", "broken"]
    assert "periodic job broken failed" in caplog.text and "the database is down" in caplog.text


def test_the_command_runs_one_job_or_all_once_and_fails_loudly(test_schedule):
    call_command("run_periodic", "--job", "often")
    assert CALLS == ["ok"]
    with pytest.raises(CommandError, match="failed: broken"):
        call_command("run_periodic", "--once")
    assert CALLS == ["ok", "ok", "broken", "ok"]
