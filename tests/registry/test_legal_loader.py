"""The legal library loads from configs/legal/ and refuses bad files with reasons, in each language."""

from pathlib import Path

import pytest
from django.utils import translation

from core.configs import ConfigError
from registry.models import LegalProvision
from registry.services import legal_instrument_load_document

GOOD = {
    "instrument": {"key": "law", "kind": "national_law", "title": {"ar": "قانون", "en": "Law"}},
    "provisions": [{"key": "law-art-1", "article": "1", "title": {"ar": "مادة", "en": "Article"}}],
}


@pytest.mark.django_db
def test_instrument_loads_idempotently_and_provisions_await_validation():
    legal_instrument_load_document(GOOD, Path("law.yaml"))
    legal_instrument_load_document(GOOD, Path("law.yaml"))
    provision = LegalProvision.objects.get()
    assert provision.validation_status == "awaiting_validation" and provision.text == {}


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.django_db
def test_inconsistent_instrument_is_refused_with_reasons(language):
    bad = {
        "instrument": {"key": "law", "kind": "decree", "title": {"ar": "", "en": "Law"}},
        "provisions": [GOOD["provisions"][0], GOOD["provisions"][0]],
    }
    with translation.override(language), pytest.raises(ConfigError) as refused:
        legal_instrument_load_document(bad, Path("law.yaml"))
    message = str(refused.value)
    assert "decree" in message and "law-art-1" in message
    if language == "ar":
        assert "نوع غير معروف" in message and "مذكور أكثر من مرة" in message
    else:
        assert "unknown kind" in message and "listed more than once" in message
    assert not LegalProvision.objects.exists()


@pytest.mark.django_db
def test_provision_left_out_of_the_file_is_kept_but_not_in_force():
    two = {**GOOD, "provisions": [*GOOD["provisions"], {**GOOD["provisions"][0], "key": "law-art-2"}]}
    legal_instrument_load_document(two, Path("law.yaml"))
    legal_instrument_load_document(GOOD, Path("law.yaml"))
    in_force = dict(LegalProvision.objects.values_list("key", "is_active"))
    assert in_force == {"law-art-1": True, "law-art-2": False}


@pytest.mark.django_db
def test_unknown_provision_status_is_refused_and_nothing_is_written():
    bad = {**GOOD, "provisions": [{**GOOD["provisions"][0], "status": "approved"}]}
    with pytest.raises(ConfigError, match="approved"):
        legal_instrument_load_document(bad, Path("law.yaml"))
    assert not LegalProvision.objects.exists()
