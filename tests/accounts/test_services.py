import pytest
from django.utils import timezone

from accounts import services
from accounts.models import User

pytestmark = pytest.mark.django_db


def test_welcome_email_is_sent_once_in_the_users_language(
    talent, mailoutbox, django_capture_on_commit_callbacks
):
    talent.preferred_language = "fi"
    talent.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.welcome_notify(user=talent)
        services.welcome_notify(user=talent)  # confirmed a second address

    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "TalentHub: Tervetuloa!"
    assert "http://testserver/talent/" in mailoutbox[0].body
    # Transactional: no unsubscribe link.
    assert "List-Unsubscribe" not in mailoutbox[0].extra_headers


def test_welcome_email_for_a_company_representative_points_to_company_setup(
    enterprise_user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.welcome_notify(user=enterprise_user)

    assert "http://testserver/company/" in mailoutbox[0].body
    assert "tell us about your company" in mailoutbox[0].body


def test_welcome_email_is_queued_only_when_the_transaction_commits(
    talent, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.welcome_notify(user=talent)
    assert mailoutbox == []

    for callback in callbacks:
        callback()

    assert len(mailoutbox) == 1


def test_set_language_rejects_a_language_the_site_does_not_offer(talent):
    with pytest.raises(ValueError, match="Unsupported language"):
        services.user_set_language(user=talent, language="xx")
    assert User.objects.get(pk=talent.pk).preferred_language == "en"


def test_user_manager_makes_email_the_login():
    user = User.objects.create_user(email="Mixed.Case@Example.COM", password="pw-long-enough")
    admin = User.objects.create_superuser(email="boss@example.com", password="pw-long-enough")

    assert user.email == "mixed.case@example.com"
    assert not user.is_staff
    assert admin.is_staff
    assert admin.is_superuser
    assert user.date_joined <= timezone.now()
