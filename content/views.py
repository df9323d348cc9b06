"""Portal views behind the page types: the service wizard, its confirmation, tracking, the legal library."""

from collections import OrderedDict
from datetime import timedelta

from django import forms
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cases.errors import CaseError
from cases.models import Case, CaseType, Notification
from cases.selectors import case_track
from cases.services import case_open, case_open_from_parent, case_parent_check
from cases.tracking import tracking_result
from content.models import TrackingPage
from content.tracking_steps import STEP_FIELD, tracking_step
from content.tracking_voice import SATISFACTION_FIELD, prefilled_reference, satisfaction_response, with_links
from core.localcache import remembered
from core.ratelimit import client_address, hit
from forms_builder.selectors import form_version_current
from forms_builder.wizard import FormWizardView
from registry.selectors import legal_instruments_in_force, legal_library_search

HONEYPOT = "website"
SUBMISSIONS_PER_HOUR = 20


PARENT_STEP = "earlier_case"


class ParentCaseForm(forms.Form):
    """The first step of a service whose case type needs an earlier case (an appeal needs the closed
    complaint): its reference and tracking code, checked like the tracking page (same throttles, one
    answer for "no such case" and "wrong code"), then the case type's rules (closed, within the window)."""

    reference = forms.CharField(
        label=gettext_lazy("Reference of your earlier case"),
        max_length=32,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"}),
    )
    tracking_code = forms.CharField(
        label=gettext_lazy("Its tracking code"),
        max_length=40,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, case_type=None, address="", **kwargs):
        super().__init__(*args, **kwargs)
        self.case_type, self.address, self.parent = case_type, address, None
        self.layout = [
            {
                "kind": "field",
                "key": name,
                "names": [name],
                "label": field.label,
                "required": True,
                "help": help_text,
            }
            for (name, field), help_text in zip(
                self.fields.items(),
                (
                    _("As on your acknowledgement, for example GRV-2026-000123."),
                    _("The secret code you received with the reference (16 letters and digits)."),
                ),
                strict=True,
            )
        ]

    def clean(self):
        cleaned = super().clean()
        reference = (cleaned.get("reference") or "").strip().upper()
        code = (cleaned.get("tracking_code") or "").strip()
        if not reference or not code:
            return cleaned
        case, blocked = case_track(reference=reference, code=code, address=self.address)
        if blocked:
            raise forms.ValidationError(_("Too many attempts. Please wait a few minutes and try again."))
        if case is None or not self.case_type.parent_types.filter(pk=case.case_type_id).exists():
            raise forms.ValidationError(_("No case matches this reference and tracking code."))
        try:
            case_parent_check(self.case_type, case)
        except CaseError as error:
            raise forms.ValidationError(error.message) from None
        self.parent = case
        return cleaned


def _confirmation_key(page) -> str:
    return f"ecms_confirmation_{page.pk}"


class ServiceWizard(FormWizardView):
    """The intake form of a service page's case type, step by step."""

    page = None
    template_name = "content/service_wizard.html"

    @cached_property
    def service(self) -> dict:
        """What the wizard needs of the page's case type, remembered per process for a moment (one read
        of the case type, its form's key and whether it needs an earlier case, instead of one per use)."""

        def read():
            case_type = CaseType.objects.select_related("intake_form").get(pk=self.page.case_type_id)
            return {
                "form_key": case_type.intake_form.key,
                "needs_parent": case_type.parent_types.exists(),
                "parent_reference_field": case_type.parent_reference_field,
            }

        return remembered("service_case_type", self.page.case_type_id, read)

    def get_version(self):
        return form_version_current(key=self.service["form_key"])

    def get_prefix(self, request, *args, **kwargs):
        return f"service_{self.page.pk}_v{self.version.number}"

    @property
    def needs_parent(self) -> bool:
        return self.service["needs_parent"]

    def get_form_list(self):
        steps = super().get_form_list()
        if self.needs_parent:
            steps = OrderedDict([(PARENT_STEP, ParentCaseForm), *steps.items()])
            self._resolved_form_list = steps
        return steps.copy()

    def get_form(self, step=None, data=None, files=None, rows=None):
        step = step or self.steps.current
        if step == PARENT_STEP:
            carried = prefilled_reference(self.request) if self.request.method == "GET" else ""
            return ParentCaseForm(
                data=data,
                initial={"reference": carried} if carried else None,
                prefix=self.get_form_prefix(step),
                case_type=self.page.case_type,
                address=client_address(self.request),
            )
        return super().get_form(step, data=data, files=files, rows=rows)

    def get_form_initial(self, step):
        """The verified earlier reference fills the form's own field for it (``parent_reference_field``)."""
        initial = super().get_form_initial(step)
        parent_field = self.service["parent_reference_field"] if self.needs_parent else ""
        if step != PARENT_STEP and parent_field and parent_field in self._step_field_keys(step):
            stored = self.storage.get_step_data(PARENT_STEP)
            if stored:
                initial[parent_field] = (stored.get(f"{PARENT_STEP}-reference") or "").strip().upper()
        return initial

    def _step_field_keys(self, step):
        return list(self.version.spec.step_field_keys(step))

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        context.update(page=self.page, self=self.page, honeypot_name=HONEYPOT)
        if self.needs_parent:
            context["step_list"] = [
                {"key": PARENT_STEP, "title": _("Your earlier case")},
                *context["step_list"],
            ]
            if self.steps.current == PARENT_STEP:
                context["current_step_title"] = _("Your earlier case")
        return context

    def post(self, *args, **kwargs):
        if self.request.POST.get(HONEYPOT):
            return self._refused(_("Your submission could not be accepted."), status=400)
        return super().post(*args, **kwargs)

    def _open(self, answers, files):
        if not self.needs_parent:
            return case_open(
                case_type=self.page.case_type,
                data=answers,
                files=files,
                language=translation.get_language(),
                channel=Case.Channel.PORTAL,
            )
        check = self.get_form(PARENT_STEP, data=self.storage.get_step_data(PARENT_STEP))
        if not check.is_valid() or check.parent is None:
            raise CaseError(_("The earlier case could not be confirmed. Please start again."))
        parent_field = self.service["parent_reference_field"]
        if parent_field:
            answers = {**answers, parent_field: check.parent.reference}
        return case_open_from_parent(
            case_type=self.page.case_type,
            parent=check.parent,
            data=answers,
            files=files,
            language=translation.get_language(),
            channel=Case.Channel.PORTAL,
        )

    def _kept(self, message: str, status: int):
        """Refused when the case would open: the review step again with the reason; the answers are kept,
        so the person can send them later without typing everything again."""
        response = self.review_again(message)
        response.status_code = status
        return response

    def _refused(self, message: str, status: int):
        return TemplateResponse(
            self.request, "content/refused.html", {"page": self.page, "message": message}, status=status
        )

    def submit(self, result, answers, files):
        # Counted and checked in one step, where the case is opened (no way round it through the steps).
        if hit("portal-submit", client_address(self.request), window=3600) > SUBMISSIONS_PER_HOUR:
            message = _("Too many submissions from this connection. Please try again later.")
            return self._kept(message, status=429)
        try:
            opened = self._open(answers, files)
        except CaseError as error:
            return self._kept(error.message, status=400)
        case = opened.case
        self.request.session[_confirmation_key(self.page)] = {
            "reference": case.reference,
            "code": opened.tracking_code,
            "ack_hours": round((case.due_at - case.opened_at).total_seconds() / 3600)
            if case.due_at
            else None,
            "sent_by": sorted(
                set(
                    case.notifications.filter(recipient_user__isnull=True)
                    .exclude(status=Notification.Status.NO_CONTACT)
                    .values_list("channel", flat=True)
                )
            ),
            "until": (timezone.now() + CONFIRMATION_KEPT_FOR).isoformat(),
        }
        self.request.session.pop(f"wizard_started_{self.page.pk}", None)
        return HttpResponseRedirect(f"{self.page.url}?done=1")


CONFIRMATION_KEPT_FOR = timedelta(minutes=15)


def acknowledgement_text(hours) -> str:
    """ "We aim to look at it within 3 days." from the case's first deadline, in hours."""
    if not hours:
        return ""
    if hours >= 48:
        days = round(hours / 24)
        return ngettext(
            "We aim to look at it within %(n)d day.", "We aim to look at it within %(n)d days.", days
        ) % {"n": days}
    return ngettext(
        "We aim to look at it within %(n)d hour.", "We aim to look at it within %(n)d hours.", hours
    ) % {"n": hours}


def confirmation_response(request, page):
    """The reference and tracking code: in this browser's session for a few minutes (a reload or the
    print dialog does not lose them), then gone; afterwards the reader is sent back to the service page."""
    key = _confirmation_key(page)
    shown = request.session.get(key)
    expired = not shown or not shown.get("until") or shown["until"] < timezone.now().isoformat()
    if expired:
        request.session.pop(key, None)
        return HttpResponseRedirect(page.url)
    tracking = TrackingPage.objects.live().filter(locale=page.locale).first()
    response = TemplateResponse(
        request,
        "content/confirmation.html",
        {
            "page": page,
            "self": page,
            "reference": shown["reference"],
            "code": shown["code"],
            "tracking_page": tracking,
            "ack_text": acknowledgement_text(shown.get("ack_hours")),
            "sent_by": [{"email": _("e-mail"), "sms": _("SMS")}.get(c, c) for c in shown.get("sent_by", [])],
        },
    )
    response["Cache-Control"] = "no-store"
    return response


def tracking_response(request, page):
    if request.method == "POST" and SATISFACTION_FIELD in request.POST:
        return satisfaction_response(request, page)
    context = {"page": page, "self": page, "result": None, "not_found": False, "blocked": False}
    status = 200
    if request.method == "POST":
        reference = (request.POST.get("reference") or "").strip().upper()[:32]
        code = (request.POST.get("tracking_code") or "").strip()[:40]
        context.update(reference=reference)
        if not reference or not code:
            context["missing"] = True
            status = 400
        elif request.POST.get(STEP_FIELD):
            shown, status = tracking_step(request, reference, code)
            context.update(shown)
        else:
            case, blocked = case_track(reference=reference, code=code, address=client_address(request))
            if blocked:
                context["blocked"], status = True, 429
            elif case is None:
                context["not_found"], status = True, 404
            else:
                result = tracking_result(case=case, language=translation.get_language())
                context.update(result=with_links(result, page), tracking_code=code)
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    response["Cache-Control"] = "no-store"
    return response


def legal_library_context(request) -> dict:
    selected = request.GET.get("instrument") or ""
    query = (request.GET.get("q") or "").strip()[:100]
    return {
        "instruments": legal_instruments_in_force(),
        "provisions": legal_library_search(query=query, instrument=selected),
        "selected_instrument": selected,
        "query": query,
        "searched": bool(selected or query),
    }
