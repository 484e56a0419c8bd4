"""The forms that take hostile input: for each, who fills it in, with which valid values, and
which pages show what was typed. Every `fill` makes what its form needs, afresh for each example
(Hypothesis runs many examples in one test, in one database transaction)."""

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from enterprises.models import Enterprise
from esco.models import Occupation, Skill
from matching.models import Application, Opening, Placement
from organisations.models import Referral
from pages.models import AccessibilityFeedback
from profiles.models import ContactRequest, TalentProfile
from tests.factories import (
    ApplicationFactory,
    EnterpriseUserFactory,
    MembershipFactory,
    OpeningFactory,
    PlacementFactory,
    StaffUserFactory,
    TalentProfileFactory,
)
from tests.factories.enterprises import valid_business_id
from tests.factories.organisations import OrganisationFactory
from toolkit.assessment import QUESTIONS

from .strategies import MARKUP

# Business IDs far above those EnterpriseFactory hands out.
_business_ids = itertools.count(400_000)


def _in_weeks(weeks: int) -> str:
    return (timezone.localdate() + datetime.timedelta(weeks=weeks)).isoformat()


@dataclass
class Filled:
    """One form, ready to post: who posts it where, with which valid values, and where its
    text shows. `shown` lists (viewer, url) of pages that show every text field in full once
    saved; `also` those that show some of it (cards, lists, dashboards). Both are functions:
    the address of what the form creates is known only after it."""

    url: str
    data: dict[str, str]
    shown: Callable[[], list[tuple]]
    also: Callable[[], list[tuple]] = lambda: []
    poster: object = None


@dataclass(frozen=True)
class Form:
    name: str
    # Free-text fields: (max_length, required).
    fields: dict[str, tuple[int, bool]]
    fill: Callable[[], Filled]

    def takes(self, name: str, value: str) -> bool:
        """Whether a valid form takes the value (Django strips it, refuses NUL, counts length)."""
        max_length, required = self.fields[name]
        text = value.strip()
        return "\x00" not in value and len(text) <= max_length and (bool(text) or not required)


def _profile_basics() -> Filled:
    profile = TalentProfileFactory(visibility=TalentProfile.Visibility.VISIBLE)
    member = MembershipFactory().user
    return Filled(
        url=reverse("profiles:section", args=["basics"]),
        data={"display_name": "Ana", "headline": "", "about": "", "municipality": "167"},
        poster=profile.user,
        shown=lambda: [
            (profile.user, reverse("profiles:detail", args=[profile.pk])),
            (member, reverse("profiles:detail", args=[profile.pk])),
        ],
        also=lambda: [
            (profile.user, reverse("profiles:start")),
            (member, reverse("profiles:pool")),
        ],
    )


def _profile_item(section: str, data: dict) -> Callable[[], Filled]:
    def fill():
        profile = TalentProfileFactory(visibility=TalentProfile.Visibility.VISIBLE)
        return Filled(
            url=reverse("profiles:section", args=[section]),
            data=data,
            poster=profile.user,
            shown=lambda: [(profile.user, reverse("profiles:detail", args=[profile.pk]))],
            also=lambda: [(profile.user, reverse("profiles:section", args=[section]))],
        )

    return fill


def _enterprise_register() -> Filled:
    user = EnterpriseUserFactory()

    def detail():
        return reverse(
            "enterprises:detail", args=[Enterprise.objects.get(membership__user=user).pk]
        )

    return Filled(
        url=reverse("enterprises:register"),
        data={
            "name": "Karelia Bakery Oy",
            "business_id": valid_business_id(next(_business_ids)),
            "industry": "J",
            "size": "small",
            "municipality": "167",
            "website": "",
            "description": "",
            "goals": "",
        },
        poster=user,
        shown=lambda: [(user, detail())],
        also=lambda: [(user, reverse("enterprises:start"))],
    )


def _opening_create() -> Filled:
    membership = MembershipFactory()
    enterprise, member = membership.enterprise, membership.user

    def opening():
        return Opening.objects.filter(enterprise=enterprise).latest("pk")

    return Filled(
        url=reverse("company_openings:create", args=[enterprise.pk]),
        data={
            "title": "Baker",
            "kind": "job",
            "description": "Bake bread.",
            "tasks": "",
            "offer": "",
            "work_mode": "on_site",
            "municipality": "167",
            "paid": "on",
            "salary_min": "3000",
            "deadline": _in_weeks(4),
            "positions": "1",
            "contact": str(member.pk),
        },
        poster=member,
        shown=lambda: [(member, reverse("openings:detail", args=[opening().pk]))],
        also=lambda: [
            (member, reverse("company_openings:dashboard", args=[enterprise.pk])),
            (member, reverse("company_openings:requirements", args=[enterprise.pk, opening().pk])),
            (member, reverse("company_openings:submit", args=[enterprise.pk, opening().pk])),
        ],
    )


def _apply() -> Filled:
    # The names around the application are hostile too: they go into the team's notification.
    opening = OpeningFactory(title=f"{MARKUP[0]} Baker", enterprise__name=f"{MARKUP[1]} Oy")
    member = MembershipFactory(enterprise=opening.enterprise).user
    profile = TalentProfileFactory(display_name=f"{MARKUP[2]} Ana")

    def application():
        return Application.objects.get(profile=profile)

    return Filled(
        url=reverse("applications:apply", args=[opening.pk]),
        data={"motivation": "I bake.", "cv": "none"},
        poster=profile.user,
        shown=lambda: [
            (profile.user, reverse("applications:detail", args=[application().pk])),
            (
                member,
                reverse(
                    "company_openings:application", args=[opening.enterprise_id, application().pk]
                ),
            ),
        ],
        also=lambda: [
            (profile.user, reverse("applications:list")),
            (
                member,
                reverse("company_openings:applicants", args=[opening.enterprise_id, opening.pk]),
            ),
            (member, reverse("notifications:list")),
        ],
    )


def _application_pages(application, member):
    return [
        (application.profile.user, reverse("applications:detail", args=[application.pk])),
        (
            member,
            reverse(
                "company_openings:application",
                args=[application.opening.enterprise_id, application.pk],
            ),
        ),
    ]


def _application_message() -> Filled:
    application = ApplicationFactory()
    member = MembershipFactory(enterprise=application.opening.enterprise).user
    return Filled(
        url=reverse("applications:message", args=[application.pk]),
        data={"body": "Hello"},
        poster=application.profile.user,
        shown=lambda: _application_pages(application, member),
        also=lambda: [(member, reverse("notifications:list"))],
    )


def _application_reject() -> Filled:
    application = ApplicationFactory()
    member = MembershipFactory(enterprise=application.opening.enterprise).user
    return Filled(
        url=reverse(
            "company_openings:application_move",
            args=[application.opening.enterprise_id, application.pk],
        ),
        data={"to": Application.Status.REJECTED, "note": ""},
        poster=member,
        shown=lambda: _application_pages(application, member)[:1],
    )


def _placement(
    status: str, url_name: str, side: str, data: dict, *, both_see: bool = False
) -> Callable[[], Filled]:
    """A placement form posted by the talent or the enterprise. The page shows it to the side
    that wrote it (and to the other side too, when `both_see`)."""

    def fill():
        placement = PlacementFactory(status=status)
        member = MembershipFactory(enterprise=placement.enterprise).user
        talent = placement.profile.user
        talent_page = reverse("applications:placement", args=[placement.pk])
        company_page = reverse(
            "company_openings:placement", args=[placement.enterprise_id, placement.pk]
        )
        if side == "talent":
            url = reverse(f"applications:{url_name}", args=[placement.pk])
            own, other = (talent, talent_page), (member, company_page)
        else:
            url = reverse(
                f"company_openings:{url_name}", args=[placement.enterprise_id, placement.pk]
            )
            own, other = (member, company_page), (talent, talent_page)
        return Filled(
            url=url,
            data=data,
            poster=own[0],
            shown=lambda: [own, other] if both_see else [own],
            also=lambda: [] if both_see else [other],
        )

    return fill


def _startup() -> Filled:
    profile = TalentProfileFactory()
    page = reverse("applications:startups")
    return Filled(
        url=page,
        data={"name": "Bakery", "founded_on": "2024-06-01", "business_id": "", "industry": ""},
        poster=profile.user,
        shown=lambda: [(profile.user, page)],
    )


def _contact_request() -> Filled:
    profile = TalentProfileFactory(visibility=TalentProfile.Visibility.ANONYMOUS)
    member = MembershipFactory().user
    return Filled(
        url=reverse("profiles:contact_request", args=[profile.pk]),
        data={"message": "", "opening": ""},
        poster=member,
        shown=lambda: [(profile.user, reverse("profiles:start"))],
        also=lambda: [(member, reverse("profiles:detail", args=[profile.pk]))],
    )


def _contact_thread() -> Filled:
    membership = MembershipFactory()
    profile = TalentProfileFactory(visibility=TalentProfile.Visibility.ANONYMOUS)
    contact = ContactRequest.objects.create(
        profile=profile,
        enterprise=membership.enterprise,
        requested_by=membership.user,
        message="We export to Ukraine.",
        status=ContactRequest.Status.ACCEPTED,
    )
    page = reverse("profiles:contact_thread", args=[contact.pk])
    return Filled(
        url=page,
        data={"body": "Hello"},
        poster=profile.user,
        shown=lambda: [(profile.user, page), (membership.user, page)],
    )


def _referral() -> Filled:
    organisation = OrganisationFactory()
    profile = TalentProfileFactory()
    staff = StaffUserFactory()

    def change_page():
        referral = Referral.objects.get(profile=profile)
        return reverse("admin:organisations_referral_change", args=[referral.pk])

    return Filled(
        url=reverse("organisations:ask", args=[organisation.slug]),
        data={"service": "", "message": "Hello"},
        poster=profile.user,
        shown=lambda: [(staff, change_page())],
        also=lambda: [
            (profile.user, reverse("organisations:my_referrals")),
            (staff, reverse("admin:organisations_referral_changelist")),
        ],
    )


def _accessibility_feedback() -> Filled:
    staff = StaffUserFactory()
    before = AccessibilityFeedback.objects.order_by("-pk").values_list("pk", flat=True).first()

    def change_page():
        feedback = AccessibilityFeedback.objects.latest("pk")
        assert feedback.pk != before
        return reverse("admin:pages_accessibilityfeedback_change", args=[feedback.pk])

    return Filled(
        url=reverse("pages:accessibility"),
        data={"email": "reader@example.com", "name": "", "page_url": "", "message": "Hi"},
        shown=lambda: [(staff, change_page())],
        also=lambda: [(staff, reverse("admin:pages_accessibilityfeedback_changelist"))],
    )


FORMS = [
    Form(
        "profile-basics",
        {"display_name": (120, True), "headline": (200, False), "about": (3000, False)},
        _profile_basics,
    ),
    Form(
        "profile-education",
        {"field": (200, True), "institution": (200, True)},
        _profile_item("education", {"level": "bachelor", "field": "", "institution": ""}),
    ),
    Form(
        "profile-experience",
        {"title": (200, True), "employer": (200, True), "description": (2000, False)},
        _profile_item("experience", {"start_date": "2020-01-01", "end_date": "2021-06-30"}),
    ),
    Form(
        "enterprise-register",
        {"name": (200, True), "description": (3000, False), "goals": (3000, False)},
        _enterprise_register,
    ),
    Form(
        "opening-create",
        {
            "title": (200, True),
            "description": (5000, True),
            "tasks": (5000, False),
            "offer": (5000, False),
        },
        _opening_create,
    ),
    Form("application-apply", {"motivation": (2000, True)}, _apply),
    Form("application-message", {"body": (2000, True)}, _application_message),
    Form("application-reject", {"note": (2000, False)}, _application_reject),
    Form(
        "placement-goals",
        {"goals": (3000, False)},
        _placement(
            Placement.Status.AGREED,
            "placement_edit",
            "enterprise",
            {"start_date": _in_weeks(1), "end_date": _in_weeks(12)},
            both_see=True,
        ),
    ),
    Form(
        "placement-interrupt",
        {"reason": (2000, True)},
        _placement(
            Placement.Status.ONGOING,
            "placement_move",
            "talent",
            {"to": "interrupted"},
            both_see=True,
        ),
    ),
    Form(
        "placement-checkin",
        {"text": (2000, True)},
        _placement(Placement.Status.ONGOING, "placement_checkin", "talent", {}),
    ),
    Form(
        "placement-feedback",
        {"comment": (2000, False)},
        _placement(Placement.Status.COMPLETED, "placement_feedback", "enterprise", {"rating": "4"}),
    ),
    Form(
        "placement-outcome",
        {"note": (2000, False)},
        _placement(
            Placement.Status.COMPLETED,
            "placement_outcome",
            "enterprise",
            {"kind": "employed_same_sme", "startup": ""},
        ),
    ),
    Form("startup", {"name": (200, True), "support_organisation": (200, False)}, _startup),
    Form("contact-request", {"message": (1000, False)}, _contact_request),
    Form("contact-thread", {"body": (2000, True)}, _contact_thread),
    Form("referral", {"message": (2000, True)}, _referral),
    Form(
        "accessibility-feedback",
        {"name": (200, False), "page_url": (500, False), "message": (5000, True)},
        _accessibility_feedback,
    ),
]


# Forms of choices, numbers and dates only: hostile values there must get a form error too.


def _choices(name: str, url_name: str, who: Callable[[], tuple], data: dict) -> Form:
    """`who` makes what the form needs: the person who posts it, then the URL's arguments.
    A value in `data` may be a function of that person."""

    def fill():
        user, *args = who()
        values = {key: value(user) if callable(value) else value for key, value in data.items()}
        return Filled(url=reverse(url_name, args=args), data=values, poster=user, shown=list)

    return Form(name, {}, fill)


def _talent():
    return (TalentProfileFactory().user,)


def opening_member():
    """A member of a verified company with a published opening: (member, opening)."""
    opening = OpeningFactory()
    member = MembershipFactory(enterprise=opening.enterprise).user
    return member, opening


def _member_and_opening():
    member, opening = opening_member()
    return member, opening.enterprise_id, opening.pk


def _offered_application():
    application = ApplicationFactory(status=Application.Status.OFFERED)
    return application.profile.user, application.pk


def _agreed_placement():
    placement = PlacementFactory()
    member = MembershipFactory(enterprise=placement.enterprise).user
    return member, placement.enterprise_id, placement.pk


def _owner():
    membership = MembershipFactory()
    return membership.user, membership.enterprise_id


ANSWERS = {question.name: question.options[0][0] for question in QUESTIONS}


def _skill_pk(_user) -> str:
    return str(Skill.objects.pickable().values_list("pk", flat=True).first())


def _occupation_pk(_user) -> str:
    return str(Occupation.objects.values_list("pk", flat=True).first())


def _company_pk(user) -> str:
    return str(Enterprise.objects.get(membership__user=user).pk)


CHOICE_FORMS = [
    _choices(
        "profile-preferences",
        "profiles:section",
        lambda: (*_talent(), "preferences"),
        {
            "available_from": "2030-01-01",
            "work_time": "full_time",
            "hours_per_week": "30",
            "right_to_work": "eu",
            "opportunity_types": "job",
        },
    ),
    _choices(
        "profile-visibility",
        "profiles:section",
        lambda: (*_talent(), "visibility"),
        {"visibility": "visible"},
    ),
    _choices(
        "profile-skills",
        "profiles:section",
        lambda: (*_talent(), "skills"),
        {"skill": _skill_pk, "level": "2"},
    ),
    _choices(
        "profile-occupations",
        "profiles:section",
        lambda: (*_talent(), "occupations"),
        {"occupation": _occupation_pk},
    ),
    _choices(
        "profile-languages",
        "profiles:section",
        lambda: (*_talent(), "languages"),
        {"language": "fi", "level": "3"},
    ),
    _choices(
        "opening-skill",
        "company_openings:requirements",
        _member_and_opening,
        {"action": "skill", "skill": _skill_pk, "essential": "1", "level": "2"},
    ),
    _choices(
        "opening-language",
        "company_openings:requirements",
        _member_and_opening,
        {"action": "language", "language": "fi", "level": "3"},
    ),
    _choices("opening-close", "company_openings:close", _member_and_opening, {"reason": "filled"}),
    _choices(
        "application-respond", "applications:respond", _offered_application, {"to": "accepted"}
    ),
    _choices(
        "placement-start", "company_openings:placement_move", _agreed_placement, {"to": "ongoing"}
    ),
    _choices(
        "team-invite",
        "enterprises:invite",
        _owner,
        {"email": "colleague@example.com", "role": "member"},
    ),
    _choices(
        "notification-preferences",
        "notifications:preferences",
        _talent,
        {
            "matches": "daily",
            "match_threshold": "60",
            "applications": "immediately",
            "messages": "immediately",
            "placements": "immediately",
        },
    ),
    _choices("assessment", "toolkit:assessment", lambda: _owner()[:1], ANSWERS),
    _choices(
        "draft-opening",
        "toolkit:draft",
        lambda: _owner()[:1],
        {"enterprise": _company_pk, **ANSWERS},
    ),
    _choices("language-switch", "set_language", _talent, {"language": "fi", "next": "/"}),
]
