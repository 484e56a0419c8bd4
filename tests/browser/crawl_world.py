"""A lived-in site for the crawler: the demo data, plus one of everything its people can reach.

The demo gives published and waiting openings, verified companies, filled talent profiles,
organisations, guides and notifications. Its talent and company owner have not met yet, so
here they have: Ana Souza applied to Karelia Code twice (one offer accepted, now a placement
under way), did a second placement that is over, asked an organisation for help, and has
contact requests waiting and answered; her profile has dates, education and experience.
Karelia Code has a draft opening and a pending invite.
"""

import datetime
import io

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core.management.commands.seed_demo import (
    COMPANY_EMAIL,
    DEMO_PASSWORD,
    STAFF_EMAIL,
    TALENT_EMAIL,
)
from enterprises.models import Enterprise, Invitation, Membership
from enterprises.services import invitation_token
from matching.models import Application, Opening, Placement
from matching.services.applications import (
    application_create,
    application_message_post,
    application_move,
)
from matching.services.placements import checkin_write, placement_move, placement_record
from notifications.mail import unsubscribe_token
from notifications.models import Category
from organisations.models import Organisation, Referral
from profiles.models import (
    ContactMessage,
    ContactRequest,
    Education,
    Experience,
    TalentProfile,
)


def build_world() -> None:
    # seed_demo refuses without DEBUG: its logins are public. Here they are a test's.
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())

    staff = User.objects.get(email=STAFF_EMAIL)
    owner = User.objects.get(email=COMPANY_EMAIL)
    ana = TalentProfile.objects.get(user__email=TALENT_EMAIL)
    karelia = Enterprise.objects.get(business_id="2765391-7")
    openings = {o.title: o for o in Opening.objects.filter(enterprise=karelia)}
    today = timezone.localdate()

    # The rest of Ana's profile: dates show in forms as the browser's date picker needs them.
    ana.available_from = today + datetime.timedelta(days=40)
    ana.save(update_fields=["available_from"])
    Education.objects.create(
        profile=ana,
        level=Education.Level.BACHELOR,
        field="Computer science",
        institution="Federal University of Bahia",
        year=2016,
    )
    Experience.objects.create(
        profile=ana,
        title="Web developer",
        employer="Recife Digital",
        start_date=datetime.date(2017, 3, 1),
        end_date=datetime.date(2023, 8, 31),
        description="Django and PostgreSQL for public-sector clients.",
    )

    # An application still under consideration, with a conversation.
    waiting = application_create(
        profile=ana,
        opening_id=openings["Django developer"].pk,
        motivation="I have built Django sites for five years and would love to join.",
        attach_cv=False,
    )
    application_message_post(
        application_id=waiting.pk, author=owner, body="Thank you! Could you start in May?"
    )
    application_message_post(
        application_id=waiting.pk, author=ana.user, body="Yes, May suits me well."
    )

    # An offer accepted: the placement it became has started and has a check-in.
    hired = application_create(
        profile=ana,
        opening_id=openings["Development period: entering the Polish market"].pk,
        motivation="I speak Polish and have sold software in Poland.",
        attach_cv=False,
    )
    for step, actor in [
        (Application.Status.SHORTLISTED, owner),
        (Application.Status.INTERVIEW, owner),
        (Application.Status.OFFERED, owner),
        (Application.Status.ACCEPTED, ana.user),
    ]:
        application_move(application_id=hired.pk, actor=actor, to=step)
    ongoing = Placement.objects.get(application=hired)
    placement_move(placement_id=ongoing.pk, actor=owner, to=Placement.Status.ONGOING)
    checkin_write(placement_id=ongoing.pk, author=ana.user, text="Ten customers contacted.")

    # A placement agreed outside the portal, now completed: feedback and outcome are open.
    done = placement_record(
        actor=staff,
        enterprise=karelia,
        profile=ana,
        title="Summer trainee",
        kind="internship",
        start_date=today - datetime.timedelta(days=120),
        end_date=today - datetime.timedelta(days=30),
        goals="Learn how a software studio works.",
    )
    placement_move(placement_id=done.pk, actor=owner, to=Placement.Status.ONGOING)
    placement_move(placement_id=done.pk, actor=owner, to=Placement.Status.COMPLETED)

    # Karelia Code is still writing an opening, and waits for a colleague to join.
    Opening.objects.create(
        enterprise=karelia,
        title="Data engineer",
        kind="job",
        municipality="167",
        description="Pipelines for forest data.",
        status=Opening.Status.DRAFT,
        contact=owner,
        created_by=owner,
    )
    Invitation.objects.create(
        enterprise=karelia,
        email="new.colleague@example.com",
        role=Membership.Role.MEMBER,
        invited_by=owner,
    )

    # Ana asked an organisation for help, and two companies asked to contact her.
    Referral.objects.create(
        profile=ana,
        organisation=Organisation.objects.order_by("pk").first(),
        source=Referral.Source.TALENT,
        message="I would like to start a software consultancy.",
    )
    ContactRequest.objects.create(
        profile=ana,
        enterprise=Enterprise.objects.get(business_id="2841957-5"),
        message="Could you help us with our Japanese web shop?",
    )
    accepted = ContactRequest.objects.create(
        profile=ana,
        enterprise=Enterprise.objects.get(business_id="3150482-6"),
        message="We need a booking system.",
        status=ContactRequest.Status.ACCEPTED,
        decided_at=timezone.now(),
    )
    ContactMessage.objects.create(
        contact_request=accepted, author=ana.user, body="Happy to talk, call me any day."
    )


def links_from_mail(*, signed_in: bool) -> list[str]:
    """Pages people open from a mail, or the site does not link to, as the world has them.

    A password reset and an address to confirm are someone else's: followed while signed in,
    they would sign the crawler out.
    """
    ana = User.objects.get(email=TALENT_EMAIL)
    invitation = Invitation.objects.get(email="new.colleague@example.com")
    links = [
        reverse("notifications:unsubscribe", args=[unsubscribe_token(ana.pk, Category.MATCHES)]),
        reverse("enterprises:invitation", args=[invitation_token(invitation)]),
    ]
    if signed_in:
        return [*links, reverse("account_change_password"), reverse("account_email")]
    newcomer = User.objects.create_user(email="newcomer@example.com", password=DEMO_PASSWORD)
    address = EmailAddress.objects.create(user=newcomer, email=newcomer.email, primary=True)
    reset = {"uidb36": user_pk_to_url_str(ana), "key": default_token_generator.make_token(ana)}
    return [
        *links,
        reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key]),
        reverse("account_reset_password_from_key", kwargs=reset),
    ]
