"""Reads shaped for the profile pages: the editor, the profile page and what a viewer may see."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.selectors import Role, user_role
from enterprises.models import Membership
from enterprises.selectors import is_verified_member

from .models import (
    ContactMessage,
    ContactRequest,
    Education,
    EnterpriseBlock,
    Experience,
    Opportunity,
    ProfileLanguage,
    ProfileSkill,
    TalentProfile,
)
from .querysets import STAFF_READS_PROFILES

MIN_SKILLS = 5


def for_cards(queryset):
    """What a result card shows: skills, languages and the opportunities wanted."""
    return queryset.prefetch_related(
        Prefetch("skills", ProfileSkill.objects.select_related("skill")),
        "languages",
        "opportunities",
    )


def _with_everything(queryset):
    return for_cards(queryset.select_related("user")).prefetch_related(
        "education", "experience", "occupations"
    )


def profile_for_editor(profile: TalentProfile) -> TalentProfile:
    return _with_everything(TalentProfile.objects.filter(pk=profile.pk)).get()


def profile_for_overview(user) -> TalentProfile | None:
    """The talent's profile with what `completeness` reads, in one query (prefetching every
    section for it took seven on the talent's busiest page); None before it is created."""

    def has(model, field="profile"):
        return Exists(model.objects.filter(**{field: OuterRef("pk")}))

    return (
        TalentProfile.objects.annotate(
            skill_count=Count("skills"),
            has_languages=has(ProfileLanguage),
            has_experience=has(Experience),
            has_opportunities=has(Opportunity),
            has_education=has(Education),
            has_occupations=has(TalentProfile.occupations.through, "talentprofile"),
        )
        .filter(user=user)
        .first()
    )


def profile_for_viewer(*, viewer, pk: int) -> TalentProfile:
    """The profile if the viewer may open it (404 otherwise, whether or not it exists), with
    `identity` telling whether they may see who the talent is."""
    profiles = TalentProfile.objects.visible_to(viewer).with_identity(viewer)
    return get_object_or_404(_with_everything(profiles), pk=pk)


def talent_pool(*, viewer):
    """Profiles in the pool, shaped for result cards; None when the viewer may not search it."""
    role = user_role(viewer)
    if role == Role.STAFF and viewer.has_perm(STAFF_READS_PROFILES):
        # Staff see hidden profiles too: they moderate and help talents.
        profiles = TalentProfile.objects.all()
    elif role == Role.ENTERPRISE and is_verified_member(viewer):
        profiles = TalentProfile.objects.in_pool().not_blocking(viewer)
    else:
        return None
    return for_cards(profiles.with_identity(viewer)).order_by("-updated_at", "pk")


def contact_request_of(viewer, profile: TalentProfile) -> str | None:
    """The status of the request the viewer's enterprises made to this talent, if any."""
    requests = ContactRequest.objects.filter(profile=profile, enterprise__membership__user=viewer)
    statuses = set(requests.values_list("status", flat=True))
    for status in (ContactRequest.Status.ACCEPTED, ContactRequest.Status.PENDING):
        if status in statuses:
            return status
    return ContactRequest.Status.DECLINED if statuses else None


@dataclass(frozen=True)
class OpenContacts:
    pending: list[ContactRequest]
    # The enterprises the talent is in touch with: each has a message thread.
    accepted: list[ContactRequest]


def open_contact_requests(profile: TalentProfile) -> OpenContacts:
    """The requests the talent has to decide and the accepted ones, newest first, in one
    query (with the names the overview shows, not every column of three tables)."""
    Status = ContactRequest.Status
    requests = list(
        profile.contact_requests.filter(status__in=[Status.PENDING, Status.ACCEPTED])
        .select_related("enterprise", "opening")
        .only("profile", "status", "message", "enterprise__name", "opening__title")
    )
    return OpenContacts(
        pending=[request for request in requests if request.status == Status.PENDING],
        accepted=[request for request in requests if request.status == Status.ACCEPTED],
    )


def contact_thread_of(viewer, profile: TalentProfile) -> int | None:
    """The accepted contact request of one of the viewer's enterprises to this talent (its
    pk, for a link to the thread), if any."""
    return (
        ContactRequest.objects.filter(
            profile=profile,
            status=ContactRequest.Status.ACCEPTED,
            enterprise__membership__user=viewer,
        )
        .values_list("pk", flat=True)
        .first()
    )


def contact_thread_for(*, user, pk: int) -> ContactRequest:
    """An accepted contact request with its messages, for the talent or a member of the
    enterprise that asked (404 for anyone else, and before the talent accepted); `blocked`
    tells whether the talent has since blocked the enterprise."""
    member = Membership.objects.filter(user=user, enterprise=OuterRef("enterprise"))
    blocked = EnterpriseBlock.objects.filter(
        profile=OuterRef("profile"), enterprise=OuterRef("enterprise")
    )
    contacts = (
        ContactRequest.objects.filter(status=ContactRequest.Status.ACCEPTED)
        .filter(Q(profile__user=user) | Exists(member))
        .annotate(blocked=Exists(blocked))
        .select_related("profile", "enterprise", "opening")
        .prefetch_related(Prefetch("messages", ContactMessage.objects.select_related("author")))
    )
    return get_object_or_404(contacts, pk=pk)


def blocked_enterprises(profile: TalentProfile):
    return (
        profile.blocks.select_related("enterprise")
        .only("profile", "enterprise__name")
        .order_by("enterprise__name")
    )


def can_see_right_to_work(viewer, profile: TalentProfile) -> bool:
    """The talent, staff, and the members of enterprises the talent has applied to."""
    role = user_role(viewer)
    if profile.user_id == viewer.pk or role == Role.STAFF:
        return True
    if role != Role.ENTERPRISE:
        return False
    return TalentProfile.objects.filter(pk=profile.pk).applied_to_member(viewer).exists()


@dataclass(frozen=True)
class Step:
    done: bool
    label: str
    todo: str
    section: str
    weight: int

    @property
    def url(self) -> str:
        return reverse("profiles:section", args=[self.section])


@dataclass(frozen=True)
class Completeness:
    steps: tuple[Step, ...]

    @property
    def percent(self) -> int:
        total = sum(step.weight for step in self.steps)
        return round(100 * sum(step.weight for step in self.steps if step.done) / total)

    @property
    def next_step(self) -> Step | None:
        """The most useful thing left to do: the heaviest unfinished step."""
        todo = [step for step in self.steps if not step.done]
        return max(todo, key=lambda step: step.weight) if todo else None


def completeness(profile: TalentProfile) -> Completeness:
    """How complete a profile is (on a profile from profile_for_overview: no queries)."""
    skills = profile.skill_count
    return Completeness(
        steps=(
            Step(
                skills >= MIN_SKILLS,
                _("Skills"),
                _("Add at least %(count)s skills") % {"count": MIN_SKILLS},
                "skills",
                25,
            ),
            Step(
                bool(profile.headline and profile.about),
                _("Introduction"),
                _("Write a headline and a few lines about yourself"),
                "basics",
                15,
            ),
            Step(
                profile.has_languages,
                _("Languages"),
                _("Add the languages you speak"),
                "languages",
                15,
            ),
            Step(
                profile.has_experience,
                _("Work experience"),
                _("Add your work experience"),
                "experience",
                10,
            ),
            Step(
                profile.has_opportunities and bool(profile.available_from),
                _("What you are looking for"),
                _("Tell what you are looking for and when you can start"),
                "preferences",
                10,
            ),
            Step(bool(profile.cv), _("CV"), _("Upload your CV"), "cv", 10),
            Step(
                profile.has_education,
                _("Education"),
                _("Add your education"),
                "education",
                5,
            ),
            Step(
                profile.has_occupations,
                _("Occupations"),
                _("Choose occupations that interest you"),
                "occupations",
                5,
            ),
            Step(bool(profile.photo), _("Photo"), _("Add a photo"), "photo", 5),
        )
    )
