"""Application pages, per role: the talent applies and follows, the enterprise's team reads its
applicants and moves them; everyone else gets 404. Query counts do not grow with rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from matching.models import Application, Opening
from matching.services.applications import application_create, application_message_post
from profiles import services as profile_services
from profiles.models import TalentProfile
from tests.factories import (
    ApplicationFactory,
    MembershipFactory,
    OpeningFactory,
    StaffUserFactory,
    TalentProfileFactory,
    TalentUserFactory,
)
from tests.html import assert_valid_html
from tests.profiles.files import pdf_upload

S = Application.Status
LOGIN = "login"


@pytest.fixture
def team(db):
    return MembershipFactory()


@pytest.fixture
def application(team):
    """A hidden talent with a CV applied, with that CV, to the team's opening."""
    profile = TalentProfileFactory(
        visibility=TalentProfile.Visibility.HIDDEN,
        display_name="Ana Souza",
        right_to_work=TalentProfile.RightToWork.PENDING,
    )
    profile_services.profile_cv_set(profile=profile, upload=pdf_upload("Ana Souza CV.pdf"))
    opening = OpeningFactory(enterprise=team.enterprise, contact=team.user)
    return application_create(
        profile=profile, opening_id=opening.pk, motivation="Hire me, please.", attach_cv=True
    )


def talent_url(name, application):
    return reverse(f"applications:{name}", args=[application.pk])


def company_url(name, application, enterprise=None):
    enterprise_pk = (enterprise or application.opening.enterprise).pk
    if name == "applicants":
        return reverse("company_openings:applicants", args=[enterprise_pk, application.opening_id])
    return reverse(f"company_openings:{name}", args=[enterprise_pk, application.pk])


def outcome(response):
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("account_login"))
        return LOGIN
    return response.status_code


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


def viewer(role, application):
    enterprise = application.opening.enterprise
    return {
        "anonymous": lambda: None,
        "owner": lambda: application.profile.user,
        "other_talent": TalentUserFactory,
        "member": lambda: MembershipFactory(enterprise=enterprise, role="member").user,
        "other_member": lambda: MembershipFactory().user,
        "staff": StaffUserFactory,
    }[role]()


TALENT_PAGES = ["list", "detail", "withdraw", "cv"]
TALENT_ROLES = [
    ("anonymous", LOGIN),
    ("owner", 200),
    ("other_talent", 404),
    ("member", 404),
    ("other_member", 404),
    ("staff", 404),
]


@pytest.mark.parametrize("page", TALENT_PAGES)
@pytest.mark.parametrize(("role", "expected"), TALENT_ROLES)
def test_the_talents_pages_per_role(client, application, page, role, expected):
    login(client, viewer(role, application))
    url = reverse("applications:list") if page == "list" else talent_url(page, application)
    expected = 200 if page == "list" and role in ("other_talent",) else expected
    assert outcome(client.get(url)) == expected


COMPANY_PAGES = ["applicants", "application", "application_cv"]
COMPANY_ROLES = [
    ("anonymous", LOGIN),
    ("owner", 404),
    ("other_talent", 404),
    ("member", 200),
    ("other_member", 404),
    ("staff", 404),
]


@pytest.mark.parametrize("page", COMPANY_PAGES)
@pytest.mark.parametrize(("role", "expected"), COMPANY_ROLES)
def test_the_enterprises_pages_per_role(client, application, page, role, expected):
    login(client, viewer(role, application))
    assert outcome(client.get(company_url(page, application))) == expected


@pytest.mark.parametrize("page", COMPANY_PAGES)
def test_another_team_gets_404_under_its_own_enterprise_too(client, application, page):
    other = MembershipFactory()
    login(client, other.user)
    assert client.get(company_url(page, application, other.enterprise)).status_code == 404


@pytest.mark.django_db
def test_another_team_cannot_move_or_message_an_application(client, application):
    other = MembershipFactory()
    login(client, other.user)
    for enterprise in (other.enterprise, application.opening.enterprise):
        move = company_url("application_move", application, enterprise)
        assert client.post(move, {"to": S.SHORTLISTED}).status_code == 404
        message = company_url("application_message", application, enterprise)
        assert client.post(message, {"body": "Hi"}).status_code == 404
    assert Application.objects.get(pk=application.pk).status == S.RECEIVED
    assert not application.messages.exists()


def test_another_talent_cannot_act_on_an_application(client, application):
    login(client, TalentUserFactory())
    assert client.post(talent_url("withdraw", application)).status_code == 404
    assert client.post(talent_url("respond", application), {"to": S.ACCEPTED}).status_code == 404
    assert client.post(talent_url("message", application), {"body": "Hi"}).status_code == 404
    assert Application.objects.get(pk=application.pk).status == S.RECEIVED


def test_changes_are_post_only(client, application):
    login(client, application.profile.user)
    assert client.get(talent_url("respond", application)).status_code == 405
    assert client.get(talent_url("message", application)).status_code == 405
    login(client, application.opening.enterprise.membership_set.get().user)
    assert client.get(company_url("application_move", application)).status_code == 405
    assert client.get(company_url("application_message", application)).status_code == 405


# Applying.


@pytest.mark.django_db
def test_a_talent_applies_from_the_openings_page(
    client, talent, team, mailoutbox, django_capture_on_commit_callbacks
):
    opening = OpeningFactory(enterprise=team.enterprise)
    login(client, talent)
    page = client.get(reverse("openings:detail", args=[opening.pk])).content.decode()
    apply_url = reverse("applications:apply", args=[opening.pk])
    assert apply_url in page

    form = client.get(apply_url).content.decode()
    assert "Apply without a CV" in form
    assert "Send the CV on my profile" not in form  # the new profile has no CV
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url, {"motivation": "I know the market.", "cv": "none"})

    application = Application.objects.get()
    assert response.url == talent_url("detail", application)
    assert (application.profile.user, application.opening, application.cv.name) == (
        talent,
        opening,
        "",
    )
    [mail] = mailoutbox  # to the enterprise's team
    assert mail.to == [team.user.email]


def test_applying_twice_says_so(client, application):
    login(client, application.profile.user)
    url = reverse("applications:apply", args=[application.opening_id])
    response = client.post(url, {"motivation": "Again!", "cv": "none"}, follow=True)
    assert response.redirect_chain[-1][0] == talent_url("detail", application)
    assert "You have already applied to this opening." in response.content.decode()
    assert Application.objects.count() == 1


def test_the_form_offers_the_profile_cv_when_there_is_one(client, application):
    login(client, application.profile.user)
    html = client.get(reverse("applications:apply", args=[OpeningFactory().pk])).content.decode()
    assert "Send the CV on my profile (Ana Souza CV.pdf)" in html


@pytest.mark.django_db
def test_an_empty_motivation_is_shown_on_the_form(client, talent):
    opening = OpeningFactory()
    login(client, talent)
    url = reverse("applications:apply", args=[opening.pk])
    response = client.post(url, {"motivation": "", "cv": "none"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "state",
    [
        {"status": Opening.Status.DRAFT, "published_at": None},
        {"status": Opening.Status.CLOSED},
        {"deadline": "2000-01-01"},
    ],
)
@pytest.mark.django_db
def test_unpublished_openings_have_no_apply_page(client, talent, state):
    opening = OpeningFactory(**state)
    login(client, talent)
    url = reverse("applications:apply", args=[opening.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"motivation": "Hi", "cv": "none"}).status_code == 404
    assert not Application.objects.exists()


@pytest.mark.parametrize("role", ["member", "staff"])
@pytest.mark.django_db
def test_only_talents_apply(client, role):
    opening = OpeningFactory()
    login(client, MembershipFactory().user if role == "member" else StaffUserFactory())
    url = reverse("applications:apply", args=[opening.pk])
    assert client.post(url, {"motivation": "Hi", "cv": "none"}).status_code == 404


# What the team sees.


def test_the_team_sees_the_hidden_applicant_with_identity_right_to_work_and_cv(client, application):
    member = viewer("member", application)
    login(client, member)
    html = client.get(company_url("application", application)).content.decode()
    assert "Ana Souza" in html
    assert application.profile.user.email in html
    assert "Permit application in progress" in html
    assert company_url("application_cv", application) in html
    assert "Hire me, please." in html

    # The talent's own pages follow the same rules: profile, photo and CV.
    profile_url = reverse("profiles:detail", args=[application.profile_id])
    page = client.get(profile_url).content.decode()
    assert "Ana Souza" in page
    assert "Permit application in progress" in page
    assert client.get(reverse("profiles:cv", args=[application.profile_id])).status_code == 200


def test_another_team_still_does_not_find_the_hidden_talent(client, application):
    login(client, MembershipFactory().user)
    profile_url = reverse("profiles:detail", args=[application.profile_id])
    assert client.get(profile_url).status_code == 404
    assert client.get(reverse("profiles:cv", args=[application.profile_id])).status_code == 404


def test_the_team_downloads_exactly_the_cv_that_was_sent(client, application):
    profile = application.profile
    profile_services.profile_cv_set(profile=profile, upload=pdf_upload("Other.pdf"))
    login(client, viewer("member", application))

    response = client.get(company_url("application_cv", application))

    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Ana Souza CV.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    with application.cv.open() as sent:
        assert b"".join(response.streaming_content) == sent.read()


@pytest.mark.django_db
def test_no_cv_sent_no_download(client, team):
    application = ApplicationFactory(opening__enterprise=team.enterprise)
    login(client, team.user)
    assert client.get(company_url("application_cv", application)).status_code == 404


def test_the_team_sees_only_the_moves_allowed_now(client, application):
    login(client, viewer("member", application))
    html = client.get(company_url("application", application)).content.decode()
    assert 'value="shortlisted"' in html
    assert 'value="rejected"' in html
    assert 'value="offered"' not in html
    assert 'value="accepted"' not in html


def test_the_team_moves_the_application_and_rejects_with_a_message(
    client, application, mailoutbox, django_capture_on_commit_callbacks
):
    login(client, viewer("member", application))
    move = company_url("application_move", application)

    client.post(move, {"to": S.SHORTLISTED})
    assert Application.objects.get(pk=application.pk).status == S.SHORTLISTED
    # A move that is not the team's to make: 404, nothing changes.
    assert client.post(move, {"to": S.ACCEPTED}).status_code == 404
    # A move the state does not allow: refused with a message.
    response = client.post(move, {"to": S.OFFERED}, follow=True)
    assert "that is not possible now" in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(move, {"to": S.REJECTED, "note": "We chose someone with Swedish."})
    application.refresh_from_db()
    assert application.status == S.REJECTED
    assert application.events.last().note == "We chose someone with Swedish."
    assert "We chose someone with Swedish." in mailoutbox[-1].body
    assert mailoutbox[-1].to == [application.profile.user.email]


def test_the_applicants_list_filters_by_status_with_counts(client, team, application):
    ApplicationFactory(opening=application.opening, status=S.SHORTLISTED)
    ApplicationFactory(opening=application.opening, status=S.SHORTLISTED)
    login(client, team.user)
    url = company_url("applicants", application)

    html = client.get(url, {"status": S.SHORTLISTED}).content.decode()

    assert "<strong>3</strong> All" in html
    assert "<strong>2</strong> Shortlisted" in html
    assert "<strong>1</strong> Received" in html
    assert "Ana Souza" not in html  # received, filtered out
    assert "Ana Souza" in client.get(url).content.decode()


def test_the_dashboard_links_each_opening_to_its_applicants(client, team, application):
    login(client, team.user)
    html = client.get(reverse("company_openings:dashboard", args=[team.enterprise.pk]))
    assert company_url("applicants", application) in html.content.decode()
    assert "Applicants (1)" in html.content.decode()


# What the talent does.


def test_the_talent_withdraws_after_a_confirmation(
    client, application, mailoutbox, django_capture_on_commit_callbacks
):
    login(client, application.profile.user)
    url = talent_url("withdraw", application)

    confirm = client.get(url).content.decode()
    assert "keeps access to them" in confirm
    assert Application.objects.get(pk=application.pk).status == S.RECEIVED

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert Application.objects.get(pk=application.pk).status == S.WITHDRAWN
    assert mailoutbox[-1].to == [application.opening.contact.email]


def test_the_talent_answers_an_offer(client, application):
    Application.objects.filter(pk=application.pk).update(status=S.OFFERED)
    login(client, application.profile.user)

    html = client.get(talent_url("detail", application)).content.decode()
    assert 'value="accepted"' in html
    assert 'value="declined"' in html
    client.post(talent_url("respond", application), {"to": S.ACCEPTED})

    assert Application.objects.get(pk=application.pk).status == S.ACCEPTED
    event = application.events.last()
    assert (event.actor, event.to_status) == (application.profile.user, S.ACCEPTED)


def test_the_talent_cannot_shortlist_through_the_answer_form(client, application):
    login(client, application.profile.user)
    response = client.post(talent_url("respond", application), {"to": S.SHORTLISTED})
    assert response.status_code == 404
    assert Application.objects.get(pk=application.pk).status == S.RECEIVED


def test_the_thread_goes_both_ways(
    client, application, mailoutbox, django_capture_on_commit_callbacks
):
    member = viewer("member", application)
    login(client, application.profile.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(talent_url("message", application), {"body": "Is the role remote?"})
    login(client, member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(company_url("application_message", application), {"body": "Hybrid, mostly."})

    for user, url in [
        (application.profile.user, talent_url("detail", application)),
        (member, company_url("application", application)),
    ]:
        html = login(client, user).get(url).content.decode()
        assert "Is the role remote?" in html
        assert "Hybrid, mostly." in html
    assert [mail.to for mail in mailoutbox] == [
        [application.opening.contact.email],
        [application.profile.user.email],
    ]


# Query counts: the same for one row as for twenty.


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_the_talents_list_queries_do_not_grow(client, application, django_assert_max_num_queries):
    talent = application.profile.user
    login(client, talent)
    url = reverse("applications:list")
    one = _queries(client, url)
    for _ in range(19):
        ApplicationFactory(profile=application.profile)
    with django_assert_max_num_queries(one):
        response = client.get(url)
    assert response.context["page"].paginator.count == 20


def test_the_applicants_list_queries_do_not_grow(
    client, team, application, django_assert_max_num_queries
):
    login(client, team.user)
    url = company_url("applicants", application)
    one = _queries(client, url)
    ApplicationFactory.create_batch(19, opening=application.opening)
    with django_assert_max_num_queries(one):
        response = client.get(url)
    assert len(response.context["applications"]) == 20


def test_the_application_pages_queries_do_not_grow_with_the_thread(
    client, team, application, django_assert_max_num_queries
):
    pages = [
        (application.profile.user, talent_url("detail", application)),
        (team.user, company_url("application", application)),
    ]
    counts = [_queries(login(client, user), url) for user, url in pages]
    for n in range(10):
        author = application.profile.user if n % 2 else team.user
        application_message_post(application_id=application.pk, author=author, body=f"#{n}")
    for (user, url), one in zip(pages, counts, strict=True):
        login(client, user)
        with django_assert_max_num_queries(one):
            client.get(url)


def test_the_dashboard_queries_do_not_grow_with_applicants(
    client, team, application, django_assert_max_num_queries
):
    login(client, team.user)
    url = reverse("company_openings:dashboard", args=[team.enterprise.pk])
    one = _queries(client, url)
    for _ in range(5):
        ApplicationFactory.create_batch(3, opening=OpeningFactory(enterprise=team.enterprise))
    with django_assert_max_num_queries(one):
        client.get(url)


def test_the_application_pages_are_valid_html(client, team, application, tmp_path):
    application_message_post(
        application_id=application.pk, author=application.profile.user, body="Hello!\nThanks."
    )
    offered = ApplicationFactory(
        profile=application.profile, opening__enterprise=team.enterprise, status=S.OFFERED
    )

    def pages():
        login(client, application.profile.user)
        yield "my applications", client.get(reverse("applications:list"))
        apply_url = reverse("applications:apply", args=[OpeningFactory().pk])
        yield "apply", client.get(apply_url)
        yield "apply, errors", client.post(apply_url, {"motivation": "", "cv": "x"})
        yield "application", client.get(talent_url("detail", application))
        yield "offer", client.get(talent_url("detail", offered))
        yield "withdraw", client.get(talent_url("withdraw", application))
        login(client, team.user)
        yield "applicants", client.get(company_url("applicants", application))
        yield (
            "applicants, filtered",
            client.get(company_url("applicants", application), {"status": S.OFFERED}),
        )
        yield "team's application", client.get(company_url("application", application))
        yield "team's offer", client.get(company_url("application", offered))

    assert_valid_html(pages(), tmp_path)
