"""Malformed input gets a clear 4xx, never a 500: NUL bytes in paths, queries and form values, JSON nested
a thousand deep, NUL or lone surrogates inside nested answers, impossible dates, forged cursors, a
wizard's add-row button naming a field that is not a repeat group."""

import base64
import json

import pytest
from django.urls import reverse

from cases.models import Case
from content.services import portal_pages_setup
from tests.schemes.helpers import GRIEVANCE

pytestmark = pytest.mark.django_db
SUBMIT = "/api/v1/forms/grievance_intake/submissions/"


@pytest.fixture
def staff_client(client, people):
    client.force_login(people["supervisor_bg"])
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/cases/?q=a%00b",
        "/api/v1/establishments/lookup/?q=ab%00",
        "/en/legal/?q=%00",
        "/api/v1/cases/GRV%00/",
    ],
)
def test_nul_bytes_and_broken_characters_in_paths_and_queries_are_400(staff_client, shipped, url):
    assert staff_client.get(url).status_code == 400


def test_nul_bytes_in_form_values_are_400(client, shipped):
    portal_pages_setup()
    response = client.post("/en/track/", {"reference": "GRV-1\x00", "tracking_code": "x"})
    assert response.status_code == 400


def test_json_nested_a_thousand_deep_is_400_on_every_json_endpoint(client, staff_client, shipped):
    deep = "[" * 1000 + "]" * 1000
    for url in (SUBMIT, "/api/v1/track/", "/api/v1/cases/", "/api/v1/auth/token/"):
        response = staff_client.post(url, deep, content_type="application/json")
        assert response.status_code == 400, url
        assert response.json()["errors"][0]["message"]
    nested = {"data": json.loads("[" * 40 + "]" * 40), "language": "en"}
    assert client.post(SUBMIT, nested, content_type="application/json").status_code == 400


@pytest.mark.parametrize(
    "employer",
    [
        {"name": "Tigris\u0000Textiles"},
        {"name": "Tigris \ud800 Textiles"},
        {"name\u0000": "x"},
    ],
)
def test_nul_or_lone_surrogates_inside_nested_answers_are_400(client, shipped, employer):
    body = json.dumps({"data": {**GRIEVANCE, "employer": employer}}, ensure_ascii=True)
    response = client.post(SUBMIT, body, content_type="application/json")
    assert response.status_code == 400 and Case.objects.count() == 0


def test_multipart_answers_are_checked_too(client, shipped):
    data = json.dumps({**GRIEVANCE, "employer": {"name": "A\u0000"}}, ensure_ascii=True)
    response = client.post(SUBMIT, {"data": data})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "data"


@pytest.mark.parametrize(
    "value",
    [
        "2026-13-45",  # date-literal-ok: an impossible date on purpose (month 13)
        "2026-02-30",  # date-literal-ok: an impossible date on purpose (30 February)
        "0000-00-00",
        "yesterday",
    ],
)
def test_impossible_dates_in_filters_are_400(staff_client, value):
    response = staff_client.get("/api/v1/cases/", {"opened_after": value})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "opened_after"


@pytest.mark.parametrize(
    "position", ["p=not-a-date&r=0", "p=2026-01-01T00:00:00&o=-5", "o=99999999999999999999", "garbage"]
)
def test_forged_cursors_are_never_a_server_error(staff_client, position):
    cursor = base64.b64encode(position.encode()).decode()
    response = staff_client.get("/api/v1/cases/", {"cursor": cursor, "ordering": "opened_at"})
    assert response.status_code < 500, "a cursor that decodes to nothing usable is read as the first page"
    if position.startswith("p=not"):
        assert response.status_code == 404 and response.json()["errors"][0]["message"]


def test_the_wizard_add_row_naming_a_field_that_is_not_a_repeat_group_changes_nothing(client, shipped):
    portal_pages_setup()
    page = client.get("/en/complaint/?start=1").content.decode()
    import re

    prefix = re.search(r'name="(service_\d+_v\d+)-current_step"', page).group(1)
    response = client.post(
        "/en/complaint/", {f"{prefix}-current_step": "about_you", "wizard_add_row": "full_name"}
    )
    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()


def test_the_staff_queue_ignores_impossible_dates(staff_client):
    url = reverse("ecms_cases:queue", args=["all"])
    assert staff_client.get(url, {"opened_at_after": "2026-13-45"}).status_code in (200, 400)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("anonymous", 1),
        ("started_on", 20260101),
        ("started_on", "20260101"),
        ("description", 5),
        ("phone", 7701234567),
    ],
)
def test_no_lax_coercion_of_json_types(client, shipped, field, value):
    response = client.post(SUBMIT, {"data": {**GRIEVANCE, field: value}}, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["errors"][0]["field"].startswith(field) and Case.objects.count() == 0


@pytest.mark.parametrize("part", ["not_a_field", "description"])
def test_a_file_part_for_an_unknown_or_non_file_field_is_400(client, shipped, part):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import PDF

    upload = SimpleUploadedFile("x.pdf", PDF, content_type="application/pdf")
    response = client.post(SUBMIT, {"data": json.dumps(GRIEVANCE), part: upload})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == part
    assert Case.objects.count() == 0


def _bomb_png() -> bytes:
    """A valid PNG header declaring 60000 × 60000 pixels (3.6 gigapixels) in a few bytes."""
    import struct
    import zlib

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 60000, 60000, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00"))
        + chunk(b"IEND", b"")
    )


def _zip_bomb_docx() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (50 * 1024 * 1024))  # 50 MB of zeros, a few KB packed
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [("huge.png", "png", "too_large_image"), ("bomb.docx", "docx", "decompression_bomb")],
)
def test_decompression_bombs_and_absurd_images_are_refused(settings, name, content, code):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from forms_builder.fieldtypes.base import FieldError
    from forms_builder.fieldtypes.files import clean_uploads

    data = _bomb_png() if content == "png" else _zip_bomb_docx()
    spec = {"allowed_types": ["png", "docx"], "max_size_mb": 10, "max_files": 1}

    class Context:
        cleaned_files: dict = {}

    with pytest.raises(FieldError) as refused:
        clean_uploads(spec, [SimpleUploadedFile(name, data)], Context(), "evidence")
    assert refused.value.code == code


def test_stored_file_names_lose_folders_and_control_characters():
    from forms_builder.fieldtypes.files import safe_file_name

    assert safe_file_name("..\\\\..\\\\windows\\\\evil.pdf") == "evil.pdf"
    assert safe_file_name("../../etc/passwd") == "passwd"
    assert safe_file_name("pay\x07slip\x1b.pdf") == "payslip.pdf"
    assert safe_file_name("") == "file"


def test_an_oversized_request_is_413_before_it_is_read(client, settings):
    settings.ECMS_MAX_REQUEST_BYTES = 1000
    response = client.post(SUBMIT, {"data": "x" * 5000}, content_type="application/json")
    assert response.status_code == 413 and response.json()["errors"][0]["code"] == "too_large"
