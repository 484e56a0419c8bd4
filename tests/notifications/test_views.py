"""The person's notification pages, per role: the centre and its actions, email preferences,
the unsubscribe link (no login, no CSRF token: RFC 8058 one-click) and the header's count."""

import pytest
from django.core import signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications import mail, services
from notifications.models import Category, Frequency, Notification, Preferences
from tests.factories import MembershipFactory, TalentUserFactory
from tests.html import assert_valid_html

pytestmark = pytest.mark.django_db

LOGIN = "login"
LIST = reverse("notifications:list")
PREFERENCES = reverse("notifications:preferences")
READ_ALL = reverse("notifications:read_all")
TARGET = "/openings/"
UNREAD_BADGE = '<span class="badge badge-highlight">Unread</span>'


def notify(user, number=0, *, title="Baker", url=TARGET, kind="application_shortlisted"):
    """One notification for `user`, as a service would write it."""
    key = f"test:{kind}:{number}:{title}"
    services.notify(
        kind=kind, key=key, context={"opening": {"title": title}}, url=url, user_ids=[user.pk]
    )
    return Notification.objects.get(recipient=user, key=key)


def open_url(notification):
    return reverse("notifications:open", args=[notification.pk])


def unsubscribe_url(user, category):
    return reverse("notifications:unsubscribe", args=[mail.unsubscribe_token(user.pk, category)])


def outcome(response):
    if response.status_code == 302 and response["Location"].startswith(reverse("account_login")):
        return LOGIN
    return response.status_code


def frequencies(user) -> dict[str, str]:
    preferences = Preferences.objects.get(user=user)
    return {name: getattr(preferences, name) for name in Category.values if name != "account"}


@pytest.fixture
def signed_in(client, talent):
    client.force_login(talent)
    return client


# Who may see what.

ROLES = [
    ("anonymous", LOGIN),
    ("talent", 200),
    ("member", 200),
    ("enterprise_user", 200),
    ("staff", 200),
]


@pytest.mark.parametrize("url", [LIST, PREFERENCES])
@pytest.mark.parametrize(("role", "expected"), ROLES)
def test_the_pages_per_role(client, user_for_role, url, role, expected):
    user = user_for_role(role)
    if user:
        client.force_login(user)
    assert outcome(client.get(url)) == expected


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_log_in_before_an_action_and_then_see_the_centre(client, talent, method):
    notification = notify(talent)
    for url in (open_url(notification), READ_ALL):
        response = getattr(client, method)(url)
        assert outcome(response) == LOGIN
        assert response["Location"].endswith(f"?next={LIST}")
    notification.refresh_from_db()
    assert notification.read_at is None


def test_actions_refuse_get(signed_in, talent):
    notification = notify(talent)
    assert signed_in.get(open_url(notification)).status_code == 405
    assert signed_in.get(READ_ALL).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.parametrize("role", ["talent", "member", "staff"])
def test_someone_elses_notification_is_not_found(client, user_for_role, talent, role):
    notification = notify(talent)
    client.force_login(user_for_role(role))

    assert client.post(open_url(notification)).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


# The centre.


@pytest.mark.parametrize("role", ["talent", "member"])
def test_the_centre_shows_the_persons_own_notifications_and_which_are_unread(
    client, user_for_role, role
):
    user = user_for_role(role)
    notify(user, title="Baker")
    services.notification_open(user=user, notification_id=notify(user, title="Cook").pk)
    notify(TalentUserFactory(), title="Somebody else's")
    client.force_login(user)

    html = client.get(LIST).content.decode()

    assert "You are on the shortlist for “Baker”" in html
    assert "You are on the shortlist for “Cook”" in html
    assert "Somebody else" not in html
    assert html.count(UNREAD_BADGE) == 1
    assert "You have 1 unread notification." in html
    assert f'action="{READ_ALL}"' in html
    assert f'href="{PREFERENCES}"' in html


def test_a_title_is_escaped_once(signed_in, talent):
    notify(talent, title="Tom & Jerry <b>")

    html = signed_in.get(LIST).content.decode()

    assert "“Tom &amp; Jerry &lt;b&gt;”" in html


def test_the_centre_when_nothing_is_unread(signed_in, talent):
    services.notification_open(user=talent, notification_id=notify(talent).pk)

    html = signed_in.get(LIST).content.decode()

    assert UNREAD_BADGE not in html
    assert f'action="{READ_ALL}"' not in html
    assert "You have no unread notifications." in html


def test_the_centre_when_empty(signed_in):
    html = signed_in.get(LIST).content.decode()

    assert "You have no notifications yet." in html
    assert f'action="{READ_ALL}"' not in html


def test_the_centre_is_newest_first_25_a_page(signed_in, talent):
    for number in range(30):
        notify(talent, number, title=f"Opening {number}")

    first = signed_in.get(LIST)
    second = signed_in.get(LIST, {"page": 2})

    assert [n.context["opening"]["title"] for n, _title in first.context["entries"]][:2] == [
        "Opening 29",
        "Opening 28",
    ]
    assert len(first.context["entries"]) == 25
    assert len(second.context["entries"]) == 5
    assert "Page 2 of 2" in second.content.decode()
    assert "Opening 0" in second.content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_the_centre_queries_do_not_grow(signed_in, talent, django_assert_max_num_queries):
    for number in range(3):
        notify(talent, number)
    few = _queries(signed_in, LIST)
    for number in range(3, 30):
        notify(talent, number)
    with django_assert_max_num_queries(few):
        response = signed_in.get(LIST)
    assert response.context["page"].paginator.count == 30


def test_the_centre_and_its_header_count_unread_once(signed_in, talent):
    notify(talent)
    with CaptureQueriesContext(connection) as context:
        signed_in.get(LIST)
    counts = [q["sql"] for q in context if "notifications_notification" in q["sql"]]
    assert len([sql for sql in counts if "COUNT" in sql and "read_at" in sql]) == 1


def test_opening_marks_read_and_goes_to_the_object(signed_in, talent):
    notification = notify(talent, url="/openings/12/")

    response = signed_in.post(open_url(notification))

    assert response.status_code == 302
    assert response["Location"] == "/openings/12/"
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.parametrize("url", ["", "https://evil.example/", "//evil.example/x", "javascript:x"])
def test_opening_without_a_safe_address_goes_back_to_the_centre(signed_in, talent, url):
    notification = notify(talent, url=url)

    response = signed_in.post(open_url(notification))

    assert response["Location"] == LIST
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_marking_all_as_read(signed_in, talent):
    for number in range(3):
        notify(talent, number)
    other = notify(TalentUserFactory())

    response = signed_in.post(READ_ALL, follow=True)

    assert response.redirect_chain == [(LIST, 302)]
    assert "All notifications marked as read." in response.content.decode()
    assert not Notification.objects.filter(recipient=talent, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None


# The header.


def test_the_header_shows_the_unread_count(signed_in, talent):
    for number in range(3):
        notify(talent, number)

    nav = signed_in.get(reverse("pages:about")).content.decode().split('class="site-nav"')[1]

    assert (
        f'<a href="{LIST}">Notifications (3<span class="visually-hidden"> unread</span>)</a>'
        in nav.split("</nav>")[0]
    )


def test_the_header_without_unread_shows_no_number(signed_in):
    nav = signed_in.get(reverse("pages:about")).content.decode().split('class="site-nav"')[1]

    assert f'<a href="{LIST}">Notifications</a>' in nav.split("</nav>")[0]


def test_anonymous_visitors_have_no_notifications_link_and_no_count_query(client):
    with CaptureQueriesContext(connection) as context:
        html = client.get(reverse("pages:about")).content.decode()
    assert LIST not in html
    assert not any("notifications_notification" in q["sql"] for q in context)


def test_pages_without_the_header_do_not_count(signed_in, talent):
    notification = notify(talent)
    with CaptureQueriesContext(connection) as context:
        signed_in.post(open_url(notification))
    assert not any("COUNT" in q["sql"] for q in context)


# Preferences.


def test_a_talent_tunes_what_concerns_talents(signed_in):
    response = signed_in.get(PREFERENCES)

    assert list(response.context["form"].fields) == [
        "matches",
        "match_threshold",
        "applications",
        "messages",
        "placements",
    ]
    html = response.content.decode()
    assert "always sent" in html
    assert "<legend" in html  # each category's choices are a fieldset


@pytest.mark.parametrize("role", ["member", "enterprise_user"])
def test_a_company_representative_tunes_what_concerns_companies(client, user_for_role, role):
    client.force_login(user_for_role(role))

    response = client.get(PREFERENCES)

    assert list(response.context["form"].fields) == [
        "applications",
        "messages",
        "openings",
        "placements",
    ]


def test_the_form_shows_the_stored_choices(signed_in, talent):
    Preferences.objects.create(user=talent, messages=Frequency.WEEKLY, match_threshold=85)

    form = signed_in.get(PREFERENCES).context["form"]

    assert form["messages"].value() == Frequency.WEEKLY
    assert form["match_threshold"].value() == 85


def test_a_talent_saves_preferences(signed_in, talent):
    data = {
        "matches": Frequency.DAILY,
        "match_threshold": "75",
        "applications": Frequency.WEEKLY,
        "messages": Frequency.OFF,
        "placements": Frequency.IMMEDIATELY,
    }

    response = signed_in.post(PREFERENCES, data, follow=True)

    assert response.redirect_chain == [(PREFERENCES, 302)]
    assert "Your email preferences are saved." in response.content.decode()
    preferences = Preferences.objects.get(user=talent)
    assert preferences.match_threshold == 75
    assert frequencies(talent) == {
        "matches": Frequency.DAILY,
        "applications": Frequency.WEEKLY,
        "messages": Frequency.OFF,
        "openings": Frequency.IMMEDIATELY,
        "placements": Frequency.IMMEDIATELY,
    }


def test_fields_not_shown_keep_their_stored_values(client, member):
    Preferences.objects.create(user=member, matches=Frequency.OFF, match_threshold=90)
    client.force_login(member)
    data = {
        "applications": Frequency.DAILY,
        "messages": Frequency.DAILY,
        "openings": Frequency.WEEKLY,
        "placements": Frequency.OFF,
        # Not the member's fields: ignored.
        "matches": Frequency.IMMEDIATELY,
        "match_threshold": "20",
    }

    assert client.post(PREFERENCES, data)["Location"] == PREFERENCES

    preferences = Preferences.objects.get(user=member)
    assert (preferences.matches, preferences.match_threshold) == (Frequency.OFF, 90)
    assert (preferences.openings, preferences.placements) == (Frequency.WEEKLY, Frequency.OFF)


@pytest.mark.parametrize("threshold", ["19", "101", "many", ""])
def test_invalid_preferences_are_explained_and_not_saved(signed_in, talent, threshold):
    data = {
        "matches": Frequency.DAILY,
        "match_threshold": threshold,
        "applications": "sometimes",
        "messages": Frequency.OFF,
        "placements": Frequency.IMMEDIATELY,
    }

    response = signed_in.post(PREFERENCES, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_match_threshold"' in html
    assert 'href="#id_applications_0"' in html
    assert not Preferences.objects.filter(user=talent).exists()


# Unsubscribe: the signed link is the credential.


def test_the_unsubscribe_link_asks_first_and_changes_nothing(client, talent):
    response = client.get(unsubscribe_url(talent, Category.APPLICATIONS))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Stop these emails?" in html
    assert "<strong>Applications</strong>" in html
    assert 'method="post"' in html
    assert not Preferences.objects.filter(user=talent).exists()


def test_one_click_unsubscribe_turns_the_category_off(talent):
    pending = notify(talent, kind="application_shortlisted")
    Notification.objects.filter(pk=pending.pk).update(frequency=Frequency.DAILY)
    provider = Client(enforce_csrf_checks=True)

    response = provider.post(
        unsubscribe_url(talent, Category.APPLICATIONS),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert "You will no longer get these emails" in response.content.decode()
    assert frequencies(talent) == {
        "matches": Frequency.IMMEDIATELY,
        "applications": Frequency.OFF,
        "messages": Frequency.IMMEDIATELY,
        "openings": Frequency.IMMEDIATELY,
        "placements": Frequency.IMMEDIATELY,
    }
    pending.refresh_from_db()
    assert pending.status == Notification.Status.SKIPPED


def test_the_confirmation_button_works_without_a_csrf_token(talent):
    response = Client(enforce_csrf_checks=True).post(
        unsubscribe_url(talent, Category.MESSAGES), {"List-Unsubscribe": "One-Click"}
    )

    assert response.status_code == 200
    assert frequencies(talent)["messages"] == Frequency.OFF


def test_a_digest_link_turns_every_category_off(client, talent):
    response = client.post(unsubscribe_url(talent, mail.ALL))

    assert response.status_code == 200
    assert "All notification emails" in response.content.decode()
    assert set(frequencies(talent).values()) == {Frequency.OFF}


def test_after_unsubscribing_a_signed_in_person_is_offered_their_preferences(signed_in, talent):
    html = signed_in.post(unsubscribe_url(talent, Category.MATCHES)).content.decode()

    assert f'href="{PREFERENCES}"' in html


def _tampered(talent):
    token = mail.unsubscribe_token(talent.pk, Category.APPLICATIONS)
    other = mail.unsubscribe_token(talent.pk + 1, Category.APPLICATIONS)
    return [
        token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb"),
        other.split(":")[0] + ":" + token.split(":", 1)[1],
        signing.dumps([talent.pk, Category.APPLICATIONS], salt="another purpose"),
        signing.dumps([talent.pk, "nonsense"], salt=mail.UNSUBSCRIBE_SALT, compress=True),
        "not-a-token",
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_link_is_refused_and_changes_nothing(talent, method):
    client = Client(enforce_csrf_checks=True)
    for token in _tampered(talent):
        response = getattr(client, method)(reverse("notifications:unsubscribe", args=[token]))
        assert response.status_code == 400, token
        assert "This link does not work" in response.content.decode()
    assert not Preferences.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_link_for_a_closed_account_is_refused(client, method):
    gone = TalentUserFactory()
    url = unsubscribe_url(gone, Category.APPLICATIONS)
    gone.delete()

    response = getattr(client, method)(url)

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert not Preferences.objects.exists()


# HTML validity.


def test_the_pages_are_valid_html(client, talent, tmp_path):
    member = MembershipFactory().user
    for number in range(27):
        notify(talent, number, title=f"Opening {number}")
    services.notification_open(user=talent, notification_id=notify(talent, 99, url="").pk)
    notify(talent, 100, url="")

    def pages():
        yield "unsubscribe", client.get(unsubscribe_url(talent, Category.APPLICATIONS))
        yield "unsubscribed", client.post(unsubscribe_url(talent, Category.APPLICATIONS))
        yield "unsubscribe, all", client.get(unsubscribe_url(talent, mail.ALL))
        bad = reverse("notifications:unsubscribe", args=["not-a-token"])
        yield "unsubscribe, bad link", client.get(bad)
        client.force_login(talent)
        yield "centre", client.get(LIST)
        yield "centre, page 2", client.get(LIST, {"page": 2})
        yield "preferences", client.get(PREFERENCES)
        yield "preferences, errors", client.post(PREFERENCES, {"match_threshold": "5"})
        yield "unsubscribed, signed in", client.post(unsubscribe_url(talent, mail.ALL))
        client.force_login(member)
        yield "centre, empty", client.get(LIST)
        yield "company preferences", client.get(PREFERENCES)

    assert_valid_html(pages(), tmp_path, statuses=(200, 400))
