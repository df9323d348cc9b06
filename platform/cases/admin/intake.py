"""Staff intake in the admin: "New case" lists the case types the user may open, then runs the type's
intake form as the same wizard the portal uses, after a first step asking how the case reached the
ministry. The governorate offered is limited to the user's scope; an establishment can be chosen in the
registry (typeahead) or pre-filled from its page. The services decide (``case_open_by_staff``)."""

from collections import OrderedDict
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.selectors import user_governorate_ids
from cases import services
from cases.admin.common import StaffMixin
from cases.admin.forms import ChannelForm
from cases.errors import CaseError
from cases.models import Case, CaseType, Notification
from cases.selectors import case_type_may_open, case_types_openable_by, case_visible
from core.i18n import localize
from core.views import AdminPageMixin
from forms_builder.selectors import form_version_current
from forms_builder.wizard import FormWizardView, ReviewForm
from registry.models import Governorate
from registry.selectors import establishments_in_scope

CHANNEL_STEP = "channel"
DONE_KEY = "ecms_intake_done"


def new_case_url(case_type: CaseType, establishment=None) -> str:
    url = reverse("ecms_cases:new_case", args=[case_type.key])
    return f"{url}?{urlencode({'establishment': establishment.pk})}" if establishment else url


class IntakePageMixin(AdminPageMixin, WagtailAdminTemplateMixin):
    header_icon = "plus"


class NewCaseChooserView(StaffMixin, IntakePageMixin, TemplateView):
    template_name = "cases/staff/new_case.html"
    page_title = gettext_lazy("New case")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = translation.get_language()
        context["case_types"] = [
            {
                "name": localize(case_type.name, language),
                "description": localize(case_type.description, language),
                "url": new_case_url(case_type),
                "channels": [dict(Case.Channel.choices)[c] for c in case_type.intake_channel_keys],
            }
            for case_type in case_types_openable_by(user=self.request.user)
        ]
        return context


class NewCaseView(StaffMixin, View):
    """The intake wizard of one case type, for someone allowed to open it (403 otherwise)."""

    def dispatch_allowed(self, request, *args, **kwargs):
        case_type = (
            CaseType.objects.select_related("intake_form", "workflow").filter(key=kwargs["key"]).first()
        )
        if case_type is None:
            raise Http404(_("No such case type."))
        if not case_type_may_open(user=request.user, case_type=case_type):
            raise PermissionDenied
        return StaffIntakeWizard.as_view(case_type=case_type)(request, *args, **kwargs)


class StaffIntakeWizard(FormWizardView):
    template_name = "cases/staff/intake_wizard.html"
    case_type = None

    def get_version(self):
        return form_version_current(key=self.case_type.intake_form.key)

    def get_prefix(self, request, *args, **kwargs):
        return f"intake_{self.case_type.pk}_v{self.version.number}"

    def get_form_list(self):
        steps = OrderedDict([(CHANNEL_STEP, ChannelForm), *super().get_form_list().items()])
        self._resolved_form_list = steps
        return steps.copy()

    def get(self, request, *args, **kwargs):
        if request.GET.get("establishment"):
            self.storage.reset()
            self.storage.extra_data = {"establishment": str(request.GET["establishment"])[:12]}
            self.storage.current_step = CHANNEL_STEP
        return super().get(request, *args, **kwargs)

    def get_form(self, step=None, data=None, files=None, rows=None):
        step = step or self.steps.current
        if step == CHANNEL_STEP:
            return ChannelForm(
                data=data, prefix=self.get_form_prefix(step), channels=self.case_type.intake_channel_keys
            )
        form = super().get_form(step, data=data, files=files, rows=rows)
        governorate_field = self.case_type.governorate_field
        if not isinstance(form, ReviewForm) and governorate_field in form.fields:
            allowed = self._governorate_codes()
            if allowed is not None:
                field = form.fields[governorate_field]
                field.choices = [
                    (code, label) for code, label in field.choices if code in allowed or not code
                ]
        return form

    def _governorate_codes(self) -> set[str] | None:
        scope = user_governorate_ids(user=self.request.user)
        if scope is None:
            return None
        return set(Governorate.objects.filter(pk__in=scope).values_list("code", flat=True))

    def get_form_initial(self, step):
        """From an establishment's page: the establishment and its governorate are filled in."""
        initial = super().get_form_initial(step)
        wanted = (self.storage.extra_data or {}).get("establishment")
        field = self.case_type.establishment_field
        if not wanted or not field or not str(wanted).isdigit():
            return initial
        establishment = (
            establishments_in_scope(governorate_ids=user_governorate_ids(user=self.request.user))
            .select_related("governorate")
            .filter(pk=int(wanted), is_active=True)
            .first()
        )
        keys = self.version.spec.step_field_keys(step)
        if establishment is not None and field in keys:
            initial[f"{field}__id"] = str(establishment.pk)
            initial[f"{field}__name"] = establishment.name
            initial[f"{field}__address"] = establishment.address
        if establishment is not None and self.case_type.governorate_field in keys:
            initial[self.case_type.governorate_field] = establishment.governorate.code
        return initial

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        title = localize(self.case_type.name)
        context.update(
            case_type=self.case_type,
            page_title=title,
            case_type_name=title,
            step_list=[{"key": CHANNEL_STEP, "title": _("How it reached us")}, *context["step_list"]],
        )
        if self.steps.current == CHANNEL_STEP:
            context["current_step_title"] = _("How it reached us")
        return context

    def submit(self, result, answers, files):
        channel_form = self.get_form(CHANNEL_STEP, data=self.storage.get_step_data(CHANNEL_STEP))
        if not channel_form.is_valid():
            return self.review_again(_("Choose how the case reached us (first step)."))
        try:
            opened = services.case_open_by_staff(
                case_type=self.case_type,
                actor=self.request.user,
                channel=channel_form.cleaned_data["channel"],
                data=answers,
                files=files,
                language=translation.get_language(),
            )
        except CaseError as error:
            details = [item["message"] for item in error.errors or [] if item.get("message") != error.message]
            return self.review_again(" ".join([error.message, *details]))
        sent = opened.case.notifications.filter(recipient_user__isnull=True).exclude(
            status=Notification.Status.NO_CONTACT
        )
        self.request.session[DONE_KEY] = {
            "reference": opened.case.reference,
            "code": opened.tracking_code,
            "case_type": self.case_type.pk,
            "sent_by": sorted(set(sent.values_list("channel", flat=True))),
        }
        return HttpResponseRedirect(reverse("ecms_cases:new_case_done"))


class NewCaseDoneView(StaffMixin, IntakePageMixin, TemplateView):
    """The new case's reference and, for a case with one, its tracking code: shown once, to hand over."""

    template_name = "cases/staff/new_case_done.html"
    page_title = gettext_lazy("Case opened")

    def get(self, request, *args, **kwargs):
        self.done = request.session.pop(DONE_KEY, None)
        if not self.done:
            return HttpResponseRedirect(reverse("ecms_cases:new_case_chooser"))
        response = super().get(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = Case.objects.filter(reference=self.done["reference"]).first()
        labels = {"email": _("e-mail"), "sms": _("SMS")}
        context.update(
            reference=self.done["reference"],
            code=self.done["code"],
            sent_by=[labels.get(c, c) for c in self.done["sent_by"]],
            case_url=reverse("ecms_cases:detail", args=[case.reference])
            if case is not None and case_visible(case=case, user=self.request.user)
            else "",
        )
        return context


def establishment_new_case_links(request, establishment) -> list[dict]:
    """Buttons for an establishment's page: open a case there of each type the user may open that names
    an establishment (a supervisor plans a visit there)."""
    return [
        {"label": localize(case_type.name), "url": new_case_url(case_type, establishment)}
        for case_type in case_types_openable_by(user=request.user)
        if case_type.establishment_field and Case.Channel.STAFF in case_type.intake_channel_keys
    ]
