import copy
from pathlib import Path

import pytest

from forms_builder import services
from forms_builder.selectors import form_version_current
from registry.models import LegalInstrument, LegalProvision
from tests.forms_builder.sample_forms import FORM, OPTION_LIST


@pytest.fixture
def option_list(db):
    return services.option_list_load_document(copy.deepcopy(OPTION_LIST), Path("test.yaml"))


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
        services.form_load_document(copy.deepcopy(document), Path("test.yaml"))
        return form_version_current(key=document["key"])

    return _publish


@pytest.fixture
def version(publish, sample_form):
    return publish(sample_form)
