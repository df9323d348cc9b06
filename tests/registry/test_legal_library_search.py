"""One legal-library search (registry.selectors.legal_library_search) behind the portal's library page and
the public API: the same provisions for the same query, whatever the Arabic letter variants."""

from pathlib import Path

import pytest

from content.services import portal_pages_setup
from registry.models import LegalProvision
from registry.selectors import legal_instruments_in_force, legal_library_search
from registry.services import legal_instrument_load_document

SAFETY = {
    "instrument": {
        "key": "safety-rules",
        "kind": "regulation",
        "title": {"ar": "تعليمات السلامة في العمل", "en": "Safety Instructions"},
    },
    "provisions": [
        {
            "key": "safety-rules-art-4",
            "article": "4(2)",
            "title": {"ar": "إجازة العامل المصاب", "en": "Leave of an injured worker"},
            "text": {"ar": "على مؤسسة العمل أن تمنح الإجازة.", "en": "The employer grants the leave."},
        },
        {
            "key": "safety-rules-art-9",
            "article": "9",
            "title": {"ar": "الإسعافات الأولية", "en": "First aid"},
        },
    ],
}


@pytest.fixture
def library(shipped):
    legal_instrument_load_document(SAFETY, Path("safety-rules.yaml"))
    portal_pages_setup()


def _portal(client, **params) -> list[str]:
    response = client.get("/en/legal-library/", params)
    assert response.status_code == 200
    return [provision.key for provision in response.context["provisions"]]


def _api(client, **params) -> list[str]:
    response = client.get("/api/v1/legal/provisions/", params)
    assert response.status_code == 200
    return [provision["key"] for provision in response.json()]


SEARCHES = [
    ({"q": "موسسه"}, {"safety-rules-art-4"}),  # text "مؤسسة": hamza and ta marbuta folded
    ({"q": "اجازه العامل"}, {"safety-rules-art-4"}),  # title "إجازة العامل"
    ({"q": "الإسعافات"}, {"safety-rules-art-9"}),
    ({"q": "INJURED"}, {"safety-rules-art-4"}),  # English title, any case
    ({"q": "employer grants"}, {"safety-rules-art-4"}),  # English text
    ({"q": "4(2)"}, {"safety-rules-art-4"}),  # article number
    ({"q": "تعليمات السلامه"}, {"safety-rules-art-4", "safety-rules-art-9"}),  # instrument title
    ({"instrument": "safety-rules"}, {"safety-rules-art-4", "safety-rules-art-9"}),
    ({"instrument": "safety-rules", "q": "first aid"}, {"safety-rules-art-9"}),
    ({"q": "الالزامي"}, None),  # shipped ILO titles ("الإلزامي"): both interfaces, same answer
    ({"q": "labour"}, None),
]


@pytest.mark.django_db
def test_portal_and_api_return_the_same_provisions_when_searching(client, library):
    for params, expected in SEARCHES:
        through_portal, through_api = _portal(client, **params), _api(client, **params)
        assert through_portal == through_api, params
        selected = legal_library_search(query=params.get("q", ""), instrument=params.get("instrument", ""))
        assert through_api == [p.key for p in selected], params
        if expected is None:
            assert through_api, f"the shipped library has matches for {params}"
        else:
            assert {key for key in through_api if key.startswith("safety-rules")} == expected, params


@pytest.mark.django_db
def test_provisions_not_in_force_are_never_found(client, library):
    LegalProvision.objects.filter(key="safety-rules-art-9").update(is_active=False)
    through_portal, through_api = _portal(client, q="first aid"), _api(client, q="first aid")
    assert through_portal == through_api and "safety-rules-art-9" not in through_api


@pytest.mark.django_db
def test_search_text_follows_an_edited_title(library):
    provision = LegalProvision.objects.get(key="safety-rules-art-9")
    provision.title = {"ar": "صندوق الإسعاف", "en": "First-aid box"}
    provision.save(update_fields=["title"])
    assert [p.key for p in legal_library_search(query="صندوق الاسعاف")] == ["safety-rules-art-9"]


@pytest.mark.django_db
def test_portal_and_api_list_the_same_instruments(client, library):
    listed = client.get("/en/legal-library/").context["instruments"]
    api = [instrument["key"] for instrument in client.get("/api/v1/legal/instruments/").json()]
    assert [i.key for i in listed] == api == [i.key for i in legal_instruments_in_force()]
    assert "safety-rules" in api
