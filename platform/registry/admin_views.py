"""Admin screens of the registries beyond wagtail-modeladmin's own: the establishment page with what other
apps add to it, and the spreadsheet import (with a dry-run preview and per-row errors) and export."""

import contextlib
import os
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail_modeladmin.views import CreateView, DeleteView, EditView, InspectView

from core.views import admin_forbidden
from registry import services
from registry.admin_panels import establishment_panels
from registry.forms import EstablishmentImportForm
from registry.models import Establishment
from registry.resources import ESTABLISHMENT_COLUMNS
from registry.selectors import governorate_ids_of, scope_by_governorate_ids

SESSION_KEY = "ecms_establishment_import"


class ScopedInstanceMixin:
    """An establishment outside the user's governorates is not found, on every instance screen."""

    def dispatch(self, request, *args, **kwargs):
        in_scope = scope_by_governorate_ids(
            Establishment.objects.filter(pk=self.instance.pk),
            governorate_ids=governorate_ids_of(user=request.user),
        )
        if not in_scope.exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class EstablishmentInspectView(ScopedInstanceMixin, InspectView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["panels"] = establishment_panels(self.request, self.instance)
        return context


class ScopedGovernorateFormMixin:
    """The governorate of an establishment can only be one of the user's (a Baghdad clerk cannot create an
    establishment in Basra, nor move one there): other choices are not offered and are refused."""

    def get_form(self):
        form = super().get_form()
        if "governorate" in form.fields:
            field = form.fields["governorate"]
            field.queryset = scope_by_governorate_ids(
                field.queryset, governorate_ids=governorate_ids_of(user=self.request.user), field="pk"
            )
        return form


class EstablishmentCreateView(ScopedGovernorateFormMixin, CreateView):
    pass


class EstablishmentEditView(ScopedInstanceMixin, ScopedGovernorateFormMixin, EditView):
    pass


class EstablishmentDeleteView(ScopedInstanceMixin, DeleteView):
    pass


PENDING_MAX_AGE_SECONDS = 6 * 3600


def _pending_dir() -> Path:
    """Where previewed files wait for confirmation; files older than a few hours are removed on the way."""
    path = Path(settings.ECMS_PENDING_UPLOADS_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    limit = time.time() - PENDING_MAX_AGE_SECONDS
    for old in path.iterdir():
        with contextlib.suppress(OSError):
            if old.stat().st_mtime < limit:
                old.unlink()
    return path


def _discard_pending(pending) -> None:
    if pending and pending.get("token"):
        (_pending_dir() / pending["token"]).unlink(missing_ok=True)


def _claim(pending) -> Path | None:
    """Take the previewed file for this import, atomically: of two confirmations (a double click) only
    one gets it; the other is told the preview has expired."""
    source = _pending_dir() / pending["token"]
    target = source.with_name(f"{pending['token']}.importing.{secrets.token_hex(4)}")
    try:
        source.rename(target)
    except FileNotFoundError:
        return None
    return target


class EstablishmentImportView(WagtailAdminTemplateMixin, TemplateView):
    """Upload → preview (a dry run: what would be created, updated, skipped; errors row by row) → confirm."""

    template_name = "registry/establishment_import.html"
    page_title = gettext_lazy("Import establishments")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (
            user.has_perm("registry.add_establishment") and user.has_perm("registry.change_establishment")
        ):
            return admin_forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", EstablishmentImportForm())
        context["columns"] = ESTABLISHMENT_COLUMNS
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("confirm"):
            return self._confirm(request)
        form = EstablishmentImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        upload, file_format = form.cleaned_data["file"], form.cleaned_data["file_format"]
        _discard_pending(request.session.pop(SESSION_KEY, None))  # a new preview replaces the last one
        if upload.size > services.IMPORT_MAX_BYTES:
            form.add_error("file", _("The file is larger than 5 MB."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        content = upload.read()
        try:
            dataset = services.establishments_read(content=content, file_format=file_format)
            result = services.establishments_import(user=request.user, dataset=dataset, dry_run=True)
        except ValueError as error:
            form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        token = ""
        if not (result.has_errors() or result.has_validation_errors()):
            token = secrets.token_urlsafe(16)
            pending_file = _pending_dir() / token
            pending_file.write_bytes(content)
            # Stamped with the same clock the clean-up reads, whatever the file system's clock says.
            os.utime(pending_file, (time.time(), time.time()))
            request.session[SESSION_KEY] = {"token": token, "format": file_format, "name": upload.name}
        return self.render_to_response(
            self.get_context_data(form=form, preview=_preview(result), token=token, file_name=upload.name)
        )

    def _confirm(self, request):
        pending = request.session.pop(SESSION_KEY, None)
        request.session.save()  # a second click must not find the token while this one imports
        claimed = _claim(pending) if pending and pending["token"] == request.POST.get("token") else None
        if claimed is None:
            _discard_pending(pending)
            messages.error(request, _("The preview has expired: upload the file again."))
            return HttpResponseRedirect(request.path)
        path = claimed
        try:
            dataset = services.establishments_read(content=path.read_bytes(), file_format=pending["format"])
            result = services.establishments_import(user=request.user, dataset=dataset, dry_run=False)
        except (OSError, ValueError) as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(request.path)
        finally:
            path.unlink(missing_ok=True)
        if result.has_errors() or result.has_validation_errors():
            messages.error(request, _("The file changed meaning since the preview; nothing was imported."))
            return self.render_to_response(self.get_context_data(preview=_preview(result)), status=400)
        totals = result.totals
        messages.success(
            request,
            _("Import done: %(new)s created, %(update)s updated, %(skip)s unchanged.")
            % {"new": totals["new"], "update": totals["update"], "skip": totals["skip"]},
        )
        return HttpResponseRedirect(request.path.rsplit("import/", 1)[0])


def _actions() -> dict:
    return {
        "new": _("Create"),
        "update": _("Update"),
        "skip": _("Unchanged"),
        "delete": _("Delete"),
        "error": _("Error"),
        "invalid": _("Error"),
    }


def _preview(result) -> dict:
    """What the preview shows: totals, the rows' actions, and every error with its line in the file (the
    header is line 1, so the first establishment is on line 2, as a spreadsheet numbers it)."""
    rows, actions = [], _actions()
    for index, row in enumerate(result.rows, start=1):
        rows.append(
            {
                "number": index + 1,
                "action": actions.get(row.import_type, row.import_type),
                "values": row.diff or [],
                "errors": [str(error.error) for error in row.errors],
                "validation": {
                    field: [str(message) for message in messages_]
                    for field, messages_ in (
                        row.validation_error.message_dict.items() if row.validation_error else []
                    )
                },
            }
        )
    errors = [
        {"number": number + 1, "messages": [str(error.error) for error in errors_]}
        for number, errors_ in result.row_errors()
    ]
    invalid = [
        {
            "number": row.number + 1,
            "messages": [f"{field}: {', '.join(map(str, msgs))}" for field, msgs in row.error_dict.items()],
        }
        for row in result.invalid_rows
    ]
    return {
        "totals": dict(result.totals),
        "rows": rows[:500],
        "more": max(len(rows) - 500, 0),
        "errors": sorted(errors + invalid, key=lambda error: error["number"]),
        "headers": result.diff_headers,
        "ok": not errors and not invalid,
    }


def establishment_export(request):
    """The establishments in the user's scope as CSV or XLSX (formulas neutralised)."""
    if not request.user.has_perm("registry.view_establishment"):
        return admin_forbidden(request)
    file_format = request.GET.get("format", "csv")
    if file_format not in services.IMPORT_FORMATS:
        raise Http404
    content = services.establishments_export(user=request.user, file_format=file_format)
    response = HttpResponse(content, content_type=services.IMPORT_FORMATS[file_format])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="establishments-{stamp}.{file_format}"'
    response["Cache-Control"] = "no-store"
    return response
