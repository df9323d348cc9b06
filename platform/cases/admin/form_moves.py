"""Move the open cases of a form to the version published now: check first, then move, with a report per case
(the rules are in ``cases.services.form_moves``). For those who may publish forms."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cases.errors import CaseError
from cases.services.form_moves import form_cases_move, renames_parse
from forms_builder.models import FormDefinition
from forms_builder.selectors import form_version_current

MOVE_PERMISSION = "forms_builder.publish_formdefinition"


class FormMoveForm(forms.Form):
    renames = forms.CharField(
        label=gettext_lazy("Renamed fields"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
        help_text=gettext_lazy(
            "One per line, old_key = new_key, for answers whose field has a new key in the new version."
        ),
    )


class FormMoveView(WagtailAdminTemplateMixin, FormView):
    template_name = "cases/staff/form_move.html"
    form_class = FormMoveForm
    header_icon = "form"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(MOVE_PERMISSION):
            raise PermissionDenied
        self.definition = FormDefinition.objects.filter(key=kwargs["key"]).first()
        self.target = form_version_current(key=kwargs["key"]) if self.definition else None
        if self.target is None:
            raise Http404(_("This form has no published version."))
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Move open cases to version %(n)s") % {"n": self.target.number}

    def get_page_subtitle(self):
        return str(self.definition)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailsnippets_forms_builder_formdefinition:list"), "label": _("Forms")},
            {"url": "", "label": f"{self.definition} — {self.get_page_title()}"},
        ]

    def form_valid(self, form):
        apply = "move" in self.request.POST
        try:
            moves = form_cases_move(
                form_key=self.definition.key,
                renames=renames_parse(form.cleaned_data["renames"]),
                actor=self.request.user,
                language=translation.get_language(),
                apply=apply,
            )
        except CaseError as error:
            form.add_error("renames", error.message)
            return self.form_invalid(form)
        if apply:
            moved = sum(1 for move in moves if move.moved)
            summary = _("%(moved)s of %(all)s open cases moved.") % {"moved": moved, "all": len(moves)}
            messages.success(self.request, summary)
        return self.render_to_response(self.get_context_data(form=form, moves=moves, applied=apply))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        moves = context.get("moves")
        context.update(
            definition=self.definition,
            target=self.target,
            movable=sum(1 for m in moves if not m.problems and not m.moved) if moves is not None else 0,
        )
        return context
