"""The message thread a talent opens by accepting an enterprise's contact request."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from profiles.models import ContactMessage, ContactRequest, EnterpriseBlock, TalentProfile
from profiles.services import contact_message_post
from tests.factories import (
    EnterpriseFactory,
    MembershipFactory,
    OpeningFactory,
    StaffUserFactory,
    TalentProfileFactory,
    TalentUserFactory,
)

pytestmark = pytest.mark.django_db
Status = ContactRequest.Status


@pytest.fixture
def team():
    """The member who asked, in a verified enterprise."""
    return MembershipFactory(user__full_name="Mikko Member")


@pytest.fixture
def contact(team):
    return _contact(team, Status.ACCEPTED)


def _contact(team, status, **profile_fields) -> ContactRequest:
    profile = TalentProfileFactory(
        visibility=TalentProfile.Visibility.ANONYMOUS,
        display_name="Olena Kovalenko",
        **profile_fields,
    )
    return ContactRequest.objects.create(
        profile=profile,
        enterprise=team.enterprise,
        requested_by=team.user,
        message="We export to Ukraine.",
        status=status,
    )


def thread_url(contact) -> str:
    return reverse("profiles:contact_thread", args=[contact.pk])


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


# Opening the thread.


def test_the_thread_opens_only_once_the_talent_accepts(client, team):
    profile = TalentProfileFactory(visibility=TalentProfile.Visibility.ANONYMOUS)
    login(client, team.user).post(
        reverse("profiles:contact_request", args=[profile.pk]), {"message": "Hello"}
    )
    contact = profile.contact_requests.get()
    for user in (team.user, profile.user):
        login(client, user)
        assert client.get(thread_url(contact)).status_code == 404
        assert client.post(thread_url(contact), {"body": "Hi"}).status_code == 404

    login(client, profile.user).post(
        reverse("profiles:contact_decide", args=[contact.pk, "accept"])
    )

    for user in (team.user, profile.user):
        response = login(client, user).get(thread_url(contact))
        assert response.status_code == 200
        assert response.context["contact"] == contact
        assert "No messages yet." in response.content.decode()
    assert not ContactMessage.objects.exists()


@pytest.mark.parametrize("status", [Status.PENDING, Status.DECLINED])
def test_no_thread_for_a_pending_or_declined_request(client, team, status):
    contact = _contact(team, status)
    for user in (team.user, contact.profile.user):
        assert login(client, user).get(thread_url(contact)).status_code == 404
        assert login(client, user).post(thread_url(contact), {"body": "Hi"}).status_code == 404
    with pytest.raises(ValidationError) as error:
        contact_message_post(contact_id=contact.pk, author=team.user, body="Hi")
    assert error.value.code == "not_accepted"
    assert not ContactMessage.objects.exists()


# Who may see it.


def _viewer(role, contact):
    return {
        "anonymous": lambda: None,
        "talent": lambda: contact.profile.user,
        "requester": lambda: contact.requested_by,
        "colleague": lambda: MembershipFactory(enterprise=contact.enterprise).user,
        "other_talent": TalentUserFactory,
        "other_member": lambda: MembershipFactory().user,
        "staff": StaffUserFactory,
    }[role]()


@pytest.mark.parametrize(
    ("role", "outcome"),
    [
        ("anonymous", "login"),
        ("talent", 200),
        ("requester", 200),
        ("colleague", 200),
        ("other_talent", 404),
        ("other_member", 404),
        ("staff", 404),
    ],
)
def test_who_sees_and_posts_to_the_thread(client, contact, role, outcome):
    login(client, _viewer(role, contact))
    response = client.get(thread_url(contact))
    posted = client.post(thread_url(contact), {"body": "Hello there"})
    if outcome == "login":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
        assert posted.status_code == 302
        assert posted.url.startswith(reverse("account_login"))
        assert not ContactMessage.objects.exists()
    elif outcome == 404:
        assert response.status_code == 404
        assert posted.status_code == 404
        assert not ContactMessage.objects.exists()
    else:
        assert response.status_code == 200
        assert "Olena Kovalenko" in response.content.decode()
        assert posted.status_code == 302
        assert posted.url == thread_url(contact)
        assert contact.messages.get().body == "Hello there"


def test_only_the_two_sides_may_post_through_the_service(contact):
    for outsider in (TalentUserFactory(), MembershipFactory().user, StaffUserFactory()):
        with pytest.raises(PermissionDenied):
            contact_message_post(contact_id=contact.pk, author=outsider, body="Hi")
    assert not ContactMessage.objects.exists()


# Messages both ways, with mail.


def test_messages_go_both_ways_and_mail_the_other_side_in_their_language(
    client, contact, team, mailoutbox, django_capture_on_commit_callbacks
):
    talent = contact.profile.user
    talent.preferred_language = "fi"
    talent.save(update_fields=["preferred_language"])
    MembershipFactory(enterprise=team.enterprise)  # a colleague: the requester answers
    url = f"http://testserver{thread_url(contact)}"

    with django_capture_on_commit_callbacks(execute=True):
        response = login(client, team.user).post(
            thread_url(contact), {"body": "  Could we meet on Monday?  "}, follow=True
        )
    assert "Message sent." in response.content.decode()
    [mail] = mailoutbox
    assert mail.to == [talent.email]
    assert mail.body.startswith("Hei,")  # the talent chose Finnish
    assert team.enterprise.name in mail.subject
    assert "Could we meet on Monday?" in mail.body
    assert url in mail.body

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        login(client, talent).post(thread_url(contact), {"body": "Monday suits me."})
    [mail] = mailoutbox
    assert mail.to == [team.user.email]
    assert mail.body.startswith("Hello,")
    assert mail.subject.endswith("New message from Olena Kovalenko")
    assert "Monday suits me." in mail.body
    assert url in mail.body

    assert [(m.author, m.body) for m in contact.messages.all()] == [
        (team.user, "Could we meet on Monday?"),
        (talent, "Monday suits me."),
    ]
    html = login(client, talent).get(thread_url(contact)).content.decode()
    assert html.index("Could we meet on Monday?") < html.index("Monday suits me.")
    assert "<strong>You</strong>" in html
    assert f"<strong>{team.enterprise.name}</strong>" in html


def test_the_whole_team_is_mailed_once_the_requester_has_left(
    contact, team, mailoutbox, django_capture_on_commit_callbacks
):
    colleagues = MembershipFactory.create_batch(2, enterprise=team.enterprise)
    team.delete()
    with django_capture_on_commit_callbacks(execute=True):
        contact_message_post(contact_id=contact.pk, author=contact.profile.user, body="Hi!")
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(m.user.email for m in colleagues)
    # The one who left can no longer write to the thread.
    with pytest.raises(PermissionDenied):
        contact_message_post(contact_id=contact.pk, author=team.user, body="Still here?")


# A block closes the thread.


def test_a_blocked_enterprise_cannot_post(client, contact, team, mailoutbox):
    ContactMessage.objects.create(contact_request=contact, author=team.user, body="Earlier")
    EnterpriseBlock.objects.create(profile=contact.profile, enterprise=contact.enterprise)

    login(client, team.user)
    response = client.post(thread_url(contact), {"body": "Are you there?"}, follow=True)
    html = response.content.decode()
    assert html.count("The conversation is closed.") == 2  # the refusal, and in place of the form
    assert "Earlier" in html  # what was said stays readable
    assert "<textarea" not in html
    assert list(contact.messages.values_list("body", flat=True)) == ["Earlier"]
    for author in (team.user, contact.profile.user):
        with pytest.raises(ValidationError) as error:
            contact_message_post(contact_id=contact.pk, author=author, body="Hi")
        assert error.value.code == "closed"
    assert mailoutbox == []


# The form.


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("", "This field is required."),
        ("   ", "This field is required."),
        ("Long story. " + "x" * 2000, "Ensure this value has at most 2000 characters"),
    ],
)
def test_an_invalid_message_keeps_the_typed_text(client, contact, body, error):
    response = login(client, contact.profile.user).post(thread_url(contact), {"body": body})
    assert response.status_code == 200
    html = response.content.decode()
    assert error in html
    assert 'class="error-summary"' in html
    assert response.context["message_form"]["body"].value() == body
    if body.strip():
        assert body in html
    assert not ContactMessage.objects.exists()


@pytest.mark.parametrize(
    ("body", "code"),
    [("", "required"), (" \n ", "required"), ("x" * 2001, "max_length")],
)
def test_the_service_checks_the_body(contact, body, code):
    with pytest.raises(ValidationError) as error:
        contact_message_post(contact_id=contact.pk, author=contact.profile.user, body=body)
    assert error.value.code == code
    assert not ContactMessage.objects.exists()


def test_a_message_of_exactly_the_limit_is_sent(contact):
    message = contact_message_post(
        contact_id=contact.pk, author=contact.profile.user, body=f"  {'x' * 2000}  "
    )
    assert message.body == "x" * 2000


def test_only_a_post_posts(client, contact):
    login(client, contact.profile.user)
    assert client.get(thread_url(contact), {"body": "Hi"}).status_code == 200
    assert client.put(thread_url(contact), {"body": "Hi"}).status_code == 405
    assert client.delete(thread_url(contact)).status_code == 405
    assert not ContactMessage.objects.exists()


# Links to the thread.


def test_the_talents_editor_links_each_accepted_request(client, contact, team):
    pending = ContactRequest.objects.create(profile=contact.profile, enterprise=EnterpriseFactory())
    html = login(client, contact.profile.user).get(reverse("profiles:start")).content.decode()
    assert f"Messages with {team.enterprise.name}" in html
    assert f'href="{thread_url(contact)}"' in html
    assert thread_url(pending) not in html


def test_the_enterprise_finds_the_thread_on_the_talents_profile(client, contact, team):
    page = reverse("profiles:detail", args=[contact.profile.pk])
    html = login(client, team.user).get(page).content.decode()
    assert f'href="{thread_url(contact)}"' in html

    contact.status = Status.PENDING
    contact.save(update_fields=["status"])
    html = client.get(page).content.decode()
    assert thread_url(contact) not in html


def test_a_thread_names_its_opening(client, team):
    contact = _contact(team, Status.ACCEPTED)
    contact.opening = OpeningFactory(enterprise=team.enterprise, title="Export coordinator")
    contact.save(update_fields=["opening"])
    html = login(client, team.user).get(thread_url(contact)).content.decode()
    assert "Export coordinator" in html
    assert "We export to Ukraine." in html


# Query counts: the same for one message as for twenty.


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_the_thread_pages_queries_do_not_grow_with_the_messages(
    client, contact, team, django_assert_max_num_queries
):
    talent = contact.profile.user
    ContactMessage.objects.create(contact_request=contact, author=talent, body="First")
    sides = [talent, team.user]
    counts = [_queries(login(client, user), thread_url(contact)) for user in sides]
    colleagues = [MembershipFactory(enterprise=team.enterprise).user for _ in range(3)]
    for n in range(19):
        author = [talent, team.user, *colleagues][n % 5]
        ContactMessage.objects.create(contact_request=contact, author=author, body=f"Note {n}")
    for user, count in zip(sides, counts, strict=True):
        login(client, user)
        with django_assert_max_num_queries(count):
            response = client.get(thread_url(contact))
        assert len(response.context["contact"].messages.all()) == 20


def test_the_talent_can_block_the_company_from_the_thread(client, contact, team):
    login(client, contact.profile.user)
    assert "Block " in client.get(thread_url(contact)).content.decode()
    client.post(reverse("profiles:block", args=[team.enterprise.pk]))
    assert EnterpriseBlock.objects.filter(profile=contact.profile).count() == 1
    assert "The conversation is closed." in client.get(thread_url(contact)).content.decode()
    # Only a company that reached out can be blocked.
    other = MembershipFactory().enterprise
    assert client.post(reverse("profiles:block", args=[other.pk])).status_code == 404
    assert client.get(reverse("profiles:block", args=[team.enterprise.pk])).status_code == 405
