"""A wizard wired to a URL, as the portal's service pages do, for the wizard tests."""

from django.http import HttpResponse
from django.urls import path

from forms_builder.selectors import form_version_current, form_version_get
from forms_builder.wizard import FormWizardView

SUBMITTED: list = []


class TestWizard(FormWizardView):
    def get_version(self):
        number = self.kwargs.get("number")
        if number:
            return form_version_get(key=self.kwargs["key"], number=number)
        return form_version_current(key=self.kwargs["key"])

    def submit(self, result, answers, files):
        SUBMITTED.append(
            {
                "data": result.cleaned_data,
                "files": {k: [f.read() for f in v] for k, v in result.files.items()},
            }
        )
        return HttpResponse("received")


urlpatterns = [
    path("wizard/<slug:key>/", TestWizard.as_view(), name="wizard"),
    path("wizard/<slug:key>/v<int:number>/", TestWizard.as_view(), name="wizard_version"),
]
