"""The versioned API: /api/v1/ (DRF NamespaceVersioning); schema and self-hosted docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from api.views import case_records, cases, enforcement, forms, public, tracking

app_name = "api"

v1 = [
    path("forms/", forms.FormListView.as_view(), name="form-list"),
    path("forms/<slug:key>/", forms.FormDetailView.as_view(), name="form-detail"),
    path("forms/<slug:key>/submissions/", public.SubmissionView.as_view(), name="form-submit"),
    path("track/", public.TrackView.as_view(), name="track"),
    path("track/steps/", public.TrackStepView.as_view(), name="track-step"),
    path("track/satisfaction/", tracking.SatisfactionView.as_view(), name="track-satisfaction"),
    path("legal/instruments/", public.LegalInstrumentListView.as_view(), name="legal-instruments"),
    path("legal/provisions/", public.LegalProvisionListView.as_view(), name="legal-provisions"),
    path("option-lists/<slug:key>/", public.OptionListView.as_view(), name="option-list"),
    path("auth/token/", public.TokenView.as_view(), name="auth-token"),
    path("cases/", cases.CaseListView.as_view(), name="case-list"),
    path("cases/<str:reference>/", cases.CaseDetailView.as_view(), name="case-detail"),
    path("cases/<str:reference>/timeline/", cases.CaseTimelineView.as_view(), name="case-timeline"),
    path("cases/<str:reference>/transitions/", cases.CaseTransitionsView.as_view(), name="case-transitions"),
    path("cases/<str:reference>/comments/", cases.CaseCommentView.as_view(), name="case-comments"),
    path("cases/<str:reference>/assign/", cases.CaseAssignView.as_view(), name="case-assign"),
    path("cases/<str:reference>/assignees/", cases.CaseAssigneesView.as_view(), name="case-assignees"),
    path(
        "cases/<str:reference>/establishment/",
        cases.CaseEstablishmentView.as_view(),
        name="case-establishment",
    ),
    path(
        "cases/<str:reference>/establishment/register/",
        cases.CaseEstablishmentRegisterView.as_view(),
        name="case-establishment-register",
    ),
    path(
        "cases/<str:reference>/attachments/",
        case_records.CaseAttachmentsView.as_view(),
        name="case-attachments",
    ),
    path(
        "cases/<str:reference>/attachments/<int:attachment_id>/",
        case_records.AttachmentDownloadView.as_view(),
        name="case-attachment",
    ),
    path(
        "cases/<str:reference>/violations/", case_records.CaseViolationsView.as_view(), name="case-violations"
    ),
    path(
        "cases/<str:reference>/violations/to-verify/",
        case_records.CaseViolationsToVerifyView.as_view(),
        name="case-violations-to-verify",
    ),
    path(
        "cases/<str:reference>/enforcement-actions/",
        enforcement.CaseEnforcementView.as_view(),
        name="case-enforcement",
    ),
    path(
        "cases/<str:reference>/enforcement-actions/<int:action_id>/",
        enforcement.EnforcementActionView.as_view(),
        name="case-enforcement-action",
    ),
    path(
        "cases/<str:reference>/enforcement-actions/<int:action_id>/outcomes/",
        enforcement.EnforcementOutcomeView.as_view(),
        name="case-enforcement-outcome",
    ),
    path(
        "cases/<str:reference>/enforcement-actions/<int:action_id>/confirm/",
        enforcement.EnforcementConfirmView.as_view(),
        name="case-enforcement-confirm",
    ),
    path(
        "cases/<str:reference>/enforcement-actions/<int:action_id>/reject/",
        enforcement.EnforcementRejectView.as_view(),
        name="case-enforcement-reject",
    ),
    path("establishments/", case_records.EstablishmentListView.as_view(), name="establishments"),
    path("establishments/lookup/", public.EstablishmentLookupView.as_view(), name="establishment-lookup"),
    path("events/", case_records.EventFeedView.as_view(), name="events"),
]

urlpatterns = [
    path("v1/", include((v1, "v1"), namespace="v1")),
]

# Outside the versioned namespace (NamespaceVersioning would refuse them).
schema_urlpatterns = [
    path("api/schema/", SpectacularAPIView.as_view(api_version="v1"), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
