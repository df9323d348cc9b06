"""URLs of the staff case screens, under /admin/cases/ (registered by cases.wagtail_hooks)."""

from django.urls import path

from cases import admin_intake as intake
from cases import admin_views as views

app_name = "ecms_cases"

urlpatterns = [
    path("queue/<slug:queue>/", views.CaseQueueView.as_view(), name="queue"),
    path("queue/<slug:queue>/results/", views.CaseQueueView.as_view(results_only=True), name="queue_results"),
    path("queue/<slug:queue>/assign/", views.BulkAssignView.as_view(), name="bulk_assign"),
    path("workload/", views.WorkloadView.as_view(), name="workload"),
    path("new/", intake.NewCaseChooserView.as_view(), name="new_case_chooser"),
    path("new/done/", intake.NewCaseDoneView.as_view(), name="new_case_done"),
    path("new/<slug:key>/", intake.NewCaseView.as_view(), name="new_case"),
    path("<str:reference>/", views.CaseDetailView.as_view(), name="detail"),
    path("<str:reference>/comment/", views.CaseCommentView.as_view(), name="comment"),
    path("<str:reference>/assign/", views.CaseAssignView.as_view(), name="assign"),
    path("<str:reference>/take/", views.CaseTakeView.as_view(), name="take"),
    path("<str:reference>/establishment/", views.CaseEstablishmentView.as_view(), name="establishment"),
    path(
        "<str:reference>/establishment/register/",
        views.CaseEstablishmentRegisterView.as_view(),
        name="establishment_register",
    ),
    path("<str:reference>/reveal/", views.CaseRevealView.as_view(), name="reveal"),
    path("<str:reference>/enforcement/", views.CaseEnforcementView.as_view(), name="enforcement"),
    path(
        "<str:reference>/violations/<int:violation_id>/",
        views.ViolationStatusView.as_view(),
        name="violation_status",
    ),
    path("<str:reference>/steps/<slug:key>/", views.TransitionView.as_view(), name="transition"),
    path(
        "<str:reference>/files/<int:attachment_id>/",
        views.AttachmentDownloadView.as_view(),
        name="attachment",
    ),
    path("<str:reference>/print/report/", views.CaseReportView.as_view(), name="print_report"),
    path(
        "<str:reference>/print/enforcement/<int:action_id>/",
        views.EnforcementNoticeView.as_view(),
        name="print_notice",
    ),
]
