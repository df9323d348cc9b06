"""Configuration read on every public request is remembered per process for ECMS_CONFIG_CACHE_SECONDS."""

import time

import pytest

from cases.models import CaseType
from cases.selectors import case_type_for_public_form
from tests.cases.conftest import case_config  # noqa: F401,F811 - shared fixture


@pytest.mark.django_db
def test_remembered_configuration_expires(case_config, settings, monkeypatch, django_assert_num_queries):  # noqa: F811
    settings.ECMS_CONFIG_CACHE_SECONDS = 1
    first = case_type_for_public_form(form_key="test_intake")
    assert first is not None and first.workflow.initial_state() is not None
    with django_assert_num_queries(0):
        assert case_type_for_public_form(form_key="test_intake") is first
        first.workflow.initial_state()  # states come with it
    CaseType.objects.filter(pk=first.pk).update(public_intake=False)
    now = time.monotonic()
    monkeypatch.setattr(time, "monotonic", lambda: now + 1.01)
    assert case_type_for_public_form(form_key="test_intake") is None, "seen within the configured time"
