"""The versioned API: /api/v1/ (DRF NamespaceVersioning)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from api.views import forms

app_name = "api"

v1 = [
    path("forms/", forms.FormListView.as_view(), name="form-list"),
    path("forms/<slug:key>/", forms.FormDetailView.as_view(), name="form-detail"),
]

urlpatterns = [
    path("v1/", include((v1, "v1"), namespace="v1")),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
]
