"""Emergency access to sensitive cases (break-glass) and the access log, for superusers."""

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.access import BreakGlassRefused, break_glass_active, break_glass_hours, break_glass_open
from accounts.backends import account_unlock
from accounts.models import AccessEvent, User
from core.views import AdminPageMixin


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need to see the sensitive cases?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=20,
        max_length=2000,
        help_text=_("Kept in the access log; the holders of the restricted roles are told at once."),
    )


class BreakGlassView(AdminPageMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "accounts/break_glass.html"
    form_class = BreakGlassForm
    page_title = _("Emergency access to sensitive cases")
    header_icon = "warning"

    def may_view(self, user) -> bool:
        return user.is_active and user.is_superuser

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            hours=break_glass_hours(),
            active=break_glass_active(user=self.request.user),
            events=AccessEvent.objects.select_related("actor", "subject").order_by("-sequence")[:100],
        )
        return context

    def form_valid(self, form):
        try:
            break_glass_open(actor=self.request.user, reason=form.cleaned_data["reason"])
        except BreakGlassRefused as refused:
            form.add_error("reason", refused.message)
            return self.form_invalid(form)
        messages.warning(
            self.request,
            _("You may see the sensitive cases for %(hours)s hours. This is logged.")
            % {"hours": break_glass_hours()},
        )
        return HttpResponseRedirect(reverse("accounts_break_glass"))


def may_unlock(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm("accounts.change_user"))


class LockedAccountsView(AdminPageMixin, WagtailAdminTemplateMixin, TemplateView):
    """Accounts locked after too many wrong passwords; an administrator lifts the lock (logged)."""

    template_name = "accounts/locked_accounts.html"
    page_title = _("Locked accounts")
    header_icon = "lock"

    def may_view(self, user) -> bool:
        return may_unlock(user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["users"] = User.objects.filter(locked_at__isnull=False).order_by("-locked_at")
        return context

    def post(self, request, *args, **kwargs):
        user = User.objects.filter(pk=request.POST.get("user")).first()
        if user is not None and account_unlock(user=user, actor=request.user):
            messages.success(request, _("%(user)s may log in again.") % {"user": user.get_username()})
        return HttpResponseRedirect(reverse("accounts_locked"))
