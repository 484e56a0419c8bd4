from django.urls import path

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
    path("<int:pk>/delete/", views.delete, name="delete"),
]
