"""A django-formtools wizard over the steps of a form version, ending with a review step.

Subclasses set ``get_version()`` and ``submit(result)``; ``self.spec`` is the version's typed view.
Uploaded files are kept between steps in private storage (never under the public media root:
``wizard_storage``). Rows of repeat groups are added and removed with plain submit buttons, so the
wizard works without JavaScript.

Nothing typed or attached is lost: every file of a field is kept (not only the last one), a file that
passed its own checks stays attached when something else on the page is refused (the step shows it,
with a button to remove it), and reloading or re-opening the wizard shows the step where the person
was, with their answers, for as long as the session lasts (``?restart=1`` starts again).
"""

import contextlib
from collections import OrderedDict

from django import forms
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.utils.safestring import mark_safe
from formtools.wizard.views import SessionWizardView

from core.i18n import localize
from forms_builder import caching
from forms_builder.rendering import StepForm, build_step_form, rows_field_name, summary
from forms_builder.spec import FormSpec
from forms_builder.validation import condition_values, validate
from forms_builder.wizard_storage import KeptFilesStorage, PendingUploadStorage

__all__ = ["REVIEW_STEP", "FormWizardView", "KeptFilesStorage", "PendingUploadStorage", "ReviewForm"]

REVIEW_STEP = "review"
ADD_ROW = "wizard_add_row"
REMOVE_ROW = "wizard_remove_row"
REMOVE_FILE = "wizard_remove_file"
RESTART = "restart"
DRAFTS = "drafts"


class ReviewForm(forms.Form):
    """The last step: the answers are shown for checking; submitting sends them."""


class FormWizardView(SessionWizardView):
    template_name = "forms_builder/wizard.html"
    form_list = [(REVIEW_STEP, ReviewForm)]  # replaced per request by get_form_list()
    file_storage = PendingUploadStorage()
    storage_name = "forms_builder.wizard_storage.KeptFilesStorage"

    def get_version(self):
        raise NotImplementedError

    def submit(self, result, answers: dict, files: dict):
        """Called once every step is valid: create whatever the form is for; return a response."""
        raise NotImplementedError

    # --- steps --------------------------------------------------------------------------------------------

    def dispatch(self, request, *args, **kwargs):
        self.version = self.get_version()
        if self.version is None:
            raise Http404("No published version of this form.")
        self.spec = FormSpec.of(self.version)
        self.language = translation.get_language()
        self._step_forms = {}
        self.get_form_list()
        return super().dispatch(request, *args, **kwargs)

    def get_prefix(self, request, *args, **kwargs):
        return f"form_{self.version.key}_v{self.version.number}"

    def get_form_list(self):
        steps = OrderedDict((key, StepForm) for key in self.spec.step_keys)
        steps[REVIEW_STEP] = ReviewForm
        # formtools clears these caches after each stored step; the list itself never changes.
        self._resolved_form_list, self._cache_signature = steps, ()
        return steps.copy()

    def _rows_from(self, step: str, data) -> dict[str, int]:
        rows = {}
        if not data:
            return rows
        for key in self.spec.fields:
            raw = data.get(f"{self.get_form_prefix(step)}-{rows_field_name(key)}")
            if raw not in (None, ""):
                try:
                    rows[key] = int(raw)
                except (TypeError, ValueError):
                    continue
        return rows

    def _context_before(self, step: str) -> dict:
        values: dict = {}
        for earlier in self.get_form_list():
            if earlier in (step, REVIEW_STEP):
                break
            form = self._stored_form(earlier)
            if isinstance(form, StepForm) and form.is_valid():
                values.update(condition_values(self.version, form.result.cleaned_data))
        return values

    def _stored_form(self, step: str):
        if step not in self._step_forms:
            data = self.storage.get_step_data(step)
            self._step_forms[step] = (
                self.get_form(step, data=data, files=self.storage.get_step_files(step))
                if data is not None
                else None
            )
        return self._step_forms[step]

    def get_form(self, step=None, data=None, files=None, rows=None):
        step = step or self.steps.current
        if step == REVIEW_STEP:
            return ReviewForm(data=data, prefix=self.get_form_prefix(step))
        form_class = build_step_form(
            self.version,
            step,
            self.language,
            context_values=self._context_before(step),
            rows=rows if rows is not None else self._rows_from(step, data),
        )
        form = form_class(
            data=data, files=files, prefix=self.get_form_prefix(step), initial=self.get_form_initial(step)
        )
        prefix = f"{self.get_form_prefix(step)}-"
        form.kept_files = {
            name.removeprefix(prefix): entries for name, entries in self.storage.kept(step).items()
        }
        return form

    def render_next_step(self, form, **kwargs):
        self._step_forms = {}  # the step just stored may change later steps' conditions
        return super().render_next_step(form, **kwargs)

    def render_goto_step(self, goto_step, **kwargs):
        self._step_forms = {}
        return super().render_goto_step(goto_step, **kwargs)

    # --- rows of repeat groups ----------------------------------------------------------------------------

    def get(self, request, *args, **kwargs):
        """Re-opening (or reloading) the wizard shows the step where the person was, with what they had
        typed there; ``?restart=1`` (or a finished wizard) starts from the first step."""
        step = self.storage.current_step
        if request.GET.get(RESTART) or step is None or step not in self.get_form_list():
            return super().get(request, *args, **kwargs)
        draft = self.storage.extra_data.get(DRAFTS, {}).get(step)
        data = MultiValueDict(draft) if draft else self.storage.get_step_data(step)
        form = self.get_form(step, data=data, files=self.storage.get_step_files(step))
        form.hide_errors = True  # shown again as it was left, not as a new refusal
        return self.render(form)

    def post(self, *args, **kwargs):
        step = self._posted_step()
        if step is not None:
            refused = self._keep_uploads(step)
            # From here on the step's files are the ones kept: those just accepted and the earlier ones.
            self.request._files = self.storage.get_step_files(step) or MultiValueDict()
            removal = self.request.POST.get(REMOVE_FILE)
            if removal:
                return self._remove_file(step, removal)
            if refused is not None:  # the step again, saying why the file was not taken
                self.storage.current_step = step
                refused.kept_files = self.get_form(step).kept_files
                return self.render(refused)
        for action, delta in ((ADD_ROW, 1), (REMOVE_ROW, -1)):
            group = self.spec.field(self.request.POST.get(action) or "")
            if group is not None and group.is_repeating:
                return self._change_rows(group, delta)
        return super().post(*args, **kwargs)

    def _posted_step(self) -> str | None:
        step = self.request.POST.get(f"{self.prefix}-current_step")
        return step if step in self.get_form_list() and step != REVIEW_STEP else None

    def _keep_uploads(self, step: str):
        """Attach the files just posted to the step, each field's only if it passed that field's checks
        (a refused file is not kept; an accepted one stays whatever else on the page is refused).
        Returns the checked step form when a file was refused (to show why), else None."""
        prefix = f"{self.get_form_prefix(step)}-"
        posted = {name: files for name, files in self.request.FILES.lists() if name.startswith(prefix)}
        if not posted:
            return None
        probe = self.get_form(step)
        multiple = {
            name: bool(getattr(field.widget, "allow_multiple_selected", False))
            for name, field in probe.fields.items()
        }
        trial = self.storage.get_step_files(step) or MultiValueDict()
        for name, files in posted.items():
            if multiple.get(name.removeprefix(prefix)):
                trial.setlist(name, trial.getlist(name) + files)
            else:
                trial.setlist(name, files[-1:])
        checked = self.get_form(step, data=self.request.POST, files=trial)
        checked.is_valid()
        refused = False
        for name, files in posted.items():
            field_name = name.removeprefix(prefix)
            if field_name in checked.fields and not checked.has_error(field_name):
                self.storage.keep(step, name, files, replace=not multiple.get(field_name))
            else:
                refused = True
        return checked if refused else None

    def _remove_file(self, step: str, removal: str):
        name, _colon, index = removal.rpartition(":")
        with contextlib.suppress(ValueError):
            self.storage.drop(step, name, int(index))
        self.storage.current_step = step
        self.request._files = self.storage.get_step_files(step) or MultiValueDict()
        form = self.get_form(step, data=self.request.POST, files=self.request.FILES)
        form.hide_errors = True
        return self.render(form)

    def process_step(self, form):
        drafts = self.storage.extra_data.get(DRAFTS, {})
        if drafts.pop(self.steps.current, None) is not None:
            self.storage.extra_data = {**self.storage.extra_data, DRAFTS: drafts}
        return super().process_step(form)

    def process_step_files(self, form):
        return None  # kept when posted (KeptFilesStorage.keep)

    def render(self, form=None, **kwargs):
        if self.request.method == "POST" and form is not None and form.is_bound and form.errors:
            # What was typed on a refused step is kept for the session: a reload shows it again.
            step = self.steps.current
            data = {k: v for k, v in self.request.POST.lists() if k.startswith(f"{form.prefix}-")}
            drafts = {**self.storage.extra_data.get(DRAFTS, {}), step: data}
            self.storage.extra_data = {**self.storage.extra_data, DRAFTS: drafts}
        return super().render(form, **kwargs)

    def _change_rows(self, group, delta: int):
        step = self.steps.current
        rows = self._rows_from(step, self.request.POST)
        min_rows, max_rows = group.param("min_rows"), group.param("max_rows")
        rows[group.key] = min(max(rows.get(group.key, min_rows) + delta, min_rows), max_rows)
        data = self.request.POST.copy()
        data[f"{self.get_form_prefix(step)}-{rows_field_name(group.key)}"] = str(rows[group.key])
        form = self.get_form(step, data=data, files=self.request.FILES, rows=rows)
        form.hide_errors = True
        return self.render(form)

    # --- finishing -----------------------------------------------------------------------------------------

    def collected_answers(self, forms_) -> tuple[dict, dict]:
        answers, files = {}, {}
        for form in forms_:
            if isinstance(form, StepForm):
                form.is_valid()
                answers.update(form.answers)
                files.update(form.answer_files)
        return answers, files

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        steps = [{"key": s.key, "title": s.title_in(self.language)} for s in self.spec.steps]
        context.update(
            version=self.version,
            form_title=localize(self.spec.title, self.language),
            form_description=localize(self.spec.description, self.language),
            step_list=steps,
            is_review=self.steps.current == REVIEW_STEP,
            current_step_title=next((s["title"] for s in steps if s["key"] == self.steps.current), ""),
        )
        if self._is_pristine_first_step(form):
            # The empty first step depends only on the immutable version, the prefix and the language: the
            # public opens it most, so its fields are rendered once per process (the CSRF token is outside).
            variant = f"first-step:{self.get_form_prefix(self.steps.current)}:{self.language}"
            context["step_html"] = mark_safe(  # noqa: S308 (rendered by the template engine, autoescaped)
                caching.rendered(
                    self.version.pk,
                    variant,
                    lambda: render_to_string(
                        "forms_builder/includes/step_form.html", {"form": form, "editable": True}
                    ),
                )
            )
        if context["is_review"]:
            stored = [self._stored_form(step) for step in self.get_form_list() if step != REVIEW_STEP]
            answers, files = self.collected_answers([f for f in stored if f is not None])
            result = validate(self.version, answers, files, self.language)
            context["summary"] = summary(self.version, result.cleaned_data, self.language)
        return context

    def review_again(self, message: str):
        """The review step again, with ``message``, keeping every answer and file: for a refusal that comes
        only when the answers are used (formtools would otherwise forget them after ``done``)."""
        self.storage.reset = lambda: None  # this request only: nothing the person typed is lost
        self.storage.current_step = REVIEW_STEP
        review = self.get_form(REVIEW_STEP, data=self.storage.get_step_data(REVIEW_STEP))
        review.is_valid()
        review.add_error(None, message)
        return self.render(review)

    def _is_pristine_first_step(self, form) -> bool:
        """An unbound first step without initial values, whose fields come from the version alone."""
        if not isinstance(form, StepForm) or self.steps.step0 != 0 or form.is_bound:
            return False
        if any(form.initial.values()) or getattr(form, "hide_errors", False) or form.kept_files:
            return False
        keys = self.spec.step_field_keys(self.steps.current)
        shown = [self.spec.fields[key] for key in keys] + [c for key in keys for c in self.spec.children(key)]
        return not any(field.field_type.renders_from_database for field in shown)

    def done(self, form_list, form_dict=None, **kwargs):
        answers, files = self.collected_answers(form_list)
        result = validate(self.version, answers, files, self.language)
        if not result.is_valid:
            first = next(iter(self.get_form_list()))
            return self.render_revalidation_failure(first, self.get_form(first), **kwargs)
        return self.submit(result, answers, files)
