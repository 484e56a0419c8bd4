from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.directory, name="list"),
    path("entrepreneurship/", views.entrepreneurship, name="entrepreneurship"),
    path("my-requests/", views.my_referrals, name="my_referrals"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/ask/", views.ask, name="ask"),
]
