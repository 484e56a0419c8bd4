from django.urls import path

from . import application_views as views

app_name = "applications"

urlpatterns = [
    path("", views.my_list, name="list"),
    path("apply/<int:opening_pk>/", views.apply, name="apply"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/respond/", views.respond, name="respond"),
    path("<int:pk>/messages/", views.message, name="message"),
    path("<int:pk>/cv/", views.cv, name="cv"),
]
