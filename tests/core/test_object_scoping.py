"""Every URL that names an object, walked with real objects that belong to someone else.

The world is owned by one side: talent A (anonymous in the pool) and a hidden talent H, company X
with its team, openings, applicant, placement and contact threads, a company P still waiting for
verification, and the organisations, guides and mail links around them. Each intruder asks for
every such URL with GET and with POST (empty, and with the data that would do the view's job):
the answer is 404 (anonymous visitors: 302 to log in; 405 where the view takes no such method)
and nothing in the database changes. A member of company Y also tries X's objects under Y's own
address (/company/Y/openings/<X's opening>/...). What is open by design is in BY_DESIGN, each with
its reason. The owners open their own objects, so the walk cannot pass by everything being 404;
a new route with a parameter fails `test_the_table_covers_every_route_with_a_parameter` until
it has its row in CASES.
"""

import re
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Max
from django.shortcuts import resolve_url
from django.urls import reverse

from accounts.roles import MODERATOR, REPORTER
from enterprises.models import Enterprise, Membership
from enterprises.services import invitation_token
from esco.models import Occupation
from matching.models import Opening, Placement
from matching.services.applications import (
    application_create,
    application_message_post,
    application_move,
)
from notifications.mail import unsubscribe_token
from notifications.models import Notification
from privacy.models import NoticeVersion
from profiles import services as profile_services
from profiles.documents import photo_process
from profiles.models import ContactRequest, Education, EnterpriseBlock, Experience, TalentProfile
from profiles.storage import private_storage
from tests.core.test_url_walk import URLS
from tests.factories import (
    EnterpriseFactory,
    EnterpriseUserFactory,
    InvitationFactory,
    MembershipFactory,
    OpeningFactory,
    OpeningSkillFactory,
    PlacementFactory,
    ProfileLanguageFactory,
    ProfileSkillFactory,
    StaffMemberFactory,
    TalentProfileFactory,
)
from tests.factories.organisations import OrganisationFactory
from tests.factories.pages import GuideFactory
from tests.profiles.files import image_upload, pdf_upload

pytestmark = pytest.mark.django_db

INTRUDERS = ("anonymous", "talent_b", "member_y", "reporter", "moderator")
# A member of Y also asks for X's objects under Y's own company address.
OWN_COMPANY = {"member_y": {"enterprise_x": "enterprise_y"}}


@dataclass(frozen=True)
class Fixed:
    """A URL parameter that names no object (a section, a variant, a decision)."""

    value: str


@dataclass(frozen=True)
class Case:
    """One object behind a route: each URL parameter as a key of the world (or a Fixed value),
    whose object it is, and what that owner gets: the GET answer, or, where the view takes POST
    only, the answer to a POST of `data`. Intruders POST `data` too, and an empty form."""

    kwargs: dict
    owner: str | None  # None: nobody may use it (a draft cannot be applied to)
    answer: int = 200
    data: dict = field(default_factory=dict)


X = "enterprise_x"
MOVE_ON = {"to": "interrupted", "reason": "The talent moved away."}
# route -> {label: Case}. The label names the object's state where it matters.
CASES: dict[str, dict[str, Case]] = {
    "applications:apply": {
        "published": Case({"opening_pk": "published"}, "talent_a", 302),  # applied already
        "draft": Case({"opening_pk": "draft"}, None),
        "closed": Case({"opening_pk": "closed"}, None),
    },
    "applications:cv": {"own": Case({"pk": "application"}, "talent_a")},
    "applications:detail": {"own": Case({"pk": "application"}, "talent_a")},
    "applications:message": {
        "own": Case({"pk": "application"}, "talent_a", 302, {"body": "Hello again."})
    },
    "applications:respond": {
        "own": Case({"pk": "application"}, "talent_a", 302, {"to": "declined"})
    },
    "applications:withdraw": {"own": Case({"pk": "application"}, "talent_a")},
    "applications:placement": {"own": Case({"pk": "placement"}, "talent_a")},
    "applications:placement_checkin": {
        "own": Case({"pk": "placement"}, "talent_a", 302, {"text": "Going well."})
    },
    "applications:placement_feedback": {
        "own": Case({"pk": "placement"}, "talent_a", 302, {"rating": "5"})
    },
    "applications:placement_move": {"own": Case({"pk": "placement"}, "talent_a", 302, MOVE_ON)},
    "applications:placement_outcome": {
        "own": Case({"pk": "placement"}, "talent_a", 302, {"kind": "studies"})
    },
    "company_openings:applicants": {
        "own": Case({"enterprise_pk": X, "pk": "published"}, "member_m")
    },
    "company_openings:application": {
        "own": Case({"enterprise_pk": X, "application_pk": "application"}, "member_m")
    },
    "company_openings:application_cv": {
        "own": Case({"enterprise_pk": X, "application_pk": "application"}, "member_m")
    },
    "company_openings:application_message": {
        "own": Case(
            {"enterprise_pk": X, "application_pk": "application"},
            "member_m",
            302,
            {"body": "Hello."},
        )
    },
    "company_openings:application_move": {
        "own": Case(
            {"enterprise_pk": X, "application_pk": "application"},
            "member_m",
            302,
            {"to": "rejected", "note": "Sorry."},
        )
    },
    "company_openings:close": {
        "own": Case({"enterprise_pk": X, "pk": "published"}, "member_m", data={"reason": "filled"})
    },
    "company_openings:create": {"own": Case({"enterprise_pk": X}, "member_m")},
    "company_openings:dashboard": {"own": Case({"enterprise_pk": X}, "member_m")},
    "company_openings:delete": {"own": Case({"enterprise_pk": X, "pk": "draft"}, "member_m")},
    "company_openings:edit": {
        "draft": Case({"enterprise_pk": X, "pk": "draft"}, "member_m"),
        "published": Case({"enterprise_pk": X, "pk": "published"}, "member_m"),
    },
    "company_openings:invite_to_apply": {
        "own": Case(
            {"enterprise_pk": X, "pk": "published", "profile_pk": "profile_a"},
            "member_m",
            302,  # refused: A has applied already
        )
    },
    "company_openings:placement": {
        "own": Case({"enterprise_pk": X, "placement_pk": "placement"}, "member_m")
    },
    "company_openings:placement_checkin": {
        "own": Case(
            {"enterprise_pk": X, "placement_pk": "placement"}, "member_m", 302, {"text": "Fine."}
        )
    },
    "company_openings:placement_edit": {
        # Started: the details can no longer change, and the owner is sent back to it.
        "own": Case({"enterprise_pk": X, "placement_pk": "placement"}, "member_m", 302)
    },
    "company_openings:placement_feedback": {
        "own": Case(
            {"enterprise_pk": X, "placement_pk": "placement"}, "member_m", 302, {"rating": "4"}
        )
    },
    "company_openings:placement_move": {
        "own": Case(
            {"enterprise_pk": X, "placement_pk": "placement"},
            "member_m",
            302,
            {"to": "completed"},
        )
    },
    "company_openings:placement_outcome": {
        "own": Case(
            {"enterprise_pk": X, "placement_pk": "placement"}, "member_m", 302, {"kind": "other"}
        )
    },
    "company_openings:placements": {"own": Case({"enterprise_pk": X}, "member_m")},
    "company_openings:repost": {"own": Case({"enterprise_pk": X, "pk": "closed"}, "member_m", 302)},
    "company_openings:requirement_delete": {
        "own": Case(
            {
                "enterprise_pk": X,
                "pk": "draft",
                "kind": Fixed("skill"),
                "item": "draft_skill",
            },
            "member_m",
            302,
        )
    },
    "company_openings:requirements": {
        "own": Case(
            {"enterprise_pk": X, "pk": "draft"},
            "member_m",
            data={"action": "language", "language": "sv", "level": "3"},
        )
    },
    "company_openings:submit": {"own": Case({"enterprise_pk": X, "pk": "draft"}, "member_m")},
    "company_openings:suggestions": {
        "own": Case({"enterprise_pk": X, "pk": "published"}, "member_m")
    },
    "enterprises:detail": {"own": Case({"pk": X}, "member_m")},
    "enterprises:edit": {"own": Case({"pk": X}, "member_m")},
    "enterprises:hand_over": {
        "own": Case({"pk": X, "membership_pk": "teammate_membership"}, "member_m")
    },
    "enterprises:invitation": {"open": Case({"token": "invitation_token"}, "invitee")},
    "enterprises:invitation_cancel": {
        "own": Case({"pk": X, "invitation_pk": "invitation"}, "member_m", 302)
    },
    "enterprises:invite": {
        "own": Case(
            {"pk": X}, "member_m", 302, {"email": "new.colleague@example.com", "role": "member"}
        )
    },
    "enterprises:leave": {"own": Case({"pk": X}, "member_m")},
    "enterprises:logo": {
        "verified": Case({"pk": X}, "member_m"),
        "pending": Case({"pk": "enterprise_p"}, "member_p"),
    },
    "enterprises:make_member": {
        "own": Case({"pk": X, "membership_pk": "owner_membership"}, "member_m", 302)
    },
    "enterprises:member_remove": {
        "own": Case({"pk": X, "membership_pk": "teammate_membership"}, "member_m")
    },
    "enterprises:team": {"own": Case({"pk": X}, "member_m")},
    "notifications:open": {"own": Case({"pk": "notification"}, "talent_a", 302)},
    "notifications:unsubscribe": {"own": Case({"token": "unsubscribe_token"}, "talent_a")},
    "openings:detail": {
        "published": Case({"pk": "published"}, "member_m"),
        "draft": Case({"pk": "draft"}, "member_m"),
        "closed": Case({"pk": "closed"}, "member_m"),
    },
    "openings:dismiss": {
        "published": Case({"pk": "published"}, "talent_a", 302),
        "draft": Case({"pk": "draft"}, None),
    },
    "openings:undismiss": {
        "published": Case({"pk": "published"}, "talent_a", 302),
        "draft": Case({"pk": "draft"}, None),
    },
    "organisations:ask": {
        "active": Case(
            {"slug": "organisation"},
            "talent_a",
            302,
            {"service": "entrepreneurship", "message": "Please call me."},
        ),
        "inactive": Case({"slug": "inactive_organisation"}, None),
    },
    "organisations:detail": {
        "active": Case({"slug": "organisation"}, "talent_a"),
        "inactive": Case({"slug": "inactive_organisation"}, None),
    },
    "pages:guide": {
        "published": Case({"slug": "guide"}, "talent_a"),
        "draft": Case({"slug": "draft_guide"}, "moderator"),
    },
    "privacy:notice_version": {"published": Case({"number": "notice"}, "talent_a")},
    "profiles:block": {"own": Case({"enterprise_pk": X}, "talent_a", 302)},
    "profiles:unblock": {"own": Case({"enterprise_pk": "enterprise_w"}, "talent_a", 302)},
    "profiles:contact_decide": {
        "own": Case({"pk": "contact_pending", "decision": Fixed("decline")}, "talent_a", 302)
    },
    "profiles:contact_request": {
        # Asked already: X's member is told so on the profile.
        "anonymous": Case({"pk": "profile_a"}, "member_m", 302),
        "hidden": Case({"pk": "profile_h"}, None),
    },
    "profiles:contact_thread": {
        "own": Case({"pk": "contact_accepted"}, "talent_a", data={"body": "Hello."})
    },
    "profiles:cv": {
        "anonymous": Case({"pk": "profile_a"}, "talent_a"),
        "hidden": Case({"pk": "profile_h"}, "talent_h"),
    },
    "profiles:detail": {
        "anonymous": Case({"pk": "profile_a"}, "talent_a"),
        "hidden": Case({"pk": "profile_h"}, "talent_h"),
    },
    "profiles:photo": {
        "anonymous": Case({"pk": "profile_a", "variant": Fixed("full")}, "talent_a"),
        "thumbnail": Case({"pk": "profile_a", "variant": Fixed("thumbnail")}, "talent_a"),
        "hidden": Case({"pk": "profile_h", "variant": Fixed("full")}, "talent_h"),
    },
    # The editor works on the requester's own profile: a talent without a photo has none to
    # remove (404), one with a photo removes their own.
    "profiles:file_delete": {
        "photo": Case({"name": Fixed("photo")}, "talent_a", 302),
        "cv": Case({"name": Fixed("cv")}, "talent_a", 302),
    },
    "profiles:item_delete": {
        section: Case({"name": Fixed(section), "pk": f"{section}_item"}, "talent_a", 302)
        for section in ("skills", "languages", "education", "experience", "occupations")
    },
}

# Routes whose parameters name no object: nothing of anyone else's can be reached through them.
NO_OBJECT = {
    "profiles:section": "a section of the editor, which only ever edits the requester's profile",
}

ANYONE = frozenset(INTRUDERS)


@dataclass(frozen=True)
class ByDesign:
    reason: str
    roles: frozenset = ANYONE
    answers: frozenset = frozenset({200})
    # A POST may write: the intruder's own row (a dismissal, a request), or what the mail link
    # is for. Reads of profiles by those who may are logged (audit), which is never compared.
    writes: bool = False


MODERATORS = frozenset({"moderator"})
# (route, label) -> what is open, to whom, and why.
BY_DESIGN: dict[tuple[str, str], ByDesign] = {
    ("openings:detail", "published"): ByDesign("a published opening is public"),
    ("openings:detail", "draft"): ByDesign("moderators review openings", MODERATORS),
    ("openings:detail", "closed"): ByDesign("moderators review openings", MODERATORS),
    ("applications:apply", "published"): ByDesign(
        "any talent may apply to a published opening (an empty form is shown again)",
        frozenset({"talent_b"}),
    ),
    ("openings:dismiss", "published"): ByDesign(
        "any talent may hide a published opening from their own recommendations",
        frozenset({"talent_b"}),
        frozenset({302}),
        writes=True,
    ),
    ("openings:undismiss", "published"): ByDesign(
        "any talent may have a published opening recommended again",
        frozenset({"talent_b"}),
        frozenset({302}),
        writes=True,
    ),
    ("enterprises:logo", "verified"): ByDesign("a verified company's logo is on its openings"),
    ("enterprises:logo", "pending"): ByDesign("moderators verify companies", MODERATORS),
    ("enterprises:detail", "own"): ByDesign("moderators verify companies", MODERATORS),
    ("enterprises:team", "own"): ByDesign("moderators verify companies", MODERATORS),
    ("enterprises:invitation", "open"): ByDesign(
        "the signed link is the key: the invitee opens it before signing in or up; joining "
        "needs the invited address (403 for another company's member)",
        answers=frozenset({200, 403}),
    ),
    ("notifications:unsubscribe", "own"): ByDesign(
        "the signed link in the mail is the key, without signing in (RFC 8058)", writes=True
    ),
    ("organisations:detail", "active"): ByDesign("the directory is public"),
    ("organisations:ask", "active"): ByDesign(
        "any talent may ask an organisation to contact them (their own request)",
        frozenset({"talent_b"}),
        frozenset({200, 302}),
        writes=True,
    ),
    ("pages:guide", "published"): ByDesign("a published guide is public"),
    ("pages:guide", "draft"): ByDesign("staff who edit pages preview drafts", MODERATORS),
    ("privacy:notice_version", "published"): ByDesign("every version of the notice is public"),
    ("profiles:detail", "anonymous"): ByDesign(
        "an anonymous profile is in the pool of verified companies (without who it is); "
        "moderators read profiles (logged)",
        frozenset({"member_y", "moderator"}),
    ),
    ("profiles:contact_request", "anonymous"): ByDesign(
        "a verified company's member may ask an anonymous talent to get in touch",
        frozenset({"member_y"}),
        frozenset({302}),
        writes=True,
    ),
}
# Moderators read every profile and its files (each read is logged).
for route, labels in (
    ("profiles:detail", ["hidden"]),
    ("profiles:cv", ["anonymous", "hidden"]),
    ("profiles:photo", ["anonymous", "thumbnail", "hidden"]),
):
    for label in labels:
        BY_DESIGN.setdefault((route, label), ByDesign("moderators read profiles", MODERATORS))


# The world.


def _logo(enterprise: Enterprise) -> None:
    upload = image_upload("logo.png", size=(40, 40), fmt="PNG")
    name = private_storage().save("logos/scoping.png", ContentFile(upload.read()))
    Enterprise.objects.filter(pk=enterprise.pk).update(logo=name)


def _talent_with_files(visibility: str) -> TalentProfile:
    profile = TalentProfileFactory(visibility=visibility)
    profile_services.profile_photo_set(profile=profile, photo=photo_process(image_upload()))
    profile_services.profile_cv_set(profile=profile, upload=pdf_upload("CV.pdf"))
    return profile


def build_world() -> dict:
    w: dict = {}
    # Talent A: anonymous in the pool, with every kind of profile item, applied to X.
    a = w["profile_a"] = _talent_with_files(TalentProfile.Visibility.ANONYMOUS)
    w["talent_a"] = a.user
    w["skills_item"] = ProfileSkillFactory(profile=a)
    w["languages_item"] = ProfileLanguageFactory(profile=a)
    w["education_item"] = Education.objects.create(
        profile=a, level="bachelor", field="Economics", institution="UEF"
    )
    w["experience_item"] = Experience.objects.create(
        profile=a, title="Analyst", employer="Acme", start_date="2020-01-01"
    )
    w["occupations_item"] = Occupation.objects.order_by("pk").first()
    a.occupations.add(w["occupations_item"])
    h = w["profile_h"] = _talent_with_files(TalentProfile.Visibility.HIDDEN)
    w["talent_h"] = h.user

    # Company X: an owner M and a member, three openings, A's application and placement.
    x = w["enterprise_x"] = EnterpriseFactory()
    _logo(x)
    owner = w["owner_membership"] = MembershipFactory(enterprise=x)
    m = w["member_m"] = owner.user
    w["teammate_membership"] = MembershipFactory(enterprise=x, role=Membership.Role.MEMBER)
    w["draft"] = OpeningFactory(
        enterprise=x, contact=m, status=Opening.Status.DRAFT, published_at=None
    )
    w["draft_skill"] = OpeningSkillFactory(opening=w["draft"])
    w["published"] = OpeningFactory(enterprise=x, contact=m)
    w["closed"] = OpeningFactory(enterprise=x, status=Opening.Status.CLOSED)
    application = application_create(
        profile=a, opening_id=w["published"].pk, motivation="Hire me.", attach_cv=True
    )
    for to in ("shortlisted", "interview", "offered"):
        application_move(application_id=application.pk, actor=m, to=to)
    application_message_post(application_id=application.pk, author=a.user, body="Thanks!")
    w["application"] = application
    w["placement"] = PlacementFactory(
        enterprise=x, profile=a, supervisor=m, status=Placement.Status.ONGOING
    )
    w["notification"] = Notification.objects.for_reader(a.user).latest("pk")
    w["unsubscribe_token"] = unsubscribe_token(a.user.pk, "applications")
    invitation = w["invitation"] = InvitationFactory(enterprise=x, invited_by=m)
    w["invitation_token"] = invitation_token(invitation)
    w["invitee"] = EnterpriseUserFactory(email=invitation.email)

    # A is in touch with X; Z's request waits for an answer; W is blocked.
    accepted = w["contact_accepted"] = ContactRequest.objects.create(
        profile=a, enterprise=x, requested_by=m, status=ContactRequest.Status.ACCEPTED
    )
    profile_services.contact_message_post(contact_id=accepted.pk, author=m, body="Hi Ana!")
    w["contact_pending"] = ContactRequest.objects.create(profile=a, enterprise=EnterpriseFactory())
    w["enterprise_w"] = EnterpriseFactory()
    ContactRequest.objects.create(
        profile=a, enterprise=w["enterprise_w"], status=ContactRequest.Status.DECLINED
    )
    EnterpriseBlock.objects.create(profile=a, enterprise=w["enterprise_w"])

    # Company P waits for verification: its logo is not public yet.
    w["enterprise_p"] = EnterpriseFactory(status=Enterprise.Status.PENDING)
    _logo(w["enterprise_p"])
    w["member_p"] = MembershipFactory(enterprise=w["enterprise_p"]).user

    w["organisation"] = OrganisationFactory(services=["entrepreneurship"])
    w["inactive_organisation"] = OrganisationFactory(is_active=False)
    w["guide"] = GuideFactory()
    w["draft_guide"] = GuideFactory(is_published=False)
    latest = NoticeVersion.objects.aggregate(number=Max("number"))["number"] or 0
    w["notice"] = NoticeVersion.objects.create(number=latest + 1, body_en="We keep little.")

    # The intruders: each with their own side set up, as in real use.
    w["anonymous"] = None
    w["talent_b"] = TalentProfileFactory().user
    w["enterprise_y"] = EnterpriseFactory()
    w["member_y"] = MembershipFactory(enterprise=w["enterprise_y"]).user
    w["reporter"] = StaffMemberFactory(role=REPORTER)
    w["moderator"] = StaffMemberFactory(role=MODERATOR)
    return w


def _files(world: dict) -> list[str]:
    """What the world wrote to private storage."""
    names = [world["application"].cv.name]
    for key in ("enterprise_x", "enterprise_p"):
        names.append(Enterprise.objects.get(pk=world[key].pk).logo.name)
    for key in ("profile_a", "profile_h"):
        profile = TalentProfile.objects.get(pk=world[key].pk)
        names += [profile.photo.name, profile.photo_thumbnail.name, profile.cv.name]
    return names


@pytest.fixture
def world():
    world = build_world()
    yield world
    # The files are real (the views open them); the rows go with the test's transaction.
    for name in _files(world):
        private_storage().delete(name)


# Asking, and watching the database.

# What a request must not touch; the taxonomy and Django's own tables are not written by views.
UNWATCHED_APPS = {"esco", "sessions", "contenttypes"}
UNWATCHED = {"auth.Permission", "audit.AccessLog"}  # a permitted read is logged; see ByDesign


def _watched() -> list[tuple[str, str]]:
    """(table, primary key column) of every table a request might write."""
    return [
        (model._meta.db_table, model._meta.pk.column)
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label not in UNWATCHED_APPS
        and model._meta.label not in UNWATCHED
        and model._meta.managed
        and not model._meta.proxy
    ]


def _snapshot(tables) -> dict:
    # Plain SQL: read after every request, through the ORM it took longer than the request.
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        rows = {}
        for table, pk in tables:
            cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {quote(pk)}")  # noqa: S608
            rows[table] = cursor.fetchall()
    return rows


def _changes(before: dict, tables) -> list[str]:
    after = _snapshot(tables)
    return [table for table, rows in after.items() if rows != before[table]]


# URL parameters that name an object by another field than its primary key.
LOOKUPS = {"slug": "slug", "number": "number"}


def _url(route: str, case: Case, world: dict, swap: dict | None = None) -> str:
    kwargs = {}
    for name, key in case.kwargs.items():
        if isinstance(key, Fixed):
            kwargs[name] = key.value
            continue
        value = world[(swap or {}).get(key, key)]
        kwargs[name] = value if isinstance(value, str) else getattr(value, LOOKUPS.get(name, "pk"))
    return reverse(route, kwargs=kwargs)


def _ask(client, method: str, url: str, data: dict, watched=None, before=None):
    """Answer one request, then undo whatever it wrote: each URL meets the same world."""
    with transaction.atomic():
        response = client.post(url, data) if method == "post" else client.get(url)
        changed = _changes(before, watched) if watched else []
        transaction.set_rollback(True)
    return response, changed


def _all_cases():
    for route, cases in sorted(CASES.items()):
        for label, case in cases.items():
            yield route, label, case


def _refused(role: str, response) -> bool:
    if response.status_code in (404, 405):
        return True
    return (
        role == "anonymous"
        and response.status_code == 302
        and response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    )


# The tests.


def test_the_table_covers_every_route_with_a_parameter():
    routes = {name: route for name, route in URLS if "<" in route}
    assert set(routes) - set(CASES) - set(NO_OBJECT) == set(), "add the new routes to CASES"
    assert (set(CASES) | set(NO_OBJECT)) - set(routes) == set(), "routes that are gone"
    wrong = {
        f"{name}/{label}": sorted(case.kwargs)
        for name, label, case in _all_cases()
        if set(case.kwargs) != set(re.findall(r"<(?:\w+:)?(\w+)>", routes[name]))
    }
    assert wrong == {}
    assert set(BY_DESIGN) <= {(name, label) for name, label, _case in _all_cases()}


def test_owners_get_their_own_objects(client, world):
    unexpected = []
    for route, label, case in _all_cases():
        if case.owner is None:
            continue
        client.force_login(world[case.owner])
        url = _url(route, case, world)
        response, _changed = _ask(client, "get", url, {})
        if response.status_code == 405:
            response, _changed = _ask(client, "post", url, case.data)
        if response.status_code != case.answer:
            unexpected.append(f"{url} ({route}/{label}): {response.status_code}")
    assert not unexpected, "owners expected their own objects:\n" + "\n".join(unexpected)


@pytest.mark.parametrize("role", INTRUDERS)
def test_other_peoples_objects_are_404_and_stay_unchanged(client, world, role):
    if world[role] is not None:
        client.force_login(world[role])
    watched = _watched()
    before = _snapshot(watched)
    leaks = []
    for route, label, case in _all_cases():
        design = BY_DESIGN.get((route, label))
        if design is not None and role not in design.roles:
            design = None
        swaps = [None]
        swap = OWN_COMPANY.get(role, {})
        if set(swap) & set(case.kwargs.values()) and len(case.kwargs) > 1:
            swaps.append(swap)
        for swapped in swaps:
            url = _url(route, case, world, swapped)
            asks = [("get", {}), ("post", {})] + ([("post", case.data)] if case.data else [])
            for method, data in asks:
                response, changed = _ask(client, method, url, data, watched, before)
                answer_ok = _refused(role, response) or (
                    design is not None and response.status_code in design.answers
                )
                if not answer_ok or (changed and not (design and design.writes)):
                    leaks.append(
                        f"{method.upper()} {url} {data or ''} ({route}/{label}): "
                        f"{response.status_code}, changed {changed or 'nothing'}"
                    )
    assert not leaks, f"{role} reached what is not theirs:\n" + "\n".join(leaks)
