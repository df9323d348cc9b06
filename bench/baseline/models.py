"""Baselines: a bare DRF endpoint writing one row, and Wagtail's own form page (wagtail.contrib.forms)."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField


class BaselineRow(models.Model):
    name = models.CharField(max_length=100)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class BaselineFormField(AbstractFormField):
    page = ParentalKey("BaselineFormPage", on_delete=models.CASCADE, related_name="form_fields")


class BaselineFormPage(AbstractEmailForm):
    """Wagtail's form page as its documentation shows it, rendered in the portal's own base template."""

    template = "baseline/form_page.html"
    landing_page_template = "baseline/form_page_landing.html"
