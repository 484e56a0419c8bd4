from django.urls import path

from . import views

app_name = "enterprises"

urlpatterns = [
    path("", views.start, name="start"),
    path("register/", views.register, name="register"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/logo/", views.logo, name="logo"),
    path("<int:pk>/team/", views.team, name="team"),
    path("<int:pk>/team/invite/", views.invite, name="invite"),
    path(
        "<int:pk>/team/invitations/<int:invitation_pk>/cancel/",
        views.invitation_cancel,
        name="invitation_cancel",
    ),
    path("<int:pk>/team/<int:membership_pk>/remove/", views.member_remove, name="member_remove"),
    path("<int:pk>/team/<int:membership_pk>/owner/", views.hand_over, name="hand_over"),
    path("<int:pk>/team/<int:membership_pk>/member/", views.make_member, name="make_member"),
    path("<int:pk>/leave/", views.leave, name="leave"),
]
