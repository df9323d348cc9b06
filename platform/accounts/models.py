from django.conf import settings
from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import TranslatedTextField
from core.i18n import localize
from core.models import ImmutableModel

_NATIONAL = "national"  # cached scope of a user with no governorates (None means "not read yet")


class User(AbstractUser):
    """A staff member or administrator. No governorates means national scope."""

    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Language of notifications and of the staff screens."),
    )
    governorates = models.ManyToManyField(
        "registry.Governorate",
        blank=True,
        related_name="users",
        verbose_name=_("governorates"),
        help_text=_("Governorates this user works in. Leave empty for national scope."),
    )
    locked_at = models.DateTimeField(
        _("locked since"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set after too many wrong passwords; an administrator lifts it."),
    )
    display_name = TranslatedTextField(
        _("name as printed on documents"),
        max_length=150,
        blank=True,
        help_text=_(
            "The name in each language, as notices and staff screens show it. Left empty in a language, "
            "the other language is used, then the first and last name."
        ),
    )
    position = TranslatedTextField(
        _("official position"),
        max_length=255,
        blank=True,
        help_text=_("Printed under the name on notices, e.g. Head of the Baghdad labour inspection office."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def name_in(self, language: str | None = None) -> str:
        """The user's name in ``language`` (default: the active one): the display name in that language,
        else in the other language, else the first and last name, else the username."""
        return localize(self.display_name, language) or self.get_full_name() or self.get_username()

    def position_in(self, language: str | None = None) -> str:
        """The official position in ``language``, else in the other language; empty when not set."""
        return localize(self.position, language)

    def governorate_ids(self) -> frozenset[int] | None:
        """The governorates this user is limited to, or None for national scope (a superuser, or no
        governorates set); an inactive user has an empty scope. Read once per user object (per request)."""
        if not self.is_active:
            return frozenset()
        if self.is_superuser:
            return None
        scope = getattr(self, "_ecms_scope", None)
        if scope is None:
            scope = frozenset(self.governorates.values_list("pk", flat=True)) or _NATIONAL
            self._ecms_scope = scope
        return None if scope is _NATIONAL else scope


class Role(models.Model):
    """A named role, seeded from configs/roles.yaml; its permissions live on the linked group."""

    key = models.SlugField(_("key"), max_length=64, unique=True)
    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="role", verbose_name=_("group")
    )
    name = TranslatedTextField(_("name"), max_length=255)
    description = TranslatedTextField(_("description"), multiline=True, blank=True)
    restricted = models.BooleanField(
        _("restricted"),
        default=False,
        help_text=_("Grants access to sensitive matters; give it to as few people as possible."),
    )
    grantor_roles = models.CharField(
        _("roles that may give this role"),
        max_length=300,
        blank=True,
        help_text=_(
            "For a restricted role: role keys, separated by commas, whose holders may give or take it "
            "(superusers always may). Nobody may give it to themselves."
        ),
    )

    class Meta:
        ordering = ["key"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return localize(self.name) or self.key

    @property
    def grantor_role_keys(self) -> list[str]:
        return [k.strip() for k in self.grantor_roles.split(",") if k.strip()]


class AccessEvent(ImmutableModel):
    """The user-management log: who gave or took which role, superuser status, lockouts, break-glass.
    Append-only and hash-chained (each hash covers the previous one), like the case timelines."""

    class Kind(models.TextChoices):
        ROLE_GRANTED = "role_granted", _("Role given")
        ROLE_REMOVED = "role_removed", _("Role taken away")
        SUPERUSER_GRANTED = "superuser_granted", _("Made superuser")
        SUPERUSER_REMOVED = "superuser_removed", _("Superuser status taken away")
        ACCOUNT_LOCKED = "account_locked", _("Account locked after failed logins")
        ACCOUNT_UNLOCKED = "account_unlocked", _("Account lock lifted")
        BREAK_GLASS = "break_glass", _("Sensitive cases opened in an emergency")
        CONFIGURATION = "configuration", _("Configuration changed")

    sequence = models.PositiveIntegerField(unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    subject = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="access_events",
        verbose_name=_("user concerned"),
    )
    data = models.JSONField(_("details"), default=dict)
    created_at = models.DateTimeField(_("when"))
    expires_at = models.DateTimeField(_("until"), null=True, blank=True)
    previous_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)

    change_refused_message = _("Access events cannot be changed.")
    delete_refused_message = _("Access events cannot be deleted.")

    class Meta:
        ordering = ["sequence"]
        verbose_name = _("access event")
        verbose_name_plural = _("access events")

    def __str__(self) -> str:
        return f"#{self.sequence} {self.kind}"
