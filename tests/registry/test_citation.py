"""How a provision is cited on screens and notices: its instrument and article in the reader's language,
and "article to be confirmed" where the source gives no article number (never "Art. —")."""

import itertools

import pytest
from django.utils import translation

from registry.models import LegalInstrument, LegalProvision

pytestmark = pytest.mark.django_db
NUMBERS = itertools.count(1)


@pytest.fixture
def instrument():
    return LegalInstrument.objects.create(
        key="iq-labour-law", title={"ar": "قانون العمل", "en": "Labour Law"}, kind="law"
    )


def provision(instrument, article):
    return LegalProvision.objects.create(
        instrument=instrument,
        key=f"provision-{next(NUMBERS)}",
        article=article,
        title={"ar": "عقد العمل", "en": "Employment contract"},
    )


@pytest.mark.parametrize("article", ["—", " — ", "-", "", "?"])
def test_a_provision_without_an_article_number_is_cited_as_to_be_confirmed(instrument, article):
    cited = provision(instrument, article)
    assert not cited.article_confirmed
    with translation.override("en"):
        assert cited.citation == "Labour Law, article to be confirmed — Employment contract"
        assert "Art." not in str(cited)
    with translation.override("ar"):
        assert cited.citation_short == "قانون العمل، رقم المادة قيد التأكيد"


def test_a_provision_is_cited_by_instrument_and_article_in_the_reader_s_language(instrument):
    cited = provision(instrument, "7(2)")
    with translation.override("en"):
        assert cited.citation == "Labour Law, Art. 7(2) — Employment contract"
    with translation.override("ar"):
        assert cited.citation == "قانون العمل، المادة 7(2) — عقد العمل"
