from django.urls import path

from . import application_views as views
from . import placement_views

app_name = "applications"

urlpatterns = [
    path("", views.my_list, name="list"),
    path("apply/<int:opening_pk>/", views.apply, name="apply"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/respond/", views.respond, name="respond"),
    path("<int:pk>/messages/", views.message, name="message"),
    path("<int:pk>/cv/", views.cv, name="cv"),
    # Placements: what accepted offers became; and the talent's own start-ups.
    path("placements/", placement_views.my_list, name="placements"),
    path("placements/<int:pk>/", placement_views.detail, name="placement"),
    path("placements/<int:pk>/status/", placement_views.move, name="placement_move"),
    path("placements/<int:pk>/checkin/", placement_views.checkin, name="placement_checkin"),
    path("placements/<int:pk>/feedback/", placement_views.feedback, name="placement_feedback"),
    path("placements/<int:pk>/outcome/", placement_views.outcome, name="placement_outcome"),
    path("startups/", placement_views.startups, name="startups"),
]
