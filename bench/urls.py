"""The shipped URLs plus the bench-only baseline endpoint (Wagtail's form page is a page in the tree)."""

from django.urls import path

from bench.baseline.views import RowCreateView
from ecms.urls import handler404
from ecms.urls import urlpatterns as shipped

__all__ = ["handler404", "urlpatterns"]

urlpatterns = [path("bench-baseline/rows/", RowCreateView.as_view(), name="bench-rows"), *shipped]
