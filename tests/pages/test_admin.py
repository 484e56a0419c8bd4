"""Staff edit pages and answer accessibility feedback in the admin."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pages.models import AccessibilityFeedback, Page
from tests.factories.pages import FeedbackFactory, GuideFactory

from .conftest import staff_with

pytestmark = pytest.mark.django_db
Status = AccessibilityFeedback.Status
FEEDBACK = reverse("admin:pages_accessibilityfeedback_changelist")
PAGES = reverse("admin:pages_page_changelist")


def page_form(page, **changes):
    fields = ["position", "title_en", "title_fi", "summary_en", "summary_fi", "body_en", "body_fi"]
    data = {name: getattr(page, name) for name in fields}
    if page.is_published:
        data["is_published"] = "on"
    return {**data, **changes}


def test_an_editor_changes_a_page_without_a_deploy(client, editor):
    about = Page.objects.get(slug="about")
    client.force_login(editor)

    response = client.post(
        reverse("admin:pages_page_change", args=[about.pk]),
        page_form(about, body_en="## News\n\nTalentHub has **moved**.", title_fi="Meistä"),
    )

    assert response.status_code == 302
    about.refresh_from_db()
    assert about.updated_by == editor
    content = client.get(reverse("pages:about")).content.decode()
    assert "<h2>News</h2>" in content
    assert "TalentHub has <strong>moved</strong>." in content


def test_a_site_page_keeps_its_address_and_cannot_be_deleted(client, editor):
    about = Page.objects.get(slug="about")
    client.force_login(editor)

    client.post(
        reverse("admin:pages_page_change", args=[about.pk]),
        page_form(about, slug="elsewhere", kind="guide"),
    )

    about.refresh_from_db()
    assert (about.slug, about.kind) == ("about", "page")
    assert client.get(reverse("admin:pages_page_delete", args=[about.pk])).status_code == 403


def test_a_new_site_page_needs_a_known_address(admin_client):
    response = admin_client.post(
        reverse("admin:pages_page_add"),
        {
            "slug": "careers",
            "kind": "page",
            "position": 0,
            "is_published": "on",
            "title_en": "Careers",
            "summary_en": "Jobs.",
            "body_en": "Text.",
        },
    )

    assert response.status_code == 200
    assert "must have the address name of a known page" in response.content.decode()
    assert not Page.objects.filter(slug="careers").exists()


def test_a_new_guide_can_be_added_and_previewed(admin_client):
    response = admin_client.post(
        reverse("admin:pages_page_add"),
        {
            "slug": "housing",
            "kind": "guide",
            "position": 9,
            "title_en": "Housing",
            "summary_en": "Finding a home.",
            "body_en": "Text.",
        },
    )

    assert response.status_code == 302
    guide = Page.objects.get(slug="housing")
    assert not guide.is_published
    view_on_site = reverse(
        "admin:view_on_site", args=[ContentType.objects.get_for_model(Page).pk, guide.pk]
    )
    change = admin_client.get(reverse("admin:pages_page_change", args=[guide.pk]))
    assert view_on_site in change.content.decode()
    response = admin_client.get(view_on_site, follow=True)
    assert response.redirect_chain[-1][0].endswith(reverse("pages:guide", args=["housing"]))
    assert response.status_code == 200  # the unpublished guide, previewed


def test_the_page_list_searches_and_filters(client, editor):
    GuideFactory(title_en="Snowmobile etiquette", is_published=False)
    client.force_login(editor)

    assert client.get(PAGES, {"q": "snowmobile"}).context["cl"].result_count == 1
    assert client.get(PAGES, {"is_published__exact": "0"}).context["cl"].result_count == 1
    assert client.get(PAGES, {"kind__exact": "guide"}).context["cl"].result_count == 6


def test_the_feedback_queue_puts_open_first_and_flags_overdue(client, answerer):
    today = timezone.localdate()
    answered = FeedbackFactory(
        status=Status.ANSWERED, answer="Done.", answered_at=timezone.now(), due_on=today
    )
    later = FeedbackFactory(due_on=today + timedelta(days=10))
    overdue = FeedbackFactory(due_on=today - timedelta(days=1))
    client.force_login(answerer)

    response = client.get(FEEDBACK)

    assert list(response.context["cl"].result_list) == [overdue, later, answered]
    content = response.content.decode()
    assert "1 accessibility feedback is past its 14-day answer date." in content
    assert "(overdue)</strong>" in content
    assert list(client.get(FEEDBACK, {"overdue": "yes"}).context["cl"].result_list) == [overdue]
    assert client.get(FEEDBACK, {"status__exact": "open"}).context["cl"].result_count == 2
    assert client.get(FEEDBACK, {"q": later.email}).context["cl"].result_count == 1


def test_no_warning_when_nothing_is_overdue(client, answerer):
    FeedbackFactory()
    client.force_login(answerer)

    assert "past its" not in client.get(FEEDBACK).content.decode()


def test_the_feedback_queue_does_not_grow_in_queries_with_rows(client, answerer):
    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(FEEDBACK).status_code == 200
        return len(context)

    client.force_login(answerer)
    late = timezone.localdate() - timedelta(days=1)
    FeedbackFactory(due_on=late)
    one = queries()
    FeedbackFactory.create_batch(25, due_on=late)
    FeedbackFactory.create_batch(
        5, status=Status.ANSWERED, answer="Done.", answered_at=timezone.now()
    )

    assert queries() == one


def test_the_page_list_does_not_grow_in_queries_with_rows(client, editor):
    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(PAGES).status_code == 200
        return len(context)

    client.force_login(editor)
    one = queries()
    GuideFactory.create_batch(20, updated_by=editor)

    assert queries() == one


def test_staff_answer_on_the_change_form_and_the_answer_is_mailed(
    client, answerer, mailoutbox, django_capture_on_commit_callbacks
):
    feedback = FeedbackFactory()
    change = reverse("admin:pages_accessibilityfeedback_change", args=[feedback.pk])
    client.force_login(answerer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change, {"answer": "We fixed the menu.", "email": "x@example.com"})

    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == Status.ANSWERED
    assert feedback.email != "x@example.com"  # what was received cannot be changed
    assert feedback.answered_by == answerer
    [mail] = mailoutbox
    assert mail.to == [feedback.email]
    assert "We fixed the menu." in mail.body
    # Answered, the answer is read-only: saving again changes and mails nothing.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change, {"answer": "Something else."})
    feedback.refresh_from_db()
    assert feedback.answer == "We fixed the menu."
    assert len(mailoutbox) == 1


def test_saving_without_an_answer_leaves_feedback_open(client, answerer, mailoutbox):
    feedback = FeedbackFactory()
    client.force_login(answerer)

    response = client.post(
        reverse("admin:pages_accessibilityfeedback_change", args=[feedback.pk]), {"answer": " "}
    )

    # The form says what is missing; no "changed successfully" beside it.
    assert response.status_code == 200
    assert "Write the answer" in response.content.decode()
    assert AccessibilityFeedback.objects.get().status == Status.OPEN
    assert mailoutbox == []


def test_feedback_cannot_be_added_in_the_admin(admin_client):
    assert admin_client.get(reverse("admin:pages_accessibilityfeedback_add")).status_code == 403


def test_staff_without_the_permission_do_not_see_the_queue(client):
    client.force_login(staff_with("view_page"))

    assert client.get(FEEDBACK).status_code == 403
