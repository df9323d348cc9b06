"""The URLs the OpenAPI schema describes: the API only (not the portal's language-prefixed pages)."""

from django.urls import include, path

urlpatterns = [path("api/", include("api.urls"))]
