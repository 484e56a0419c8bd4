from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("account/privacy/", views.choices, name="choices"),
    path("account/my-data/", views.export, name="export"),
    path("account/delete/", views.delete, name="delete"),
    path("privacy/versions/", views.notice_versions, name="notice_versions"),
    path("privacy/versions/<int:number>/", views.notice_version, name="notice_version"),
]
