from django.urls import path

from . import views

app_name = "toolkit"

urlpatterns = [
    path("assessment/", views.assessment, name="assessment"),
    path("assessment/draft/", views.draft_create, name="draft"),
]
