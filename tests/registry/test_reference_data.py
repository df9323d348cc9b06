import pytest

from core.i18n import localize
from registry.models import EconomicActivity, Governorate
from registry.services import reference_data_load


@pytest.mark.django_db
def test_fifteen_governorates_with_iso_codes_in_both_languages():
    reference_data_load()
    codes = set(Governorate.objects.values_list("code", flat=True))
    assert len(codes) == 15
    assert {"IQ-BG", "IQ-BA", "IQ-NI", "IQ-QA"} <= codes
    assert not codes & {"IQ-AR", "IQ-DA", "IQ-SU"}, "Kurdistan Region governorates have their own ministry"
    baghdad = Governorate.objects.get(code="IQ-BG")
    assert localize(baghdad.name, "ar") == "بغداد"
    assert localize(baghdad.name, "en") == "Baghdad"


@pytest.mark.django_db
def test_isic_sections_loaded_and_loading_is_idempotent():
    reference_data_load()
    reference_data_load()
    assert EconomicActivity.objects.count() == 21
    assert Governorate.objects.count() == 15
    assert localize(EconomicActivity.objects.get(code="F").name, "en") == "Construction"
