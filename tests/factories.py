"""factory_boy factories for the engine's tests: staff with a role and a governorate scope, registry
entries, roles, and cases opened through the real services (so a case has its reference, first event
and due time exactly as the engine makes them). Shared answers and file contents live here too, so no
test imports them from another test module.

The factories link to reference data and roles; load them first (the ``reference_data`` and ``roles``
fixtures, or ``case_config`` for the test case types).
"""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from factory.django import DjangoModelFactory
from wagtail.users.models import UserProfile

from accounts.models import Role
from cases.models import Attachment, Case, CaseType, Violation
from cases.services import case_open
from registry.models import Establishment, Governorate

# --- shared data ---------------------------------------------------------------------------------------

# The answers of the test intake form (tests/cases/configs/forms/intake.yaml): a Baghdad report.
INTAKE = {
    "governorate": "IQ-BG",
    "employer": {"name": "Tigris Bricks", "address": "Nahrawan"},
    "reporter_name": "Hussein Ali",
    "phone": "07701234567",
    "severity": "high",
    "summary": "Workers have no contracts and work seven days a week.",
}

# The test checklist (tests/cases/configs/forms/checklist.yaml): two items not complied with, one complied.
CHECKLIST = {
    "written_contracts": {"answer": "non_compliant", "note": "None of 40 workers has a contract"},
    "records_kept": {"answer": "non_compliant"},
    "weekly_rest": {"answer": "compliant"},
}

# The smallest files the upload checks recognise by their content.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# --- people --------------------------------------------------------------------------------------------


class GovernorateFactory(DjangoModelFactory):
    """A governorate; the reference data's row when the code is one of Iraq's."""

    class Meta:
        model = Governorate
        django_get_or_create = ("code",)

    code = "IQ-BG"
    name = factory.LazyAttribute(lambda g: {"ar": g.code, "en": g.code})


class RoleFactory(DjangoModelFactory):
    """A role and its group, with the given permissions ("app_label.codename")."""

    class Meta:
        model = Role
        django_get_or_create = ("key",)
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"test_role_{n}")
    name = factory.LazyAttribute(lambda r: {"ar": r.key, "en": r.key})
    group = factory.LazyAttribute(lambda r: Group.objects.get_or_create(name=f"role:{r.key}")[0])

    @factory.post_generation
    def permissions(self, create, extracted, **kwargs):
        for dotted in extracted or ():
            app_label, codename = dotted.split(".")
            self.group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


class UserFactory(DjangoModelFactory):
    """An active staff member: ``UserFactory(roles=["supervisor"], governorates=["IQ-BG"])``.

    No governorates means national scope. The roles must exist (loaded from configs/roles.yaml or made
    with RoleFactory): a misspelt key fails here rather than making a user who silently sees nothing.
    """

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    preferred_language = "ar"
    password = factory.django.Password("a-long-test-password")
    is_active = True

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        keys = set(extracted or ())
        groups = list(Group.objects.filter(role__key__in=keys))
        found = {group.role.key for group in groups}
        if found != keys:
            raise ValueError(f"no such roles: {sorted(keys - found)}")
        self.groups.set(groups)

    @factory.post_generation
    def governorates(self, create, extracted, **kwargs):
        codes = set(extracted or ())
        governorates = list(Governorate.objects.filter(code__in=codes))
        if len(governorates) != len(codes):
            raise ValueError(f"unknown governorates among {sorted(codes)}")
        self.governorates.set(governorates)


# --- registry and cases --------------------------------------------------------------------------------


class EstablishmentFactory(DjangoModelFactory):
    class Meta:
        model = Establishment

    name = factory.Sequence(lambda n: f"Workshop {n}")
    governorate = factory.SubFactory(GovernorateFactory)
    registration_number = factory.Sequence(lambda n: f"REG-{n:05d}")
    is_active = True


class CaseFactory(factory.Factory):
    """A case opened through ``case_open`` with the test intake: ``CaseFactory(data__governorate="IQ-BA")``,
    ``CaseFactory(case_type="test_followup", actor=clerk)``. Building without saving is not offered."""

    class Meta:
        model = Case

    case_type = "test_case"
    data = factory.Dict(INTAKE)
    language = "ar"
    actor = None
    channel = Case.Channel.PORTAL
    parent = None

    @classmethod
    def _create(cls, model_class, *, case_type, **kwargs):
        if isinstance(case_type, str):
            case_type = CaseType.objects.get(key=case_type)
        return case_open(case_type=case_type, files={}, **kwargs).case

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("cases exist only as the engine opens them: use CaseFactory()")


class ViolationFactory(DjangoModelFactory):
    """An open violation recorded on ``case`` (as a visit's checklist would record it)."""

    class Meta:
        model = Violation

    case = factory.SubFactory(CaseFactory)
    item_key = "written_contracts"
    description = factory.LazyFunction(lambda: {"ar": "عقود مكتوبة", "en": "Written contracts"})
    severity = Violation.Severity.HIGH


class AttachmentFactory(DjangoModelFactory):
    """A file on a case; ``confidential=True`` for one uploaded through a confidential field."""

    class Meta:
        model = Attachment

    case = factory.SubFactory(CaseFactory)
    field = "evidence"
    file = factory.django.FileField(filename="evidence.pdf", data=PDF)
    original_name = "evidence.pdf"
    content_type = "application/pdf"
    size = len(PDF)
    sha256 = "0" * 64
    confidential = False


def in_english(user):
    """The admin speaks the language of the user's Wagtail profile: make it English."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user
