"""Shared fixtures: reference data, roles and users, forms, as a ministry would have them."""

import copy
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from wagtail.signal_handlers import disable_reference_index_auto_update

from accounts.services import roles_load
from content.services import portal_pages_setup
from core import localcache
from core.configs import default_config_dir, load_configs, read_yaml
from forms_builder import caching as form_caching
from forms_builder import services as forms_services
from forms_builder.selectors import form_version_current
from registry.models import Establishment, Governorate, LegalInstrument, LegalProvision
from registry.services import reference_data_load
from tests.forms_builder.sample_forms import FORM, OPTION_LIST

CLOCK_SHIFT_VARIABLE = "ECMS_TEST_CLOCK_SHIFT_DAYS"


def pytest_configure(config):
    """With ECMS_TEST_CLOCK_SHIFT_DAYS=N the whole run sees a clock N days ahead (still ticking): CI runs
    the suite a second time a year ahead, so a test that depends on today's date fails the day it is
    written, not months later."""
    days = int(os.environ.get(CLOCK_SHIFT_VARIABLE) or 0)
    if days:
        config._ecms_clock = time_machine.travel(datetime.now(UTC) + timedelta(days=days), tick=True)
        config._ecms_clock.start()


def pytest_unconfigure(config):
    clock = getattr(config, "_ecms_clock", None)
    if clock is not None:
        clock.stop()


def pytest_report_header(config):
    days = int(os.environ.get(CLOCK_SHIFT_VARIABLE) or 0)
    return [f"ECMS: the clock is moved {days} days ahead"] if days else []


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    form_caching.clear()
    localcache.clear()
    yield
    cache.clear()
    form_caching.clear()
    localcache.clear()


@pytest.fixture
def reference_data(db):
    reference_data_load()


@pytest.fixture
def roles(db):
    path = default_config_dir() / "roles.yaml"
    roles_load(read_yaml(path), path)


@pytest.fixture
def baghdad(reference_data):
    return Governorate.objects.get(code="IQ-BG")


@pytest.fixture
def basra(reference_data):
    return Governorate.objects.get(code="IQ-BA")


@pytest.fixture
def make_user(db, roles, reference_data, django_user_model):
    """make_user("labour_inspector", "IQ-BG") -> an active user with that role and scope."""
    from django.contrib.auth.models import Group

    counter = {"n": 0}

    def _make(*role_keys: str, governorates: tuple[str, ...] = (), language: str = "ar", **fields):
        counter["n"] += 1
        username = fields.pop("username", f"user{counter['n']}")
        user = django_user_model.objects.create_user(
            username=username, password="a-long-test-password", preferred_language=language, **fields
        )
        user.groups.set(Group.objects.filter(role__key__in=role_keys))
        user.governorates.set(Governorate.objects.filter(code__in=governorates))
        return user

    return _make


@pytest.fixture
def option_list(db):
    return forms_services.option_list_load_document(copy.deepcopy(OPTION_LIST), Path("test.yaml"))


@pytest.fixture
def provision(db):
    instrument = LegalInstrument.objects.create(
        key="iq-labour-law-2015",
        kind="national_law",
        title={"ar": "قانون العمل رقم 37 لسنة 2015", "en": "Labour Law No. 37 of 2015"},
        year=2015,
    )
    return LegalProvision.objects.create(
        instrument=instrument,
        key="iq-ll-2015-test-article",
        article="7",
        title={"ar": "مادة اختبار", "en": "Test article"},
    )


@pytest.fixture
def sample_form():
    return copy.deepcopy(FORM)


@pytest.fixture
def publish(db, option_list):
    """publish(document) -> the current FormVersion of that form, loaded as YAML would be."""

    def _publish(document):
        forms_services.form_load_document(copy.deepcopy(document), Path("test.yaml"))
        return form_version_current(key=document["key"])

    return _publish


@pytest.fixture
def version(publish, sample_form):
    return publish(sample_form)


# --- the shipped configuration, with the people who work it (schemes and staff screens) ---


@pytest.fixture
def shipped(db, reference_data):
    """The shipped configs/ loaded into an empty database, as a ministry would start. Wagtail's reference
    index (the admin's "usage" of each object) is not kept here: it is most of the load's time and no test
    reads it."""
    with disable_reference_index_auto_update():
        return load_configs()


@pytest.fixture
def portal(shipped):
    """The shipped configuration and the portal's pages (home, services, tracking, legal library)."""
    with disable_reference_index_auto_update():
        portal_pages_setup()


@pytest.fixture
def people(make_user, shipped):
    return {
        "grm_bg": make_user("grm_officer", governorates=("IQ-BG",), username="grm_bg"),
        "grm_sensitive_bg": make_user("grm_sensitive", governorates=("IQ-BG",), username="grm_sens_bg"),
        "supervisor_bg": make_user("supervisor", governorates=("IQ-BG",), username="sup_bg", language="en"),
        "sensitive_supervisor_bg": make_user(
            "grm_sensitive_supervisor", governorates=("IQ-BG",), username="sens_sup_bg", language="en"
        ),
        "labour_bg": make_user("labour_inspector", governorates=("IQ-BG",), username="li_bg"),
        "osh_bg": make_user("osh_inspector", governorates=("IQ-BG",), username="osh_bg"),
    }


@pytest.fixture
def factory(shipped):
    return Establishment.objects.create(
        name="Tigris Textiles",
        governorate=Governorate.objects.get(code="IQ-BG"),
        registration_number="BG-1001",
        workers_total=120,
    )
