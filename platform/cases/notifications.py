"""Notifications to reporters and staff: written in the recipient's language, sent by a background job."""

import logging
import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.utils import DNS_NAME
from django.utils import timezone
from django.utils.module_loading import import_string

from cases.confidential import confidential_values
from cases.models import Case, Notification
from cases.secrets_ import decrypt_json, encrypt_json
from core import jobs
from core.i18n import localize

logger = logging.getLogger(__name__)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _fill(template: str, case: Case, language: str) -> str:
    state = case.case_type.workflow.state(case.state)
    values = {
        "reference": case.reference,
        "state": localize(state.public_label, language) if state else case.state,
    }
    return re.sub(r"\{(reference|state)\}", lambda m: values[m.group(1)], template)


def reporter_contact(case: Case) -> dict:
    """The reporter's e-mail and phone, from the case data or its encrypted confidential part."""
    values = {**(case.data or {}), **confidential_values(case)}
    contact = {}
    for key in case.case_type.contact_field_keys:
        value = str(values.get(key) or "").strip()
        if EMAIL.match(value):
            contact.setdefault("email", value)
        elif value:
            contact.setdefault("phone", value)
    return contact


def notify_reporter(*, case: Case, subject: dict, message: dict, sealed: dict | None = None) -> Notification:
    """Queue a message to the person who reported, in their language (after the transaction commits).

    ``sealed`` values (a tracking code) fill ``{name}`` placeholders only when the message is sent: they
    are kept encrypted until then and erased once sent, never stored in the message's text."""
    language = case.reporter_language
    contact = reporter_contact(case)
    channel = "email" if "email" in contact else ("sms" if "phone" in contact else "none")
    notification = Notification.objects.create(
        case=case,
        channel=channel,
        language=language,
        subject=_fill(localize(subject, language) or case.reference, case, language)[:300],
        body=_fill(localize(message, language), case, language),
        status=Notification.Status.PENDING if channel != "none" else Notification.Status.NO_CONTACT,
        sealed=encrypt_json(sealed) if sealed and channel != "none" else None,
    )
    if channel != "none":
        jobs.enqueue(send_notification, notification_id=notification.pk)
    return notification


def notify_user(*, case: Case, user, subject: dict, message: dict) -> Notification:
    language = getattr(user, "preferred_language", settings.LANGUAGE_CODE)
    notification = Notification.objects.create(
        case=case,
        recipient_user=user,
        channel="email",
        language=language,
        subject=_fill(localize(subject, language), case, language)[:300],
        body=_fill(localize(message, language), case, language),
    )
    jobs.enqueue(send_notification, notification_id=notification.pk)
    return notification


@jobs.external_effect
def send_notification(*, notification_id: int) -> None:
    """Job: send one notification, at most once. The message is claimed (committed as "sending") before it
    goes out, so a second delivery of the job — after a worker was killed mid-send — never sends it again;
    the provider also gets the notification's idempotency key. A failure to send puts it back for a retry."""
    claimed = Notification.objects.filter(pk=notification_id, status=Notification.Status.PENDING).update(
        status=Notification.Status.SENDING
    )
    if not claimed:
        return  # sent, being sent, or nothing to send
    notification = Notification.objects.select_related("case__case_type__workflow", "recipient_user").get(
        pk=notification_id
    )
    try:
        _deliver(notification)
    except Exception:
        Notification.objects.filter(pk=notification.pk).update(status=Notification.Status.PENDING)
        raise
    notification.status = Notification.Status.SENT
    notification.sent_at = timezone.now()
    notification.sealed = None  # the secret went out once; it is not kept
    notification.save(update_fields=["status", "sent_at", "sealed"])


def _deliver(notification: Notification) -> None:
    body = _unseal(notification)
    key = f"ecms-notification-{notification.pk}"
    if notification.recipient_user_id:
        address = notification.recipient_user.email
        if address:
            _email(notification.subject, body, address, key)
            logger.info("E-mail to %s: notification %s", mask_email(address), notification.pk)
        return
    contact = reporter_contact(notification.case)
    if notification.channel == "email":
        _email(notification.subject, body, contact["email"], key)
        logger.info("E-mail to %s: notification %s", mask_email(contact["email"]), notification.pk)
    else:
        sms_backend = import_string(settings.ECMS_SMS_BACKEND)
        sms_backend(contact["phone"], f"{notification.subject}\n{body}", idempotency_key=key)


def _email(subject: str, body: str, address: str, key: str) -> None:
    """One e-mail whose Message-ID is derived from the notification: a relay that sees it twice can drop
    the copy."""
    message = EmailMessage(subject, body, to=[address], headers={"Message-ID": f"<{key}@{DNS_NAME}>"})
    message.send()


def _unseal(notification: Notification) -> str:
    """The body with its sealed values filled in (only in the message that goes out)."""
    if not notification.sealed:
        return notification.body
    values = decrypt_json(bytes(notification.sealed))
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), notification.body)


def mask_email(address: str) -> str:
    """ "hassan@example.org" -> "h…@example.org": enough to tell messages apart in a log, not to write."""
    local, _at, domain = str(address).partition("@")
    return f"{local[:1]}…@{domain}" if domain else "…"


def log_sms(phone: str, text: str, idempotency_key: str = "") -> None:
    """The default SMS backend: logs (set ECMS_SMS_BACKEND to a gateway's sender in production; it is
    called with the phone number, the text and an idempotency key to pass to the gateway)."""
    logger.info("SMS to %s…%s: %d characters", phone[:4], phone[-2:], len(text))
