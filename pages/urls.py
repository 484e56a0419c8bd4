from django.urls import path

from . import views
from .models import KnownPage

app_name = "pages"

urlpatterns = [
    path("about/", views.about, name="about"),
    path("for-talents/", views.page, {"slug": KnownPage.FOR_TALENTS}, name="for_talents"),
    path("for-companies/", views.page, {"slug": KnownPage.FOR_COMPANIES}, name="for_companies"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("toolkit/", views.toolkit, name="toolkit"),
    path("toolkit/guides/<slug:slug>/", views.guide, name="guide"),
]
