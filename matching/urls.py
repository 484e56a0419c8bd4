from django.urls import path

from . import views
from .feeds import OpeningAtomFeed, OpeningRssFeed

app_name = "openings"

urlpatterns = [
    path("", views.browse, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("recommended/", views.recommended, name="recommended"),
    path("<int:pk>/not-interested/", views.dismiss, name="dismiss"),
    path("<int:pk>/interested-again/", views.undismiss, name="undismiss"),
    path("feed/", OpeningAtomFeed(), name="feed"),
    path("feed/rss/", OpeningRssFeed(), name="feed_rss"),
]
