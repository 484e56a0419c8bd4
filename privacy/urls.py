from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("my-data/", views.export, name="export"),
    path("delete/", views.delete, name="delete"),
]
