"""Consents per purpose: given (or not) at sign-up, changed as easily on one page, each decision
recorded with the version of the privacy notice in force; the notice keeps its versions."""

import re

import pytest
from django.urls import reverse

from accounts.models import User
from notifications import mail
from notifications.models import Category, Frequency, Preferences
from pages.models import KnownPage, Page
from privacy import services
from privacy.exports import export_data
from privacy.models import Consent, NoticeVersion, Purpose
from profiles.models import TalentProfile
from profiles.services import profile_ensure
from tests.factories import PASSWORD, MembershipFactory, TalentProfileFactory, TalentUserFactory
from tests.html import assert_valid_html
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

CHOICES = reverse("privacy:choices")
SHOWN, MAIL = Purpose.SHOWN_TO_COMPANIES, Purpose.MATCH_MAIL


def _sign_up(client, side=User.Side.TALENT, **consents):
    data = {"side": side, "email": "newcomer@example.com", "password1": PASSWORD}
    response = client.post(reverse("account_signup"), {**data, "password2": PASSWORD, **consents})
    assert response.status_code == 302
    return User.objects.get(email="newcomer@example.com")


def _decisions(user) -> list[tuple[str, bool, str, int]]:
    return [
        (consent.purpose, consent.granted, consent.source, consent.notice.number)
        for consent in Consent.objects.filter(user=user).order_by("pk")
    ]


def _publish_privacy_text(admin_client, body_en: str) -> None:
    page = Page.objects.get(slug=KnownPage.PRIVACY)
    data = {
        "position": page.position,
        "is_published": "on",
        "title_en": page.title_en,
        "summary_en": page.summary_en,
        "body_en": body_en,
        "title_fi": page.title_fi,
        "summary_fi": page.summary_fi,
        "body_fi": page.body_fi,
    }
    response = admin_client.post(reverse("admin:pages_page_change", args=[page.pk]), data)
    assert response.status_code == 302


def test_the_signup_form_asks_each_consent_unticked_and_links_the_notice(client):
    html = client.get(reverse("account_signup")).content.decode()

    for purpose in Purpose:
        box = re.search(rf'<input type="checkbox" name="{purpose}"[^>]*>', html).group(0)
        assert "checked" not in box
    assert "Verified companies may find my profile" in html
    assert "Email me new openings that match my profile" in html
    assert f'The <a href="{reverse("pages:privacy")}">privacy notice</a> tells' in html


def test_a_talent_who_agrees_to_be_found_gets_a_profile_companies_can_find(client):
    user = _sign_up(client, shown_to_companies="on")

    assert _decisions(user) == [(SHOWN, True, "signup", 1), (MAIL, False, "signup", 1)]
    assert Preferences.objects.get(user=user).matches == Frequency.OFF
    assert profile_ensure(user=user).visibility == TalentProfile.Visibility.ANONYMOUS


def test_a_talent_who_ticks_nothing_stays_hidden_and_gets_no_match_mail(client):
    user = _sign_up(client)

    assert _decisions(user) == [(SHOWN, False, "signup", 1), (MAIL, False, "signup", 1)]
    assert profile_ensure(user=user).visibility == TalentProfile.Visibility.HIDDEN
    assert Preferences.objects.get(user=user).matches == Frequency.OFF


def test_a_company_representative_is_asked_for_no_talent_consent(client):
    user = _sign_up(client, side=User.Side.ENTERPRISE, shown_to_companies="on")

    assert not Consent.objects.filter(user=user).exists()


def test_the_choices_page_shows_what_is_in_effect_and_withdraws_in_one_step(client):
    profile = TalentProfileFactory(visibility=TalentProfile.Visibility.VISIBLE)
    client.force_login(profile.user)
    html = client.get(CHOICES).content.decode()
    assert re.search(r'<input type="checkbox" name="shown_to_companies"[^>]*checked', html)

    response = client.post(CHOICES, {"match_mail": "on"})

    assert response["Location"] == CHOICES
    profile.refresh_from_db()
    assert profile.visibility == TalentProfile.Visibility.HIDDEN
    assert _decisions(profile.user) == [(SHOWN, False, "choices", 1), (MAIL, True, "choices", 1)]
    html = client.get(CHOICES).content.decode()
    assert "Your choices have been saved." in html
    assert "Withdrawn" in html
    assert "Privacy choices page" in html


def test_giving_consent_again_shows_the_profile_anonymously_and_restarts_match_mail(client):
    profile = TalentProfileFactory(visibility=TalentProfile.Visibility.HIDDEN)
    Preferences.objects.create(user=profile.user, matches=Frequency.OFF)
    client.force_login(profile.user)

    client.post(CHOICES, {"shown_to_companies": "on", "match_mail": "on"})

    profile.refresh_from_db()
    assert profile.visibility == TalentProfile.Visibility.ANONYMOUS
    assert Preferences.objects.get(user=profile.user).matches == Frequency.IMMEDIATELY


def test_a_change_made_elsewhere_is_recorded_as_a_decision_too(client):
    profile = TalentProfileFactory(visibility=TalentProfile.Visibility.ANONYMOUS)
    client.force_login(profile.user)

    client.post(reverse("profiles:section", args=["visibility"]), {"visibility": "hidden"})
    client.post(reverse("notifications:unsubscribe", args=[_token(profile.user)]))

    assert _decisions(profile.user) == [
        (SHOWN, False, "profile", 1),
        (MAIL, False, "unsubscribe", 1),
    ]


def _token(user) -> str:
    return mail.unsubscribe_token(user.pk, Category.MATCHES)


def test_saving_the_same_choices_again_records_nothing_new(client):
    profile = TalentProfileFactory(visibility=TalentProfile.Visibility.ANONYMOUS)
    client.force_login(profile.user)

    client.post(CHOICES, {"shown_to_companies": "on", "match_mail": "on"})
    client.post(CHOICES, {"shown_to_companies": "on", "match_mail": "on"})

    assert Consent.objects.filter(user=profile.user).count() == 2


def test_a_company_member_has_no_form_and_posting_changes_nothing(client):
    member = MembershipFactory().user
    client.force_login(member)

    html = client.get(CHOICES).content.decode()
    client.post(CHOICES, {"shown_to_companies": "on"})

    assert '<form method="post" novalidate' not in html
    assert not Consent.objects.filter(user=member).exists()


def test_a_company_member_turning_mail_off_gives_no_talent_consent(client):
    member = MembershipFactory().user
    client.get(
        reverse("notifications:unsubscribe", args=[mail.unsubscribe_token(member.pk, "all")])
    )
    client.post(
        reverse("notifications:unsubscribe", args=[mail.unsubscribe_token(member.pk, "all")])
    )

    assert Preferences.objects.get(user=member).matches == Frequency.OFF
    assert not Consent.objects.filter(user=member).exists()


def test_an_unpublished_privacy_text_is_no_version_in_force():
    Page.objects.filter(slug=KnownPage.PRIVACY).update(is_published=False, body_en="Draft.")

    assert services.notice_sync().number == 1
    assert not NoticeVersion.objects.filter(body_en="Draft.").exists()


def test_the_choices_page_needs_sign_in(client):
    assert client.get(CHOICES)["Location"].startswith(reverse("account_login"))


def test_a_new_privacy_text_is_a_new_version_and_new_consents_name_it(admin_client, client):
    talent = TalentUserFactory()
    services.consents_set(user=talent, choices={SHOWN: True}, source=Consent.Source.CHOICES)

    _publish_privacy_text(admin_client, "We now also process your portfolio link.")
    _publish_privacy_text(admin_client, "We now also process your portfolio link.")  # unchanged
    services.consents_set(user=talent, choices={SHOWN: False}, source=Consent.Source.CHOICES)

    assert list(NoticeVersion.objects.values_list("number", flat=True)) == [2, 1]
    assert [number for *_rest, number in _decisions(talent)] == [1, 2]
    page = client.get(reverse("pages:privacy")).content.decode()
    assert "Version 2, in force since" in page
    old = client.get(reverse("privacy:notice_version", args=[1])).content.decode()
    assert "We now also process" not in old
    assert "The city of Joensuu is the controller." in old
    assert client.get(reverse("privacy:notice_version", args=[3])).status_code == 404


def test_consents_are_exported_and_outlive_the_deleted_account():
    profile = TalentProfileFactory()
    user = profile.user
    services.consents_set(user=user, choices={SHOWN: True}, source=Consent.Source.SIGNUP)

    assert export_data(user)["consents"][0] | {"at": None} == {
        "purpose": "shown_to_companies",
        "given": True,
        "where": "signup",
        "at": None,
        "privacy_notice_version": 1,
    }

    services.account_delete(user=user)

    # The proof stays, and ends with the consent withdrawn.
    assert _decisions(User.objects.get(pk=user.pk)) == [
        (SHOWN, True, "signup", 1),
        (SHOWN, False, "deletion", 1),
    ]


def test_the_history_queries_do_not_grow_with_decisions(client):
    profile = TalentProfileFactory()
    client.force_login(profile.user)
    services.consents_set(user=profile.user, choices={SHOWN: False}, source="choices")
    few = queries_of(client, CHOICES)
    for granted in (True, False, True, False, True):
        services.consents_set(user=profile.user, choices={SHOWN: granted}, source="choices")

    assert queries_of(client, CHOICES) == few


@pytest.mark.parametrize("language", ["en", "fi"])
def test_the_pages_are_valid_html(client, settings, tmp_path, language):
    profile = TalentProfileFactory()
    services.consents_set(user=profile.user, choices={SHOWN: True}, source="choices")
    client.force_login(profile.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    urls = {
        "choices": CHOICES,
        "versions": reverse("privacy:notice_versions"),
        "version 1": reverse("privacy:notice_version", args=[1]),
        "notice": reverse("pages:privacy"),
    }
    pages = [(name, client.get(url)) for name, url in urls.items()]
    client.logout()
    pages.append(("signup", client.get(reverse("account_signup"))))

    assert_valid_html(pages, tmp_path)
