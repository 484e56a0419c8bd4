from django.urls import path

from . import views

app_name = "profiles"

urlpatterns = [
    path("", views.start, name="start"),
    path("pool/", views.pool, name="pool"),
    path("profile/<slug:name>/", views.section, name="section"),
    path("profile/<slug:name>/remove/", views.file_delete, name="file_delete"),
    path("profile/<slug:name>/<int:pk>/remove/", views.item_delete, name="item_delete"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/photo/<slug:variant>/", views.photo, name="photo"),
    path("<int:pk>/cv/", views.cv, name="cv"),
    path("<int:pk>/contact/", views.contact_request, name="contact_request"),
    path("contact/<int:pk>/thread/", views.contact_thread, name="contact_thread"),
    path("contact/<int:pk>/<slug:decision>/", views.contact_decide, name="contact_decide"),
    path("blocked/<int:enterprise_pk>/block/", views.block, name="block"),
    path("blocked/<int:enterprise_pk>/unblock/", views.unblock, name="unblock"),
]
