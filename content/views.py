"""Portal views behind the page types: the service wizard, its confirmation, tracking, the legal library."""

from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _

from cases.errors import CaseError
from cases.models import Case
from cases.selectors import case_track, public_timeline, state_labels
from cases.services import case_open
from ecms.ratelimit import client_address, hit
from forms_builder.selectors import form_version_current
from forms_builder.wizard import FormWizardView
from registry.models import LegalInstrument, LegalProvision

HONEYPOT = "website"
SUBMISSIONS_PER_HOUR = 20


def _confirmation_key(page) -> str:
    return f"ecms_confirmation_{page.pk}"


class ServiceWizard(FormWizardView):
    """The intake form of a service page's case type, step by step."""

    page = None
    template_name = "content/service_wizard.html"

    def get_version(self):
        return form_version_current(key=self.page.case_type.intake_form.key)

    def get_prefix(self, request, *args, **kwargs):
        return f"service_{self.page.pk}_v{self.version.number}"

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        context.update(page=self.page, self=self.page, honeypot_name=HONEYPOT)
        return context

    def post(self, *args, **kwargs):
        if self.request.POST.get(HONEYPOT):
            return self._refused(_("Your submission could not be accepted."), status=400)
        return super().post(*args, **kwargs)

    def _refused(self, message: str, status: int):
        return TemplateResponse(
            self.request, "content/refused.html", {"page": self.page, "message": message}, status=status
        )

    def submit(self, result, answers, files):
        # Counted and checked in one step, where the case is opened (no way round it through the steps).
        if hit("portal-submit", client_address(self.request), window=3600) > SUBMISSIONS_PER_HOUR:
            return self._refused(_("Too many submissions from this connection. Please try again later."), 429)
        try:
            opened = case_open(
                case_type=self.page.case_type,
                data=answers,
                files=files,
                language=translation.get_language(),
                channel=Case.Channel.PORTAL,
            )
        except CaseError as error:
            return self._refused(error.message, status=400)
        self.request.session[_confirmation_key(self.page)] = {
            "reference": opened.case.reference,
            "code": opened.tracking_code,
        }
        self.request.session.pop(f"wizard_started_{self.page.pk}", None)
        return HttpResponseRedirect(f"{self.page.url}?done=1")


def confirmation_response(request, page):
    """The reference and tracking code, shown once: a reload sends the reader back to the service page."""
    shown = request.session.pop(_confirmation_key(page), None)
    if not shown:
        return HttpResponseRedirect(page.url)
    from content.models import TrackingPage

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
        },
    )
    response["Cache-Control"] = "no-store"
    return response


def tracking_response(request, page):
    context = {"page": page, "self": page, "result": None, "not_found": False, "blocked": False}
    status = 200
    if request.method == "POST":
        reference = (request.POST.get("reference") or "").strip().upper()[:32]
        code = (request.POST.get("tracking_code") or "").strip()[:40]
        context.update(reference=reference)
        if not reference or not code:
            context["missing"] = True
            status = 400
        else:
            case, blocked = case_track(reference=reference, code=code, address=client_address(request))
            if blocked:
                context["blocked"], status = True, 429
            elif case is None:
                context["not_found"], status = True, 404
            else:
                language = translation.get_language()
                labels = state_labels(
                    workflow_ids=[case.case_type.workflow_id], language=language, public=True
                )
                context["result"] = {
                    "reference": case.reference,
                    "case_type": case.case_type,
                    "state_label": labels.get((case.case_type.workflow_id, case.state), ""),
                    "closed": case.closed_at is not None,
                    "opened_at": case.opened_at,
                    "timeline": public_timeline(case, language),
                }
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    response["Cache-Control"] = "no-store"
    return response


def legal_library_context(request) -> dict:
    instruments = LegalInstrument.objects.filter(is_active=True).order_by("kind", "key")
    provisions = LegalProvision.objects.filter(is_active=True).select_related("instrument")
    selected = request.GET.get("instrument") or ""
    query = (request.GET.get("q") or "").strip()[:100]
    if selected:
        provisions = provisions.filter(instrument__key=selected)
    if query:
        provisions = provisions.filter(
            Q(title__icontains=query) | Q(article__icontains=query) | Q(instrument__title__icontains=query)
        )
    return {
        "instruments": instruments,
        "provisions": provisions[:300],
        "selected_instrument": selected,
        "query": query,
        "searched": bool(selected or query),
    }
