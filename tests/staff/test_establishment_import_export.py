"""Establishment registry import (dry-run preview with per-row errors, then confirm) and export (CSV, XLSX)
with spreadsheet formulas neutralised, through the admin's screens."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from registry.models import Establishment
from registry.services import neutralise_formula

pytestmark = pytest.mark.django_db

IMPORT_URL = "registry_establishment_import"
HEADER = "registration_number,name,name_en,governorate,activity,workers_total\n"


def upload(client, text: str, name="establishments.csv", file_format="csv"):
    content = text.encode("utf-8") if isinstance(text, str) else text
    return client.post(
        reverse(IMPORT_URL),
        {"file": SimpleUploadedFile(name, content), "file_format": file_format},
    )


@pytest.fixture
def clerk(make_user, shipped):
    """A data clerk of Baghdad whose admin is in English (Wagtail's own profile setting)."""
    from wagtail.users.models import UserProfile

    user = make_user("data_clerk", governorates=("IQ-BG",), username="clerk_bg", language="en")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def test_preview_then_confirm_creates_and_updates(client, clerk, factory):
    client.force_login(clerk)
    text = (
        HEADER
        + "BG-1001,Tigris Textiles,Tigris Textiles,IQ-BG,C,150\n"
        + "BG-3001,مخبز الرشيد,Al-Rasheed Bakery,IQ-BG,C,12\n"
    )
    preview = upload(client, text)
    html = preview.content.decode()
    assert preview.status_code == 200 and 'name="confirm"' in html
    assert not Establishment.objects.filter(registration_number="BG-3001").exists(), (
        "a preview writes nothing"
    )
    token = html.split('name="token" value="')[1].split('"')[0]
    done = client.post(reverse(IMPORT_URL), {"confirm": "1", "token": token})
    assert done.status_code == 302
    assert Establishment.objects.get(registration_number="BG-3001").name == "مخبز الرشيد"
    factory.refresh_from_db()
    assert factory.workers_total == 150
    again = client.post(reverse(IMPORT_URL), {"confirm": "1", "token": token})
    assert (
        again.status_code == 302 and Establishment.objects.filter(registration_number="BG-3001").count() == 1
    )


def test_rows_with_errors_are_listed_and_nothing_is_imported(client, clerk):
    client.force_login(clerk)
    text = (
        HEADER
        + "BG-4001,Good Row,,IQ-BG,C,10\n"
        + "BG-4002,Bad Governorate,,IQ-XX,C,10\n"
        + ",No Number,,IQ-BG,C,10\n"
        + "BG-4004,Other Scope,,IQ-BA,C,10\n"
        + "BG-4005,Bad Number,,IQ-BG,C,many\n"
    )
    preview = upload(client, text)
    html = preview.content.decode()
    assert preview.status_code == 200 and 'name="confirm"' not in html
    errors = html.split('class="ecms-row-errors"')[1].split("</ul>")[0]
    assert "Line 3: governorate: Unknown code “IQ-XX”." in errors
    assert "Line 4: The registration number is required" in errors
    assert "Line 5: This establishment is in a governorate outside your scope." in errors
    assert "Line 6: workers_total: “many” is not a number." in errors
    assert not Establishment.objects.filter(registration_number__startswith="BG-400").exists()


def test_unreadable_file_and_missing_columns_are_explained(client, clerk):
    client.force_login(clerk)
    bad = upload(client, b"\x00\x01garbage", name="x.xlsx", file_format="xlsx")
    assert bad.status_code == 400 and 'id="id_file_error"' in bad.content.decode()
    missing = upload(client, "name\nOnly a name\n")
    assert missing.status_code == 400 and "registration_number" in missing.content.decode()


def test_import_needs_the_permission(client, people):
    client.force_login(people["labour_bg"])
    assert client.get(reverse(IMPORT_URL)).status_code == 403
    assert upload(client, HEADER + "BG-5001,X,,IQ-BG,C,1\n").status_code == 403
    assert not Establishment.objects.filter(registration_number="BG-5001").exists()


def test_export_neutralises_formulas_and_keeps_to_the_scope(client, clerk, factory, basra):
    Establishment.objects.create(
        name='=HYPERLINK("http://evil.example","click")',
        name_en="+cmd|' /C calc'!A0",
        address="@SUM(1+1)",
        district="\tTabbed",
        phone="-2+3",
        registration_number="BG-6001",
        governorate=factory.governorate,
    )
    Establishment.objects.create(name="Basra Port", registration_number="BA-6002", governorate=basra)
    client.force_login(clerk)
    response = client.get(reverse("registry_establishment_export"), {"format": "csv"})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = {row["registration_number"]: row for row in rows}
    assert "BA-6002" not in names, "another governorate's establishment is not exported"
    evil = names["BG-6001"]
    for column in ("name", "name_en", "address", "district", "phone"):
        assert evil[column].startswith("'"), column
    assert names["BG-1001"]["name"] == "Tigris Textiles"

    xlsx = client.get(reverse("registry_establishment_export"), {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in values)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row), "no formula cells"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Tigris", "Tigris"),
        (12, 12),
        (None, None),
    ],
)
def test_neutralise_formula(value, expected):
    assert neutralise_formula(value) == expected


def test_a_row_that_became_invalid_at_confirmation_imports_nothing(client, clerk):
    from registry.models import EconomicActivity

    client.force_login(clerk)
    text = HEADER + "BG-7001,Fine Row,,IQ-BG,,5\nBG-7002,Coded Row,,IQ-BG,C,5\n"
    html = upload(client, text).content.decode()
    token = html.split('name="token" value="')[1].split('"')[0]
    EconomicActivity.objects.filter(code="C").update(code="CX")  # renamed between preview and confirm
    response = client.post(reverse(IMPORT_URL), {"confirm": "1", "token": token})
    assert response.status_code == 400
    assert not Establishment.objects.filter(registration_number__in=["BG-7001", "BG-7002"]).exists()


def test_a_double_confirmation_imports_once(client, clerk, settings, tmp_path):
    from registry.admin_views import _claim

    client.force_login(clerk)
    html = upload(client, HEADER + "BG-8001,Once Only,,IQ-BG,C,5\n").content.decode()
    token = html.split('name="token" value="')[1].split('"')[0]
    pending = {"token": token, "format": "csv"}
    first, second = _claim(pending), _claim(pending)
    assert first is not None and second is None, "only one confirmation gets the file"
    first.unlink()
    response = client.post(reverse(IMPORT_URL), {"confirm": "1", "token": token})
    assert response.status_code == 302
    assert not Establishment.objects.filter(registration_number="BG-8001").exists()


def test_export_then_import_changes_nothing(client, clerk, factory):
    factory.phone = "+9647701234567"
    factory.name_en = "=Tigris"
    factory.save()
    client.force_login(clerk)
    exported = client.get(reverse("registry_establishment_export"), {"format": "csv"}).content
    html = upload(client, exported).content.decode()
    assert "1 unchanged" in html and "0 to update" in html
    factory.refresh_from_db()
    assert factory.phone == "+9647701234567" and factory.name_en == "=Tigris"


def test_clerks_create_establishments_only_in_their_governorates(client, clerk, basra, baghdad):
    client.force_login(clerk)
    url = reverse("registry_establishment_modeladmin_create")
    form = client.get(url).content.decode()
    choices = form.split('name="governorate"')[1].split("</select>")[0]
    assert f'value="{baghdad.pk}"' in choices and f'value="{basra.pk}"' not in choices
    client.post(url, {"name": "Elsewhere", "governorate": basra.pk, "is_active": "on"})
    assert not Establishment.objects.filter(name="Elsewhere").exists()
