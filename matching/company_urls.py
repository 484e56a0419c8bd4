from django.urls import path

from . import application_views, placement_views
from . import company_views as views

app_name = "company_openings"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.edit, name="edit"),
    path("<int:pk>/requirements/", views.requirements, name="requirements"),
    path(
        "<int:pk>/requirements/<slug:kind>/<int:item>/remove/",
        views.requirement_delete,
        name="requirement_delete",
    ),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/repost/", views.repost, name="repost"),
    path("<int:pk>/suggestions/", views.suggestions, name="suggestions"),
    path(
        "<int:pk>/suggestions/<int:profile_pk>/invite/",
        views.invite_to_apply,
        name="invite_to_apply",
    ),
    path("<int:pk>/delete/", views.delete, name="delete"),
    # Applicants: the team reads and moves applications to its openings.
    path("<int:pk>/applicants/", application_views.applicants, name="applicants"),
    path(
        "applications/<int:application_pk>/",
        application_views.company_detail,
        name="application",
    ),
    path(
        "applications/<int:application_pk>/status/",
        application_views.company_move,
        name="application_move",
    ),
    path(
        "applications/<int:application_pk>/messages/",
        application_views.company_message,
        name="application_message",
    ),
    path(
        "applications/<int:application_pk>/cv/",
        application_views.company_cv,
        name="application_cv",
    ),
    # Placements: the team runs its placements and records check-ins, feedback, outcomes.
    path("placements/", placement_views.company_list, name="placements"),
    path("placements/<int:placement_pk>/", placement_views.company_detail, name="placement"),
    path(
        "placements/<int:placement_pk>/edit/", placement_views.company_edit, name="placement_edit"
    ),
    path(
        "placements/<int:placement_pk>/status/",
        placement_views.company_move,
        name="placement_move",
    ),
    path(
        "placements/<int:placement_pk>/checkin/",
        placement_views.company_checkin,
        name="placement_checkin",
    ),
    path(
        "placements/<int:placement_pk>/feedback/",
        placement_views.company_feedback,
        name="placement_feedback",
    ),
    path(
        "placements/<int:placement_pk>/outcome/",
        placement_views.company_outcome,
        name="placement_outcome",
    ),
]
